import { dayIndex, fromVn, MINUTE_MS, toVn } from './time.ts'
import type { CalendarConfig, DayInfo, DeadlineFlag } from './types.ts'
import { compile, countedMs, infoOf, nextStart, walk } from './working-time.ts'

export { DEFAULT_OFFICE_HOURS, DEFAULT_SAME_DAY_CUTOFF } from './working-time.ts'

/** Whether a date is a working day, and why not: override, statutory holiday or weekend. */
export function dayInfo(date: string, cfg: CalendarConfig): DayInfo {
  return infoOf(dayIndex(date), compile(cfg))
}

/**
 * Working minutes in [from, to): time inside office sessions of working days. Signed: negative
 * when `to` is before `from`, e.g. the working time by which a deadline has passed.
 */
export function workingMinutesBetween(from: string | Date, to: string | Date, cfg: CalendarConfig): number {
  const c = compile(cfg)
  const a = toVn(from)
  const b = toVn(to)
  return b >= a ? countedMs(a, b, c) / MINUTE_MS : -countedMs(b, a, c) / MINUTE_MS || 0
}

/** `at` itself inside a working session; otherwise the start of the next working session. */
export function nextWorkingStart(at: string | Date, cfg: CalendarConfig): Date {
  return fromVn(nextStart(toVn(at), compile(cfg)))
}

/** The instant at which `minutes` working minutes from `from` are used up (a session's end when exact). */
export function addWorkingMinutes(from: string | Date, minutes: number, cfg: CalendarConfig): Date {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`working minutes must be a non-negative number, not ${minutes}`)
  return fromVn(walk(toVn(from), Math.round(minutes * MINUTE_MS), compile(cfg)))
}

/**
 * Overdue once `now` is past the due instant; due soon when fewer than `cfg.dueSoonMinutes`
 * working minutes are left (default one working day, e.g. 480 with 8-hour days).
 */
export function deadlineFlag(dueAt: string | Date, now: string | Date, cfg: CalendarConfig): DeadlineFlag {
  const c = compile(cfg)
  const due = toVn(dueAt)
  const at = toVn(now)
  if (at > due) return 'overdue'
  return countedMs(at, due, c) < c.dueSoonMinutes * MINUTE_MS ? 'due_soon' : 'on_time'
}
