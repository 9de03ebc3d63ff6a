import { lunarToDay, lunarYearEndDay, tetDay } from './lunar.ts'
import { dayIndex, isoDate, isWeekend } from './time.ts'
import type { StatutoryHoliday } from './types.ts'

/**
 * Public holidays of the Labor Code 2019 (Bộ luật Lao động 45/2019/QH14) art. 112 cl. 1, which
 * civil servants also take (REGULATION §5 [firm]). Tết and the day next to National Day are picked
 * each year by the Prime Minister (art. 112 cl. 3): the defaults below are what the annual notice
 * usually says, and the admin enters the notice's actual days as overrides, which win.
 */

const LC = 'Bộ luật Lao động 2019, Điều 112 khoản 1'
const TET_RULE =
  `${LC} điểm b: 5 ngày do Thủ tướng quyết định hằng năm (khoản 3); mặc định ngày cuối năm Âm lịch và mùng 1–4 tháng Giêng, ` +
  'thông báo nghỉ Tết hằng năm (nhập làm ngày điều chỉnh) được ưu tiên'
const NATIONAL_DAY_RULE =
  `${LC} điểm đ: ngày 2/9 và 1 ngày liền kề trước hoặc sau do Thủ tướng quyết định (khoản 3); mặc định chọn ngày liền kề ` +
  'là ngày thường tạo thành kỳ nghỉ nối với cuối tuần, nếu không có thì ngày 1/9'
// Art. 111 cl. 3: a holiday on the weekly rest day is compensated on the next working day. The
// annual notice normally grants it, so it is on by default; an override can cancel it [check].
const COMPENSATION_RULE =
  'Bộ luật Lao động 2019, Điều 111 khoản 3: ngày nghỉ lễ, tết trùng ngày nghỉ hằng tuần (hoặc trùng một ngày lễ khác) ' +
  'được nghỉ bù vào ngày làm việc kế tiếp'

const TET_DAY_NAMES = ['mùng 1', 'mùng 2', 'mùng 3', 'mùng 4']

interface Entry {
  day: number
  name: string
  rule: string
}

const cache = new Map<number, readonly Entry[]>()

/**
 * The statutory days off of a Gregorian year, compensatory days included, sorted by date. Two
 * holidays can fall on one date (Giỗ Tổ can meet 30/4): both are listed, the second compensated.
 */
export function statutoryHolidays(year: number): StatutoryHoliday[] {
  return holidayEntries(year).map((e) => ({ date: isoDate(e.day), name: e.name, rule: e.rule }))
}

const namesCache = new Map<number, ReadonlyMap<number, string>>()

/** Holiday names by day number, for the calendar's day lookups. */
export function holidayNames(year: number): ReadonlyMap<number, string> {
  const hit = namesCache.get(year)
  if (hit) return hit
  const names = new Map<number, string>()
  for (const e of holidayEntries(year)) {
    const before = names.get(e.day)
    names.set(e.day, before ? `${before}; ${e.name}` : e.name)
  }
  namesCache.set(year, names)
  return names
}

function holidayEntries(year: number): readonly Entry[] {
  const hit = cache.get(year)
  if (hit) return hit
  if (!Number.isInteger(year)) throw new RangeError(`not a year: ${year}`)
  const fixed = (mmdd: string) => dayIndex(`${String(year).padStart(4, '0')}-${mmdd}`)

  const eve = lunarYearEndDay(year - 1)
  const tet = tetDay(year)
  const entries: Entry[] = [
    { day: fixed('01-01'), name: 'Tết Dương lịch (1/1)', rule: `${LC} điểm a` },
    { day: eve.day, name: `Tết Nguyên đán (${eve.lunarDay} tháng Chạp)`, rule: TET_RULE },
    ...TET_DAY_NAMES.map((n, i) => ({ day: tet + i, name: `Tết Nguyên đán (${n} tháng Giêng)`, rule: TET_RULE })),
    { day: lunarToDay(10, 3, year), name: 'Giỗ Tổ Hùng Vương (10/3 Âm lịch)', rule: `${LC} điểm e` },
    { day: fixed('04-30'), name: 'Ngày Chiến thắng (30/4)', rule: `${LC} điểm c` },
    { day: fixed('05-01'), name: 'Ngày Quốc tế Lao động (1/5)', rule: `${LC} điểm d` },
    { day: fixed('09-02'), name: 'Quốc khánh (2/9)', rule: `${LC} điểm đ` },
  ]
  const adjacent = nationalDayAdjacent(fixed('09-02'))
  entries.push({ day: adjacent, name: `Quốc khánh (ngày liền kề ${adjacent < fixed('09-02') ? '1/9' : '3/9'})`, rule: NATIONAL_DAY_RULE })
  entries.sort((a, b) => a.day - b.day)

  const result = [...entries, ...compensatoryDays(entries)].sort((a, b) => a.day - b.day)
  cache.set(year, result)
  return result
}

/**
 * The day next to 2/9 [check]: the weekday neighbour whose two-day break touches a weekend
 * (2/9 on Monday → 3/9, Tuesday → 1/9, Thursday → 3/9, Friday or Saturday → 1/9, Sunday → 3/9),
 * else 1/9. This reproduces the notices of 2021–2025; the annual notice decides.
 */
function nationalDayAdjacent(sep2: number): number {
  const touchesWeekend = (from: number, to: number) => isWeekend(from - 1) || isWeekend(to + 1) || isWeekend(from) || isWeekend(to)
  const before = sep2 - 1
  const after = sep2 + 1
  if (!isWeekend(before) && touchesWeekend(before, sep2)) return before
  if (!isWeekend(after) && touchesWeekend(sep2, after)) return after
  return before
}

function compensatoryDays(entries: readonly Entry[]): Entry[] {
  const taken = new Set(entries.map((e) => e.day))
  const seen = new Set<number>()
  const result: Entry[] = []
  for (const e of entries) {
    const clash = seen.has(e.day)
    seen.add(e.day)
    if (!clash && !isWeekend(e.day)) continue
    let day = e.day + 1
    while (isWeekend(day) || taken.has(day)) day++
    taken.add(day)
    result.push({ day, name: `Nghỉ bù ${e.name}`, rule: COMPENSATION_RULE })
  }
  return result
}
