import type { z } from 'zod'
import { ProcessDefinitionInput, type EFormField, type ProcessIssue, type ProcessVersionView } from '@congso/contracts'
import { standardProcess, type BranchCondition, type StepKind, type StepRole } from '@congso/domain'

/**
 * The process editor's form model: what the antd form holds (selects need strings, so a step
 * without a unit holds `''` and a condition value is text or a list of texts) and the
 * `ProcessDefinitionInput` sent to the server, both ways.
 */

export type ConditionOp = BranchCondition['op']
export type EFormFieldT = z.infer<typeof EFormField>
export type ProcessView = ProcessVersionView

export interface StepValues {
  id: string
  name: string
  kind: StepKind
  role: StepRole
  /** `''` = the agency's own staff with the role (no unit). */
  unitId: string
  duration: { value: number | null; unit: 'working_day' | 'working_hour' }
}

export interface TransitionValues {
  from?: string
  to?: string
  kind: 'forward' | 'return'
  condition?: { field?: string; op?: ConditionOp; value?: string | string[] }
  label?: string
}

export interface ProcessFormValues {
  startStepId?: string
  steps?: StepValues[]
  transitions?: TransitionValues[]
}

/** A problem to show: an issue of the server's check, or a field the form cannot send yet. */
export type EditorIssue = Pick<ProcessIssue, 'path' | 'message'> & { code: ProcessIssue['code'] | 'form' }

export const CONDITION_OPS: readonly ConditionOp[] = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in']
const NUMERIC_OPS: readonly ConditionOp[] = ['gt', 'gte', 'lt', 'lte']

/** The starter of a new process: the domain's standard one (specialist → unit head → leader → clerk → counter), without units. */
export const starterDefinition = (): ProcessDefinitionInput => ProcessDefinitionInput.parse(standardProcess())

function valueToForm(v: BranchCondition['value']): string | string[] {
  if (Array.isArray(v)) return v.map(String)
  return String(v)
}

export function toFormValues(def: ProcessDefinitionInput): ProcessFormValues {
  return {
    startStepId: def.startStepId,
    steps: def.steps.map((s) => ({ ...s, unitId: s.unitId ?? '', duration: { ...s.duration } })),
    transitions: def.transitions.map((t) => ({
      from: t.from,
      to: t.to,
      kind: t.kind,
      condition: t.condition ? { field: t.condition.field, op: t.condition.op, value: valueToForm(t.condition.value) } : undefined,
      label: t.label ?? undefined,
    })),
  }
}

const asNumber = (s: string): string | number => (s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : s)

/** A condition's value as the e-form answers hold it: numbers for number fields and comparisons, booleans for check boxes, a list for `in`. */
export function conditionValue(
  raw: string | string[] | undefined,
  op: ConditionOp,
  field: EFormFieldT | undefined,
): BranchCondition['value'] {
  if (op === 'in') {
    const items = (Array.isArray(raw) ? raw : (raw ?? '').split(',')).map((s) => s.trim()).filter(Boolean)
    return field?.type === 'number' ? items.map(asNumber) : items
  }
  const s = (Array.isArray(raw) ? raw.join(',') : (raw ?? '')).trim()
  if (field?.type === 'checkbox') return s === 'true'
  if (NUMERIC_OPS.includes(op) || field?.type === 'number') return asNumber(s)
  return s
}

/** The definition the form describes (not yet checked: `ProcessDefinitionInput.safeParse` does that). */
export function fromFormValues(v: ProcessFormValues, fields: readonly EFormFieldT[]): unknown {
  const byKey = new Map(fields.map((f) => [f.key, f]))
  return {
    startStepId: v.startStepId ?? '',
    steps: (v.steps ?? []).map((s) => ({
      id: (s.id ?? '').trim(),
      name: s.name ?? '',
      kind: s.kind,
      role: s.role,
      unitId: s.unitId ? s.unitId : null,
      duration: { value: s.duration?.value ?? 0, unit: s.duration?.unit ?? 'working_day' },
    })),
    transitions: (v.transitions ?? []).map((t) => {
      const field = t.condition?.field
      const op = t.condition?.op ?? 'eq'
      const label = (t.label ?? '').trim()
      return {
        from: t.from ?? '',
        to: t.to ?? '',
        kind: t.kind,
        condition: field && t.kind === 'forward' ? { field, op, value: conditionValue(t.condition?.value, op, byKey.get(field)) } : null,
        label: label === '' ? null : label,
      }
    }),
  }
}

/** `['steps', 2, 'duration', 'value']` → `steps[2].duration.value` (the server's issue paths). */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '')
}

/** The definition the form describes, or the form's own problems (empty names, missing durations…) as issues. */
export function parseForm(
  v: ProcessFormValues,
  fields: readonly EFormFieldT[],
): { definition: ProcessDefinitionInput; problems: [] } | { definition: null; problems: EditorIssue[] } {
  const res = ProcessDefinitionInput.safeParse(fromFormValues(v, fields))
  if (res.success) return { definition: res.data, problems: [] }
  return { definition: null, problems: res.error.issues.map((i) => ({ code: 'form', path: issuePath(i.path), message: i.message })) }
}

export type IssueTarget = { kind: 'step'; index: number } | { kind: 'transition'; index: number } | { kind: 'start' } | { kind: 'process' }

/** What an issue's path names: `steps[2].unitId` → step 2, `transitions[4]` → transition 4, `startStepId`, or the whole process. */
export function issueTarget(path: string): IssueTarget {
  const m = /^(steps|transitions)\[(\d+)\]/.exec(path)
  if (m) return { kind: m[1] === 'steps' ? 'step' : 'transition', index: Number(m[2]) }
  if (path.startsWith('startStepId')) return { kind: 'start' }
  return { kind: 'process' }
}

export function issuesByTarget(issues: readonly EditorIssue[]) {
  const steps = new Map<number, EditorIssue[]>()
  const transitions = new Map<number, EditorIssue[]>()
  const start: EditorIssue[] = []
  for (const issue of issues) {
    const target = issueTarget(issue.path)
    if (target.kind === 'step') steps.set(target.index, [...(steps.get(target.index) ?? []), issue])
    else if (target.kind === 'transition') transitions.set(target.index, [...(transitions.get(target.index) ?? []), issue])
    else if (target.kind === 'start') start.push(issue)
  }
  return { steps, transitions, start }
}

/** A step id not used yet: `buoc-6`, `buoc-7`… */
export function nextStepId(steps: readonly Pick<StepValues, 'id'>[]): string {
  const taken = new Set(steps.map((s) => s.id))
  for (let n = steps.length + 1; ; n++) if (!taken.has(`buoc-${n}`)) return `buoc-${n}`
}

export function newStep(steps: readonly Pick<StepValues, 'id'>[]): StepValues {
  return {
    id: nextStepId(steps),
    name: '',
    kind: 'task',
    role: 'processing_officer',
    unitId: '',
    duration: { value: 1, unit: 'working_day' },
  }
}

/** After a step's id changed from `before` to `after`: the start and the transitions that named it follow. */
export function renameStepRefs(v: ProcessFormValues, before: string, after: string): ProcessFormValues | null {
  if (!before || before === after) return null
  const transitions = v.transitions ?? []
  const touched = v.startStepId === before || transitions.some((t) => t.from === before || t.to === before)
  if (!touched) return null
  return {
    startStepId: v.startStepId === before ? after : v.startStepId,
    transitions: transitions.map((t) => ({ ...t, from: t.from === before ? after : t.from, to: t.to === before ? after : t.to })),
  }
}

/** A JSON file picked for import: the exported shape (`procedureCode`, `agencyCode`, `version`, `definition`). */
export function readImportFile(text: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(text)
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/** Issues of a `PROCESS_INVALID` answer (`{ error, issues }`), if that is what the body is. */
export function issuesOfBody(body: unknown): EditorIssue[] | null {
  if (typeof body !== 'object' || body === null || !('issues' in body)) return null
  const issues = body.issues
  if (!Array.isArray(issues)) return null
  return issues.filter(
    (i): i is ProcessIssue =>
      typeof i === 'object' &&
      i !== null &&
      typeof (i as ProcessIssue).path === 'string' &&
      typeof (i as ProcessIssue).message === 'string',
  )
}
