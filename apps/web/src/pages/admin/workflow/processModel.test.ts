import { describe, expect, it } from 'vitest'
import {
  conditionValue,
  issueTarget,
  issuesByTarget,
  nextStepId,
  parseForm,
  renameStepRefs,
  starterDefinition,
  toFormValues,
  type EFormFieldT,
} from './processModel.ts'

const fields: EFormFieldT[] = [
  { key: 'loaiPhieu', label: 'Loại phiếu', type: 'select', required: true, options: [{ value: 'so2', label: 'Phiếu số 2' }] },
  { key: 'soLuong', label: 'Số lượng', type: 'number', required: true },
  { key: 'khan', label: 'Khẩn', type: 'checkbox', required: false },
]

describe('process form model', () => {
  it('round-trips a definition through the form, units and conditions included', () => {
    const def = starterDefinition()
    def.transitions.push({
      from: 'tham-dinh',
      to: 'phe-duyet',
      kind: 'forward',
      condition: { field: 'soLuong', op: 'gte', value: 5 },
      label: null,
    })
    const back = parseForm(toFormValues(def), fields)
    expect(back.definition).toEqual({
      ...def,
      transitions: def.transitions.map((t) => ({ ...t, condition: t.condition ?? null, label: t.label ?? null })),
    })
  })

  it('reads condition values as the e-form holds them', () => {
    expect(conditionValue('5', 'gt', undefined)).toBe(5)
    expect(conditionValue('so2', 'eq', fields[0])).toBe('so2')
    expect(conditionValue('12', 'eq', fields[1])).toBe(12)
    expect(conditionValue('true', 'eq', fields[2])).toBe(true)
    expect(conditionValue('a, b ,', 'in', undefined)).toEqual(['a', 'b'])
    expect(conditionValue(['1', '2'], 'in', fields[1])).toEqual([1, 2])
  })

  it('turns what the form cannot send into issues with paths', () => {
    const v = toFormValues(starterDefinition())
    v.steps![1]!.name = ''
    v.steps![2]!.duration.value = null
    const res = parseForm(v, fields)
    expect(res.definition).toBeNull()
    expect(res.problems.map((p) => p.path).sort()).toEqual(['steps[1].name', 'steps[2].duration.value'])
  })

  it('finds the step or transition an issue names', () => {
    expect(issueTarget('steps[2].unitId')).toEqual({ kind: 'step', index: 2 })
    expect(issueTarget('transitions[4]')).toEqual({ kind: 'transition', index: 4 })
    expect(issueTarget('startStepId')).toEqual({ kind: 'start' })
    expect(issueTarget('steps')).toEqual({ kind: 'process' })
    const by = issuesByTarget([
      { code: 'step-unreachable', path: 'steps[1]', message: 'a' },
      { code: 'step-id-invalid', path: 'steps[1].id', message: 'b' },
      { code: 'transition-self', path: 'transitions[0]', message: 'c' },
    ])
    expect(by.steps.get(1)).toHaveLength(2)
    expect(by.transitions.get(0)).toHaveLength(1)
  })

  it('renames a step everywhere it is named, and numbers new steps', () => {
    const v = toFormValues(starterDefinition())
    const patch = renameStepRefs(v, 'tham-dinh', 'xu-ly')!
    expect(patch.startStepId).toBe('xu-ly')
    expect(patch.transitions!.filter((t) => t.from === 'xu-ly' || t.to === 'xu-ly')).toHaveLength(3)
    expect(renameStepRefs(v, 'khong-co', 'x')).toBeNull()
    expect(nextStepId([{ id: 'buoc-2' }, { id: 'buoc-3' }])).toBe('buoc-4')
  })
})
