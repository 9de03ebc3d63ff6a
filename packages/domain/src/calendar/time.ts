/**
 * Vietnam wall-clock arithmetic. Vietnam keeps UTC+7 all year (no DST), so a local time is the
 * instant shifted by a fixed offset; internally the engine works on "Vietnam milliseconds"
 * (epoch ms + 7 h) read with the UTC getters, which never depend on the host's time zone.
 */

export const VN_OFFSET_MS = 7 * 3600_000
export const DAY_MS = 86_400_000
export const MINUTE_MS = 60_000

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
// Wall-clock strings without an offset are read as Vietnam time rather than as the host's local time.
const NO_OFFSET = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?)?$/

/** Epoch milliseconds of an instant given as a Date or an ISO string (an offset-less string is Vietnam time). */
export function toEpochMs(at: string | Date): number {
  let ms: number
  if (at instanceof Date) ms = at.getTime()
  else if (NO_OFFSET.test(at)) ms = Date.parse(`${at.length === 10 ? `${at}T00:00` : at}Z`) - VN_OFFSET_MS
  else ms = Date.parse(at)
  if (!Number.isFinite(ms)) throw new RangeError(`not a valid instant: ${String(at)}`)
  return ms
}

export const toVn = (at: string | Date): number => toEpochMs(at) + VN_OFFSET_MS
export const fromVn = (vn: number): Date => new Date(vn - VN_OFFSET_MS)

/** ISO 8601 in Vietnam time with an explicit +07:00 offset, e.g. `2027-02-12T17:00:00+07:00`. */
export function formatVietnamTime(at: string | Date): string {
  const iso = new Date(toVn(at)).toISOString()
  const ms = iso.slice(19, 23)
  return `${iso.slice(0, 19)}${ms === '.000' ? '' : ms}+07:00`
}

/** Day number (days since 1970-01-01) of a YYYY-MM-DD date. */
export function dayIndex(date: string): number {
  const m = ISO_DATE.exec(date)
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`)
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  if (isoDate(ms / DAY_MS) !== date) throw new RangeError(`no such date: ${date}`)
  return ms / DAY_MS
}

export const isoDate = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10)
export const dayOfVn = (vn: number): number => Math.floor(vn / DAY_MS)
/** 0 = Sunday … 6 = Saturday. */
export const weekday = (day: number): number => new Date(day * DAY_MS).getUTCDay()
export const isWeekend = (day: number): boolean => weekday(day) === 0 || weekday(day) === 6

/** Minutes after midnight of an `HH:MM` time. */
export function parseHhmm(hhmm: string): number {
  const m = HHMM.exec(hhmm)
  if (!m) throw new RangeError(`not an HH:MM time: ${hhmm}`)
  return Number(m[1]) * 60 + Number(m[2])
}

const pad = (n: number): string => String(n).padStart(2, '0')

/** `07:30` for a Vietnam-ms instant. */
export function clock(vn: number): string {
  const d = new Date(vn)
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/** `24/11/2026` for a day number. */
export function viDate(day: number): string {
  const [y, m, d] = isoDate(day).split('-')
  return `${d}/${m}/${y}`
}

/** `07:30 ngày 24/11/2026`, the phrasing of receipts and appointment slips. */
export const viDateTime = (vn: number): string => `${clock(vn)} ngày ${viDate(dayOfVn(vn))}`

const WEEKDAY_VI = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy']
export const viWeekday = (day: number): string => WEEKDAY_VI[weekday(day)] ?? ''

/** `2 giờ 30 phút`, `8 giờ`, `45 phút`; sub-minute inputs are rounded for display only. */
export function viMinutes(minutes: number): string {
  const total = Math.round(minutes)
  const h = Math.floor(total / 60)
  const m = total % 60
  if (h === 0) return `${m} phút`
  return m === 0 ? `${h} giờ` : `${h} giờ ${m} phút`
}
