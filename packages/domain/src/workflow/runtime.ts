import type { ProcessDefinition, StepDef } from './definition.ts'
import { approvalAhead, forwardTargets, returnTargets } from './definition.ts'

/**
 * Running a dossier through its internal process. Like the reception lifecycle, the state is never
 * stored as the truth: it is the fold of the dossier's processing events, and every event is
 * checked against the process version the dossier runs on and the step it is in.
 */

export const ProcessingEventType = [
  'process_started',
  'assigned',
  'reassigned',
  'forwarded',
  'returned',
  'consult_requested',
  'consult_answered',
  'transferred',
  'approved',
  'refused',
  'paused',
  'resumed',
  'supplement_requested',
  'supplement_submitted',
  'extended',
  'apology_issued',
  'result_attached',
  'result_returned',
  'postal_status',
  'rated',
] as const
export type ProcessingEventType = (typeof ProcessingEventType)[number]

export type ReturnChannel = 'counter' | 'post' | 'online'

/** The data each event carries; the server writes it in `dossier_events.data`. */
export type ProcessingEvent =
  | { type: 'process_started'; at: Date; agencyId: string; processVersionId: string; stepId: string }
  | { type: 'assigned'; at: Date; unitId: string | null; userId: string | null }
  | { type: 'reassigned'; at: Date; unitId: string | null; userId: string | null; reason: string }
  | { type: 'forwarded'; at: Date; toStepId: string; opinion: string; unitId?: string | null; userId?: string | null }
  | { type: 'returned'; at: Date; toStepId: string; reason: string }
  | {
      type: 'consult_requested'
      at: Date
      consultId: string
      targetAgencyId: string | null
      targetUnitId: string | null
      question: string
      dueAt: Date
    }
  | { type: 'consult_answered'; at: Date; consultId: string; answer: string }
  | { type: 'transferred'; at: Date; agencyId: string; processVersionId: string; stepId: string; reason: string }
  | { type: 'approved'; at: Date; opinion: string }
  | { type: 'refused'; at: Date; reason: string }
  | { type: 'paused'; at: Date; reason: string }
  | { type: 'resumed'; at: Date }
  | { type: 'supplement_requested'; at: Date; reason: string }
  | { type: 'supplement_submitted'; at: Date }
  | { type: 'extended'; at: Date; workingMinutes: number; reason: string }
  | { type: 'apology_issued'; at: Date; newDueAt: Date; reason: string }
  | { type: 'result_attached'; at: Date; fileId: string }
  | { type: 'result_returned'; at: Date; channel: ReturnChannel; postalTracking?: string | null }
  | { type: 'postal_status'; at: Date; status: 'in_transit' | 'delivered' | 'returned_to_sender' }
  | { type: 'rated'; at: Date; score: number; comment: string | null }

/**
 * `running` in a step; `waiting` on the applicant (supplement) or paused by rule (the clock stops);
 * `decided` once approved (the result is prepared and handed back at the result step); `closed`
 * after the hand-over or a refusal.
 */
export type ProcessingPhase = 'not_started' | 'running' | 'paused' | 'supplement' | 'closed'

export interface Consultation {
  id: string
  targetAgencyId: string | null
  targetUnitId: string | null
  askedAt: Date
  dueAt: Date
  answeredAt: Date | null
}

/** One stay in a step by one agency: the rows of the control sheet (Phiếu kiểm soát quá trình). */
export interface StepVisit {
  agencyId: string
  stepId: string
  enteredAt: Date
  leftAt: Date | null
  unitId: string | null
  userId: string | null
  /** How the dossier left: forwarded, returned, transferred out, approved, refused, returned to the applicant. */
  exit: 'forwarded' | 'returned' | 'transferred' | 'refused' | 'completed' | null
}

export interface ProcessingState {
  phase: ProcessingPhase
  agencyId: string | null
  processVersionId: string | null
  stepId: string | null
  assignee: { unitId: string | null; userId: string | null }
  decision: 'approved' | 'refused' | null
  consultations: Consultation[]
  visits: StepVisit[]
  results: string[]
  apologies: { at: Date; newDueAt: Date; reason: string }[]
  returned: { at: Date; channel: ReturnChannel; postalTracking: string | null; postalStatus: string | null } | null
  rating: { score: number; comment: string | null } | null
  /** Events applied so far (optimistic concurrency compares it with what the officer saw). */
  version: number
}

export const initialProcessingState = (): ProcessingState => ({
  phase: 'not_started',
  agencyId: null,
  processVersionId: null,
  stepId: null,
  assignee: { unitId: null, userId: null },
  decision: null,
  consultations: [],
  visits: [],
  results: [],
  apologies: [],
  returned: null,
  rating: null,
  version: 0,
})

/** Why an event cannot happen now: stable codes, mapped to API errors by the server. */
export type ProcessingRefusal =
  | 'not-started'
  | 'already-started'
  | 'closed'
  | 'waiting'
  | 'not-paused'
  | 'not-waiting-supplement'
  | 'step-not-allowed'
  | 'not-an-approval-step'
  | 'not-the-result-step'
  | 'decision-pending'
  | 'already-decided'
  | 'result-missing'
  | 'consult-unknown'
  | 'consult-answered'
  | 'consult-open'
  | 'consult-id-taken'
  | 'not-returned'
  | 'not-by-post'
  | 'already-rated'
  | 'score-invalid'
  | 'process-mismatch'

export type Applied = { ok: true; state: ProcessingState } | { ok: false; refusal: ProcessingRefusal }

/** What the reducer needs to know about the process versions a dossier can run on. */
export interface ProcessResolver {
  /** The definition of a process version; undefined when unknown. */
  definition(processVersionId: string): ProcessDefinition | undefined
  /** The dossier's e-form answers, for branch conditions. */
  form: Record<string, unknown>
}

const fail = (refusal: ProcessingRefusal): Applied => ({ ok: false, refusal })

function stepOf(s: ProcessingState, r: ProcessResolver): StepDef | undefined {
  if (!s.processVersionId || !s.stepId) return undefined
  return r.definition(s.processVersionId)?.steps.find((st) => st.id === s.stepId)
}

function leave(s: ProcessingState, at: Date, exit: NonNullable<StepVisit['exit']>): StepVisit[] {
  return s.visits.map((v, i) => (i === s.visits.length - 1 && v.leftAt === null ? { ...v, leftAt: at, exit } : v))
}

function enter(visits: StepVisit[], agencyId: string, stepId: string, at: Date, unitId: string | null, userId: string | null): StepVisit[] {
  return [...visits, { agencyId, stepId, enteredAt: at, leftAt: null, unitId, userId, exit: null }]
}

/**
 * The state after `e`, or why it is refused. Pure and total: it never throws, so a random sequence
 * of events can be replayed to check that refused events change nothing.
 */
export function applyProcessingEvent(s: ProcessingState, e: ProcessingEvent, r: ProcessResolver): Applied {
  const next = (patch: Partial<ProcessingState>): Applied => ({ ok: true, state: { ...s, ...patch, version: s.version + 1 } })
  if (e.type === 'process_started') {
    if (s.phase !== 'not_started') return fail('already-started')
    if (!startsAt(r.definition(e.processVersionId), e.stepId)) return fail('process-mismatch')
    return next({
      phase: 'running',
      agencyId: e.agencyId,
      processVersionId: e.processVersionId,
      stepId: e.stepId,
      visits: enter(s.visits, e.agencyId, e.stepId, e.at, null, null),
    })
  }
  if (s.phase === 'not_started') return fail('not-started')
  // After the hand-over only the post office's news and the applicant's rating may still come.
  if (s.phase === 'closed') {
    if (e.type === 'postal_status') {
      if (!s.returned) return fail('not-returned')
      if (s.returned.channel !== 'post') return fail('not-by-post')
      return next({ returned: { ...s.returned, postalStatus: e.status } })
    }
    if (e.type === 'rated') {
      if (!s.returned) return fail('not-returned')
      if (s.rating) return fail('already-rated')
      if (!Number.isInteger(e.score) || e.score < 1 || e.score > 5) return fail('score-invalid')
      return next({ rating: { score: e.score, comment: e.comment } })
    }
    return fail('closed')
  }
  if (s.phase === 'paused') {
    if (e.type === 'resumed') return next({ phase: 'running' })
    if (e.type === 'extended' || e.type === 'apology_issued') return informational(s, e, next)
    return fail(e.type === 'supplement_submitted' ? 'not-waiting-supplement' : 'waiting')
  }
  if (s.phase === 'supplement') {
    if (e.type === 'supplement_submitted') return next({ phase: 'running' })
    if (e.type === 'extended' || e.type === 'apology_issued') return informational(s, e, next)
    return fail(e.type === 'resumed' ? 'not-paused' : 'waiting')
  }

  // phase === 'running'
  const step = stepOf(s, r)
  const def = s.processVersionId ? r.definition(s.processVersionId) : undefined
  if (!step || !def) return fail('process-mismatch')
  switch (e.type) {
    case 'assigned':
    case 'reassigned': {
      const visits = s.visits.map((v, i) => (i === s.visits.length - 1 ? { ...v, unitId: e.unitId, userId: e.userId } : v))
      return next({ assignee: { unitId: e.unitId, userId: e.userId }, visits })
    }
    case 'forwarded': {
      if (s.consultations.some((c) => c.answeredAt === null)) return fail('consult-open')
      if (step.kind === 'approval' && s.decision !== 'approved') return fail('decision-pending')
      if (!forwardTargets(def, step.id, r.form).includes(e.toStepId)) return fail('step-not-allowed')
      const target = def.steps.find((st) => st.id === e.toStepId)
      if (!target) return fail('process-mismatch')
      if (target.kind === 'result' && s.decision !== 'approved') return fail('decision-pending')
      const unitId = e.unitId ?? null
      const userId = e.userId ?? null
      return next({
        stepId: e.toStepId,
        assignee: { unitId, userId },
        visits: enter(leave(s, e.at, 'forwarded'), s.agencyId!, e.toStepId, e.at, unitId, userId),
      })
    }
    case 'returned': {
      if (!returnTargets(def, step.id).includes(e.toStepId)) return fail('step-not-allowed')
      // Going back to (or before) an approval step undoes the decision and voids the results drafted
      // under it; a return between steps after the approval keeps both, or the dossier could never finish.
      const undo = approvalAhead(def, e.toStepId)
      return next({
        stepId: e.toStepId,
        assignee: { unitId: null, userId: null },
        decision: undo ? null : s.decision,
        results: undo ? [] : s.results,
        visits: enter(leave(s, e.at, 'returned'), s.agencyId!, e.toStepId, e.at, null, null),
      })
    }
    case 'consult_requested':
      if (s.consultations.some((c) => c.id === e.consultId)) return fail('consult-id-taken')
      return next({
        consultations: [
          ...s.consultations,
          {
            id: e.consultId,
            targetAgencyId: e.targetAgencyId,
            targetUnitId: e.targetUnitId,
            askedAt: e.at,
            dueAt: e.dueAt,
            answeredAt: null,
          },
        ],
      })
    case 'consult_answered': {
      const c = s.consultations.find((x) => x.id === e.consultId)
      if (!c) return fail('consult-unknown')
      if (c.answeredAt) return fail('consult-answered')
      return next({ consultations: s.consultations.map((x) => (x.id === e.consultId ? { ...x, answeredAt: e.at } : x)) })
    }
    case 'transferred': {
      if (s.consultations.some((c) => c.answeredAt === null)) return fail('consult-open')
      if (s.decision) return fail('already-decided')
      if (!startsAt(r.definition(e.processVersionId), e.stepId)) return fail('process-mismatch')
      return next({
        agencyId: e.agencyId,
        processVersionId: e.processVersionId,
        stepId: e.stepId,
        assignee: { unitId: null, userId: null },
        visits: enter(leave(s, e.at, 'transferred'), e.agencyId, e.stepId, e.at, null, null),
      })
    }
    case 'approved':
      if (step.kind !== 'approval') return fail('not-an-approval-step')
      if (s.decision) return fail('already-decided')
      if (s.consultations.some((c) => c.answeredAt === null)) return fail('consult-open')
      return next({ decision: 'approved' })
    case 'refused':
      if (step.kind !== 'approval') return fail('not-an-approval-step')
      if (s.decision) return fail('already-decided')
      return next({ decision: 'refused', phase: 'closed', visits: leave(s, e.at, 'refused') })
    case 'paused':
      return next({ phase: 'paused' })
    case 'resumed':
      return fail('not-paused')
    case 'supplement_requested':
      if (s.decision) return fail('already-decided')
      return next({ phase: 'supplement' })
    case 'supplement_submitted':
      return fail('not-waiting-supplement')
    case 'extended':
    case 'apology_issued':
      return informational(s, e, next)
    case 'result_attached':
      if (s.decision !== 'approved') return fail('decision-pending')
      return next({ results: [...s.results, e.fileId] })
    case 'result_returned':
      if (step.kind !== 'result') return fail('not-the-result-step')
      if (s.results.length === 0) return fail('result-missing')
      return next({
        phase: 'closed',
        returned: { at: e.at, channel: e.channel, postalTracking: e.postalTracking ?? null, postalStatus: null },
        visits: leave(s, e.at, 'completed'),
      })
    case 'postal_status':
    case 'rated':
      return fail('not-returned')
    default: {
      const unreachable: never = e
      return unreachable
    }
  }
}

/** A dossier enters a process version only at its first step, and only when that step exists. */
function startsAt(def: ProcessDefinition | undefined, stepId: string): boolean {
  return !!def && def.startStepId === stepId && def.steps.some((st) => st.id === stepId)
}

function informational(
  s: ProcessingState,
  e: Extract<ProcessingEvent, { type: 'extended' | 'apology_issued' }>,
  next: (patch: Partial<ProcessingState>) => Applied,
): Applied {
  if (e.type === 'extended') return next({})
  return next({ apologies: [...s.apologies, { at: e.at, newDueAt: e.newDueAt, reason: e.reason }] })
}

export class ProcessingError extends Error {
  constructor(
    readonly refusal: ProcessingRefusal,
    readonly event: ProcessingEventType,
    readonly index: number,
  ) {
    super(`event ${index} (${event}) refused: ${refusal}`)
  }
}

/** The fold over a dossier's processing events; throws ProcessingError on a sequence that could not have happened. */
export function processingStateFromEvents(events: readonly ProcessingEvent[], r: ProcessResolver): ProcessingState {
  let s = initialProcessingState()
  events.forEach((e, i) => {
    const applied = applyProcessingEvent(s, e, r)
    if (!applied.ok) throw new ProcessingError(applied.refusal, e.type, i)
    s = applied.state
  })
  return s
}
