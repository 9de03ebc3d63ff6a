import { describe, expect, it } from 'vitest'
import { approvalAhead, conditionHolds, forwardTargets, validateProcess, type ProcessDefinition } from './definition.ts'
import { standardProcess } from './samples.ts'

const codes = (def: ProcessDefinition, legal?: Parameters<typeof validateProcess>[1]) => validateProcess(def, legal).map((i) => i.code)

describe('validateProcess', () => {
  it('accepts the standard process within its legal time, and says when the steps take longer', () => {
    expect(validateProcess(standardProcess(), { value: 6, unit: 'working_day' })).toEqual([])
    const issues = validateProcess(standardProcess(), { value: 5, unit: 'working_day' })
    expect(issues).toEqual([
      {
        code: 'duration-exceeds-legal-time',
        path: 'steps',
        message: 'Tổng thời gian các bước (6 ngày làm việc) vượt thời hạn giải quyết của thủ tục (5 ngày làm việc)',
      },
    ])
  })

  it('judges the slowest branch, not the sum of all steps', () => {
    const def = standardProcess()
    // A fast lane that skips the unit head: the slow lane still bounds the process.
    def.transitions.push({ from: 'tham-dinh', to: 'phe-duyet', kind: 'forward', condition: { field: 'urgent', op: 'eq', value: true } })
    expect(codes(def, { value: 6, unit: 'working_day' })).toEqual([])
    expect(codes(def, { value: 47, unit: 'working_hour' })).toEqual(['duration-exceeds-legal-time'])
  })

  it('finds unreachable steps, dead ends, loops and returns that go forward', () => {
    const def = standardProcess()
    def.steps.push({
      id: 'mo-coi',
      name: 'Bước mồ côi',
      kind: 'task',
      role: 'clerk',
      unitId: null,
      duration: { value: 1, unit: 'working_day' },
    })
    expect(codes(def)).toEqual(['step-unreachable'])

    const dead = standardProcess()
    dead.transitions = dead.transitions.filter((t) => !(t.from === 'phat-hanh' && t.kind === 'forward'))
    expect(codes(dead)).toEqual(expect.arrayContaining(['step-dead-end', 'step-unreachable']))

    const loop = standardProcess()
    loop.transitions.push({ from: 'phe-duyet', to: 'tham-dinh', kind: 'forward' })
    expect(codes(loop)).toEqual(['forward-cycle'])

    const wrongReturn = standardProcess()
    wrongReturn.transitions.push({ from: 'tham-dinh', to: 'phe-duyet', kind: 'return' })
    expect(codes(wrongReturn)).toEqual(['return-not-backward'])
  })

  it('names structural mistakes with the path the editor highlights', () => {
    const def = standardProcess()
    def.steps[1]!.id = 'tham-dinh'
    expect(validateProcess(def)[0]).toMatchObject({ code: 'step-id-duplicate', path: 'steps[1].id' })
    expect(codes({ ...standardProcess(), startStepId: 'khong-co' })).toEqual(['start-unknown'])
    const unknown = standardProcess()
    unknown.transitions.push({ from: 'tham-dinh', to: 'dau-do', kind: 'forward' })
    expect(validateProcess(unknown)).toContainEqual(expect.objectContaining({ code: 'transition-unknown-step', path: 'transitions[7]' }))
    const noApproval = standardProcess()
    noApproval.steps[2]!.kind = 'task'
    expect(codes(noApproval)).toEqual(['approval-missing'])
    const zero = standardProcess()
    zero.steps[0]!.duration = { value: 0, unit: 'working_day' }
    expect(codes(zero)).toEqual(['step-duration-invalid'])
    expect(codes({ startStepId: 'a', steps: [], transitions: [] })).toEqual(['process-empty'])
  })

  it('requires a default branch when every way out has a condition', () => {
    const def = standardProcess()
    def.transitions[0]!.condition = { field: 'loai', op: 'eq', value: 'A' }
    def.transitions.push({ from: 'tham-dinh', to: 'phe-duyet', kind: 'forward', condition: { field: 'loai', op: 'eq', value: 'B' } })
    expect(codes(def)).toEqual(['branch-without-default'])
  })
})

describe('the approval step', () => {
  it('cannot be bypassed on the way to the result', () => {
    const def = standardProcess()
    def.transitions.push({ from: 'kiem-tra', to: 'phat-hanh', kind: 'forward', condition: { field: 'gap', op: 'eq', value: true } })
    expect(validateProcess(def)).toEqual([
      { code: 'approval-bypassed', path: 'transitions', message: 'Có đường đi đến bước trả kết quả mà không qua bước phê duyệt nào' },
    ])
  })

  it('lies ahead of the steps up to it, not of those after it', () => {
    const def = standardProcess()
    expect(['tham-dinh', 'kiem-tra', 'phe-duyet', 'phat-hanh', 'tra-ket-qua'].map((id) => approvalAhead(def, id))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ])
  })
})

describe('branches', () => {
  it('takes the first holding condition, else the default', () => {
    const def = standardProcess()
    def.transitions.push({ from: 'tham-dinh', to: 'phe-duyet', kind: 'forward', condition: { field: 'dienTich', op: 'lt', value: 100 } })
    expect(forwardTargets(def, 'tham-dinh', { dienTich: '80' })).toEqual(['phe-duyet'])
    expect(forwardTargets(def, 'tham-dinh', { dienTich: 120 })).toEqual(['kiem-tra'])
    expect(forwardTargets(def, 'tham-dinh', {})).toEqual(['kiem-tra'])
  })

  it('compares numbers as numbers and never matches a missing answer', () => {
    expect(conditionHolds({ field: 'n', op: 'gte', value: 10 }, { n: '10' })).toBe(true)
    expect(conditionHolds({ field: 'n', op: 'gt', value: 10 }, { n: '' })).toBe(false)
    expect(conditionHolds({ field: 'x', op: 'in', value: ['a', 'b'] }, { x: 'b' })).toBe(true)
    expect(conditionHolds({ field: 'x', op: 'neq', value: 'a' }, {})).toBe(true)
  })
})
