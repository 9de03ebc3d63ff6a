import type { ProcessDefinitionInput } from '@congso/contracts'
import { analyzeProcess, edgeKey, type ProcessGraph } from './graph.ts'

/**
 * Where the diagram draws things: steps as boxes in columns (one per layer, left → right), forward
 * moves as arrows between the columns (over the top when a box is in the way), returns as dashed
 * arrows in lanes below. Pure geometry, in SVG user units; the first row of boxes starts at y = 0
 * and the lanes above it have negative y (`minY`).
 */

export const BOX_W = 160
export const BOX_H = 104
const GAP_X = 56
/** The widest a gap between two columns grows to make room for the labels of the moves across it. */
const GAP_X_MAX = 230
const GAP_Y = 36
/** Room left of the first column for the start marker. */
const LEFT = 76
const RIGHT = 24
const LANE = 28
/** Distance of the first lane from the boxes. */
const LANE_OFFSET = 26
const CORNER = 12

export interface NodeBox {
  id: string
  /** Index in `definition.steps`. */
  index: number
  x: number
  y: number
  layer: number
  reachable: boolean
  start: boolean
}

export interface EdgeGeom {
  /** Index in `definition.transitions`. */
  index: number
  kind: 'forward' | 'return'
  /** An SVG path. */
  d: string
  /** Where the label's centre goes (on the curve or on its lane). */
  labelAt: { x: number; y: number }
  /** Both ends are steps the start reaches. */
  reachable: boolean
  /** A forward move closing a loop. */
  cycle: boolean
  /** `curve`: between columns (the label sits on it); `lane`: a run above or below the boxes (the label sits on the run). */
  route: 'curve' | 'lane'
}

export interface DiagramLayout {
  graph: ProcessGraph
  nodes: NodeBox[]
  edges: EdgeGeom[]
  start: { x: number; y: number } | null
  minY: number
  width: number
  height: number
}

type Point = readonly [number, number]

/** A polyline with rounded corners (radius at most half of each segment). */
export function roundedPath(points: readonly Point[], radius = CORNER): string {
  if (points.length < 2) return ''
  const [x0, y0] = points[0]!
  let d = `M${x0} ${y0}`
  for (let i = 1; i < points.length - 1; i++) {
    const [px, py] = points[i - 1]!
    const [cx, cy] = points[i]!
    const [nx, ny] = points[i + 1]!
    const r = Math.min(radius, Math.hypot(cx - px, cy - py) / 2, Math.hypot(nx - cx, ny - cy) / 2)
    const a = towards([cx, cy], [px, py], r)
    const b = towards([cx, cy], [nx, ny], r)
    d += ` L${a[0]} ${a[1]} Q${cx} ${cy} ${b[0]} ${b[1]}`
  }
  const [lx, ly] = points[points.length - 1]!
  return `${d} L${lx} ${ly}`
}

function towards(from: Point, to: Point, dist: number): Point {
  const len = Math.hypot(to[0] - from[0], to[1] - from[1]) || 1
  return [round(from[0] + ((to[0] - from[0]) * dist) / len), round(from[1] + ((to[1] - from[1]) * dist) / len)]
}

const round = (n: number) => Math.round(n * 10) / 10

/** First-fit lanes for horizontal runs: runs in one lane never overlap. */
function assignLanes(runs: { lo: number; hi: number }[]): number[] {
  const lanes: { lo: number; hi: number }[][] = []
  const order = runs.map((r, i) => i).sort((a, b) => runs[a]!.hi - runs[a]!.lo - (runs[b]!.hi - runs[b]!.lo))
  const result = new Array<number>(runs.length).fill(0)
  for (const i of order) {
    const run = runs[i]!
    let lane = lanes.findIndex((l) => l.every((o) => run.hi + 10 < o.lo || run.lo - 10 > o.hi))
    if (lane < 0) lane = lanes.push([]) - 1
    lanes[lane]!.push(run)
    result[i] = lane
  }
  return result
}

function bezier(sx: number, sy: number, tx: number, ty: number) {
  const dx = Math.max(28, (tx - sx) / 2)
  const c1: Point = [sx + dx, sy]
  const c2: Point = [tx - dx, ty]
  const at = (t: number): Point => {
    const u = 1 - t
    return [
      u * u * u * sx + 3 * u * u * t * c1[0] + 3 * u * t * t * c2[0] + t * t * t * tx,
      u * u * u * sy + 3 * u * u * t * c1[1] + 3 * u * t * t * c2[1] + t * t * t * ty,
    ]
  }
  return { d: `M${sx} ${sy} C${round(c1[0])} ${c1[1]} ${round(c2[0])} ${c2[1]} ${tx} ${ty}`, at }
}

/**
 * `labelWidth` (optional) gives the width a transition's label needs: the gap after a column
 * widens to fit the labels of the moves to the next column (a branch's conditions).
 */
export function layoutProcess(def: ProcessDefinitionInput, labelWidth: (index: number) => number = () => 0): DiagramLayout {
  const graph = analyzeProcess(def)
  const { ids, indexOf, forward, cycleEdges, reachable, layer } = graph
  const preds = new Map<string, string[]>(ids.map((id) => [id, []]))
  for (const [from, tos] of forward) for (const to of tos) if (!cycleEdges.has(edgeKey(from, to))) preds.get(to)!.push(from)

  // Columns; within one, steps sit near the middle of the steps leading to them, unreachable ones last.
  const columns: string[][] = []
  for (const id of ids) (columns[layer.get(id)!] ??= []).push(id)
  const centre = new Map<string, number>()
  for (const column of columns) {
    if (!column) continue
    const key = (id: string) => {
      const ps = preds.get(id)!.filter((p) => centre.has(p))
      return ps.length ? ps.reduce((sum, p) => sum + centre.get(p)!, 0) / ps.length : 0
    }
    column.sort(
      (a, b) =>
        Number(!reachable.has(a)) - Number(!reachable.has(b)) ||
        (a === def.startStepId ? -1 : b === def.startStepId ? 1 : 0) ||
        key(a) - key(b) ||
        indexOf.get(a)! - indexOf.get(b)!,
    )
    column.forEach((id, i) => centre.set(id, (i - (column.length - 1) / 2) * (BOX_H + GAP_Y)))
  }
  const rows = Math.max(1, ...columns.map((c) => c?.length ?? 0))
  const gaps = columns.map(() => GAP_X)
  def.transitions.forEach((tr, i) => {
    if (tr.kind !== 'forward' || !indexOf.has(tr.from) || !indexOf.has(tr.to)) return
    const l = layer.get(tr.from)!
    if (layer.get(tr.to) !== l + 1) return
    gaps[l] = Math.min(GAP_X_MAX, Math.max(gaps[l]!, labelWidth(i) + 28))
  })
  const columnX: number[] = []
  columns.forEach((_, l) => columnX.push(l === 0 ? LEFT : columnX[l - 1]! + BOX_W + gaps[l - 1]!))
  const top = Math.min(0, ...centre.values()) - BOX_H / 2
  const nodes: NodeBox[] = ids.map((id) => ({
    id,
    index: indexOf.get(id)!,
    x: columnX[layer.get(id)!]!,
    y: round(centre.get(id)! - BOX_H / 2 - top),
    layer: layer.get(id)!,
    reachable: reachable.has(id),
    start: id === def.startStepId,
  }))
  const byId = new Map(nodes.map((n) => [n.id, n]))
  const lowest = new Set(columns.filter(Boolean).map((c) => c[c.length - 1]!))
  const boxesBottom = (rows - 1) * (BOX_H + GAP_Y) + BOX_H
  const cx = (n: NodeBox) => n.x + BOX_W / 2
  const cy = (n: NodeBox) => n.y + BOX_H / 2

  // Forward moves: a curve to the next columns, or over the top when a box is in the way.
  interface Pending {
    index: number
    kind: 'forward' | 'return'
    from: NodeBox
    to: NodeBox
  }
  const pending: Pending[] = []
  def.transitions.forEach((t, index) => {
    const from = byId.get(t.from)
    const to = byId.get(t.to)
    if (from && to && from !== to) pending.push({ index, kind: t.kind, from, to })
  })
  const edges: EdgeGeom[] = []
  const over: { p: Pending; x1: number; x2: number }[] = []
  const overByGap = new Map<number, number>()
  const gapSlot = (x: number) => {
    const n = overByGap.get(x) ?? 0
    overByGap.set(x, n + 1)
    return n * 6
  }
  for (const p of pending.filter((e) => e.kind === 'forward')) {
    const sx = p.from.x + BOX_W
    const tx = p.to.x
    const cycle = cycleEdges.has(edgeKey(p.from.id, p.to.id))
    if (!cycle && tx > sx) {
      const curve = bezier(sx, cy(p.from), tx, cy(p.to))
      const blocked = nodes.some((n) => {
        if (n === p.from || n === p.to) return false
        for (let t = 0.05; t < 1; t += 0.05) {
          const [x, y] = curve.at(t)
          if (x > n.x - 6 && x < n.x + BOX_W + 6 && y > n.y - 6 && y < n.y + BOX_H + 6) return true
        }
        return false
      })
      if (!blocked) {
        const [lx, ly] = curve.at(0.5)
        edges.push({
          index: p.index,
          kind: 'forward',
          d: curve.d,
          labelAt: { x: round(lx), y: round(ly) },
          reachable: p.from.reachable && p.to.reachable,
          cycle,
          route: 'curve',
        })
        continue
      }
    }
    over.push({ p, x1: sx + 14 + gapSlot(sx), x2: tx - 14 - gapSlot(-tx) })
  }
  const overLanes = assignLanes(over.map((o) => ({ lo: Math.min(o.x1, o.x2), hi: Math.max(o.x1, o.x2) })))
  over.forEach(({ p, x1, x2 }, i) => {
    const y = -LANE_OFFSET - overLanes[i]! * LANE
    const sy = cy(p.from)
    const ty = cy(p.to)
    edges.push({
      index: p.index,
      kind: 'forward',
      d: roundedPath([
        [p.from.x + BOX_W, sy],
        [x1, sy],
        [x1, y],
        [x2, y],
        [x2, ty],
        [p.to.x, ty],
      ]),
      labelAt: { x: round((x1 + x2) / 2), y },
      reachable: p.from.reachable && p.to.reachable,
      cycle: cycleEdges.has(edgeKey(p.from.id, p.to.id)),
      route: 'lane',
    })
  })

  // Returns: dashed, in lanes below the boxes. Under a box that is the lowest of its column they
  // leave (left half) and arrive (right half) through its bottom, longer ones nearer the middle so
  // that the runs nest; other boxes are left and entered through the gaps beside them.
  const returns = pending.filter((e) => e.kind === 'return')
  const span = (p: Pending) => Math.abs(cx(p.from) - cx(p.to))
  const bottomX = new Map<Pending, { sx?: number; tx?: number }>()
  for (const n of nodes) {
    if (!lowest.has(n.id)) continue
    const outs = returns.filter((p) => p.from === n).sort((a, b) => span(a) - span(b))
    const ins = returns.filter((p) => p.to === n).sort((a, b) => span(a) - span(b))
    const limit = BOX_W / 2 - 10
    outs.forEach((p, k) => {
      bottomX.set(p, { ...bottomX.get(p), sx: cx(n) - Math.min(limit, 12 + (outs.length - 1 - k) * 14) })
    })
    ins.forEach((p, k) => {
      bottomX.set(p, { ...bottomX.get(p), tx: cx(n) + Math.min(limit, 12 + (ins.length - 1 - k) * 14) })
    })
  }
  const routes = returns.map((p) => {
    const at = bottomX.get(p) ?? {}
    const sx = at.sx ?? p.from.x - 14 - gapSlot(p.from.x)
    const tx = at.tx ?? p.to.x + BOX_W + 14 + gapSlot(p.to.x + BOX_W)
    return { p, sx, tx }
  })
  const lanes = assignLanes(routes.map((r) => ({ lo: Math.min(r.sx, r.tx), hi: Math.max(r.sx, r.tx) })))
  routes.forEach(({ p, sx, tx }, i) => {
    const y = boxesBottom + LANE_OFFSET + lanes[i]! * LANE
    const exitY = p.from.y + BOX_H - 16
    const entryY = p.to.y + BOX_H - 16
    const head: Point[] =
      bottomX.get(p)?.sx !== undefined
        ? [[sx, p.from.y + BOX_H]]
        : [
            [p.from.x, exitY],
            [sx, exitY],
          ]
    const tail: Point[] =
      bottomX.get(p)?.tx !== undefined
        ? [[tx, p.to.y + BOX_H]]
        : [
            [tx, entryY],
            [p.to.x + BOX_W, entryY],
          ]
    edges.push({
      index: p.index,
      kind: 'return',
      d: roundedPath([...head, [sx, y], [tx, y], ...tail]),
      labelAt: { x: round((sx + tx) / 2), y },
      reachable: p.from.reachable && p.to.reachable,
      cycle: false,
      route: 'lane',
    })
  })

  const startNode = byId.get(def.startStepId)
  const minY = over.length ? -LANE_OFFSET - Math.max(...overLanes) * LANE - 22 : -24
  const maxY = boxesBottom + (routes.length ? LANE_OFFSET + (Math.max(...lanes) + 1) * LANE : 0) + 16
  return {
    graph,
    nodes,
    edges: edges.sort((a, b) => a.index - b.index),
    start: startNode ? { x: LEFT - 54, y: cy(startNode) } : null,
    minY,
    width: (columnX[columnX.length - 1] ?? LEFT) + BOX_W + RIGHT,
    height: maxY - minY,
  }
}
