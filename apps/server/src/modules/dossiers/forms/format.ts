/**
 * Dates and text as the forms print them. Forms state Vietnam time whatever the server's time zone,
 * so every calendar field is read in UTC after shifting by +7 h (Vietnam has no daylight saving).
 */

const VN_OFFSET_MS = 7 * 60 * 60 * 1000

export interface VnDateParts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
}

export function vnParts(d: Date): VnDateParts {
  const t = new Date(d.getTime() + VN_OFFSET_MS)
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate(), hour: t.getUTCHours(), minute: t.getUTCMinutes() }
}

const pad2 = (n: number): string => String(n).padStart(2, '0')

/**
 * The place and date line of an administrative document. Decree 30/2020/NĐ-CP (Appendix I) pads
 * days below 10 and only the months January and February ("tháng 01", "tháng 3").
 */
export function placeAndDate(place: string, d: Date): string {
  const p = vnParts(d)
  return `${place}, ngày ${pad2(p.day)} tháng ${p.month <= 2 ? pad2(p.month) : String(p.month)} năm ${p.year}`
}

/** "08 giờ 30 phút, ngày 23/11/2026", the reception and appointment lines of the receipt. */
export function timeAndDate(d: Date): string {
  const p = vnParts(d)
  return `${pad2(p.hour)} giờ ${pad2(p.minute)} phút, ngày ${pad2(p.day)}/${pad2(p.month)}/${p.year}`
}

/** "23/11/2026": a date alone, in the digits of the time lines. */
export function shortDate(d: Date): string {
  const p = vnParts(d)
  return `${pad2(p.day)}/${pad2(p.month)}/${p.year}`
}

/**
 * Normalises every string of the form data to NFC: text pasted from Word or typed with some input
 * methods arrives decomposed, which the font would draw with stacked combining marks and which
 * text extraction would not match.
 */
export function nfc<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T & string
  if (Array.isArray(value)) return value.map((v: unknown) => nfc(v)) as T & unknown[]
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, nfc(v)])) as T
  }
  return value
}

/** A blank to fill in by hand, where the form has a field the data leaves empty. */
export const BLANK = '…………………………'

export function orBlank(v: string | null | undefined): string {
  const t = v?.trim()
  return t ? t : BLANK
}

/** Upper case for headings; Vietnamese has no locale-specific case rules beyond the default. */
export function upper(s: string): string {
  return s.toUpperCase()
}

/** Joins the words of a name with no-break spaces, so running text never splits a person's name. */
export function unbroken(name: string): string {
  return name.trim().replace(/\s+/g, '\u00a0')
}
