import { describe, expect, it } from 'vitest'
import { ProcessDefinitionInput } from '@congso/contracts'
import { standardProcess } from '@congso/domain'
import { analyzeProcess, longestPathMinutes } from './graph.ts'
import { BOX_H, BOX_W, layoutProcess, roundedPath } from './layout.ts'
import { wrapText } from './text.ts'

const standard = ProcessDefinitionInput.parse(standardProcess())

/** The standard process with a conditional detour: tham-dinh → xac-minh (if loaiPhieu = so2) → kiem-tra, else straight to kiem-tra. */
const branching: ProcessDefinitionInput = {
  ...standard,
  steps: [
    ...standard.steps,
    {
      id: 'xac-minh',
      name: 'Xác minh',
      kind: 'task',
      role: 'processing_officer',
      unitId: null,
      duration: { value: 2, unit: 'working_day' },
    },
  ],
  transitions: [
    { from: 'tham-dinh', to: 'xac-minh', kind: 'forward', condition: { field: 'loaiPhieu', op: 'eq', value: 'so2' } },
    { from: 'xac-minh', to: 'kiem-tra', kind: 'forward' },
    ...standard.transitions,
  ],
}

const overlap = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  a.x < b.x + BOX_W && b.x < a.x + BOX_W && a.y < b.y + BOX_H && b.y < a.y + BOX_H

describe('process graph', () => {
  it('layers the standard process in a row, longest path first', () => {
    const g = analyzeProcess(standard)
    expect(standard.steps.map((s) => g.layer.get(s.id))).toEqual([0, 1, 2, 3, 4])
    expect(g.reachable.size).toBe(5)
    expect(g.cycleEdges.size).toBe(0)
  })

  it('puts a step after the longest way to it, and finds the slowest path', () => {
    const g = analyzeProcess(branching)
    expect(g.layer.get('xac-minh')).toBe(1)
    expect(g.layer.get('kiem-tra')).toBe(2)
    // 3 + 2 + 1 + 1 days + 4 h + 4 h = 8 working days
    expect(longestPathMinutes(branching)).toBe(8 * 480)
    expect(longestPathMinutes(standard)).toBe(6 * 480)
  })

  it('marks steps the start does not reach and survives forward loops', () => {
    const broken: ProcessDefinitionInput = {
      ...standard,
      steps: [...standard.steps, { ...standard.steps[0]!, id: 'mo-coi', name: 'Mồ côi' }],
      transitions: [...standard.transitions, { from: 'tra-ket-qua', to: 'tham-dinh', kind: 'forward' }],
    }
    const g = analyzeProcess(broken)
    expect(g.reachable.has('mo-coi')).toBe(false)
    expect(g.cycleEdges.size).toBe(1)
    expect(longestPathMinutes(broken)).toBeNull()
    expect(() => layoutProcess(broken)).not.toThrow()
  })
})

describe('process layout', () => {
  it('draws the standard process left to right with returns below, boxes apart', () => {
    const l = layoutProcess(standard)
    const xs = l.nodes.map((n) => n.x)
    expect([...xs].sort((a, b) => a - b)).toEqual(xs)
    expect(new Set(l.nodes.map((n) => n.y)).size).toBe(1)
    const returns = l.edges.filter((e) => e.kind === 'return')
    expect(returns).toHaveLength(3)
    for (const e of returns) expect(e.labelAt.y).toBeGreaterThan(BOX_H)
    // the two one-step returns share the first lane, the two-step one goes below them
    expect(new Set(returns.map((e) => e.labelAt.y)).size).toBe(2)
    expect(l.start).not.toBeNull()
    expect(l.minY).toBeLessThan(0)
  })

  it('routes a move that would cross a box over the top, and widens the gap for a branch label', () => {
    const l = layoutProcess(branching, (i) => (i === 0 ? 150 : 0))
    const nodes = l.nodes
    for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) expect(overlap(nodes[i]!, nodes[j]!)).toBe(false)
    // transition 2 is tham-dinh → kiem-tra, across the column of xac-minh
    const skip = l.edges.find((e) => e.index === 2)!
    expect(skip.route).toBe('lane')
    expect(skip.labelAt.y).toBeLessThan(0)
    const byId = new Map(nodes.map((n) => [n.id, n]))
    expect(byId.get('xac-minh')!.x - (byId.get('tham-dinh')!.x + BOX_W)).toBeGreaterThanOrEqual(150)
  })

  it('rounds the corners of a polyline', () => {
    expect(
      roundedPath(
        [
          [0, 0],
          [0, 50],
          [50, 50],
        ],
        10,
      ),
    ).toBe('M0 0 L0 40 Q0 50 10 50 L50 50')
  })
})

describe('box text', () => {
  it('wraps a step name into two lines at most, with an ellipsis', () => {
    expect(wrapText('Thẩm định hồ sơ', 140, 13, 2, true)).toEqual(['Thẩm định hồ sơ'])
    const lines = wrapText('Lãnh đạo phê duyệt, ký số văn bản và chuyển văn thư phát hành kết quả', 140, 13, 2, true)
    expect(lines).toHaveLength(2)
    expect(lines[1]!.endsWith('…')).toBe(true)
  })
})
