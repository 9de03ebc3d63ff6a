import type { ProcessDefinitionInput } from '@congso/contracts'
import { durationMinutes } from '@congso/domain'

/**
 * The shape of a process as a graph, for the editor's diagram and its time summary: which steps
 * the start leads to, a topological order of the forward moves and each step's layer (the longest
 * forward path from the start, or from the step's own roots when the start does not reach it).
 * Works on any definition the form holds, valid or not: forward moves that close a cycle are set
 * aside (`cycleEdges`) instead of failing.
 */
export interface ProcessGraph {
  /** Step ids in the order of the definition, each once (a repeated id keeps its first step). */
  ids: string[]
  /** Index in `steps` of each id. */
  indexOf: Map<string, number>
  /** Forward moves between known, distinct steps (duplicates once). */
  forward: Map<string, string[]>
  /** Forward moves that close a cycle (`from → to`), left out of `order` and `layer`. */
  cycleEdges: Set<string>
  /** Steps the start reaches by forward moves (the start included); empty when the start is unknown. */
  reachable: Set<string>
  order: string[]
  layer: Map<string, number>
}

export const edgeKey = (from: string, to: string) => `${from}\u0000${to}`

export function analyzeProcess(def: Pick<ProcessDefinitionInput, 'startStepId' | 'steps' | 'transitions'>): ProcessGraph {
  const indexOf = new Map<string, number>()
  def.steps.forEach((s, i) => {
    if (s.id && !indexOf.has(s.id)) indexOf.set(s.id, i)
  })
  const ids = [...indexOf.keys()]
  const forward = new Map<string, string[]>(ids.map((id) => [id, []]))
  for (const t of def.transitions) {
    if (t.kind !== 'forward' || t.from === t.to || !indexOf.has(t.from) || !indexOf.has(t.to)) continue
    const outs = forward.get(t.from)!
    if (!outs.includes(t.to)) outs.push(t.to)
  }

  // Depth-first from the start, then from every other step: an edge back to a step still on the stack closes a cycle.
  const state = new Map<string, 'open' | 'done'>()
  const cycleEdges = new Set<string>()
  const postorder: string[] = []
  const visit = (root: string) => {
    const stack: { id: string; next: number }[] = [{ id: root, next: 0 }]
    state.set(root, 'open')
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!
      const outs = forward.get(top.id)!
      if (top.next < outs.length) {
        const to = outs[top.next++]!
        const s = state.get(to)
        if (s === 'open') cycleEdges.add(edgeKey(top.id, to))
        else if (s === undefined) {
          state.set(to, 'open')
          stack.push({ id: to, next: 0 })
        }
      } else {
        state.set(top.id, 'done')
        postorder.push(top.id)
        stack.pop()
      }
    }
  }
  const start = indexOf.has(def.startStepId) ? def.startStepId : null
  if (start) visit(start)
  const reachable = new Set(start ? postorder : [])
  for (const id of ids) if (!state.has(id)) visit(id)
  const order = postorder.reverse()

  const layer = new Map<string, number>(ids.map((id) => [id, 0]))
  for (const id of order) {
    for (const to of forward.get(id)!) {
      if (cycleEdges.has(edgeKey(id, to))) continue
      layer.set(to, Math.max(layer.get(to)!, layer.get(id)! + 1))
    }
  }
  return { ids, indexOf, forward, cycleEdges, reachable, order, layer }
}

/**
 * The slowest way from the start to the end, in working minutes (each step's time summed along
 * the longest forward path, as the server's check compares it with the legal time); null when the
 * start is unknown or forward moves loop.
 */
export function longestPathMinutes(def: ProcessDefinitionInput, graph: ProcessGraph = analyzeProcess(def)): number | null {
  if (!graph.reachable.size || graph.cycleEdges.size > 0) return null
  const minutes = new Map(graph.ids.map((id) => [id, durationMinutes(def.steps[graph.indexOf.get(id)!]!.duration)]))
  const best = new Map<string, number>([[def.startStepId, minutes.get(def.startStepId) ?? 0]])
  for (const id of graph.order) {
    const here = best.get(id)
    if (here === undefined) continue
    for (const to of graph.forward.get(id)!) best.set(to, Math.max(best.get(to) ?? 0, here + minutes.get(to)!))
  }
  return Math.max(...best.values())
}
