/**
 * The working calendar and the legal deadline engine share these shapes with the server (which
 * stores office hours and overrides) and the web app (which shows the day-by-day explanation).
 * Instants are `Date`s or ISO strings with an offset, read in Vietnam time (UTC+7, no DST); a
 * string without an offset is taken as Vietnam wall-clock time. Dates are `YYYY-MM-DD`.
 */

export interface OfficeSession {
  /** `HH:MM`, Vietnam time. */
  start: string
  end: string
}

/** Sessions in order and not overlapping; one working day is the sum of their lengths. */
export interface OfficeHours {
  sessions: OfficeSession[]
}

export type OverrideKind = 'day_off' | 'working_day'

/**
 * Admin-entered from the government's annual notice: compensatory days, swapped working days
 * (hoán đổi ngày làm việc), days the law adds later. An override wins over every other rule.
 */
export interface CalendarOverride {
  date: string
  kind: OverrideKind
  name: string
}

export interface CalendarConfig {
  officeHours: OfficeHours
  overrides: CalendarOverride[]
  /** Same-day procedures received after this `HH:MM` count from the next working day; default `15:00`. */
  sameDayCutoff?: string
  /** "Due soon" below this many working minutes left; default one working day. */
  dueSoonMinutes?: number
}

export type DayKind = 'working' | 'weekend' | 'holiday' | 'day_off' | 'swapped_working_day'

export interface DayInfo {
  date: string
  kind: DayKind
  working: boolean
  name?: string
}

export interface StatutoryHoliday {
  date: string
  name: string
  /** The legal source and, for defaults the government may change, how the day was chosen. */
  rule: string
}

/** Stop-the-clock interval (supplement request, payment wait, consultation); no `to` = still stopped. */
export interface Pause {
  from: string | Date
  to?: string | Date | null
  reason: string
}

/** Gia hạn: extra working time granted after the pauses are accounted for. */
export interface Extension {
  workingMinutes: number
  reason: string
  at: string | Date
}

/** `day` = calendar days, used by some procedures. */
export type DurationUnit = 'working_day' | 'working_hour' | 'day'

export interface DeadlineInput {
  /** Valid acceptance (tiếp nhận hợp lệ), not submission. */
  acceptedAt: string | Date
  duration: { value: number; unit: DurationUnit }
  pauses?: Pause[]
  extensions?: Extension[]
  /** Where an open pause ends for this computation; defaults to the current time. */
  now?: string | Date
}

export interface DeadlineStep {
  date: string
  /** `paused` = a working day whose countable time was entirely inside a pause. */
  kind: DayKind | 'paused'
  name?: string
  minutesCounted: number
  cumulativeMinutes: number
  note?: string
}

export interface Deadline {
  /** When the clock started: the acceptance, or the next working session after it. */
  startsAt: string
  dueAt: string
  /** Working minutes counted from start to due: the duration plus extensions. */
  totalWorkingMinutes: number
  /** Working minutes between start and due that fell inside pauses (overlaps counted once). */
  pausedWorkingMinutes: number
  extendedWorkingMinutes: number
  /** One entry per calendar day from the acceptance date to the due date. */
  steps: DeadlineStep[]
  /** Vietnamese sentences explaining which rules applied. */
  rules: string[]
}

export type DeadlineFlag = 'on_time' | 'due_soon' | 'overdue'
