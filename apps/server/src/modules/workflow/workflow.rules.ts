import type { ProcedureContent, ProcessIssue } from '@congso/contracts'
import { DAY_WORKING_MINUTES, durationMinutes, validateProcess, type ProcessDefinition, type StepDuration } from '@congso/domain'

/**
 * The catalog's processing time as the domain's duration. The units are the same three
 * (`working_day`, `working_hour`, `day`); calendar days (`day`) are compared by `validateProcess`
 * as if they were working days, a lenient bound the editor states (ADR 0008).
 */
export function legalTimeOf(pt: ProcedureContent['processingTime']): StepDuration {
  return { value: pt.value, unit: pt.unit }
}

/** What the server knows beyond the definition: the legal time, the agency's units, the e-form's fields. */
export interface ProcessChecks {
  legalTime: StepDuration | null
  unitIds: ReadonlySet<string>
  formFields: ReadonlySet<string>
}

/** Every issue of a definition: the domain's rules, then the references only the server can look up. */
export function processIssues(def: ProcessDefinition, checks: ProcessChecks): ProcessIssue[] {
  const issues: ProcessIssue[] = [...validateProcess(def, checks.legalTime ?? undefined)]
  def.steps.forEach((s, i) => {
    if (s.unitId !== null && !checks.unitIds.has(s.unitId))
      issues.push({
        code: 'step-unit-invalid',
        path: `steps[${i}].unitId`,
        message: `Bước "${s.name}": phòng/đơn vị được giao không thuộc cơ quan thực hiện`,
      })
  })
  def.transitions.forEach((t, i) => {
    if (t.condition && !checks.formFields.has(t.condition.field))
      issues.push({
        code: 'condition-field-unknown',
        path: `transitions[${i}].condition.field`,
        message: `Điều kiện rẽ nhánh dùng trường "${t.condition.field}" không có trong tờ khai điện tử của thủ tục`,
      })
  })
  return issues
}

/** Issues as the field errors of a request body: `steps[2].unitId` → `body.definition.steps.2.unitId`. */
export function issueFields(issues: ProcessIssue[], prefix = 'body.definition'): { path: string; message: string }[] {
  return issues.map((i) => ({ path: `${prefix}.${i.path.replace(/\[(\d+)\]/g, '.$1')}`, message: i.message }))
}

/**
 * A process made to fit a shorter legal time: every step's time scaled down by the same factor,
 * in whole working hours, at least one hour each (rounded down, so the slowest path stays within
 * the scaled total). Used for the demo data; real processes are drawn by the agency.
 */
export function scaleToLegalTime(def: ProcessDefinition, legalTime: StepDuration): ProcessDefinition {
  const total = def.steps.reduce((sum, s) => sum + durationMinutes(s.duration), 0)
  const legal = durationMinutes(legalTime)
  if (total <= legal) return def
  const factor = legal / total
  return {
    ...def,
    steps: def.steps.map((s) => {
      const hours = Math.max(1, Math.floor((durationMinutes(s.duration) * factor) / 60))
      const duration: StepDuration =
        (hours * 60) % DAY_WORKING_MINUTES === 0
          ? { value: (hours * 60) / DAY_WORKING_MINUTES, unit: 'working_day' }
          : { value: hours, unit: 'working_hour' }
      return { ...s, duration }
    }),
  }
}
