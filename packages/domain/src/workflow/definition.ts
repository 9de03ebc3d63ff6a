import type { DurationUnit } from '../calendar/types.ts'

/**
 * An internal process (quy trình nội bộ, as the ISO 9001 procedures of an agency describe it): the
 * steps a dossier of one procedure goes through inside one implementing agency after reception,
 * who is responsible for each, how long each may take, and where a dossier may go from each.
 * Pure data, validated here; versioned and bound to procedures by the server.
 */

/** The roles a step can be given to (the officer roles of the platform that handle dossiers). */
export const StepRole = ['receiving_officer', 'processing_officer', 'unit_head', 'agency_leader', 'clerk'] as const
export type StepRole = (typeof StepRole)[number]

/**
 * `task`: work and an opinion, then forward; `approval`: the decision (approve → the result, or
 * refuse); `result`: the result is handed back to the applicant (at most one, the end of the process).
 */
export const StepKind = ['task', 'approval', 'result'] as const
export type StepKind = (typeof StepKind)[number]

export interface StepDuration {
  value: number
  unit: DurationUnit
}

export interface StepDef {
  /** Stable within the process (a slug such as `tham-dinh`); events refer to steps by it. */
  id: string
  name: string
  kind: StepKind
  role: StepRole
  /** The unit (phòng, ban) of the implementing agency responsible; null = the agency's own staff with the role. */
  unitId: string | null
  duration: StepDuration
}

/** A condition on the dossier's e-form answers that decides a branch. */
export interface BranchCondition {
  field: string
  op: 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'in'
  value: string | number | boolean | (string | number)[]
}

export interface TransitionDef {
  from: string
  to: string
  /** `forward` moves the dossier on; `return` sends it back to an earlier step (with a reason). */
  kind: 'forward' | 'return'
  /** Forward transitions out of one step with conditions form a branch; the first whose condition holds wins, an unconditional one is the default. */
  condition?: BranchCondition | null
  label?: string | null
}

export interface ProcessDefinition {
  startStepId: string
  steps: StepDef[]
  transitions: TransitionDef[]
}

export const PROCESS_LIMITS = { steps: 50, transitions: 200 } as const
/** Working minutes in an office day (07:30–11:30, 13:00–17:00 by default); used to compare step durations with the legal time. */
export const DAY_WORKING_MINUTES = 480

export type ProcessIssueCode =
  | 'process-empty'
  | 'process-too-large'
  | 'step-id-invalid'
  | 'step-id-duplicate'
  | 'step-duration-invalid'
  | 'start-unknown'
  | 'start-is-result'
  | 'transition-unknown-step'
  | 'transition-self'
  | 'transition-duplicate'
  | 'transition-from-result'
  | 'forward-cycle'
  | 'return-not-backward'
  | 'condition-on-return'
  | 'step-unreachable'
  | 'step-dead-end'
  | 'branch-without-default'
  | 'result-missing'
  | 'result-duplicate'
  | 'approval-missing'
  | 'approval-bypassed'
  | 'duration-exceeds-legal-time'

export interface ProcessIssue {
  code: ProcessIssueCode
  /** The step or transition concerned (`steps[2]`, `transitions[4]`), for the editor to highlight. */
  path: string
  /** Vietnamese, for the officer building the process. */
  message: string
}

const STEP_ID = /^[a-z0-9][a-z0-9-]{0,39}$/

/** Working minutes of a duration, calendar days counted as working days (a lenient bound for the editor's check). */
export function durationMinutes(d: StepDuration): number {
  return d.unit === 'working_hour' ? d.value * 60 : d.value * DAY_WORKING_MINUTES
}

export function formatDuration(minutes: number): string {
  const days = minutes / DAY_WORKING_MINUTES
  if (Number.isInteger(days)) return `${days} ngày làm việc`
  if (minutes % 60 === 0) return `${minutes / 60} giờ làm việc`
  return `${(Math.round(days * 100) / 100).toString().replace('.', ',')} ngày làm việc`
}

/**
 * Everything wrong with a process, in the editor's words; empty when it can be published.
 * `legalTime` is the procedure's processing time: the slowest path from the first step to the
 * result may not take longer.
 */
export function validateProcess(def: ProcessDefinition, legalTime?: StepDuration): ProcessIssue[] {
  const issues: ProcessIssue[] = []
  const add = (code: ProcessIssueCode, path: string, message: string): void => void issues.push({ code, path, message })
  if (def.steps.length === 0) {
    add('process-empty', 'steps', 'Quy trình chưa có bước nào')
    return issues
  }
  if (def.steps.length > PROCESS_LIMITS.steps || def.transitions.length > PROCESS_LIMITS.transitions) {
    add('process-too-large', 'steps', `Quy trình tối đa ${PROCESS_LIMITS.steps} bước và ${PROCESS_LIMITS.transitions} bước chuyển`)
    return issues
  }

  const index = new Map<string, number>()
  def.steps.forEach((s, i) => {
    if (!STEP_ID.test(s.id))
      add('step-id-invalid', `steps[${i}].id`, `Mã bước "${s.id}" chỉ gồm chữ thường không dấu, số và dấu gạch ngang`)
    else if (index.has(s.id)) add('step-id-duplicate', `steps[${i}].id`, `Mã bước "${s.id}" bị trùng`)
    else index.set(s.id, i)
    if (!Number.isFinite(s.duration.value) || s.duration.value <= 0)
      add('step-duration-invalid', `steps[${i}].duration`, `Bước "${s.name}" cần thời gian xử lý lớn hơn 0`)
  })
  const start = def.steps[index.get(def.startStepId) ?? -1]
  if (!start) add('start-unknown', 'startStepId', 'Bước bắt đầu không có trong quy trình')
  else if (start.kind === 'result') add('start-is-result', 'startStepId', 'Quy trình không thể bắt đầu bằng bước trả kết quả')

  const results = def.steps.filter((s) => s.kind === 'result')
  if (results.length === 0) add('result-missing', 'steps', 'Quy trình cần một bước trả kết quả')
  if (results.length > 1) add('result-duplicate', 'steps', 'Quy trình chỉ có một bước trả kết quả')
  if (!def.steps.some((s) => s.kind === 'approval')) add('approval-missing', 'steps', 'Quy trình cần một bước phê duyệt (ký, quyết định)')

  const forward = new Map<string, string[]>()
  const seen = new Set<string>()
  def.transitions.forEach((t, i) => {
    const path = `transitions[${i}]`
    if (!index.has(t.from) || !index.has(t.to)) {
      add('transition-unknown-step', path, `Bước chuyển ${t.from} → ${t.to} nhắc đến bước không có trong quy trình`)
      return
    }
    if (t.from === t.to) add('transition-self', path, 'Bước chuyển không thể quay về chính bước đó')
    const key = `${t.kind}:${t.from}:${t.to}:${JSON.stringify(t.condition ?? null)}`
    if (seen.has(key)) add('transition-duplicate', path, `Bước chuyển ${t.from} → ${t.to} bị trùng`)
    seen.add(key)
    if (def.steps[index.get(t.from)!]!.kind === 'result') add('transition-from-result', path, 'Sau bước trả kết quả không còn bước nào')
    if (t.kind === 'return' && t.condition) add('condition-on-return', path, 'Bước trả lại không đặt điều kiện')
    if (t.kind === 'forward' && t.from !== t.to) forward.set(t.from, [...(forward.get(t.from) ?? []), t.to])
  })
  if (issues.some((i) => i.code === 'transition-unknown-step' || i.code === 'step-id-duplicate') || !start) return issues

  // Forward moves must not loop: going back is what `return` transitions are for.
  const order = topologicalOrder(
    def.steps.map((s) => s.id),
    forward,
  )
  if (!order) {
    add('forward-cycle', 'transitions', 'Các bước chuyển tiếp tạo thành vòng lặp; dùng "trả lại" để quay về bước trước')
    return issues
  }
  const reachable = reachableFrom(start.id, forward)
  def.steps.forEach((s, i) => {
    if (!reachable.has(s.id)) add('step-unreachable', `steps[${i}]`, `Không có đường đi từ bước đầu đến bước "${s.name}"`)
    else if (s.kind !== 'result' && !(forward.get(s.id)?.length ?? 0))
      add('step-dead-end', `steps[${i}]`, `Bước "${s.name}" không chuyển tiếp đến bước nào`)
  })
  // The result is handed back only after a decision: a way to it that skips every approval step would leave dossiers stuck.
  const approvals = new Set(def.steps.filter((s) => s.kind === 'approval').map((s) => s.id))
  const withoutApproval = new Map([...forward].filter(([from]) => !approvals.has(from)))
  const reachedWithoutApproval = reachableFrom(start.id, withoutApproval)
  if (approvals.size > 0 && results.some((s) => reachedWithoutApproval.has(s.id)))
    add('approval-bypassed', 'transitions', 'Có đường đi đến bước trả kết quả mà không qua bước phê duyệt nào')
  def.transitions.forEach((t, i) => {
    if (t.kind === 'return' && !reachableFrom(t.to, forward).has(t.from))
      add('return-not-backward', `transitions[${i}]`, `"Trả lại" từ ${t.from} phải về một bước đứng trước nó`)
  })
  for (const [from] of forward) {
    const outs = def.transitions.filter((t) => t.kind === 'forward' && t.from === from)
    if (outs.length > 1 && outs.every((t) => t.condition))
      add('branch-without-default', `steps[${index.get(from)}]`, `Bước "${from}" rẽ nhánh theo điều kiện nhưng thiếu nhánh mặc định`)
  }

  if (legalTime) {
    const legal = durationMinutes(legalTime)
    const longest = longestPath(start.id, order, forward, new Map(def.steps.map((s) => [s.id, durationMinutes(s.duration)])))
    if (longest > legal)
      add(
        'duration-exceeds-legal-time',
        'steps',
        `Tổng thời gian các bước (${formatDuration(longest)}) vượt thời hạn giải quyết của thủ tục (${formatDuration(legal)})`,
      )
  }
  return issues
}

function topologicalOrder(ids: string[], edges: Map<string, string[]>): string[] | null {
  const indegree = new Map(ids.map((id) => [id, 0]))
  for (const tos of edges.values()) for (const to of tos) indegree.set(to, (indegree.get(to) ?? 0) + 1)
  const queue = ids.filter((id) => indegree.get(id) === 0)
  const order: string[] = []
  while (queue.length > 0) {
    const id = queue.shift()!
    order.push(id)
    for (const to of edges.get(id) ?? []) {
      const left = indegree.get(to)! - 1
      indegree.set(to, left)
      if (left === 0) queue.push(to)
    }
  }
  return order.length === ids.length ? order : null
}

export function reachableFrom(from: string, edges: Map<string, string[]>): Set<string> {
  const seen = new Set([from])
  const stack = [from]
  while (stack.length > 0) for (const to of edges.get(stack.pop()!) ?? []) if (!seen.has(to) && seen.add(to)) stack.push(to)
  return seen
}

/** The slowest way through: each step's time summed along the longest forward path from the start. */
function longestPath(start: string, order: string[], edges: Map<string, string[]>, minutes: Map<string, number>): number {
  const best = new Map<string, number>([[start, minutes.get(start) ?? 0]])
  for (const id of order) {
    const here = best.get(id)
    if (here === undefined) continue
    for (const to of edges.get(id) ?? []) best.set(to, Math.max(best.get(to) ?? 0, here + (minutes.get(to) ?? 0)))
  }
  return Math.max(...best.values())
}

/** Whether a branch condition holds for the dossier's e-form answers. */
export function conditionHolds(c: BranchCondition, form: Record<string, unknown>): boolean {
  const v = form[c.field]
  switch (c.op) {
    case 'eq':
      return v === c.value
    case 'neq':
      return v !== c.value
    case 'in':
      return Array.isArray(c.value) && (typeof v === 'string' || typeof v === 'number') && c.value.includes(v)
    default: {
      const a = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN
      const b = typeof c.value === 'number' ? c.value : Number(c.value)
      if (Number.isNaN(a) || Number.isNaN(b)) return false
      return c.op === 'gt' ? a > b : c.op === 'gte' ? a >= b : c.op === 'lt' ? a < b : a <= b
    }
  }
}

/** The forward transitions a dossier may take from a step: a branch resolves to the first holding condition, else its default. */
export function forwardTargets(def: ProcessDefinition, stepId: string, form: Record<string, unknown>): string[] {
  const outs = def.transitions.filter((t) => t.kind === 'forward' && t.from === stepId)
  const conditional = outs.filter((t) => t.condition)
  if (conditional.length === 0) return outs.map((t) => t.to)
  const hit = conditional.find((t) => conditionHolds(t.condition!, form))
  if (hit) return [hit.to]
  return outs.filter((t) => !t.condition).map((t) => t.to)
}

export function returnTargets(def: ProcessDefinition, stepId: string): string[] {
  return def.transitions.filter((t) => t.kind === 'return' && t.from === stepId).map((t) => t.to)
}

/**
 * Whether a dossier in this step still has an approval step ahead of it (the step itself
 * included), moving forward: a return to such a step undoes the decision taken so far.
 */
export function approvalAhead(def: ProcessDefinition, stepId: string): boolean {
  const forward = new Map<string, string[]>()
  for (const t of def.transitions) if (t.kind === 'forward') forward.set(t.from, [...(forward.get(t.from) ?? []), t.to])
  const ahead = reachableFrom(stepId, forward)
  return def.steps.some((s) => s.kind === 'approval' && ahead.has(s.id))
}
