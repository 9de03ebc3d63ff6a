import { describe, expect, it } from 'vitest'
import { dayInfo, DEFAULT_OFFICE_HOURS } from './calendar.ts'
import { statutoryHolidays } from './holidays.ts'
import type { CalendarConfig, CalendarOverride } from './types.ts'

const cfg = (overrides: CalendarOverride[] = []): CalendarConfig => ({ officeHours: DEFAULT_OFFICE_HOURS, overrides })
const kindOf = (date: string, overrides: CalendarOverride[] = []) => dayInfo(date, cfg(overrides)).kind

// Weekdays worked out by hand: 1/1/2026 is a Thursday, 1/1/2027 a Friday.
describe('statutory holidays (Labor Code 2019 art. 112), default rules', () => {
  it('lists 2026: Tết 16–20/02 (Mon–Fri), Giỗ Tổ on Sunday 26/04 compensated on Monday 27/04, National Day 1–2/09', () => {
    expect(statutoryHolidays(2026).map((h) => h.date)).toEqual([
      '2026-01-01',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-04-26',
      '2026-04-27',
      '2026-04-30',
      '2026-05-01',
      '2026-09-01',
      '2026-09-02',
    ])
  })

  it('lists 2027: Tết from Friday 05/02, the Saturday and Sunday of Tết compensated on 10–11/02, 1/5 on Saturday compensated on 03/05', () => {
    expect(statutoryHolidays(2027).map((h) => h.date)).toEqual([
      '2027-01-01',
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
      '2027-02-11',
      '2027-04-16',
      '2027-04-30',
      '2027-05-01',
      '2027-05-03',
      '2027-09-02',
      '2027-09-03',
    ])
  })

  it('names the last day of the lunar year by its lunar day (29 or 30 tháng Chạp)', () => {
    const names = (y: number) => statutoryHolidays(y).map((h) => h.name)
    // Lunar 2025 and 2026 have a 29-day 12th month; lunar 2023 had 30 days (Tết 2024 = 10/02, eve 09/02).
    expect(names(2026)).toContain('Tết Nguyên đán (29 tháng Chạp)')
    expect(names(2027)).toContain('Tết Nguyên đán (29 tháng Chạp)')
    expect(statutoryHolidays(2024).find((h) => h.date === '2024-02-09')?.name).toBe('Tết Nguyên đán (30 tháng Chạp)')
  })

  it('gives every day its legal source', () => {
    for (const h of statutoryHolidays(2027)) expect(h.rule).toMatch(/Bộ luật Lao động 2019, Điều 11[12]/)
    expect(statutoryHolidays(2027).find((h) => h.date === '2027-02-10')?.rule).toMatch(/Điều 111 khoản 3/)
  })

  it('returns fresh objects: callers cannot corrupt the cache', () => {
    const first = statutoryHolidays(2026)
    first[0]!.date = '1999-01-01'
    first.pop()
    expect(statutoryHolidays(2026)[0]!.date).toBe('2026-01-01')
    expect(statutoryHolidays(2026)).toHaveLength(12)
  })

  it('refuses years outside the lunar tables', () => {
    expect(() => statutoryHolidays(1100)).toThrow(RangeError)
    expect(() => statutoryHolidays(2500)).toThrow(RangeError)
  })
})

describe('dayInfo: each holiday type', () => {
  it.each([
    // [date, kind, name contains]
    ['2026-01-01', 'holiday', 'Tết Dương lịch'],
    ['2027-01-01', 'holiday', 'Tết Dương lịch'],
    ['2026-02-13', 'working', undefined], // Friday before Tết 2026: 27 tháng Chạp, a working day by default
    ['2026-02-16', 'holiday', '29 tháng Chạp'],
    ['2026-02-17', 'holiday', 'mùng 1 tháng Giêng'],
    ['2026-02-20', 'holiday', 'mùng 4 tháng Giêng'],
    ['2026-02-21', 'weekend', undefined],
    ['2026-02-23', 'working', undefined],
    ['2027-02-04', 'working', undefined],
    ['2027-02-05', 'holiday', '29 tháng Chạp'],
    ['2027-02-06', 'holiday', 'mùng 1 tháng Giêng'], // a Saturday: holiday first, weekend second
    ['2027-02-09', 'holiday', 'mùng 4 tháng Giêng'],
    ['2027-02-10', 'holiday', 'Nghỉ bù Tết Nguyên đán (mùng 1'],
    ['2027-02-11', 'holiday', 'Nghỉ bù Tết Nguyên đán (mùng 2'],
    ['2027-02-12', 'working', undefined],
    ['2026-04-26', 'holiday', 'Giỗ Tổ Hùng Vương'],
    ['2026-04-27', 'holiday', 'Nghỉ bù Giỗ Tổ Hùng Vương'],
    ['2027-04-16', 'holiday', 'Giỗ Tổ Hùng Vương'],
    ['2026-04-30', 'holiday', 'Ngày Chiến thắng'],
    ['2026-05-01', 'holiday', 'Quốc tế Lao động'],
    ['2027-05-03', 'holiday', 'Nghỉ bù Ngày Quốc tế Lao động'],
    ['2026-09-01', 'holiday', 'ngày liền kề 1/9'],
    ['2026-09-02', 'holiday', 'Quốc khánh (2/9)'],
    ['2026-09-03', 'working', undefined],
    ['2027-09-02', 'holiday', 'Quốc khánh (2/9)'],
    ['2027-09-03', 'holiday', 'ngày liền kề 3/9'],
    ['2026-11-24', 'working', undefined],
    ['2026-11-28', 'weekend', undefined],
    ['2026-11-29', 'weekend', undefined],
  ])('%s is %s (%s)', (date, kind, name) => {
    const info = dayInfo(date, cfg())
    expect(info.kind).toBe(kind)
    expect(info.working).toBe(kind === 'working')
    if (name) expect(info.name).toContain(name)
    else expect(info.name).toBeUndefined()
  })

  it.each([
    // 1/1/2022 was a Saturday: compensated on Monday 03/01 (as the 2022 notice did).
    ['2022-01-01', 'holiday'],
    ['2022-01-03', 'holiday'],
    ['2022-01-04', 'working'],
    // 2023: Giỗ Tổ Saturday 29/04 and 30/04 Sunday → 02/05 and 03/05 (as the 2023 notice did).
    ['2023-04-29', 'holiday'],
    ['2023-05-01', 'holiday'],
    ['2023-05-02', 'holiday'],
    ['2023-05-03', 'holiday'],
    ['2023-05-04', 'working'],
  ])('compensatory day after a weekend holiday: %s is %s', (date, kind) => {
    expect(kindOf(date)).toBe(kind)
  })

  // The day next to 2/9, by weekday of 2/9; 2021–2025 are the days the notices actually gave.
  it.each([
    [2021, 'Thursday', ['2021-09-02', '2021-09-03']],
    [2022, 'Friday', ['2022-09-01', '2022-09-02']],
    [2023, 'Saturday', ['2023-09-01', '2023-09-02', '2023-09-04']],
    [2024, 'Monday', ['2024-09-02', '2024-09-03']],
    [2025, 'Tuesday', ['2025-09-01', '2025-09-02']],
    [2026, 'Wednesday (no bridge: default 1/9)', ['2026-09-01', '2026-09-02']],
    [2018, 'Sunday', ['2018-09-02', '2018-09-03', '2018-09-04']],
  ])('National Day %i (2/9 on %s)', (year, _weekday, dates) => {
    expect(
      statutoryHolidays(year)
        .filter((h) => h.date.slice(5, 7) === '09')
        .map((h) => h.date),
    ).toEqual(dates)
  })
})

describe('overrides from the annual notice win over every rule', () => {
  it('a day_off override makes a working day non-working, with its name', () => {
    const info = dayInfo('2026-11-24', cfg([{ date: '2026-11-24', kind: 'day_off', name: 'Ngày Văn hóa Việt Nam' }]))
    expect(info).toEqual({ date: '2026-11-24', kind: 'day_off', working: false, name: 'Ngày Văn hóa Việt Nam' })
  })

  it('a working_day override on a Saturday is a swapped working day (hoán đổi)', () => {
    const info = dayInfo('2026-11-28', cfg([{ date: '2026-11-28', kind: 'working_day', name: 'Làm bù cho ngày 02/01' }]))
    expect(info).toEqual({ date: '2026-11-28', kind: 'swapped_working_day', working: true, name: 'Làm bù cho ngày 02/01' })
  })

  it('a working_day override cancels a default holiday (the notice chose other days)', () => {
    const info = dayInfo('2027-02-11', cfg([{ date: '2027-02-11', kind: 'working_day', name: 'Thông báo nghỉ Tết 2027' }]))
    expect(info.working).toBe(true)
    expect(info.kind).toBe('swapped_working_day')
  })

  it('a day_off override on a holiday keeps it off under the override name; a working_day on a weekday stays "working"', () => {
    expect(dayInfo('2026-09-02', cfg([{ date: '2026-09-02', kind: 'day_off', name: 'Quốc khánh' }])).kind).toBe('day_off')
    expect(dayInfo('2026-11-25', cfg([{ date: '2026-11-25', kind: 'working_day', name: 'x' }])).kind).toBe('working')
  })

  it('applies only on its own date', () => {
    expect(kindOf('2026-11-25', [{ date: '2026-11-24', kind: 'day_off', name: 'x' }])).toBe('working')
  })

  it('refuses malformed dates', () => {
    expect(() => dayInfo('2026-02-30', cfg())).toThrow(RangeError)
    expect(() => dayInfo('24/11/2026', cfg())).toThrow(RangeError)
    expect(() => dayInfo('2026-11-24', cfg([{ date: '2026-13-01', kind: 'day_off', name: 'x' }]))).toThrow(RangeError)
  })
})
