import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  applyProcessingEvent,
  initialProcessingState,
  processingStateFromEvents,
  type ProcessingEvent,
  type ProcessingRefusal,
  type ProcessingState,
  type ProcessResolver,
  type ReturnChannel,
} from './runtime.ts'
import { forwardTargets, returnTargets } from './definition.ts'
import { at, BROKEN, COMMUNE, PROVINCE, resolver, VERSIONS } from './testing.ts'

/**
 * Model-based tests of the processing runtime. The real system is an append-only event log and
 * the reducer; the model is a plain description of the same dossier, written from the rules (the
 * step tables of the two process versions, and a few flags and counters), never from the reducer.
 * Every command is attempted whatever the model says: allowed ones must be accepted and appended,
 * forbidden ones refused with the expected code and nothing changed.
 */

type Kind = 'task' | 'approval' | 'result'

/** What the model knows of a process version: hand-written tables, not read from the definition. */
interface ModelProcess {
  agencyId: string
  processVersionId: string
  first: string
  kinds: Record<string, Kind>
  next: (step: string, largePlot: boolean) => string[]
  back: Record<string, string[]>
  /** The steps up to and including the signature: a return there undoes the decision. */
  upToSignature: string[]
}

const commune: ModelProcess = {
  ...COMMUNE,
  first: 'tham-dinh',
  kinds: { 'tham-dinh': 'task', 'kiem-tra': 'task', 'phe-duyet': 'approval', 'phat-hanh': 'task', 'tra-ket-qua': 'result' },
  next: (step) =>
    ({ 'tham-dinh': ['kiem-tra'], 'kiem-tra': ['phe-duyet'], 'phe-duyet': ['phat-hanh'], 'phat-hanh': ['tra-ket-qua'] })[step] ?? [],
  back: { 'kiem-tra': ['tham-dinh'], 'phe-duyet': ['kiem-tra', 'tham-dinh'] },
  upToSignature: ['tham-dinh', 'kiem-tra', 'phe-duyet'],
}

const province: ModelProcess = {
  ...PROVINCE,
  first: 'tiep-nhan',
  kinds: {
    'tiep-nhan': 'task',
    'tham-tra': 'task',
    'hoi-dong': 'task',
    'giam-doc-ky': 'approval',
    'dong-dau': 'task',
    'vao-so': 'task',
    'tra-kq': 'result',
  },
  next: (step, largePlot) =>
    step === 'tham-tra'
      ? [largePlot ? 'hoi-dong' : 'giam-doc-ky']
      : ({
          'tiep-nhan': ['tham-tra'],
          'hoi-dong': ['giam-doc-ky'],
          'giam-doc-ky': ['dong-dau'],
          'dong-dau': ['vao-so'],
          'vao-so': ['tra-kq'],
        }[step] ?? []),
  back: {
    'tham-tra': ['tiep-nhan'],
    'hoi-dong': ['tham-tra'],
    'giam-doc-ky': ['tham-tra'],
    'dong-dau': ['tham-tra'],
    'vao-so': ['dong-dau'],
  },
  upToSignature: ['tiep-nhan', 'tham-tra', 'hoi-dong', 'giam-doc-ky'],
}

const PROCESSES: Record<string, ModelProcess> = { [commune.processVersionId]: commune, [province.processVersionId]: province }
const STEP_IDS = [...Object.keys(commune.kinds), ...Object.keys(province.kinds), 'khong-co']
const TARGETS = [COMMUNE, PROVINCE, BROKEN, { agencyId: 'so-khong-co', processVersionId: 'khong-co' }]

interface Model {
  form: Record<string, unknown>
  largePlot: boolean
  phase: 'none' | 'working' | 'paused' | 'supplement' | 'closed'
  process: ModelProcess | null
  step: string | null
  approved: boolean
  refused: boolean
  consults: Record<string, 'open' | 'answered'>
  results: number
  apologies: number
  handedBy: ReturnChannel | null
  postalStatus: string | null
  score: number | null
  accepted: number
  rows: number
}

interface Real {
  log: ProcessingEvent[]
  state: ProcessingState
  minutes: number
}

/** The refusal the rules call for, or null when the event is allowed now. */
function expectedRefusal(m: Model, e: ProcessingEvent): ProcessingRefusal | null {
  if (e.type === 'process_started') {
    if (m.phase !== 'none') return 'already-started'
    return PROCESSES[e.processVersionId]?.first === e.stepId ? null : 'process-mismatch'
  }
  const informational = e.type === 'extended' || e.type === 'apology_issued'
  switch (m.phase) {
    case 'none':
      return 'not-started'
    case 'closed':
      if (e.type === 'postal_status') return !m.handedBy ? 'not-returned' : m.handedBy !== 'post' ? 'not-by-post' : null
      if (e.type === 'rated') {
        if (!m.handedBy) return 'not-returned'
        if (m.score !== null) return 'already-rated'
        return [1, 2, 3, 4, 5].includes(e.score) ? null : 'score-invalid'
      }
      return 'closed'
    case 'paused':
      if (e.type === 'resumed' || informational) return null
      return e.type === 'supplement_submitted' ? 'not-waiting-supplement' : 'waiting'
    case 'supplement':
      if (e.type === 'supplement_submitted' || informational) return null
      return e.type === 'resumed' ? 'not-paused' : 'waiting'
    case 'working':
      return whileWorking(m, e)
  }
}

function whileWorking(m: Model, e: ProcessingEvent): ProcessingRefusal | null {
  const p = m.process!
  const here = p.kinds[m.step!]
  const consultOpen = Object.values(m.consults).includes('open')
  switch (e.type) {
    case 'forwarded':
      if (consultOpen) return 'consult-open'
      if (here === 'approval' && !m.approved) return 'decision-pending'
      if (!p.next(m.step!, m.largePlot).includes(e.toStepId)) return 'step-not-allowed'
      return p.kinds[e.toStepId] === 'result' && !m.approved ? 'decision-pending' : null
    case 'returned':
      return (p.back[m.step!] ?? []).includes(e.toStepId) ? null : 'step-not-allowed'
    case 'consult_requested':
      return m.consults[e.consultId] ? 'consult-id-taken' : null
    case 'consult_answered':
      return !m.consults[e.consultId] ? 'consult-unknown' : m.consults[e.consultId] === 'answered' ? 'consult-answered' : null
    case 'transferred':
      if (consultOpen) return 'consult-open'
      if (m.approved) return 'already-decided'
      return PROCESSES[e.processVersionId]?.first === e.stepId ? null : 'process-mismatch'
    case 'approved':
      if (here !== 'approval') return 'not-an-approval-step'
      return m.approved ? 'already-decided' : consultOpen ? 'consult-open' : null
    case 'refused':
      if (here !== 'approval') return 'not-an-approval-step'
      return m.approved ? 'already-decided' : null
    case 'resumed':
      return 'not-paused'
    case 'supplement_requested':
      return m.approved ? 'already-decided' : null
    case 'supplement_submitted':
      return 'not-waiting-supplement'
    case 'result_attached':
      return m.approved ? null : 'decision-pending'
    case 'result_returned':
      if (here !== 'result') return 'not-the-result-step'
      return m.results === 0 ? 'result-missing' : null
    case 'postal_status':
    case 'rated':
      return 'not-returned'
    default:
      return null // assigned, reassigned, paused, extended, apology_issued
  }
}

/** What an accepted event does to the model. */
function effect(m: Model, e: ProcessingEvent): void {
  m.accepted++
  switch (e.type) {
    case 'process_started':
    case 'transferred':
      m.process = PROCESSES[e.processVersionId]!
      m.step = e.stepId
      m.phase = 'working'
      m.rows++
      return
    case 'forwarded':
      m.step = e.toStepId
      m.rows++
      return
    case 'returned':
      m.step = e.toStepId
      m.rows++
      if (m.process!.upToSignature.includes(e.toStepId)) {
        if (m.approved) stats.undone++
        m.approved = false
        m.results = 0
      } else if (m.approved) stats.kept++
      return
    case 'consult_requested':
      m.consults[e.consultId] = 'open'
      return
    case 'consult_answered':
      m.consults[e.consultId] = 'answered'
      stats.answered++
      return
    case 'approved':
      m.approved = true
      return
    case 'refused':
      m.refused = true
      m.phase = 'closed'
      stats.refused++
      return
    case 'paused':
      m.phase = 'paused'
      return
    case 'supplement_requested':
      m.phase = 'supplement'
      return
    case 'resumed':
    case 'supplement_submitted':
      m.phase = 'working'
      stats.waited++
      return
    case 'apology_issued':
      m.apologies++
      return
    case 'result_attached':
      m.results++
      return
    case 'result_returned':
      m.phase = 'closed'
      m.handedBy = e.channel
      stats.handed++
      return
    case 'postal_status':
      m.postalStatus = e.status
      stats.byPost++
      return
    case 'rated':
      m.score = e.score
      stats.rated++
      return
    default:
      return // assigned, reassigned, extended
  }
}

/** How often the runs reached the interesting places (asserted at the end, so the generators keep reaching them). */
const stats = {
  handed: 0,
  byPost: 0,
  rated: 0,
  refused: 0,
  undone: 0,
  kept: 0,
  transferred: 0,
  council: 0,
  waited: 0,
  answered: 0,
  refusals: 0,
}

const PHASE: Record<Model['phase'], ProcessingState['phase']> = {
  none: 'not_started',
  working: 'running',
  paused: 'paused',
  supplement: 'supplement',
  closed: 'closed',
}

function checkInvariants(m: Model, real: Real, r: ProcessResolver): void {
  const s = real.state
  // No lost event, and the state is the replay of the log.
  expect(real.log.length).toBe(m.accepted)
  expect(s.version).toBe(real.log.length)
  expect(processingStateFromEvents(real.log, r)).toEqual(s)

  // Never an invalid state.
  if (s.phase === 'not_started') expect(s.visits).toEqual([])
  else {
    const def = r.definition(s.processVersionId!)
    expect(def?.steps.map((st) => st.id)).toContain(s.stepId)
    expect(PROCESSES[s.processVersionId!]?.agencyId).toBe(s.agencyId)
  }
  const open = s.visits.flatMap((v, i) => (v.leftAt === null ? [i] : []))
  if (s.phase === 'closed') expect(open).toEqual([])
  else if (s.phase !== 'not_started') {
    expect(open).toEqual([s.visits.length - 1])
    expect(s.visits.at(-1)).toMatchObject({ stepId: s.stepId, agencyId: s.agencyId })
  }
  s.visits.forEach((v, i) => {
    expect(v.exit === null).toBe(v.leftAt === null)
    if (v.leftAt) expect(v.leftAt.getTime()).toBeGreaterThanOrEqual(v.enteredAt.getTime())
    if (i > 0) expect(v.enteredAt).toEqual(s.visits[i - 1]!.leftAt) // the control sheet has no gap
  })
  if (s.decision === 'refused') expect(s.phase).toBe('closed')
  if (s.phase === 'closed') expect(s.decision === 'refused' || s.returned !== null).toBe(true)
  if (s.results.length > 0) expect(s.decision).toBe('approved')
  if (s.returned) {
    expect(s.phase).toBe('closed')
    expect(s.results.length).toBeGreaterThanOrEqual(1)
  }
  if (s.rating) {
    expect(s.returned).not.toBeNull()
    expect([1, 2, 3, 4, 5]).toContain(s.rating.score)
  }
  // The dossier can still finish: after the signature it is decided, before it undecided.
  if (s.phase === 'running' || s.phase === 'paused' || s.phase === 'supplement') {
    const p = PROCESSES[s.processVersionId!]!
    if (!p.upToSignature.includes(s.stepId!)) expect(s.decision).toBe('approved')
    else if (p.kinds[s.stepId!] !== 'approval') expect(s.decision).toBeNull()
  }

  // The model and the state tell the same story.
  expect({
    phase: s.phase,
    processVersionId: s.processVersionId,
    stepId: s.stepId,
    decision: s.decision,
    consultations: Object.fromEntries(s.consultations.map((c) => [c.id, c.answeredAt ? 'answered' : 'open'])),
    results: s.results.length,
    apologies: s.apologies.length,
    handedBy: s.returned?.channel ?? null,
    postalStatus: s.returned?.postalStatus ?? null,
    score: s.rating?.score ?? null,
    rows: s.visits.length,
  }).toEqual({
    phase: PHASE[m.phase],
    processVersionId: m.process?.processVersionId ?? null,
    stepId: m.step,
    decision: m.refused ? 'refused' : m.approved ? 'approved' : null,
    consultations: m.consults,
    results: m.results,
    apologies: m.apologies,
    handedBy: m.handedBy,
    postalStatus: m.postalStatus,
    score: m.score,
    rows: m.rows,
  })
}

/** Where the dossier is, as an action sees it before acting (to aim at a step, or to do the obvious next thing). */
interface Where {
  phase: Model['phase']
  kind: Kind | null
  next: string[]
  back: string[]
  approved: boolean
  results: number
  openConsult: string | null
}
interface Draft {
  /** The action as generated (stable while shrinking, unlike the event it turns into). */
  label: string
  make: (where: Where, at: Date) => ProcessingEvent
}

/** An event in a failure message: its type and what it carries, without the time. */
const show = (e: ProcessingEvent): string => JSON.stringify({ ...e, at: undefined })

/** One officer's or citizen's action. */
class Act implements fc.Command<Model, Real> {
  constructor(private readonly draft: Draft) {}

  check(): boolean {
    return true // forbidden actions are attempted too
  }

  run(m: Model, real: Real): void {
    real.minutes += 7
    const p = m.process
    const where: Where = {
      phase: m.phase,
      kind: p && m.step ? p.kinds[m.step]! : null,
      next: p && m.step ? p.next(m.step, m.largePlot) : [],
      back: (p && m.step && p.back[m.step]) || [],
      approved: m.approved,
      results: m.results,
      openConsult: Object.keys(m.consults).find((id) => m.consults[id] === 'open') ?? null,
    }
    const e = this.draft.make(where, at(real.minutes))
    const log = real.log.map(show)
    try {
      this.apply(m, real, e)
    } catch (err) {
      // The event this action turned into, and the log before it, for this very run (the command's own label cannot tell).
      throw new Error(`${this.draft.label} → ${show(e)}\nafter:\n  ${log.join('\n  ')}\n${String(err)}`, { cause: err })
    }
  }

  private apply(m: Model, real: Real, e: ProcessingEvent): void {
    const r = resolver(m.form)
    const expected = expectedRefusal(m, e)
    const before = real.state
    const snapshot = structuredClone(before)
    const out = applyProcessingEvent(before, e, r)
    expect(before).toEqual(snapshot)
    if (expected === null) {
      expect(out.ok ? 'accepted' : out.refusal).toBe('accepted')
      if (!out.ok) return
      real.log.push(e)
      real.state = out.state
      effect(m, e)
      if (e.type === 'transferred') stats.transferred++
      if (e.type === 'forwarded' && e.toStepId === 'hoi-dong') stats.council++
    } else {
      expect(out).toEqual({ ok: false, refusal: expected })
      stats.refusals++
    }
    checkInvariants(m, real, r)
  }

  toString(): string {
    return this.draft.label
  }
}

/** A step id: usually one allowed from here (`pick` among them), else any id of either process. */
const aim = fc.oneof(
  { weight: 4, arbitrary: fc.nat(5).map((pick) => ({ pick })) },
  { weight: 1, arbitrary: fc.constantFrom(...STEP_IDS).map((id) => ({ id })) },
)
const aimAt = (a: { pick: number } | { id: string }, allowed: string[]): string =>
  'id' in a ? a.id : (allowed[a.pick % Math.max(allowed.length, 1)] ?? STEP_IDS[a.pick % STEP_IDS.length]!)

/** Where a dossier enters a process version: its first step, or any other id. */
const entry = fc.record({
  target: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(COMMUNE, PROVINCE) }, { weight: 1, arbitrary: fc.constantFrom(...TARGETS) }),
  first: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  other: fc.constantFrom(...STEP_IDS),
})
const entryStep = (x: { target: { processVersionId: string }; first: boolean; other: string }) =>
  x.first ? (VERSIONS[x.target.processVersionId]?.startStepId ?? 'tham-dinh') : x.other

const draft = <T>(name: string, arb: fc.Arbitrary<T>, build: (x: T, where: Where, at: Date) => ProcessingEvent): fc.Arbitrary<Draft> =>
  arb.map((x) => ({ label: `${name} ${fc.stringify(x)}`, make: (where, t) => build(x, where, t) }))
const plain = (name: string, build: (at: Date) => ProcessingEvent): fc.Arbitrary<Draft> =>
  fc.constant({ label: name, make: (_where: Where, t: Date) => build(t) })
const DAY_MS = 86_400_000

/** Entering a process version (valid or not). */
const start = draft('start', entry, (x, _where, t) => ({ type: 'process_started', at: t, ...x.target, stepId: entryStep(x) }))

/** The obvious next thing to do from where the dossier is (a bias towards the hand-over; the model still judges it). */
const progress = draft(
  'progress',
  fc.record({ pick: fc.nat(6), channel: fc.constantFrom<ReturnChannel>('counter', 'post', 'online') }),
  (x, w, t) => {
    if (w.phase === 'none') return { type: 'process_started', at: t, ...COMMUNE, stepId: 'tham-dinh' }
    if (w.phase === 'paused') return { type: 'resumed', at: t }
    if (w.phase === 'supplement') return { type: 'supplement_submitted', at: t }
    if (w.phase === 'closed') return { type: 'rated', at: t, score: x.pick, comment: 'Hài lòng' } // 0 and 6 are out of range
    if (w.openConsult) return { type: 'consult_answered', at: t, consultId: w.openConsult, answer: 'Đồng ý' }
    if (w.kind === 'approval' && !w.approved) return { type: 'approved', at: t, opinion: 'Đồng ý' }
    if (w.approved && w.results === 0) return { type: 'result_attached', at: t, fileId: 'f-1' }
    if (w.kind === 'result') return { type: 'result_returned', at: t, channel: x.channel, postalTracking: null }
    return { type: 'forwarded', at: t, toStepId: aimAt(x, w.next), opinion: 'Chuyển' }
  },
)

/**
 * Every action of officers and citizens, weighted: moving on, approving and ending a wait come
 * more often than what interrupts, or few runs would get to the hand-over.
 */
const actions: { weight: number; arbitrary: fc.Arbitrary<Draft> }[] = [
  { weight: 2, arbitrary: start },
  { weight: 8, arbitrary: progress },
  {
    weight: 1,
    arbitrary: draft(
      'assign',
      fc.record({ re: fc.boolean(), userId: fc.constantFrom(null, 'cv-1', 'cv-2'), unitId: fc.constantFrom(null, 'phong-1') }),
      ({ re, unitId, userId }, _where, t) =>
        re ? { type: 'reassigned', at: t, unitId, userId, reason: 'Điều chuyển' } : { type: 'assigned', at: t, unitId, userId },
    ),
  },
  {
    weight: 8,
    arbitrary: draft('forward', aim, (a, where, t) => ({
      type: 'forwarded',
      at: t,
      toStepId: aimAt(a, where.next),
      opinion: 'Chuyển',
      userId: 'cv-1',
    })),
  },
  {
    weight: 2,
    arbitrary: draft('return', aim, (a, where, t) => ({ type: 'returned', at: t, toStepId: aimAt(a, where.back), reason: 'Làm lại' })),
  },
  {
    weight: 1,
    arbitrary: draft('consult', fc.constantFrom('c1', 'c2', 'c3'), (consultId, _where, t) => ({
      type: 'consult_requested',
      at: t,
      consultId,
      targetAgencyId: 'so-xd',
      targetUnitId: null,
      question: 'Xin ý kiến',
      dueAt: new Date(t.getTime() + DAY_MS),
    })),
  },
  {
    weight: 2,
    arbitrary: draft('answer', fc.constantFrom('c1', 'c2', 'c3', 'c4'), (consultId, _where, t) => ({
      type: 'consult_answered',
      at: t,
      consultId,
      answer: 'Đồng ý',
    })),
  },
  {
    weight: 1,
    arbitrary: draft('transfer', entry, (x, _where, t) => ({
      type: 'transferred',
      at: t,
      ...x.target,
      stepId: entryStep(x),
      reason: 'Chuyển thẩm quyền',
    })),
  },
  { weight: 4, arbitrary: plain('approved', (t) => ({ type: 'approved', at: t, opinion: 'Đồng ý' })) },
  { weight: 1, arbitrary: plain('refused', (t) => ({ type: 'refused', at: t, reason: 'Không đủ điều kiện' })) },
  { weight: 1, arbitrary: plain('paused', (t) => ({ type: 'paused', at: t, reason: 'Tạm dừng' })) },
  { weight: 3, arbitrary: plain('resumed', (t) => ({ type: 'resumed', at: t })) },
  { weight: 1, arbitrary: plain('supplement_requested', (t) => ({ type: 'supplement_requested', at: t, reason: 'Thiếu giấy tờ' })) },
  { weight: 3, arbitrary: plain('supplement_submitted', (t) => ({ type: 'supplement_submitted', at: t })) },
  {
    weight: 1,
    arbitrary: draft('extend', fc.integer({ min: 0, max: 960 }), (workingMinutes, _where, t) => ({
      type: 'extended',
      at: t,
      workingMinutes,
      reason: 'Gia hạn',
    })),
  },
  {
    weight: 1,
    arbitrary: plain('apology_issued', (t) => ({
      type: 'apology_issued',
      at: t,
      newDueAt: new Date(t.getTime() + DAY_MS),
      reason: 'Xin lỗi',
    })),
  },
  {
    weight: 3,
    arbitrary: draft('attach', fc.constantFrom('f-1', 'f-2'), (fileId, _where, t) => ({ type: 'result_attached', at: t, fileId })),
  },
  {
    weight: 3,
    arbitrary: draft('hand back', fc.constantFrom<ReturnChannel>('counter', 'post', 'online'), (channel, _where, t) => ({
      type: 'result_returned',
      at: t,
      channel,
      postalTracking: channel === 'post' ? 'EMS-1' : null,
    })),
  },
  {
    weight: 1,
    arbitrary: draft(
      'postal',
      fc.constantFrom('in_transit' as const, 'delivered' as const, 'returned_to_sender' as const),
      (status, _where, t) => ({
        type: 'postal_status',
        at: t,
        status,
      }),
    ),
  },
  {
    weight: 2,
    arbitrary: draft('rate', fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constantFrom(0, 6, -1, 2.5, Number.NaN)), (score, _where, t) => ({
      type: 'rated',
      at: t,
      score,
      comment: null,
    })),
  },
]
const anyAction = fc.oneof(...actions)

/** The dossier's e-form answers, and whether the province's branch sends it to the council (area ≥ 500 m²). */
const form = fc.constantFrom(
  { form: {}, largePlot: false },
  { form: { dienTich: 120 }, largePlot: false },
  { form: { dienTich: 499.5 }, largePlot: false },
  { form: { dienTich: '' }, largePlot: false },
  { form: { dienTich: 'rộng' }, largePlot: false },
  { form: { dienTich: 500 }, largePlot: true },
  { form: { dienTich: '650' }, largePlot: true },
)

const SEED = { seed: 20261123, numRuns: 300 }
const commands = [anyAction.map((d) => new Act(d))]

describe('the processing runtime against its model', () => {
  it('accepts what the rules allow, refuses the rest with the right code, and stays replayable', () => {
    fc.assert(
      fc.property(
        form,
        start.map((d) => new Act(d)),
        fc.commands(commands, { maxCommands: 80, size: 'max' }),
        ({ form, largePlot }, first, cmds) => {
          const model: Model = {
            form,
            largePlot,
            phase: 'none',
            process: null,
            step: null,
            approved: false,
            refused: false,
            consults: {},
            results: 0,
            apologies: 0,
            handedBy: null,
            postalStatus: null,
            score: null,
            accepted: 0,
            rows: 0,
          }
          // Most runs would spend long before a start: each begins with an attempt (not always a valid one).
          fc.modelRun(() => ({ model, real: { log: [], state: initialProcessingState(), minutes: 0 } }), [first, ...cmds])
        },
      ),
      SEED,
    )
    // The runs went everywhere worth going (fixed seed: these counts do not move between runs).
    for (const [what, count] of Object.entries(stats)) expect(count, what).toBeGreaterThan(0)
  })
})

describe('folding raw events', () => {
  it('applying them one by one, skipping the refused, equals the fold of the accepted ones', () => {
    fc.assert(
      fc.property(form, start, fc.array(anyAction, { maxLength: 80, size: 'max' }), ({ form }, first, rest) => {
        const sequence = [first, ...rest]
        const r = resolver(form)
        let s = initialProcessingState()
        const all: ProcessingEvent[] = []
        const accepted: ProcessingEvent[] = []
        let firstRefused = -1
        sequence.forEach((d, i) => {
          // Aim from the state itself (a bias of the generator, not an oracle).
          const def = s.processVersionId && s.stepId ? r.definition(s.processVersionId) : undefined
          const where: Where = {
            phase: s.phase === 'not_started' ? 'none' : s.phase === 'running' ? 'working' : s.phase,
            kind: def?.steps.find((st) => st.id === s.stepId)?.kind ?? null,
            next: def ? forwardTargets(def, s.stepId!, form) : [],
            back: def ? returnTargets(def, s.stepId!) : [],
            approved: s.decision === 'approved',
            results: s.results.length,
            openConsult: s.consultations.find((c) => c.answeredAt === null)?.id ?? null,
          }
          const e = d.make(where, at(i * 7))
          all.push(e)
          const out = applyProcessingEvent(s, e, r)
          if (out.ok) {
            s = out.state
            accepted.push(e)
          } else if (firstRefused < 0) firstRefused = i
        })
        expect(s.version).toBe(accepted.length)
        expect(processingStateFromEvents(accepted, r)).toEqual(s)
        if (firstRefused < 0) expect(processingStateFromEvents(all, r)).toEqual(s)
        else expect(() => processingStateFromEvents(all, r)).toThrow(expect.objectContaining({ index: firstRefused }))
      }),
      SEED,
    )
  })
})
