/**
 * The dossier lifecycle, from reception to the return of the result. A dossier's status is never
 * stored as the truth: it is the fold of its append-only events (the `dossiers.status` column is a
 * projection written in the same transaction, and tests check it equals this fold). The step-level
 * state of processing (which step, who, consultations) is the fold in workflow/runtime.ts over the
 * same events (ADR 0008).
 */
export const DossierStatus = [
  'submitted',
  'supplement_requested',
  'accepted',
  'processing',
  'paused',
  'result_ready',
  'completed',
  'refused',
  'withdrawn',
] as const
export type DossierStatus = (typeof DossierStatus)[number]

export const DossierEventType = [
  'submitted',
  'supplement_requested',
  'supplement_submitted',
  'accepted',
  'refused',
  'withdrawn',
  'extended',
  // processing (ADR 0008)
  'process_started',
  'assigned',
  'reassigned',
  'forwarded',
  'returned',
  'consult_requested',
  'consult_answered',
  'transferred',
  'approved',
  'paused',
  'resumed',
  'apology_issued',
  'result_attached',
  'result_returned',
  'postal_status',
  'rated',
] as const
export type DossierEventType = (typeof DossierEventType)[number]

export interface LifecycleEvent {
  type: DossierEventType
  at: Date
  data?: Record<string, unknown>
}

/** Status codes of the national portal (REGULATION §2, [likely]), used when syncing. */
export const NATIONAL_STATUS_CODE: Record<DossierStatus, number> = {
  submitted: 1,
  accepted: 2,
  refused: 3,
  processing: 4,
  paused: 4,
  supplement_requested: 5,
  withdrawn: 7,
  result_ready: 9,
  completed: 10,
}

/** Statuses from which no event but a note may follow (a completed dossier still takes the postal status and a rating). */
export const FINAL_STATUSES: readonly DossierStatus[] = ['refused', 'withdrawn', 'completed']

/** What the fold remembers besides the status: whether the dossier was accepted, and whether processing started. */
export interface LifecycleContext {
  accepted: boolean
  started: boolean
}

const among = (status: DossierStatus | null, ...set: DossierStatus[]): boolean => status !== null && set.includes(status)
const stay = (status: DossierStatus | null, ...set: DossierStatus[]): DossierStatus | null => (among(status, ...set) ? status : null)

/**
 * The status after `type` happens in `status`, or null when the event is not allowed then.
 * Supplement requests are allowed before acceptance (the clock has not started: Decree 61/2018
 * art. 19 — guide the applicant once, in writing) and after it (the clock stops while waiting).
 * Processing events keep the status except at its turns: started, paused, decided (approved →
 * result ready, a return before the decision undoes it), refused, result returned.
 */
export function nextStatus(status: DossierStatus | null, type: DossierEventType, ctx: boolean | LifecycleContext): DossierStatus | null {
  const { accepted, started } = typeof ctx === 'boolean' ? { accepted: ctx, started: false } : ctx
  switch (type) {
    case 'submitted':
      return status === null ? 'submitted' : null
    case 'supplement_requested':
      return among(status, 'submitted', 'accepted', 'processing') ? 'supplement_requested' : null
    case 'supplement_submitted':
      if (status !== 'supplement_requested') return null
      return started ? 'processing' : accepted ? 'accepted' : 'submitted'
    case 'accepted':
      return status === 'submitted' ? 'accepted' : null
    case 'refused':
      return among(status, 'submitted', 'supplement_requested', 'processing') ? 'refused' : null
    case 'withdrawn':
      // Withdrawal is possible until processing starts.
      return among(status, 'submitted', 'supplement_requested', 'accepted') ? 'withdrawn' : null
    case 'extended':
    case 'apology_issued':
      return stay(status, 'accepted', 'processing', 'paused', 'supplement_requested', 'result_ready')
    case 'process_started':
      return status === 'accepted' ? 'processing' : null
    case 'assigned':
    case 'reassigned':
    case 'forwarded':
    case 'result_attached':
      return stay(status, 'processing', 'result_ready')
    case 'consult_requested':
    case 'consult_answered':
    case 'transferred':
      return stay(status, 'processing')
    case 'returned':
      return among(status, 'processing', 'result_ready') ? 'processing' : null
    case 'approved':
      return status === 'processing' ? 'result_ready' : null
    case 'paused':
      return status === 'processing' ? 'paused' : null
    case 'resumed':
      return status === 'paused' ? 'processing' : null
    case 'result_returned':
      return status === 'result_ready' ? 'completed' : null
    case 'postal_status':
    case 'rated':
      return stay(status, 'completed')
    default: {
      const unreachable: never = type
      return unreachable
    }
  }
}

export class LifecycleError extends Error {
  constructor(
    readonly status: DossierStatus | null,
    readonly type: DossierEventType,
  ) {
    super(`event ${type} not allowed in status ${status ?? 'none'}`)
  }
}

/** The fold: status after all events; throws LifecycleError on an impossible sequence. */
export function statusFromEvents(events: readonly Pick<LifecycleEvent, 'type'>[]): DossierStatus {
  let status: DossierStatus | null = null
  const ctx: LifecycleContext = { accepted: false, started: false }
  for (const e of events) {
    const next = nextStatus(status, e.type, ctx)
    if (next === null) throw new LifecycleError(status, e.type)
    if (e.type === 'accepted') ctx.accepted = true
    if (e.type === 'process_started') ctx.started = true
    status = next
  }
  if (status === null) throw new Error('a dossier has at least its submission event')
  return status
}

export interface ClockFacts {
  acceptedAt: Date | null
  /** Stop-the-clock intervals after acceptance; `to` null = still paused. */
  pauses: { from: Date; to: Date | null; reason: string }[]
  extensions: { at: Date; workingMinutes: number; reason: string }[]
}

/**
 * What the deadline engine needs, read from the events. A supplement request before acceptance
 * is not a pause (the clock has not started); after acceptance it stops the clock until the
 * applicant's supplement arrives.
 */
export function clockFacts(events: readonly LifecycleEvent[]): ClockFacts {
  const facts: ClockFacts = { acceptedAt: null, pauses: [], extensions: [] }
  for (const e of events) {
    if (e.type === 'accepted') facts.acceptedAt = e.at
    else if (e.type === 'supplement_requested' && facts.acceptedAt) facts.pauses.push({ from: e.at, to: null, reason: 'Chờ bổ sung hồ sơ' })
    else if (e.type === 'paused' && facts.acceptedAt) {
      const reason = typeof e.data?.reason === 'string' ? e.data.reason : 'Tạm dừng giải quyết'
      facts.pauses.push({ from: e.at, to: null, reason })
    } else if (e.type === 'supplement_submitted' || e.type === 'resumed') {
      const open = facts.pauses.find((p) => p.to === null)
      if (open) open.to = e.at
    } else if (e.type === 'extended') {
      const minutes = typeof e.data?.workingMinutes === 'number' ? e.data.workingMinutes : 0
      const reason = typeof e.data?.reason === 'string' ? e.data.reason : ''
      facts.extensions.push({ at: e.at, workingMinutes: minutes, reason })
    }
  }
  return facts
}
