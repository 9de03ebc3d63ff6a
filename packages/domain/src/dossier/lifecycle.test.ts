import { describe, expect, it } from 'vitest'
import { clockFacts, DossierEventType, DossierStatus, LifecycleError, nextStatus, statusFromEvents } from './lifecycle.ts'

const ev = (type: (typeof DossierEventType)[number], iso = '2026-11-23T02:00:00Z', data?: Record<string, unknown>) => ({
  type,
  at: new Date(iso),
  data,
})

describe('dossier lifecycle', () => {
  it('derives the status from the events', () => {
    expect(statusFromEvents([ev('submitted')])).toBe('submitted')
    expect(statusFromEvents([ev('submitted'), ev('supplement_requested')])).toBe('supplement_requested')
    expect(statusFromEvents([ev('submitted'), ev('supplement_requested'), ev('supplement_submitted')])).toBe('submitted')
    expect(statusFromEvents([ev('submitted'), ev('accepted'), ev('supplement_requested'), ev('supplement_submitted')])).toBe('accepted')
    expect(statusFromEvents([ev('submitted'), ev('refused')])).toBe('refused')
    expect(statusFromEvents([ev('submitted'), ev('accepted'), ev('withdrawn')])).toBe('withdrawn')
  })
  it('refuses impossible sequences', () => {
    expect(() => statusFromEvents([ev('submitted'), ev('refused'), ev('accepted')])).toThrow(LifecycleError)
    expect(() => statusFromEvents([ev('accepted')])).toThrow(LifecycleError)
    expect(() => statusFromEvents([ev('submitted'), ev('submitted')])).toThrow(LifecycleError)
  })
  it('has no way out of a final status', () => {
    for (const final of ['refused', 'withdrawn'] as const) {
      for (const t of DossierEventType) expect(nextStatus(final, t, true)).toBeNull()
    }
  })
  it('every status is reachable', () => {
    const reached = new Set<string>()
    const walk = (s: (typeof DossierStatus)[number] | null, accepted: boolean, depth: number) => {
      if (depth > 5) return
      for (const t of DossierEventType) {
        const n = nextStatus(s, t, accepted)
        if (n && !(n === s && t === 'extended')) {
          reached.add(n)
          walk(n, accepted || t === 'accepted', depth + 1)
        }
      }
    }
    walk(null, false, 0)
    expect([...reached].sort()).toEqual([...DossierStatus].sort())
  })
  it('pauses the clock only for supplement requests after acceptance', () => {
    const facts = clockFacts([
      ev('submitted', '2026-11-20T02:00:00Z'),
      ev('supplement_requested', '2026-11-20T03:00:00Z'),
      ev('supplement_submitted', '2026-11-21T03:00:00Z'),
      ev('accepted', '2026-11-23T02:00:00Z'),
      ev('supplement_requested', '2026-11-24T02:00:00Z'),
      ev('supplement_submitted', '2026-11-26T02:00:00Z'),
      ev('extended', '2026-11-27T02:00:00Z', { workingMinutes: 960, reason: 'Cần xác minh' }),
      ev('supplement_requested', '2026-11-30T02:00:00Z'),
    ])
    expect(facts.acceptedAt?.toISOString()).toBe('2026-11-23T02:00:00.000Z')
    expect(facts.pauses).toEqual([
      { from: new Date('2026-11-24T02:00:00Z'), to: new Date('2026-11-26T02:00:00Z'), reason: 'Chờ bổ sung hồ sơ' },
      { from: new Date('2026-11-30T02:00:00Z'), to: null, reason: 'Chờ bổ sung hồ sơ' },
    ])
    expect(facts.extensions).toEqual([{ at: new Date('2026-11-27T02:00:00Z'), workingMinutes: 960, reason: 'Cần xác minh' }])
  })
})

describe('processing statuses (ADR 0008)', () => {
  const run = (...types: DossierEventType[]) => statusFromEvents(types.map((type) => ({ type })))
  it('goes accepted → processing → result ready → completed, taking the postal status and a rating after', () => {
    expect(run('submitted', 'accepted', 'process_started')).toBe('processing')
    expect(run('submitted', 'accepted', 'process_started', 'assigned', 'forwarded', 'approved')).toBe('result_ready')
    expect(run('submitted', 'accepted', 'process_started', 'approved', 'result_attached', 'forwarded', 'result_returned')).toBe('completed')
    expect(run('submitted', 'accepted', 'process_started', 'approved', 'result_returned', 'postal_status', 'rated')).toBe('completed')
  })
  it('returns to processing from a supplement or a pause once started, and undoes a decision on a return', () => {
    expect(run('submitted', 'accepted', 'process_started', 'supplement_requested', 'supplement_submitted')).toBe('processing')
    expect(run('submitted', 'accepted', 'supplement_requested', 'supplement_submitted')).toBe('accepted')
    expect(run('submitted', 'accepted', 'process_started', 'paused', 'apology_issued', 'resumed')).toBe('processing')
    expect(run('submitted', 'accepted', 'process_started', 'approved', 'returned')).toBe('processing')
  })
  it('refuses what cannot happen', () => {
    expect(() => run('submitted', 'accepted', 'process_started', 'withdrawn')).toThrow(LifecycleError)
    expect(() => run('submitted', 'process_started')).toThrow(LifecycleError)
    expect(() => run('submitted', 'accepted', 'process_started', 'result_returned')).toThrow(LifecycleError)
    expect(() => run('submitted', 'accepted', 'process_started', 'paused', 'forwarded')).toThrow(LifecycleError)
    expect(() => run('submitted', 'accepted', 'process_started', 'approved', 'result_returned', 'forwarded')).toThrow(LifecycleError)
  })
  it('stops the clock while paused by rule', () => {
    const facts = clockFacts([
      ev('submitted', '2026-11-20T02:00:00Z'),
      ev('accepted', '2026-11-23T02:00:00Z'),
      ev('process_started', '2026-11-23T02:00:00Z'),
      ev('paused', '2026-11-24T02:00:00Z', { reason: 'Chờ thực hiện nghĩa vụ tài chính' }),
      ev('resumed', '2026-11-25T02:00:00Z'),
    ])
    expect(facts.pauses).toEqual([
      { from: new Date('2026-11-24T02:00:00Z'), to: new Date('2026-11-25T02:00:00Z'), reason: 'Chờ thực hiện nghĩa vụ tài chính' },
    ])
  })
})
