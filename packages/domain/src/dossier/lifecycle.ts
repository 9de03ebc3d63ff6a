/**
 * The dossier lifecycle at reception. A dossier's status is never stored as the truth: it is the
 * fold of its append-only events (the `dossiers.status` column is a projection written in the same
 * transaction, and tests check it equals this fold).
 */
export const DossierStatus = ['submitted', 'supplement_requested', 'accepted', 'refused', 'withdrawn'] as const
export type DossierStatus = (typeof DossierStatus)[number]

export const DossierEventType = [
  'submitted',
  'supplement_requested',
  'supplement_submitted',
  'accepted',
  'refused',
  'withdrawn',
  'extended',
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
  supplement_requested: 5,
  withdrawn: 7,
}

/** Statuses from which no event but a note may follow. */
export const FINAL_STATUSES: readonly DossierStatus[] = ['refused', 'withdrawn']

/**
 * The status after `type` happens in `status`, or null when the event is not allowed then.
 * Supplement requests are allowed before acceptance (the clock has not started: Decree 61/2018
 * art. 19 — guide the applicant once, in writing) and after it (the clock stops while waiting).
 */
export function nextStatus(status: DossierStatus | null, type: DossierEventType, acceptedBefore: boolean): DossierStatus | null {
  switch (type) {
    case 'submitted':
      return status === null ? 'submitted' : null
    case 'supplement_requested':
      return status === 'submitted' || status === 'accepted' ? 'supplement_requested' : null
    case 'supplement_submitted':
      if (status !== 'supplement_requested') return null
      return acceptedBefore ? 'accepted' : 'submitted'
    case 'accepted':
      return status === 'submitted' ? 'accepted' : null
    case 'refused':
      return status === 'submitted' || status === 'supplement_requested' ? 'refused' : null
    case 'withdrawn':
      // Withdrawal is possible until processing starts; at reception that is any non-final status.
      return status === 'submitted' || status === 'supplement_requested' || status === 'accepted' ? 'withdrawn' : null
    case 'extended':
      return status === 'accepted' ? 'accepted' : null
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
  let accepted = false
  for (const e of events) {
    const next = nextStatus(status, e.type, accepted)
    if (next === null) throw new LifecycleError(status, e.type)
    if (e.type === 'accepted') accepted = true
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
    else if (e.type === 'supplement_submitted') {
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
