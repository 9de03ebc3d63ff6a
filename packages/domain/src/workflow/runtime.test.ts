import { describe, expect, it } from 'vitest'
import { validateProcess, type ProcessDefinition } from './definition.ts'
import {
  applyProcessingEvent,
  ProcessingError,
  ProcessingEventType,
  processingStateFromEvents,
  type ProcessingEvent,
  type ProcessingRefusal,
  type ProcessingState,
  type ProcessResolver,
} from './runtime.ts'
import { standardProcess } from './samples.ts'
import { at, BROKEN, COMMUNE, ev, PROVINCE, provinceProcess, resolver } from './testing.ts'

const r = resolver()

function accept(s: ProcessingState, e: ProcessingEvent, res: ProcessResolver = r): ProcessingState {
  const before = structuredClone(s)
  const out = applyProcessingEvent(s, e, res)
  if (!out.ok) throw new Error(`${e.type} refused: ${out.refusal}`)
  expect(out.state.version).toBe(s.version + 1)
  expect(s).toEqual(before) // the reducer never mutates the state it is given
  return out.state
}

/** Refused with exactly `refusal`, and the state is left as it was. */
function refuse(s: ProcessingState, e: ProcessingEvent, refusal: ProcessingRefusal, res: ProcessResolver = r): void {
  const before = structuredClone(s)
  expect(applyProcessingEvent(s, e, res), e.type).toEqual({ ok: false, refusal })
  expect(s).toEqual(before)
}

const fold = (events: ProcessingEvent[], res: ProcessResolver = r) => processingStateFromEvents(events, res)

/** One event of every type, for sweeps over what a phase lets through. */
const oneOfEach: ProcessingEvent[] = [
  ev.start(),
  ev.assign('cv-a'),
  ev.reassign('cv-b'),
  ev.forward('kiem-tra'),
  ev.back('tham-dinh'),
  ev.consult('c9'),
  ev.answer('c1'),
  ev.transfer(),
  ev.approve(),
  ev.refuse(),
  ev.pause(),
  ev.resume(),
  ev.askSupplement(),
  ev.supplement(),
  ev.extend(),
  ev.apologise(),
  ev.attach(),
  ev.hand('post'),
  ev.postal(),
  ev.rate(4),
]

const toApproval = [ev.start(), ev.assign('cv-lan', 'phong-ktht', 10), ev.forward('kiem-tra', 60, 'tp-hung'), ev.forward('phe-duyet', 120)]
const toResultStep = [
  ...toApproval,
  ev.approve(130),
  ev.forward('phat-hanh', 140),
  ev.attach('qd-001', 150),
  ev.forward('tra-ket-qua', 160),
]

const row = (stepId: string, enteredAt: number, leftAt: number | null, exit: string | null, agencyId: string = COMMUNE.agencyId) => ({
  agencyId,
  stepId,
  enteredAt: at(enteredAt),
  leftAt: leftAt === null ? null : at(leftAt),
  exit,
})
const rows = (s: ProcessingState) =>
  s.visits.map(({ agencyId, stepId, enteredAt, leftAt, exit }) => ({ agencyId, stepId, enteredAt, leftAt, exit }))

describe('the standard process, from start to rating', () => {
  it('goes through every step, writes the control sheet and counts each event', () => {
    const s = fold([...toResultStep, ev.hand('counter', 170), ev.rate(5, 180)])
    expect(s).toMatchObject({
      phase: 'closed',
      agencyId: COMMUNE.agencyId,
      processVersionId: COMMUNE.processVersionId,
      stepId: 'tra-ket-qua',
      decision: 'approved',
      results: ['qd-001'],
      returned: { at: at(170), channel: 'counter', postalTracking: null, postalStatus: null },
      rating: { score: 5, comment: null },
      version: 10,
    })
    expect(rows(s)).toEqual([
      row('tham-dinh', 0, 60, 'forwarded'),
      row('kiem-tra', 60, 120, 'forwarded'),
      row('phe-duyet', 120, 140, 'forwarded'),
      row('phat-hanh', 140, 160, 'forwarded'),
      row('tra-ket-qua', 160, 170, 'completed'),
    ])
    // The assignment lands on the open row; a forward names the next handler.
    expect(s.visits[0]).toMatchObject({ unitId: 'phong-ktht', userId: 'cv-lan' })
    expect(s.visits[1]).toMatchObject({ unitId: null, userId: 'tp-hung' })
  })

  it('assigns and reassigns the officer of the current step', () => {
    let s = fold(toApproval.slice(0, 3))
    s = accept(s, ev.reassign('tp-mai', 'phong-ktht', 70))
    expect(s.assignee).toEqual({ unitId: 'phong-ktht', userId: 'tp-mai' })
    expect(s.visits.at(-1)).toMatchObject({ stepId: 'kiem-tra', unitId: 'phong-ktht', userId: 'tp-mai' })
    expect(s.visits[0]).toMatchObject({ userId: 'cv-lan' })
  })

  it('forwards only along the transitions of the current step', () => {
    const s = fold([ev.start()])
    refuse(s, ev.forward('phe-duyet'), 'step-not-allowed')
    refuse(s, ev.forward('tham-dinh'), 'step-not-allowed')
    refuse(s, ev.forward('khong-co'), 'step-not-allowed')
    refuse(s, ev.forward('tiep-nhan'), 'step-not-allowed') // a step of another process
  })

  it('leaves the approval step only once approved, and attaches results only then', () => {
    const s = fold(toApproval)
    refuse(s, ev.forward('phat-hanh'), 'decision-pending')
    refuse(s, ev.attach(), 'decision-pending')
    refuse(s, ev.hand(), 'not-the-result-step')
    const approved = accept(s, ev.approve(130))
    refuse(approved, ev.approve(), 'already-decided')
    refuse(approved, ev.refuse(), 'already-decided')
    refuse(approved, ev.askSupplement(), 'already-decided')
    refuse(approved, ev.transfer(), 'already-decided')
    refuse(fold(toApproval.slice(0, 3)), ev.approve(), 'not-an-approval-step')
  })

  it('hands the result back only at the result step and only with a result attached', () => {
    const atIssue = fold(toResultStep.slice(0, 6))
    expect(atIssue.stepId).toBe('phat-hanh')
    refuse(atIssue, ev.hand(), 'not-the-result-step')
    const noResult = fold([...toResultStep.slice(0, 6), ev.forward('tra-ket-qua', 160)])
    refuse(noResult, ev.hand(), 'result-missing')
    const withTwo = accept(accept(noResult, ev.attach('qd-001')), ev.attach('gcn-002'))
    expect(withTwo.results).toEqual(['qd-001', 'gcn-002'])
    refuse(withTwo, ev.postal(), 'not-returned')
    refuse(withTwo, ev.rate(5), 'not-returned')
  })

  it('takes the post office news only for a result sent by post', () => {
    const byCounter = fold([...toResultStep, ev.hand('counter', 170)])
    refuse(byCounter, ev.postal('delivered'), 'not-by-post')
    let byPost = fold([...toResultStep, ev.hand('post', 170, 'EMS-123')])
    expect(byPost.returned).toEqual({ at: at(170), channel: 'post', postalTracking: 'EMS-123', postalStatus: null })
    byPost = accept(byPost, ev.postal('in_transit'))
    byPost = accept(byPost, ev.postal('delivered'))
    expect(byPost.returned?.postalStatus).toBe('delivered')
    expect(fold([...toResultStep, ev.hand('online', 170)]).returned?.channel).toBe('online')
  })

  it('takes one rating, an integer from 1 to 5', () => {
    const s = fold([...toResultStep, ev.hand('online', 170)])
    for (const score of [0, 6, -1, 2.5, Number.NaN]) refuse(s, ev.rate(score), 'score-invalid')
    expect(accept(s, ev.rate(1)).rating).toEqual({ score: 1, comment: null })
    refuse(accept(s, ev.rate(5)), ev.rate(4), 'already-rated')
  })

  it('refuses everything but the post office news and the rating once closed', () => {
    const closed = fold([...toResultStep, ev.hand('post', 170)])
    for (const e of oneOfEach) {
      if (e.type === 'postal_status' || e.type === 'rated') accept(closed, e)
      else refuse(closed, e, e.type === 'process_started' ? 'already-started' : 'closed')
    }
  })

  it('needs the process to start first, once, at the first step of a known version', () => {
    const none = fold([])
    for (const e of oneOfEach.slice(1)) refuse(none, e, 'not-started')
    refuse(none, ev.start(COMMUNE, 'kiem-tra'), 'process-mismatch')
    refuse(none, ev.start({ agencyId: 'x', processVersionId: 'khong-co' }), 'process-mismatch')
    refuse(none, ev.start(BROKEN, 'khong-co'), 'process-mismatch') // its first step is not one of its steps
    refuse(fold([ev.start()]), ev.start(), 'already-started')
    expect(fold([ev.start(PROVINCE, 'tiep-nhan')])).toMatchObject({ phase: 'running', stepId: 'tiep-nhan', version: 1 })
  })

  it('covers every event type in these sweeps', () => {
    expect(new Set(oneOfEach.map((e) => e.type))).toEqual(new Set(ProcessingEventType))
  })
})

describe('returns', () => {
  it('go back only to the earlier steps the process allows, and clear the assignee', () => {
    const s = fold(toApproval.slice(0, 3))
    refuse(s, ev.back('phe-duyet'), 'step-not-allowed')
    refuse(fold([ev.start()]), ev.back('tham-dinh'), 'step-not-allowed')
    const back = accept(s, ev.back('tham-dinh', 90))
    expect(back).toMatchObject({ stepId: 'tham-dinh', assignee: { unitId: null, userId: null }, version: 4 })
    expect(rows(back).slice(1)).toEqual([row('kiem-tra', 60, 90, 'returned'), row('tham-dinh', 90, null, null)])
  })

  it('from the approval step undo the decision and the results drafted under it', () => {
    const s = fold([...toApproval, ev.approve(130), ev.attach('qd-001', 135)])
    for (const to of ['kiem-tra', 'tham-dinh']) {
      const back = accept(s, ev.back(to, 140))
      expect(back).toMatchObject({ stepId: to, decision: null, results: [] })
    }
    refuse(s, ev.back('phat-hanh'), 'step-not-allowed')
    const again = fold([...toApproval, ev.approve(130), ev.back('kiem-tra', 140), ev.forward('phe-duyet', 150)])
    refuse(again, ev.forward('phat-hanh'), 'decision-pending')
    expect(accept(again, ev.approve(160)).decision).toBe('approved')
  })

  it('between steps after the approval keep the decision, so the dossier can still finish', () => {
    const res = resolver({ dienTich: 120 })
    const signed = [
      ev.start(PROVINCE, 'tiep-nhan'),
      ev.forward('tham-tra', 10),
      ev.forward('giam-doc-ky', 20),
      ev.approve(30),
      ev.forward('dong-dau', 40),
      ev.attach('qd-9', 45),
      ev.forward('vao-so', 50),
    ]
    const kept = fold([...signed, ev.back('dong-dau', 60)], res)
    expect(kept).toMatchObject({ stepId: 'dong-dau', decision: 'approved', results: ['qd-9'] })
    const done = fold([...signed, ev.back('dong-dau', 60), ev.forward('vao-so', 70), ev.forward('tra-kq', 80), ev.hand('counter', 90)], res)
    expect(done).toMatchObject({ phase: 'closed', results: ['qd-9'] })
    // Back before the signature: the decision and its result are gone.
    const undone = fold([...signed.slice(0, 6), ev.back('tham-tra', 60)], res)
    expect(undone).toMatchObject({ stepId: 'tham-tra', decision: null, results: [] })
  })
})

describe('branches', () => {
  const toBranch = [ev.start(PROVINCE, 'tiep-nhan'), ev.forward('tham-tra', 10)]
  it('follow the e-form answers given by the resolver', () => {
    for (const form of [{ dienTich: 800 }, { dienTich: '500' }]) {
      const s = fold(toBranch, resolver(form))
      refuse(s, ev.forward('giam-doc-ky'), 'step-not-allowed', resolver(form))
      expect(accept(s, ev.forward('hoi-dong'), resolver(form)).stepId).toBe('hoi-dong')
    }
    for (const form of [{ dienTich: 120 }, {}, { dienTich: '' }, { dienTich: 'nhiều' }]) {
      const s = fold(toBranch, resolver(form))
      refuse(s, ev.forward('hoi-dong'), 'step-not-allowed', resolver(form))
      expect(accept(s, ev.forward('giam-doc-ky'), resolver(form)).stepId).toBe('giam-doc-ky')
    }
  })

  it('a process with a way around the approval is rejected by the editor and still refused by the runtime', () => {
    const def: ProcessDefinition = standardProcess()
    def.transitions.push({ from: 'tham-dinh', to: 'tra-ket-qua', kind: 'forward', condition: { field: 'nhanh', op: 'eq', value: true } })
    expect(validateProcess(def).map((i) => i.code)).toEqual(['approval-bypassed'])
    const res = resolver({ nhanh: true }, { [COMMUNE.processVersionId]: def })
    refuse(fold([ev.start()], res), ev.forward('tra-ket-qua'), 'decision-pending', res)
    expect(validateProcess(provinceProcess())).toEqual([])
  })

  it('an unpublishable definition is refused, never a throw', () => {
    const def: ProcessDefinition = standardProcess()
    def.transitions.push({ from: 'tham-dinh', to: 'dau-do', kind: 'forward', condition: { field: 'x', op: 'eq', value: 1 } })
    expect(validateProcess(def).map((i) => i.code)).toEqual(['transition-unknown-step'])
    const res = resolver({ x: 1 }, { [COMMUNE.processVersionId]: def })
    refuse(fold([ev.start()], res), ev.forward('dau-do'), 'process-mismatch', res)
  })
})

describe('consultations', () => {
  it('while one is open, block forwarding, approving and transferring', () => {
    let s = fold([ev.start(), ev.consult('c1', 5), ev.consult('c2', 6)])
    refuse(s, ev.forward('kiem-tra'), 'consult-open')
    refuse(s, ev.transfer(), 'consult-open')
    refuse(s, ev.consult('c1'), 'consult-id-taken')
    s = accept(s, ev.answer('c1', 30))
    refuse(s, ev.forward('kiem-tra'), 'consult-open')
    s = accept(s, ev.answer('c2', 40))
    expect(s.consultations.map((c) => [c.id, c.answeredAt])).toEqual([
      ['c1', at(30)],
      ['c2', at(40)],
    ])
    expect(accept(s, ev.forward('kiem-tra', 50)).stepId).toBe('kiem-tra')

    const atApproval = fold([...toApproval, ev.consult('c1', 125)])
    refuse(atApproval, ev.approve(), 'consult-open')
    expect(accept(accept(atApproval, ev.answer('c1', 126)), ev.approve(127)).decision).toBe('approved')
  })

  it('are answered once, and only when they exist', () => {
    const s = fold([ev.start(), ev.consult('c1', 5), ev.answer('c1', 6)])
    refuse(s, ev.answer('c1'), 'consult-answered')
    refuse(s, ev.answer('c2'), 'consult-unknown')
  })
})

describe('transfer', () => {
  const atCheck = fold(toApproval.slice(0, 3))
  it('moves the dossier to the first step of the other agency’s process and records the change on the control sheet', () => {
    const s = accept(atCheck, ev.transfer(PROVINCE, 'tiep-nhan', 90))
    expect(s).toMatchObject({
      phase: 'running',
      agencyId: PROVINCE.agencyId,
      processVersionId: PROVINCE.processVersionId,
      stepId: 'tiep-nhan',
      assignee: { unitId: null, userId: null },
    })
    expect(rows(s).slice(1)).toEqual([row('kiem-tra', 60, 90, 'transferred'), row('tiep-nhan', 90, null, null, PROVINCE.agencyId)])
    // The commune's steps mean nothing in the province's process.
    refuse(s, ev.forward('phe-duyet'), 'step-not-allowed')
    refuse(s, ev.back('tham-dinh'), 'step-not-allowed')
    expect(accept(s, ev.forward('tham-tra', 100)).stepId).toBe('tham-tra')
  })

  it('is refused into any step but the first, or into an unknown or broken version', () => {
    refuse(atCheck, ev.transfer(PROVINCE, 'tham-tra'), 'process-mismatch')
    refuse(atCheck, ev.transfer(PROVINCE, 'tham-dinh'), 'process-mismatch')
    refuse(atCheck, ev.transfer({ agencyId: 'so-x', processVersionId: 'khong-co' }, 'tiep-nhan'), 'process-mismatch')
    refuse(atCheck, ev.transfer(BROKEN, 'khong-co'), 'process-mismatch')
  })
})

describe('waiting: paused or for a supplement', () => {
  const running = fold([ev.start(), ev.forward('kiem-tra', 10)])

  it('a pause lets through only the resumption, extensions and apologies', () => {
    const paused = accept(running, ev.pause(20))
    expect(paused.phase).toBe('paused')
    for (const e of oneOfEach) {
      if (e.type === 'resumed' || e.type === 'extended' || e.type === 'apology_issued') accept(paused, e)
      else
        refuse(
          paused,
          e,
          e.type === 'process_started' ? 'already-started' : e.type === 'supplement_submitted' ? 'not-waiting-supplement' : 'waiting',
        )
    }
    const resumed = fold([ev.start(), ev.forward('kiem-tra', 10), ev.pause(20), ev.apologise(30), ev.extend(480, 40), ev.resume(50)])
    expect(resumed).toMatchObject({ phase: 'running', stepId: 'kiem-tra', version: 6 })
    expect(resumed.apologies).toEqual([{ at: at(30), newDueAt: at(30 + 5 * 24 * 60), reason: 'Quá hạn' }])
    expect(resumed.visits.at(-1)).toMatchObject({ stepId: 'kiem-tra', leftAt: null })
  })

  it('a supplement request lets through only the supplement, extensions and apologies', () => {
    const waiting = accept(running, ev.askSupplement(20))
    expect(waiting.phase).toBe('supplement')
    for (const e of oneOfEach) {
      if (e.type === 'supplement_submitted' || e.type === 'extended' || e.type === 'apology_issued') accept(waiting, e)
      else refuse(waiting, e, e.type === 'process_started' ? 'already-started' : e.type === 'resumed' ? 'not-paused' : 'waiting')
    }
    expect(accept(waiting, ev.supplement(30))).toMatchObject({ phase: 'running', stepId: 'kiem-tra' })
  })

  it('resuming and supplementing need something to resume or supplement', () => {
    refuse(running, ev.resume(), 'not-paused')
    refuse(running, ev.supplement(), 'not-waiting-supplement')
  })
})

describe('refusal', () => {
  it('is taken only at an approval step, and closes the dossier', () => {
    refuse(fold([ev.start()]), ev.refuse(), 'not-an-approval-step')
    const s = fold([...toApproval, ev.refuse(130)])
    expect(s).toMatchObject({ phase: 'closed', decision: 'refused', stepId: 'phe-duyet', version: 5 })
    expect(rows(s).at(-1)).toEqual(row('phe-duyet', 120, 130, 'refused'))
    refuse(s, ev.postal(), 'not-returned')
    refuse(s, ev.rate(3), 'not-returned')
    refuse(s, ev.hand(), 'closed')
  })
})

describe('the fold', () => {
  it('counts only accepted events and names the first impossible one', () => {
    const events = [ev.start(), ev.forward('kiem-tra', 10), ev.approve(20), ev.forward('phe-duyet', 30)]
    let s = fold([])
    const outcomes = events.map((e) => {
      const out = applyProcessingEvent(s, e, r)
      if (out.ok) s = out.state
      return out.ok ? s.version : out.refusal
    })
    expect(outcomes).toEqual([1, 2, 'not-an-approval-step', 3])
    expect(() => fold(events)).toThrow(new ProcessingError('not-an-approval-step', 'approved', 2))
    expect(() => fold(events)).toThrow(expect.objectContaining({ refusal: 'not-an-approval-step', event: 'approved', index: 2 }))
  })
})
