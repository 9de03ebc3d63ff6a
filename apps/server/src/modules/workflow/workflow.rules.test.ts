import { standardProcess, validateProcess, type StepDuration } from '@congso/domain'
import { describe, expect, it } from 'vitest'
import { issueFields, legalTimeOf, processIssues, scaleToLegalTime } from './workflow.rules.ts'

const durations = (legal: StepDuration) => scaleToLegalTime(standardProcess(), legal).steps.map((s) => s.duration)

describe('scaleToLegalTime (demo processes for short legal times)', () => {
  it('keeps the standard process when it fits (6 working days, or calendar days counted as working days)', () => {
    const def = standardProcess()
    expect(scaleToLegalTime(def, { value: 6, unit: 'working_day' })).toBe(def)
    expect(scaleToLegalTime(def, { value: 15, unit: 'day' })).toBe(def)
  })

  it('scales every step by the same factor in whole working hours, at least one, and then validates', () => {
    expect(durations({ value: 1, unit: 'working_day' })).toEqual([
      { value: 4, unit: 'working_hour' },
      { value: 1, unit: 'working_hour' },
      { value: 1, unit: 'working_hour' },
      { value: 1, unit: 'working_hour' },
      { value: 1, unit: 'working_hour' },
    ])
    expect(durations({ value: 3, unit: 'working_day' })).toEqual([
      { value: 12, unit: 'working_hour' },
      { value: 4, unit: 'working_hour' },
      { value: 4, unit: 'working_hour' },
      { value: 2, unit: 'working_hour' },
      { value: 2, unit: 'working_hour' },
    ])
    // whole days stay days
    expect(durations({ value: 2, unit: 'working_day' })[0]).toEqual({ value: 1, unit: 'working_day' })
    for (const value of [1, 2, 3, 4, 5]) {
      const legal: StepDuration = { value, unit: 'working_day' }
      expect(validateProcess(scaleToLegalTime(standardProcess(), legal), legal)).toEqual([])
    }
  })
})

describe('processIssues and issueFields', () => {
  const unit = '11111111-1111-4111-8111-111111111111'
  const checks = { legalTime: legalTimeOf({ value: 6, unit: 'working_day' }), unitIds: new Set([unit]), formFields: new Set(['loai']) }

  it('adds the references only the server can check: units of the agency, fields of the e-form', () => {
    expect(processIssues(standardProcess({ specialistUnitId: unit }), checks)).toEqual([])
    const def = standardProcess({ specialistUnitId: '22222222-2222-4222-8222-222222222222' })
    def.transitions.push({ from: 'tham-dinh', to: 'phe-duyet', kind: 'forward', condition: { field: 'loai', op: 'eq', value: 'nhanh' } })
    def.transitions.push({ from: 'kiem-tra', to: 'phat-hanh', kind: 'forward', condition: { field: 'khac', op: 'eq', value: 1 } })
    expect(processIssues(def, checks).map((i) => [i.code, i.path])).toEqual([
      ['approval-bypassed', 'transitions'],
      ['step-unit-invalid', 'steps[0].unitId'],
      ['step-unit-invalid', 'steps[1].unitId'],
      ['condition-field-unknown', 'transitions[8].condition.field'],
    ])
  })

  it('turns issue paths into the field paths of the request body', () => {
    expect(
      issueFields([
        { code: 'step-unreachable', path: 'steps[5]', message: 'a' },
        { code: 'condition-field-unknown', path: 'transitions[12].condition.field', message: 'b' },
        { code: 'start-unknown', path: 'startStepId', message: 'c' },
      ]),
    ).toEqual([
      { path: 'body.definition.steps.5', message: 'a' },
      { path: 'body.definition.transitions.12.condition.field', message: 'b' },
      { path: 'body.definition.startStepId', message: 'c' },
    ])
  })
})
