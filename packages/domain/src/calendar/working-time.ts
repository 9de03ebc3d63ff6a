import { holidayNames } from './holidays.ts'
import { DAY_MS, dayIndex, isoDate, isWeekend, MINUTE_MS, parseHhmm } from './time.ts'
import type { CalendarConfig, CalendarOverride, DayInfo, OfficeHours } from './types.ts'

/**
 * The engine's internals, on Vietnam milliseconds (see time.ts) and day numbers. Not exported from
 * the package: callers use the instant-based functions of calendar.ts and deadline.ts.
 */

/**
 * 07:30–11:30 and 13:00–17:00, 8 working hours: the common schedule of provincial agencies
 * [check]; each agency's own hours are stored with it and passed in the config.
 */
export const DEFAULT_OFFICE_HOURS: OfficeHours = {
  sessions: [
    { start: '07:30', end: '11:30' },
    { start: '13:00', end: '17:00' },
  ],
}

/** REGULATION §5 [likely, provincial rules]: same-day procedures received after 15:00 are due the next working day. */
export const DEFAULT_SAME_DAY_CUTOFF = '15:00'

// A calendar with no working day for this long is a configuration error, not a deadline.
const MAX_IDLE_DAYS = 5 * 366

export interface Compiled {
  /** Minutes after midnight, in order. */
  sessions: { start: number; end: number }[]
  dayMinutes: number
  overrides: Map<number, CalendarOverride>
  cutoffMinutes: number
  dueSoonMinutes: number
}

export interface Interval {
  from: number
  to: number
}

export function compile(cfg: CalendarConfig): Compiled {
  const sessions = cfg.officeHours.sessions.map((s) => ({ start: parseHhmm(s.start), end: parseHhmm(s.end) }))
  if (sessions.length === 0) throw new RangeError('office hours need at least one session')
  sessions.forEach((s, i) => {
    const previous = sessions[i - 1]
    if (s.end <= s.start || (previous && s.start < previous.end)) {
      throw new RangeError('office sessions must each end after they start, in order and without overlap')
    }
  })
  const dayMinutes = sessions.reduce((sum, s) => sum + s.end - s.start, 0)
  const overrides = new Map<number, CalendarOverride>()
  for (const o of cfg.overrides) overrides.set(dayIndex(o.date), o)
  const dueSoonMinutes = cfg.dueSoonMinutes ?? dayMinutes
  if (!Number.isFinite(dueSoonMinutes) || dueSoonMinutes < 0) throw new RangeError('dueSoonMinutes must be a non-negative number')
  return { sessions, dayMinutes, overrides, cutoffMinutes: parseHhmm(cfg.sameDayCutoff ?? DEFAULT_SAME_DAY_CUTOFF), dueSoonMinutes }
}

/**
 * Overrides first (they carry the government's annual notice), then statutory holidays, then the
 * Monday–Friday week of civil servants (Decision 188/1999/QĐ-TTg, Saturday and Sunday off).
 */
export function infoOf(day: number, c: Compiled): DayInfo {
  const date = isoDate(day)
  const weekend = isWeekend(day)
  const holiday = holidayNames(Number(date.slice(0, 4))).get(day)
  const o = c.overrides.get(day)
  if (o?.kind === 'day_off') return { date, kind: 'day_off', working: false, name: o.name }
  if (o?.kind === 'working_day') {
    return { date, kind: weekend || holiday ? 'swapped_working_day' : 'working', working: true, name: o.name }
  }
  if (holiday) return { date, kind: 'holiday', working: false, name: holiday }
  return weekend ? { date, kind: 'weekend', working: false } : { date, kind: 'working', working: true }
}

const sessionsOf = (day: number, c: Compiled): Interval[] =>
  c.sessions.map((s) => ({ from: day * DAY_MS + s.start * MINUTE_MS, to: day * DAY_MS + s.end * MINUTE_MS }))

/**
 * Working intervals from `from` on, clipped to start at `from`, up to `until` (excluded).
 * Throws after MAX_IDLE_DAYS consecutive non-working days so that a broken calendar fails loudly.
 */
export function* workingIntervals(from: number, c: Compiled, until = Infinity): Generator<Interval> {
  let idle = 0
  for (let day = Math.floor(from / DAY_MS); day * DAY_MS < until; day++) {
    if (!infoOf(day, c).working) {
      if (++idle > MAX_IDLE_DAYS) {
        throw new Error(`no working day for 5 years after ${isoDate(day - idle + 1)}: check the office hours and calendar overrides`)
      }
      continue
    }
    idle = 0
    for (const s of sessionsOf(day, c)) {
      const a = Math.max(s.from, from)
      const b = Math.min(s.to, until)
      if (b > a) yield { from: a, to: b }
    }
  }
}

/** Working intervals minus the (merged, sorted) pauses. */
export function* countableIntervals(from: number, c: Compiled, pauses: readonly Interval[], until = Infinity): Generator<Interval> {
  let p = 0
  for (const w of workingIntervals(from, c, until)) {
    let cursor = w.from
    while (p < pauses.length && (pauses[p]?.to ?? 0) <= cursor) p++
    for (let q = p; q < pauses.length && cursor < w.to; q++) {
      const pause = pauses[q]
      if (!pause || pause.from >= w.to) break
      if (pause.from > cursor) yield { from: cursor, to: pause.from }
      cursor = Math.max(cursor, pause.to)
    }
    if (cursor < w.to) yield { from: cursor, to: w.to }
  }
}

/** The first instant at or after `at` inside a working session. */
export function nextStart(at: number, c: Compiled): number {
  for (const w of workingIntervals(at, c)) return w.from
  throw new Error('unreachable: workingIntervals never ends without throwing')
}

/** Working milliseconds in [from, to), outside the pauses; 0 when `to` is not after `from`. */
export function countedMs(from: number, to: number, c: Compiled, pauses: readonly Interval[] = []): number {
  let sum = 0
  if (to <= from) return sum
  for (const w of countableIntervals(from, c, pauses, to)) sum += w.to - w.from
  return sum
}

/**
 * The instant at which `ms` of countable working time from `from` is used up. Time used up exactly
 * at the end of a session ends there, not at the start of the next session.
 */
export function walk(from: number, ms: number, c: Compiled, pauses: readonly Interval[] = []): number {
  if (ms <= 0) return from
  let remaining = ms
  for (const w of countableIntervals(from, c, pauses)) {
    if (w.to - w.from >= remaining) return w.from + remaining
    remaining -= w.to - w.from
  }
  throw new Error('unreachable: countableIntervals never ends without throwing')
}

/** Sorted, with overlapping or touching intervals merged, so that an overlap is counted once. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const merged: Interval[] = []
  for (const i of [...intervals].filter((x) => x.to > x.from).sort((a, b) => a.from - b.from)) {
    const last = merged[merged.length - 1]
    if (last && i.from <= last.to) last.to = Math.max(last.to, i.to)
    else merged.push({ ...i })
  }
  return merged
}

/** The first session's start and the last session's end on a day, as Vietnam ms. */
export function dayBounds(day: number, c: Compiled): Interval {
  const sessions = sessionsOf(day, c)
  return { from: sessions[0]?.from ?? day * DAY_MS, to: sessions[sessions.length - 1]?.to ?? day * DAY_MS }
}

/** The next working day strictly after `day`. */
export function nextWorkingDay(day: number, c: Compiled): number {
  const next = nextStart((day + 1) * DAY_MS, c)
  return Math.floor(next / DAY_MS)
}

/** Whether a Vietnam-ms instant is exactly the end of a session on a working day. */
export function isSessionEnd(at: number, c: Compiled): boolean {
  const day = Math.floor(at / DAY_MS)
  return infoOf(day, c).working && sessionsOf(day, c).some((s) => s.to === at)
}
