import { describe, expect, it } from 'vitest'
import { lunarToDay, lunarYearEndDay, tetDay } from './lunar.ts'
import { dayIndex, isoDate } from './time.ts'

/**
 * An independent, astronomical implementation of Hồ Ngọc Đức's lunar calendar algorithm
 * (https://www.informatik.uni-leipzig.de/~duc/amlich/calrules.html), parameterised by time zone:
 * UTC+7 gives the Vietnamese calendar, UTC+8 the Chinese one. It checks the table-based library
 * the engine uses, and shows why the time zone matters.
 */
const JD_UNIX_EPOCH = 2_440_588
const INT = Math.floor
const dr = Math.PI / 180

function newMoon(k: number): number {
  const T = k / 1236.85
  const T2 = T * T
  const T3 = T2 * T
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * dr)
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * dr) + 0.0021 * Math.sin(2 * dr * M)
  c1 = c1 - 0.4068 * Math.sin(Mpr * dr) + 0.0161 * Math.sin(dr * 2 * Mpr)
  c1 = c1 - 0.0004 * Math.sin(dr * 3 * Mpr)
  c1 = c1 + 0.0104 * Math.sin(dr * 2 * F) - 0.0051 * Math.sin(dr * (M + Mpr))
  c1 = c1 - 0.0074 * Math.sin(dr * (M - Mpr)) + 0.0004 * Math.sin(dr * (2 * F + M))
  c1 = c1 - 0.0004 * Math.sin(dr * (2 * F - M)) - 0.0006 * Math.sin(dr * (2 * F + Mpr))
  c1 = c1 + 0.001 * Math.sin(dr * (2 * F - Mpr)) + 0.0005 * Math.sin(dr * (2 * Mpr + M))
  const deltaT =
    T < -11 ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3 : -0.000278 + 0.000265 * T + 0.000262 * T2
  return jd1 + c1 - deltaT
}

function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525
  const T2 = T * T
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(dr * M)
  DL = DL + (0.019993 - 0.000101 * T) * Math.sin(dr * 2 * M) + 0.00029 * Math.sin(dr * 3 * M)
  let L = (L0 + DL - 0.00569 - 0.00478 * Math.sin((125.04 - 1934.136 * T) * dr)) * dr
  L = L - Math.PI * 2 * INT(L / (Math.PI * 2))
  return L
}

const newMoonDay = (k: number, tz: number) => INT(newMoon(k) + 0.5 + tz / 24)
const sunSector = (jd: number, tz: number) => INT((sunLongitude(jd - 0.5 - tz / 24) / Math.PI) * 6)
const jdOf = (y: number, m: number, d: number) => JD_UNIX_EPOCH + Date.UTC(y, m - 1, d) / 86_400_000

function lunarMonth11(year: number, tz: number): number {
  const k = INT((jdOf(year, 12, 31) - 2415021) / 29.530588853)
  const nm = newMoonDay(k, tz)
  return sunSector(nm, tz) >= 9 ? newMoonDay(k - 1, tz) : nm
}

function leapMonthOffset(a11: number, tz: number): number {
  const k = INT((a11 - 2415021.076998695) / 29.530588853 + 0.5)
  let i = 1
  let arc = sunSector(newMoonDay(k + i, tz), tz)
  let last: number
  do {
    last = arc
    i++
    arc = sunSector(newMoonDay(k + i, tz), tz)
  } while (arc !== last && i < 14)
  return i - 1
}

/** Day number of a lunar date in a regular month, for the calendar of time zone `tz`. */
function referenceLunarToDay(day: number, month: number, year: number, tz: number): number {
  const [a11, b11] =
    month < 11 ? [lunarMonth11(year - 1, tz), lunarMonth11(year, tz)] : [lunarMonth11(year, tz), lunarMonth11(year + 1, tz)]
  const k = INT(0.5 + (a11 - 2415021.076998695) / 29.530588853)
  let off = month - 11
  if (off < 0) off += 12
  if (b11 - a11 > 365 && off >= leapMonthOffset(a11, tz)) off += 1
  return newMoonDay(k + off, tz) + day - 1 - JD_UNIX_EPOCH
}

const iso = (day: number) => isoDate(day)

describe('Vietnamese lunar calendar (UTC+7), not the Chinese one (UTC+8)', () => {
  it.each([
    [1985, '1985-01-21', '1985-02-20'],
    [2007, '2007-02-17', '2007-02-18'],
  ])('Tết %i is %s in Vietnam (%s in China)', (year, vietnam, china) => {
    expect(iso(tetDay(year))).toBe(vietnam)
    expect(iso(referenceLunarToDay(1, 1, year, 7))).toBe(vietnam)
    expect(iso(referenceLunarToDay(1, 1, year, 8))).toBe(china)
  })

  it.each([
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
  ])('Tết %i = %s', (year, date) => {
    expect(iso(tetDay(year))).toBe(date)
  })

  it.each([
    [2026, '2026-04-26'],
    [2027, '2027-04-16'],
    [2023, '2023-04-29'], // lunar 2023 has a leap 2nd month, which pushes the 3rd month later
  ])('Giỗ Tổ Hùng Vương (10/3) %i = %s', (year, date) => {
    expect(iso(lunarToDay(10, 3, year))).toBe(date)
  })

  // Vietnam's calendar moved from UTC+8 to UTC+7 in August 1967 (hence the North's Tết Mậu Thân on
  // 29/01/1968, a day before the South's); the library's tables follow that history, so the
  // comparison starts in 1968. Deadlines only need recent years.
  it('agrees with the astronomical algorithm at UTC+7 for Tết and 10/3 of every year 1968–2150', () => {
    const mismatches: string[] = []
    for (let year = 1968; year <= 2150; year++) {
      const tz = 7
      if (tetDay(year) !== referenceLunarToDay(1, 1, year, tz)) mismatches.push(`Tết ${year}`)
      if (lunarToDay(10, 3, year) !== referenceLunarToDay(10, 3, year, tz)) mismatches.push(`10/3 ${year}`)
    }
    expect(mismatches).toEqual([])
    expect(iso(tetDay(1968))).toBe('1968-01-29')
  })

  it('ends each lunar year on its 29th or 30th day, the eve of the next Tết', () => {
    for (let year = 1900; year <= 2150; year++) {
      const end = lunarYearEndDay(year)
      expect(end.day).toBe(tetDay(year + 1) - 1)
      expect([29, 30]).toContain(end.lunarDay)
    }
    expect(lunarYearEndDay(2026).lunarDay).toBe(29) // no "30 Tết" before Tết 2027
    expect(lunarYearEndDay(2023).lunarDay).toBe(30) // 09/02/2024 was 30 Tết
  })

  it('refuses a 30th day in a 29-day month and years outside the tables', () => {
    expect(() => lunarToDay(30, 12, 2026)).toThrow()
    expect(() => lunarToDay(1, 1, 1000)).toThrow(RangeError)
    expect(() => tetDay(2200)).toThrow(RangeError)
  })

  it('maps dates independently of the host time zone', () => {
    expect(tetDay(2027)).toBe(dayIndex('2027-02-06'))
  })
})
