import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addWorkingMinutes, dayInfo, deadlineFlag, workingMinutesBetween } from './calendar.ts'
import { computeDeadline } from './deadline.ts'
import { formatVietnamTime } from './time.ts'
import type { CalendarConfig, CalendarOverride, DeadlineInput, OfficeHours } from './types.ts'

const MINUTE = 60_000
const DAY = 86_400_000
// Vietnam midnight of 01/01/2025, as epoch ms.
const ORIGIN = Date.UTC(2025, 0, 1) - 7 * 3600_000
const SPAN_DAYS = 4 * 365

const HOURS: OfficeHours[] = [
  {
    sessions: [
      { start: '07:30', end: '11:30' },
      { start: '13:00', end: '17:00' },
    ],
  },
  {
    sessions: [
      { start: '08:00', end: '12:00' },
      { start: '13:30', end: '17:30' },
    ],
  },
  { sessions: [{ start: '07:00', end: '15:00' }] },
]

const instant = (maxDays = SPAN_DAYS) => fc.integer({ min: 0, max: maxDays * 24 * 60 }).map((m) => new Date(ORIGIN + m * MINUTE))

const override: fc.Arbitrary<CalendarOverride> = fc.record({
  date: fc.integer({ min: 0, max: SPAN_DAYS + 400 }).map((d) => new Date(Date.UTC(2025, 0, 1) + d * DAY).toISOString().slice(0, 10)),
  kind: fc.constantFrom('day_off' as const, 'working_day' as const),
  name: fc.constant('Điều chỉnh'),
})

const config: fc.Arbitrary<CalendarConfig> = fc.record({
  officeHours: fc.constantFrom(...HOURS),
  overrides: fc.array(override, { maxLength: 6 }),
  sameDayCutoff: fc.constantFrom('15:00', '14:00', '16:30'),
})

const duration = fc.oneof(
  fc.record({ value: fc.integer({ min: 0, max: 40 }).map((n) => n / 2), unit: fc.constant('working_day' as const) }),
  fc.record({ value: fc.integer({ min: 0, max: 80 }), unit: fc.constant('working_hour' as const) }),
  fc.record({ value: fc.integer({ min: 0, max: 45 }), unit: fc.constant('day' as const) }),
)

/** A pause placed relative to the acceptance: from a few days before to weeks after, minutes to days long. */
const pauseAt = (accepted: Date) =>
  fc
    .record({
      offset: fc.integer({ min: -3 * 24 * 60, max: 30 * 24 * 60 }),
      length: fc.integer({ min: 0, max: 12 * 24 * 60 }),
      open: fc.boolean(),
    })
    .map(({ offset, length, open }) => {
      const from = new Date(accepted.getTime() + offset * MINUTE)
      return { from, to: open ? null : new Date(from.getTime() + length * MINUTE), reason: 'tạm dừng' }
    })

const extension = fc.record({
  workingMinutes: fc.integer({ min: 0, max: 2000 }),
  reason: fc.constant('gia hạn'),
  at: fc.constant(new Date(ORIGIN)),
})

const scenario = fc
  .record({ cfg: config, acceptedAt: instant(), duration, nowAfter: fc.integer({ min: 0, max: 40 * 24 * 60 }) })
  .chain(({ cfg, acceptedAt, duration, nowAfter }) =>
    fc.record({
      cfg: fc.constant(cfg),
      input: fc.record({
        acceptedAt: fc.constant(acceptedAt),
        duration: fc.constant(duration),
        pauses: fc.array(pauseAt(acceptedAt), { maxLength: 3 }),
        extensions: fc.array(extension, { maxLength: 2 }),
        now: fc.constant(new Date(acceptedAt.getTime() + nowAfter * MINUTE)),
      }),
      extraPause: pauseAt(acceptedAt),
      extraExtension: extension,
    }),
  )

const ms = (iso: string) => Date.parse(iso)
const RUNS = { numRuns: 300 }

/** Minutes after Vietnam midnight and the Vietnam date of an instant. */
function local(iso: string): { date: string; minute: number } {
  const shifted = new Date(ms(iso) + 7 * 3600_000)
  return { date: shifted.toISOString().slice(0, 10), minute: shifted.getUTCHours() * 60 + shifted.getUTCMinutes() }
}

function inSession(iso: string, cfg: CalendarConfig, endInclusive: boolean): boolean {
  const { date, minute } = local(iso)
  const mins = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))
  return (
    dayInfo(date, cfg).working &&
    cfg.officeHours.sessions.some((s) => minute >= mins(s.start) && (endInclusive ? minute <= mins(s.end) : minute < mins(s.end)))
  )
}

describe('deadline engine properties', () => {
  it('the due instant lies on a working day, inside office hours or at the end of a session', () => {
    fc.assert(
      fc.property(scenario, ({ cfg, input }) => {
        expect(inSession(computeDeadline(input, cfg).dueAt, cfg, true)).toBe(true)
      }),
      RUNS,
    )
  })

  it('counting starts at or after acceptance, inside a working session', () => {
    fc.assert(
      fc.property(scenario, ({ cfg, input }) => {
        const d = computeDeadline(input, cfg)
        expect(ms(d.startsAt)).toBeGreaterThanOrEqual(input.acceptedAt.getTime())
        expect(inSession(d.startsAt, cfg, false)).toBe(true)
      }),
      RUNS,
    )
  })

  it('working minutes from start to due, less the paused ones, equal the total', () => {
    fc.assert(
      fc.property(scenario, ({ cfg, input }) => {
        const d = computeDeadline(input, cfg)
        expect(workingMinutesBetween(d.startsAt, d.dueAt, cfg) - d.pausedWorkingMinutes).toBe(d.totalWorkingMinutes)
        const extended = input.extensions.reduce((s, e) => s + e.workingMinutes, 0)
        expect(d.extendedWorkingMinutes).toBe(extended)
        if (input.duration.unit === 'working_day') {
          const perDay = workingMinutesBetween('2026-11-23T00:00:00+07:00', '2026-11-24T00:00:00+07:00', cfg) // a Monday
          const mondayOff = !dayInfo('2026-11-23', cfg).working
          if (!mondayOff) expect(d.totalWorkingMinutes).toBe(input.duration.value * perDay + extended)
        }
      }),
      RUNS,
    )
  })

  it('adding a pause never shortens a deadline', () => {
    fc.assert(
      fc.property(scenario, ({ cfg, input, extraPause }) => {
        const before = computeDeadline(input, cfg)
        const after = computeDeadline({ ...input, pauses: [...input.pauses, extraPause] }, cfg)
        expect(ms(after.dueAt)).toBeGreaterThanOrEqual(ms(before.dueAt))
        expect(after.startsAt).toBe(before.startsAt)
      }),
      RUNS,
    )
  })

  it('adding an extension never shortens a deadline, and a positive one lengthens it', () => {
    fc.assert(
      fc.property(scenario, ({ cfg, input, extraExtension }) => {
        const before = computeDeadline(input, cfg)
        const after = computeDeadline({ ...input, extensions: [...input.extensions, extraExtension] }, cfg)
        if (extraExtension.workingMinutes > 0) expect(ms(after.dueAt)).toBeGreaterThan(ms(before.dueAt))
        else expect(after.dueAt).toBe(before.dueAt)
      }),
      RUNS,
    )
  })

  it('a longer duration never gives an earlier due date, in working or calendar time', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 5 }), ({ cfg, input }, more) => {
        const longer: DeadlineInput = { ...input, duration: { ...input.duration, value: input.duration.value + more } }
        expect(ms(computeDeadline(longer, cfg).dueAt)).toBeGreaterThanOrEqual(ms(computeDeadline(input, cfg).dueAt))
      }),
      RUNS,
    )
  })

  it('steps cover every day from acceptance to due, and add up to the total', () => {
    fc.assert(
      fc.property(scenario, ({ cfg, input }) => {
        const d = computeDeadline(input, cfg)
        const first = local(formatVietnamTime(input.acceptedAt)).date
        const last = local(d.dueAt).date
        expect(d.steps[0]?.date).toBe(first)
        expect(d.steps.at(-1)?.date).toBe(last)
        d.steps.forEach((s, i) => {
          if (i > 0) expect(Date.parse(s.date) - Date.parse(d.steps[i - 1]!.date)).toBe(DAY)
          expect(s.minutesCounted).toBeGreaterThanOrEqual(0)
          if (!dayInfo(s.date, cfg).working) expect(s.minutesCounted).toBe(0)
        })
        expect(d.steps.reduce((sum, s) => sum + s.minutesCounted, 0)).toBe(d.totalWorkingMinutes)
        expect(d.steps.at(-1)?.cumulativeMinutes).toBe(d.totalWorkingMinutes)
        expect(d.rules.at(-1)).toMatch(/^Hạn giải quyết: /)
      }),
      RUNS,
    )
  })

  it('addWorkingMinutes and workingMinutesBetween are inverse', () => {
    fc.assert(
      fc.property(config, instant(), fc.integer({ min: 0, max: 20_000 }), (cfg, from, minutes) => {
        const to = addWorkingMinutes(from, minutes, cfg)
        expect(workingMinutesBetween(from, to, cfg)).toBe(minutes)
        expect(workingMinutesBetween(to, from, cfg)).toBe(-minutes || 0) // never -0
      }),
      RUNS,
    )
  })

  it('a deadline is never overdue at its due instant and always overdue a minute later', () => {
    fc.assert(
      fc.property(scenario, ({ cfg, input }) => {
        const { dueAt } = computeDeadline(input, cfg)
        expect(deadlineFlag(dueAt, dueAt, cfg)).not.toBe('overdue')
        expect(deadlineFlag(dueAt, new Date(ms(dueAt) + MINUTE), cfg)).toBe('overdue')
      }),
      RUNS,
    )
  })
})
