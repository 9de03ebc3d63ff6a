import { LunarDate } from '@nghiavuive/lunar_date_vi'

/**
 * Lunar dates on the Vietnamese calendar: Hồ Ngọc Đức's tables, computed for UTC+7. The Chinese
 * calendar (UTC+8) puts some new moons on a different day, hence a different Tết in some years
 * (1985: 21/01 here, 20/02 in China; 2007: 17/02 vs 18/02 — REGULATION §5), so a Chinese lunar
 * library would be wrong here.
 *
 * Only Julian day numbers are taken from the library: its Gregorian conversions go through the
 * host's local `Date`, whereas a Julian day number maps to a date with plain arithmetic.
 */

const JD_UNIX_EPOCH = 2_440_588 // Julian day number of 1970-01-01

// The library's tables span lunar years 1200 (from its 1st month's 14th day) to 2199.
const LUNAR_MIN_YEAR = 1201
const LUNAR_MAX_YEAR = 2199

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < LUNAR_MIN_YEAR || year > LUNAR_MAX_YEAR) {
    throw new RangeError(`lunar calendar supported for ${LUNAR_MIN_YEAR}–${LUNAR_MAX_YEAR}, not ${year}`)
  }
}

/**
 * Day number (days since 1970-01-01) of a lunar date in a regular (non-leap) month. Festivals such
 * as Giỗ Tổ (10/3) keep the regular month when the year repeats it as a leap month.
 */
export function lunarToDay(day: number, month: number, year: number): number {
  checkYear(year)
  const lunar = new LunarDate({ day, month, year, leap_month: false })
  lunar.init()
  return lunar.get().julian - JD_UNIX_EPOCH
}

/** Day number of Tết Nguyên đán (1st day of the 1st lunar month) of a lunar year. */
export const tetDay = (year: number): number => lunarToDay(1, 1, year)

/**
 * Day number of the last day of a lunar year: the eve of the next Tết. The 12th month has 29 or 30
 * days depending on the year (the library rejects 30/12 when it has 29), and a year with a leap
 * 12th month ends in that leap month; deriving it from the next Tết covers all of these.
 */
export function lunarYearEndDay(year: number): { day: number; lunarDay: number } {
  const day = tetDay(year + 1) - 1
  const sinceMonth12 = day - lunarToDay(1, 12, year) + 1
  // Past the regular 12th month, the year ends in a leap 12th month.
  const lunarDay = sinceMonth12 > 30 ? sinceMonth12 - monthLength(12, year) : sinceMonth12
  return { day, lunarDay }
}

function monthLength(month: number, year: number): number {
  try {
    lunarToDay(30, month, year)
    return 30
  } catch {
    return 29
  }
}
