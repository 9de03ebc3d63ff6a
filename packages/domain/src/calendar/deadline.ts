import { clock, DAY_MS, formatVietnamTime, fromVn, MINUTE_MS, toVn, viDate, viDateTime, viMinutes, viWeekday } from './time.ts'
import type { CalendarConfig, Deadline, DeadlineInput, DeadlineStep, DurationUnit } from './types.ts'
import {
  compile,
  countedMs,
  dayBounds,
  infoOf,
  isSessionEnd,
  mergeIntervals,
  nextStart,
  nextWorkingDay,
  walk,
  type Compiled,
  type Interval,
} from './working-time.ts'

/**
 * The legal deadline of a dossier (REGULATION §5): counted in working time from valid acceptance,
 * stopped while waiting for the applicant, extended by gia hạn. Every due date comes with the
 * day-by-day steps and the rules behind it, so an officer or a citizen can check it by hand.
 */

interface PauseSpan extends Interval {
  reason: string
  open: boolean
}

interface ExtensionAt {
  ms: number
  at: number
  reason: string
}

export function computeDeadline(input: DeadlineInput, cfg: CalendarConfig): Deadline {
  const c = compile(cfg)
  const { value, unit } = input.duration
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`a duration is a non-negative number, not ${value}`)
  if (unit === 'day' && !Number.isInteger(value)) throw new RangeError('a duration in calendar days is a whole number')
  const accepted = toVn(input.acceptedAt)
  // Pure apart from this default: callers that need a reproducible result pass `now`.
  const now = toVn(input.now ?? new Date())
  const pauses = readPauses(input, now)
  const merged = mergeIntervals(pauses)
  const extensions = readExtensions(input)
  const extMs = extensions.reduce((sum, e) => sum + e.ms, 0)

  const rules = [durationRule(value, unit, c)]
  const start = startOf(accepted, value, unit, c, rules)
  let baseMs: number
  let due: number
  let calendarEnd: number | null = null
  if (unit === 'day') {
    calendarEnd = calendarDayEnd(start, value, c, rules)
    baseMs = countedMs(start, calendarEnd, c)
    // Time paused before the calendar end is made up after it, like any working-time deadline.
    due = walk(calendarEnd, baseMs - countedMs(start, calendarEnd, c, merged) + extMs, c, merged)
  } else {
    baseMs = Math.round(value * (unit === 'working_day' ? c.dayMinutes : 60) * MINUTE_MS)
    due = walk(start, baseMs + extMs, c, merged)
  }
  const pausedMs = countedMs(start, due, c) - countedMs(start, due, c, merged)

  pauseRules(pauses, merged, start, due, now, c, rules)
  for (const e of extensions) {
    rules.push(`Gia hạn thêm ${viMinutes(e.ms / MINUTE_MS)} làm việc (${viDateTime(e.at)}): ${e.reason || 'không ghi lý do'}.`)
  }
  const steps = buildSteps(accepted, start, due, calendarEnd, pauses, merged, extensions, c)
  daysRules(steps, rules)
  if (unit !== 'day' && due > start && isSessionEnd(due, c)) {
    rules.push(
      `Thời gian được tính hết đúng lúc kết thúc buổi làm việc nên hạn là ${clock(due)} cùng ngày, không chuyển sang buổi làm việc sau.`,
    )
  }
  rules.push(`Hạn giải quyết: ${viDateTime(due)} (${viWeekday(Math.floor(due / DAY_MS))}).`)

  return {
    startsAt: formatVietnamTime(fromVn(start)),
    dueAt: formatVietnamTime(fromVn(due)),
    totalWorkingMinutes: (baseMs + extMs) / MINUTE_MS,
    pausedWorkingMinutes: pausedMs / MINUTE_MS,
    extendedWorkingMinutes: extMs / MINUTE_MS,
    steps,
    rules,
  }
}

function readPauses(input: DeadlineInput, now: number): PauseSpan[] {
  return (input.pauses ?? []).map((p) => {
    const from = toVn(p.from)
    const open = p.to === undefined || p.to === null
    // An open pause has stopped the clock until now: the due date is provisional and moves on as long as it stays open.
    const to = open ? Math.max(now, from) : toVn(p.to as string | Date)
    if (to < from) throw new RangeError(`a pause ends before it starts: ${String(p.from)} → ${String(p.to)}`)
    return { from, to, reason: p.reason, open }
  })
}

function readExtensions(input: DeadlineInput): ExtensionAt[] {
  return (input.extensions ?? []).map((e) => {
    // A negative extension would shorten the legal time; that is not an extension.
    if (!Number.isFinite(e.workingMinutes) || e.workingMinutes < 0) throw new RangeError(`an extension is a non-negative number of minutes`)
    return { ms: Math.round(e.workingMinutes * MINUTE_MS), at: toVn(e.at), reason: e.reason }
  })
}

function sessionsText(c: Compiled): string {
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
  return c.sessions.map((s) => `${hhmm(s.start)}–${hhmm(s.end)}`).join(', ')
}

function durationRule(value: number, unit: DurationUnit, c: Compiled): string {
  const hours = `giờ làm việc ${sessionsText(c)}`
  switch (unit) {
    case 'working_day':
      return (
        `Thời hạn giải quyết: ${value} ngày làm việc = ${viMinutes(value * c.dayMinutes)} làm việc ` +
        `(1 ngày làm việc = ${viMinutes(c.dayMinutes)}, ${hours}), không tính ngày nghỉ.`
      )
    case 'working_hour':
      return `Thời hạn giải quyết: ${value} giờ làm việc (${hours}), không tính ngày nghỉ.`
    case 'day':
      return `Thời hạn giải quyết: ${value} ngày theo lịch, kể cả ngày nghỉ.`
  }
}

/** Same-day procedures: at most one working day's time (REGULATION §5). */
const isSameDay = (value: number, unit: DurationUnit, c: Compiled): boolean =>
  (unit === 'working_day' && value <= 1) || (unit === 'working_hour' && value * 60 <= c.dayMinutes)

/**
 * Processing time counts from valid acceptance (REGULATION §5 [firm]); a dossier accepted outside
 * office hours or on a day off counts from the next working session ([likely], configurable per
 * province through the office hours). A same-day procedure received after the cutoff counts from
 * the next working day's first session ([likely], provincial rules); "after" is strictly after.
 */
function startOf(accepted: number, value: number, unit: DurationUnit, c: Compiled, rules: string[]): number {
  const day = Math.floor(accepted / DAY_MS)
  const info = infoOf(day, c)
  const start = nextStart(accepted, c)
  if (isSameDay(value, unit, c) && info.working && accepted - day * DAY_MS > c.cutoffMinutes * MINUTE_MS) {
    const nextDay = dayBounds(nextWorkingDay(day, c), c).from
    if (nextDay > start) {
      rules.push(
        `Thủ tục giải quyết trong ngày, tiếp nhận sau ${clock(day * DAY_MS + c.cutoffMinutes * MINUTE_MS)} ` +
          `(lúc ${viDateTime(accepted)}): bắt đầu tính từ ${viDateTime(nextDay)}, ngày làm việc tiếp theo.`,
      )
      return nextDay
    }
  }
  if (start === accepted) {
    rules.push(`Tiếp nhận hồ sơ hợp lệ trong giờ làm việc lúc ${viDateTime(accepted)}: bắt đầu tính thời hạn từ thời điểm này.`)
  } else if (!info.working) {
    const why = info.name ? `${info.name}` : `${viWeekday(day)}, nghỉ cuối tuần`
    rules.push(`Tiếp nhận vào ngày nghỉ (${viDate(day)}: ${why}): bắt đầu tính từ ${viDateTime(start)}, đầu buổi làm việc tiếp theo.`)
  } else {
    rules.push(`Tiếp nhận ngoài giờ hành chính (lúc ${viDateTime(accepted)}): bắt đầu tính từ ${viDateTime(start)}.`)
  }
  return start
}

/**
 * Calendar-day procedures end at the end of the last day (Civil Code 2015 art. 148 cl. 1: a time
 * limit in days ends when its last day ends; for an office, when its last session closes). When the
 * last day is not a working day, the deadline moves to the end of the next working day (art. 148
 * cl. 5). A longer duration therefore never ends earlier.
 */
function calendarDayEnd(start: number, days: number, c: Compiled, rules: string[]): number {
  const day = Math.floor((start + days * DAY_MS) / DAY_MS)
  const info = infoOf(day, c)
  if (info.working) {
    const end = dayBounds(day, c).to
    rules.push(
      `Tính ${days} ngày theo lịch từ ${viDateTime(start)}: hết ngày ${viDate(day)}, tức ${viDateTime(end)} (Bộ luật Dân sự 2015, Điều 148 khoản 1).`,
    )
    return end
  }
  const moved = dayBounds(nextWorkingDay(day, c), c).to
  rules.push(
    `Tính ${days} ngày theo lịch từ ${viDateTime(start)}: ngày cuối cùng (${viDate(day)}) là ngày nghỉ (${info.name ?? viWeekday(day)}), ` +
      `hạn chuyển đến hết giờ làm việc ${viDateTime(moved)}, ngày làm việc tiếp theo (Bộ luật Dân sự 2015, Điều 148 khoản 5).`,
  )
  return moved
}

function pauseRules(pauses: PauseSpan[], merged: Interval[], start: number, due: number, now: number, c: Compiled, rules: string[]): void {
  let sum = 0
  for (const p of pauses) {
    const from = viDateTime(p.from)
    const to = p.open ? `nay (${viDateTime(p.to)})` : viDateTime(p.to)
    const reason = p.reason || 'không ghi lý do'
    if (p.to <= start) {
      rules.push(`Tạm dừng (${reason}) từ ${from} đến ${to} kết thúc trước khi bắt đầu tính thời hạn: không ảnh hưởng.`)
      continue
    }
    if (p.from >= due) {
      rules.push(`Tạm dừng (${reason}) từ ${from} bắt đầu khi đã hết thời hạn: không làm lùi hạn.`)
      continue
    }
    const paused = countedMs(Math.max(p.from, start), Math.min(p.to, due), c)
    sum += paused
    const spansDayOff = spansNonWorkingDay(p, c)
    rules.push(
      `Tạm dừng tính thời hạn (${reason}) từ ${from} đến ${to}: không tính ${viMinutes(paused / MINUTE_MS)} làm việc` +
        (spansDayOff ? '; ngày nghỉ trong khoảng này vốn không tính nên không được cộng thêm.' : '.'),
    )
    if (p.open) {
      rules.push(
        `Hồ sơ đang tạm dừng: hạn giải quyết là tạm tính, coi như tạm dừng đến thời điểm tính ${viDateTime(now)}; ` +
          'hạn tiếp tục lùi cho đến khi tiếp tục giải quyết.',
      )
    }
  }
  const total = merged.reduce((s, m) => s + countedMs(Math.max(m.from, start), Math.min(m.to, due), c), 0)
  if (sum > total)
    rules.push(`Các khoảng tạm dừng chồng lên nhau chỉ tính một lần: tổng thời gian tạm dừng ${viMinutes(total / MINUTE_MS)} làm việc.`)
  if (total > 0) rules.push(`Hạn giải quyết lùi đúng bằng thời gian làm việc bị tạm dừng (${viMinutes(total / MINUTE_MS)}).`)
}

function spansNonWorkingDay(p: Interval, c: Compiled): boolean {
  for (let day = Math.floor(p.from / DAY_MS); day * DAY_MS < p.to; day++) if (!infoOf(day, c).working) return true
  return false
}

function buildSteps(
  accepted: number,
  start: number,
  due: number,
  calendarEnd: number | null,
  pauses: PauseSpan[],
  merged: Interval[],
  extensions: ExtensionAt[],
  c: Compiled,
): DeadlineStep[] {
  const steps: DeadlineStep[] = []
  let cumulative = 0
  const lastDay = Math.floor(due / DAY_MS)
  for (let day = Math.floor(accepted / DAY_MS); day <= lastDay; day++) {
    const info = infoOf(day, c)
    const from = Math.max(day * DAY_MS, start)
    const to = Math.min((day + 1) * DAY_MS, due)
    const all = countedMs(from, to, c)
    const counted = countedMs(from, to, c, merged)
    cumulative += counted
    const notes: string[] = []
    if (day === Math.floor(accepted / DAY_MS)) notes.push(`tiếp nhận lúc ${clock(accepted)}`)
    if (day === Math.floor(start / DAY_MS) && start !== accepted) notes.push(`bắt đầu tính từ ${clock(start)}`)
    const reasons = [
      ...new Set(pauses.filter((p) => p.from < (day + 1) * DAY_MS && p.to > day * DAY_MS && p.to > p.from).map((p) => p.reason)),
    ]
    if (reasons.length > 0) {
      const pausedHere = all > counted ? ` ${viMinutes((all - counted) / MINUTE_MS)}` : ''
      notes.push(`tạm dừng${pausedHere}: ${reasons.join(', ')}`)
    }
    for (const e of extensions) {
      if (Math.floor(e.at / DAY_MS) === day) notes.push(`gia hạn thêm ${viMinutes(e.ms / MINUTE_MS)}: ${e.reason}`)
    }
    if (calendarEnd !== null && day === Math.floor(calendarEnd / DAY_MS))
      notes.push(`hết ${clock(calendarEnd)} là hết thời hạn theo ngày lịch`)
    if (day === lastDay) notes.push(`hạn giải quyết ${clock(due)}`)
    const kind = info.working && all > 0 && counted === 0 ? 'paused' : info.kind
    steps.push({
      date: info.date,
      kind,
      ...(info.name ? { name: info.name } : {}),
      minutesCounted: counted / MINUTE_MS,
      cumulativeMinutes: cumulative / MINUTE_MS,
      ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
    })
  }
  return steps
}

/** Which days off the count skipped and which weekend days were worked, from the steps. */
function daysRules(steps: DeadlineStep[], rules: string[]): void {
  const off = steps.filter((s) => s.kind === 'holiday' || s.kind === 'day_off')
  const weekends = steps.filter((s) => s.kind === 'weekend').length
  const swapped = steps.filter((s) => s.kind === 'swapped_working_day')
  const dmy = (iso: string) => iso.split('-').reverse().join('/')
  if (off.length > 0) {
    rules.push(
      `Không tính ${off.length} ngày nghỉ lễ, tết, nghỉ bù hoặc ngày nghỉ theo thông báo: ` +
        `${off.map((s) => `${dmy(s.date)} – ${s.name ?? ''}`).join('; ')}.`,
    )
  }
  if (weekends > 0) rules.push(`Không tính ${weekends} ngày nghỉ cuối tuần (thứ Bảy, Chủ nhật).`)
  if (swapped.length > 0) {
    rules.push(`Tính là ngày làm việc theo điều chỉnh: ${swapped.map((s) => `${dmy(s.date)} – ${s.name ?? ''}`).join('; ')}.`)
  }
}
