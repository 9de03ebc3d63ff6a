import { describe, expect, it } from 'vitest'
import { DEFAULT_OFFICE_HOURS, workingMinutesBetween } from './calendar.ts'
import { computeDeadline } from './deadline.ts'
import type { CalendarConfig, CalendarOverride, DeadlineInput, DurationUnit } from './types.ts'

/*
 * Expected values are worked out by hand from the rules, with the default office hours
 * (07:30–11:30 = 240 min, 13:00–17:00 = 240 min, 480 min a day) and no overrides unless stated.
 * Weekdays: 23/11/2026 is a Monday; 28–29/11 the weekend. 28/04/2026 is a Tuesday, 30/04–01/05
 * (Thu–Fri) holidays, 04/05 a Monday. Tết 2027 (default rule): 05/02 (Fri, 29 tháng Chạp) to 09/02
 * (Tue, mùng 4) with Saturday 06 and Sunday 07 compensated on 10–11/02; 12/02 a Friday.
 */
const cfg = (overrides: CalendarOverride[] = [], extra: Partial<CalendarConfig> = {}): CalendarConfig => ({
  officeHours: DEFAULT_OFFICE_HOURS,
  overrides,
  ...extra,
})
const vn = (local: string) => `${local}:00+07:00`
const NOW = vn('2026-01-01T00:00')
const due = (acceptedAt: string, value: number, unit: DurationUnit, rest: Partial<DeadlineInput> = {}, c = cfg()) =>
  computeDeadline({ acceptedAt: vn(acceptedAt), duration: { value, unit }, now: NOW, ...rest }, c)

describe('start of counting and the due instant', () => {
  it.each([
    // [what, accepted (Vietnam time), value, unit, startsAt, dueAt]
    [
      'Monday 07:30, 1 working day: due at the end of that day',
      '2026-11-23T07:30',
      1,
      'working_day',
      '2026-11-23T07:30',
      '2026-11-23T17:00',
    ],
    [
      'Monday 09:00, 1 working day: 390 min Monday + 90 Tuesday',
      '2026-11-23T09:00',
      1,
      'working_day',
      '2026-11-23T09:00',
      '2026-11-24T09:00',
    ],
    ['Monday 09:00, 3 working days', '2026-11-23T09:00', 3, 'working_day', '2026-11-23T09:00', '2026-11-26T09:00'],
    [
      'Friday 16:00, 2 working days: 60 Fri + 480 Mon + 420 Tue',
      '2026-11-27T16:00',
      2,
      'working_day',
      '2026-11-27T16:00',
      '2026-12-01T16:00',
    ],
    ['on a Saturday, 2 working days: from Monday 07:30', '2026-11-28T10:00', 2, 'working_day', '2026-11-30T07:30', '2026-12-01T17:00'],
    [
      'after office hours, 2 working days: from Tuesday 07:30',
      '2026-11-23T18:30',
      2,
      'working_day',
      '2026-11-24T07:30',
      '2026-11-25T17:00',
    ],
    ['before office hours: from 07:30 the same day', '2026-11-23T06:45', 2, 'working_day', '2026-11-23T07:30', '2026-11-24T17:00'],
    ['at lunch, 2 working days: 240 Mon + 480 Tue + 240 Wed', '2026-11-23T12:00', 2, 'working_day', '2026-11-23T13:00', '2026-11-25T11:30'],
    [
      'half a working day at 13:00: ends at the session end',
      '2026-11-23T13:00',
      0.5,
      'working_day',
      '2026-11-23T13:00',
      '2026-11-23T17:00',
    ],
    ['zero duration: due when counting starts', '2026-11-28T10:00', 0, 'working_day', '2026-11-30T07:30', '2026-11-30T07:30'],
  ] as const)('%s', (_what, accepted, value, unit, startsAt, dueAt) => {
    const d = due(accepted, value, unit)
    expect(d.startsAt).toBe(vn(startsAt))
    expect(d.dueAt).toBe(vn(dueAt))
  })

  it('explains an acceptance outside office hours', () => {
    const d = due('2026-11-23T18:30', 2, 'working_day')
    expect(d.rules).toContain('Tiếp nhận ngoài giờ hành chính (lúc 18:30 ngày 23/11/2026): bắt đầu tính từ 07:30 ngày 24/11/2026.')
    expect(d.steps[0]).toEqual({
      date: '2026-11-23',
      kind: 'working',
      minutesCounted: 0,
      cumulativeMinutes: 0,
      note: 'tiếp nhận lúc 18:30',
    })
  })

  it('explains an acceptance on a Saturday, day by day', () => {
    const d = due('2026-11-28T10:00', 2, 'working_day')
    expect(d.rules[1]).toBe(
      'Tiếp nhận vào ngày nghỉ (28/11/2026: Thứ Bảy, nghỉ cuối tuần): bắt đầu tính từ 07:30 ngày 30/11/2026, đầu buổi làm việc tiếp theo.',
    )
    expect(d.steps.map((s) => [s.date, s.kind, s.minutesCounted, s.cumulativeMinutes])).toEqual([
      ['2026-11-28', 'weekend', 0, 0],
      ['2026-11-29', 'weekend', 0, 0],
      ['2026-11-30', 'working', 480, 480],
      ['2026-12-01', 'working', 480, 960],
    ])
    expect(d.steps[3]!.note).toBe('hạn giải quyết 17:00')
    expect(d.rules).toContain(
      'Thời gian được tính hết đúng lúc kết thúc buổi làm việc nên hạn là 17:00 cùng ngày, không chuyển sang buổi làm việc sau.',
    )
    expect(d.rules.at(-1)).toBe('Hạn giải quyết: 17:00 ngày 01/12/2026 (Thứ Ba).')
  })
})

describe('Tết 2027 (Saturday 06/02/2027)', () => {
  it('received on the last working afternoon before Tết (Thu 04/02 14:00), 3 working days → Tue 16/02 14:00', () => {
    // Thu 14:00–17:00 = 180; Fri 05 – Thu 11 off (Tết, weekend, 2 compensatory days); Fri 12/02 480 (660);
    // Mon 15/02 480 (1140); Tue 16/02: 240 by 11:30 (1380), 60 more → 14:00.
    const d = due('2027-02-04T14:00', 3, 'working_day')
    expect(d.dueAt).toBe(vn('2027-02-16T14:00'))
    expect(d.steps.map((s) => `${s.date} ${s.kind} ${s.minutesCounted}`)).toEqual([
      '2027-02-04 working 180',
      '2027-02-05 holiday 0',
      '2027-02-06 holiday 0',
      '2027-02-07 holiday 0',
      '2027-02-08 holiday 0',
      '2027-02-09 holiday 0',
      '2027-02-10 holiday 0',
      '2027-02-11 holiday 0',
      '2027-02-12 working 480',
      '2027-02-13 weekend 0',
      '2027-02-14 weekend 0',
      '2027-02-15 working 480',
      '2027-02-16 working 300',
    ])
    expect(d.steps[1]!.name).toBe('Tết Nguyên đán (29 tháng Chạp)')
    expect(d.steps[7]!.name).toBe('Nghỉ bù Tết Nguyên đán (mùng 2 tháng Giêng)')
    expect(d.rules.find((r) => r.startsWith('Không tính 7 ngày nghỉ lễ'))).toContain('05/02/2027 – Tết Nguyên đán (29 tháng Chạp)')
  })

  it('received on the afternoon before Tết (Fri 05/02 15:00, itself the 29 tháng Chạp holiday): counted from Fri 12/02 07:30', () => {
    const d = due('2027-02-05T15:00', 1, 'working_day')
    expect(d.startsAt).toBe(vn('2027-02-12T07:30'))
    expect(d.dueAt).toBe(vn('2027-02-12T17:00'))
    expect(d.rules[1]).toBe(
      'Tiếp nhận vào ngày nghỉ (05/02/2027: Tết Nguyên đán (29 tháng Chạp)): bắt đầu tính từ 07:30 ngày 12/02/2027, đầu buổi làm việc tiếp theo.',
    )
  })

  it('follows the annual notice when the admin enters it: working Thursday 11/02 instead of a compensatory day', () => {
    const c = cfg([{ date: '2027-02-11', kind: 'working_day', name: 'Đi làm theo thông báo nghỉ Tết 2027' }])
    // Thu 180; Thu 11/02 480 (660); Fri 12/02 480 (1140); Mon 15/02 300 more → 14:00.
    expect(due('2027-02-04T14:00', 3, 'working_day', {}, c).dueAt).toBe(vn('2027-02-15T14:00'))
  })
})

describe('same-day procedures and the 15:00 cutoff', () => {
  it.each([
    [
      '1 working day at 15:30: counted from the next working day → Tue 17:00',
      '2026-11-23T15:30',
      1,
      'working_day',
      '2026-11-24T07:30',
      '2026-11-24T17:00',
    ],
    ['4 working hours at 15:30 → Tue 11:30', '2026-11-23T15:30', 4, 'working_hour', '2026-11-24T07:30', '2026-11-24T11:30'],
    ['8 working hours at 16:00 Friday → Monday 17:00', '2026-11-27T16:00', 8, 'working_hour', '2026-11-30T07:30', '2026-11-30T17:00'],
    [
      '1 working day at exactly 15:00 (not after): 120 Mon + 360 Tue',
      '2026-11-23T15:00',
      1,
      'working_day',
      '2026-11-23T15:00',
      '2026-11-24T15:00',
    ],
    [
      '4 working hours at 14:00 (before the cutoff): 180 Mon + 60 Tue',
      '2026-11-23T14:00',
      4,
      'working_hour',
      '2026-11-23T14:00',
      '2026-11-24T08:30',
    ],
    [
      '2 working days at 15:30 (not same-day): 90 Mon + 480 Tue + 390 Wed',
      '2026-11-23T15:30',
      2,
      'working_day',
      '2026-11-23T15:30',
      '2026-11-25T15:30',
    ],
    [
      '9 working hours at 15:30 (more than a day: not same-day): 90 Mon + 450 Tue',
      '2026-11-23T15:30',
      9,
      'working_hour',
      '2026-11-23T15:30',
      '2026-11-24T16:30',
    ],
  ] as const)('%s', (_what, accepted, value, unit, startsAt, dueAt) => {
    const d = due(accepted, value, unit)
    expect(d.startsAt).toBe(vn(startsAt))
    expect(d.dueAt).toBe(vn(dueAt))
  })

  it('explains the cutoff', () => {
    expect(due('2026-11-23T15:30', 1, 'working_day').rules[1]).toBe(
      'Thủ tục giải quyết trong ngày, tiếp nhận sau 15:00 (lúc 15:30 ngày 23/11/2026): bắt đầu tính từ 07:30 ngày 24/11/2026, ngày làm việc tiếp theo.',
    )
  })

  it('takes the cutoff from the config: with 17:00, Friday 16:00 + 1 working day is Monday 16:00', () => {
    expect(due('2026-11-27T16:00', 1, 'working_day', {}, cfg([], { sameDayCutoff: '17:00' })).dueAt).toBe(vn('2026-11-30T16:00'))
    expect(due('2026-11-27T16:00', 1, 'working_day').dueAt).toBe(vn('2026-11-30T17:00'))
  })
})

describe('working hours and calendar days', () => {
  it.each([
    ['6 working hours from Monday 10:00: 90 + 240 Mon, 30 Tue', '2026-11-23T10:00', 6, 'working_hour', '2026-11-24T08:00'],
    ['16 working hours from Monday 07:30', '2026-11-23T07:30', 16, 'working_hour', '2026-11-24T17:00'],
    [
      '3 calendar days from Monday 09:00: the end of Thursday (Civil Code art. 148 cl. 1)',
      '2026-11-23T09:00',
      3,
      'day',
      '2026-11-26T17:00',
    ],
    ['5 calendar days from Monday 09:00 land on Saturday: end of Monday', '2026-11-23T09:00', 5, 'day', '2026-11-30T17:00'],
    ['7 calendar days from Mon 01/02/2027 land on Tết (08/02): end of Fri 12/02', '2027-02-01T10:00', 7, 'day', '2027-02-12T17:00'],
    [
      'calendar days count from the next session when accepted on Saturday: Mon 30/11 + 2 → end of Wed 02/12',
      '2026-11-28T10:00',
      2,
      'day',
      '2026-12-02T17:00',
    ],
  ] as const)('%s', (_what, accepted, value, unit, dueAt) => {
    expect(due(accepted, value, unit).dueAt).toBe(vn(dueAt))
  })

  it('never ends a longer calendar-day duration earlier, across a weekend', () => {
    // Accepted Fri 24/07/2026 17:00 → counted from Mon 27/07 07:30. 19 days → Sat 15/08 → end of Mon 17/08;
    // 21 days → Mon 17/08 → its end too; 22 days → end of Tue 18/08.
    expect(due('2026-07-24T17:00', 19, 'day').dueAt).toBe(vn('2026-08-17T17:00'))
    expect(due('2026-07-24T17:00', 21, 'day').dueAt).toBe(vn('2026-08-17T17:00'))
    expect(due('2026-07-24T17:00', 22, 'day').dueAt).toBe(vn('2026-08-18T17:00'))
  })

  it('cites the Civil Code when a calendar-day deadline moves off a day off', () => {
    const d = due('2026-11-23T09:00', 5, 'day')
    expect(d.rules).toContain(
      'Tính 5 ngày theo lịch từ 09:00 ngày 23/11/2026: ngày cuối cùng (28/11/2026) là ngày nghỉ (Thứ Bảy), hạn chuyển đến hết giờ làm việc 17:00 ngày 30/11/2026, ngày làm việc tiếp theo (Bộ luật Dân sự 2015, Điều 148 khoản 5).',
    )
    // Mon 390 + Tue–Fri 4 × 480 + Mon 480 = 2790 working minutes in the 5 calendar days and the move.
    expect(d.totalWorkingMinutes).toBe(2790)
  })
})

describe('pauses (stop-the-clock)', () => {
  const supplement = { from: vn('2026-04-29T10:00'), to: vn('2026-05-04T10:00'), reason: 'yêu cầu bổ sung hồ sơ' }

  it('a supplement pause spanning 30/4–1/5 extends by the paused working time only', () => {
    // Without the pause: Tue 28/04 08:00 + 1440 → 450 Tue, 480 Wed, (Thu–Sun off) 480 Mon, 30 Tue → Tue 05/05 08:00.
    expect(due('2026-04-28T08:00', 3, 'working_day').dueAt).toBe(vn('2026-05-05T08:00'))
    // Paused: Wed 10:00–17:00 = 330, Mon 07:30–10:00 = 150 → 480, exactly one working day, not 5 calendar days.
    const d = due('2026-04-28T08:00', 3, 'working_day', { pauses: [supplement] })
    expect(d.pausedWorkingMinutes).toBe(480)
    expect(d.totalWorkingMinutes).toBe(1440)
    expect(d.dueAt).toBe(vn('2026-05-06T08:00'))
    expect(d.steps.map((s) => `${s.date} ${s.kind} ${s.minutesCounted} ${s.cumulativeMinutes}`)).toEqual([
      '2026-04-28 working 450 450',
      '2026-04-29 working 150 600',
      '2026-04-30 holiday 0 600',
      '2026-05-01 holiday 0 600',
      '2026-05-02 weekend 0 600',
      '2026-05-03 weekend 0 600',
      '2026-05-04 working 330 930',
      '2026-05-05 working 480 1410',
      '2026-05-06 working 30 1440',
    ])
    expect(d.steps[1]!.note).toBe('tạm dừng 5 giờ 30 phút: yêu cầu bổ sung hồ sơ')
    expect(d.steps[2]!.note).toBe('tạm dừng: yêu cầu bổ sung hồ sơ')
    expect(d.rules).toContain(
      'Tạm dừng tính thời hạn (yêu cầu bổ sung hồ sơ) từ 10:00 ngày 29/04/2026 đến 10:00 ngày 04/05/2026: không tính 8 giờ làm việc; ngày nghỉ trong khoảng này vốn không tính nên không được cộng thêm.',
    )
  })

  it('marks a working day entirely inside a pause as "paused"', () => {
    const d = due('2026-11-23T07:30', 2, 'working_day', {
      pauses: [{ from: vn('2026-11-24T07:00'), to: vn('2026-11-25T07:00'), reason: 'chờ nộp phí' }],
    })
    expect(d.steps.map((s) => `${s.kind} ${s.minutesCounted}`)).toEqual(['working 480', 'paused 0', 'working 480'])
    expect(d.dueAt).toBe(vn('2026-11-25T17:00'))
  })

  it('counts overlapping pauses once', () => {
    // Merged pause Wed 29/04 10:00 → Mon 04/05 11:00: 330 + 210 = 540 paused; due 60 min later than with one pause.
    const d = due('2026-04-28T08:00', 3, 'working_day', {
      pauses: [supplement, { from: vn('2026-05-04T09:00'), to: vn('2026-05-04T11:00'), reason: 'xin ý kiến cơ quan liên quan' }],
    })
    expect(d.pausedWorkingMinutes).toBe(540)
    expect(d.dueAt).toBe(vn('2026-05-06T09:00'))
    expect(d.rules).toContain('Các khoảng tạm dừng chồng lên nhau chỉ tính một lần: tổng thời gian tạm dừng 9 giờ làm việc.')
  })

  it('an open pause stops the clock until `now`, and says the due date is provisional', () => {
    // Without pause: Mon 23/11 09:00 + 960 → Wed 25/11 09:00. Paused Tue 09:00 → now Wed 09:00 = 150 + 240 + 90 = 480.
    const d = due('2026-11-23T09:00', 2, 'working_day', {
      pauses: [{ from: vn('2026-11-24T09:00'), reason: 'yêu cầu bổ sung hồ sơ' }],
      now: vn('2026-11-25T09:00'),
    })
    expect(d.pausedWorkingMinutes).toBe(480)
    expect(d.dueAt).toBe(vn('2026-11-26T09:00'))
    expect(d.rules.some((r) => r.includes('hạn giải quyết là tạm tính') && r.includes('09:00 ngày 25/11/2026'))).toBe(true)
    // `to: null` is an open pause too.
    const same = due('2026-11-23T09:00', 2, 'working_day', {
      pauses: [{ from: vn('2026-11-24T09:00'), to: null, reason: 'yêu cầu bổ sung hồ sơ' }],
      now: vn('2026-11-25T09:00'),
    })
    expect(same.dueAt).toBe(d.dueAt)
  })

  it('ignores a pause before counting started and one that began after the due instant', () => {
    const d = due('2026-11-23T09:00', 1, 'working_day', {
      pauses: [
        { from: vn('2026-11-20T09:00'), to: vn('2026-11-23T08:00'), reason: 'trước tiếp nhận' },
        { from: vn('2026-11-25T09:00'), to: vn('2026-11-27T09:00'), reason: 'sau hạn' },
      ],
    })
    expect(d.dueAt).toBe(vn('2026-11-24T09:00'))
    expect(d.pausedWorkingMinutes).toBe(0)
    expect(d.rules.some((r) => r.includes('sau hạn') && r.includes('không làm lùi hạn'))).toBe(true)
  })

  it('extends a calendar-day deadline by the paused working time, after the calendar end', () => {
    // 3 calendar days from Mon 09:00 → end of Thu 26/11 (17:00); 120 paused on Tue → Fri 27/11 07:30 + 120 = 09:30.
    const d = due('2026-11-23T09:00', 3, 'day', {
      pauses: [{ from: vn('2026-11-24T09:00'), to: vn('2026-11-24T11:00'), reason: 'bổ sung' }],
    })
    expect(d.dueAt).toBe(vn('2026-11-27T09:30'))
    expect(d.pausedWorkingMinutes).toBe(120)
  })

  it('refuses a pause that ends before it starts', () => {
    expect(() =>
      due('2026-11-23T09:00', 1, 'working_day', { pauses: [{ from: vn('2026-11-24T09:00'), to: vn('2026-11-24T08:00'), reason: 'x' }] }),
    ).toThrow(RangeError)
  })
})

describe('extensions (gia hạn)', () => {
  it('adds the extension after the pauses and explains it', () => {
    // 2 working days from Mon 23/11 09:00 → Wed 25/11 09:00; + 480 → Thu 26/11 09:00.
    const extension = { workingMinutes: 480, reason: 'chờ ý kiến cơ quan phối hợp', at: vn('2026-11-24T10:00') }
    const d = due('2026-11-23T09:00', 2, 'working_day', { extensions: [extension] })
    expect(d.dueAt).toBe(vn('2026-11-26T09:00'))
    expect(d.extendedWorkingMinutes).toBe(480)
    expect(d.totalWorkingMinutes).toBe(1440)
    expect(d.rules).toContain('Gia hạn thêm 8 giờ làm việc (10:00 ngày 24/11/2026): chờ ý kiến cơ quan phối hợp.')
    expect(d.steps[1]!.note).toBe('gia hạn thêm 8 giờ: chờ ý kiến cơ quan phối hợp')
  })

  it('combines with a pause: 2 days + 1 day extension + 480 paused → Friday 09:00', () => {
    const d = due('2026-11-23T09:00', 2, 'working_day', {
      pauses: [{ from: vn('2026-11-24T09:00'), to: vn('2026-11-25T09:00'), reason: 'bổ sung' }],
      extensions: [{ workingMinutes: 480, reason: 'phức tạp', at: vn('2026-11-25T10:00') }],
    })
    expect(d.dueAt).toBe(vn('2026-11-27T09:00'))
    expect(workingMinutesBetween(d.startsAt, d.dueAt, cfg()) - d.pausedWorkingMinutes).toBe(d.totalWorkingMinutes)
  })

  it('refuses a negative extension', () => {
    expect(() =>
      due('2026-11-23T09:00', 1, 'working_day', { extensions: [{ workingMinutes: -60, reason: 'x', at: vn('2026-11-23T10:00') }] }),
    ).toThrow(RangeError)
  })
})

describe('overrides in deadlines', () => {
  it('counts a swapped working Saturday: Fri 27/11 09:00 + 2 days → Mon 30/11 09:00 instead of Tue', () => {
    const swapped = cfg([{ date: '2026-11-28', kind: 'working_day', name: 'Làm bù cho ngày 02/01/2027' }])
    expect(due('2026-11-27T09:00', 2, 'working_day').dueAt).toBe(vn('2026-12-01T09:00'))
    const d = due('2026-11-27T09:00', 2, 'working_day', {}, swapped)
    expect(d.dueAt).toBe(vn('2026-11-30T09:00'))
    expect(d.steps[1]).toMatchObject({
      date: '2026-11-28',
      kind: 'swapped_working_day',
      minutesCounted: 480,
      name: 'Làm bù cho ngày 02/01/2027',
    })
    expect(d.rules).toContain('Tính là ngày làm việc theo điều chỉnh: 28/11/2026 – Làm bù cho ngày 02/01/2027.')
  })

  it('skips a named day off: Mon 23/11 09:00 + 2 days with Tue 24/11 off → Thu 26/11 09:00', () => {
    const off = cfg([{ date: '2026-11-24', kind: 'day_off', name: 'Ngày Văn hóa Việt Nam' }])
    expect(due('2026-11-23T09:00', 2, 'working_day', {}, off).dueAt).toBe(vn('2026-11-26T09:00'))
  })
})

describe('input validation', () => {
  it.each([
    ['a negative duration', -1, 'working_day'],
    ['a fractional number of calendar days', 1.5, 'day'],
    ['a non-finite duration', Number.POSITIVE_INFINITY, 'working_hour'],
  ] as const)('refuses %s', (_what, value, unit) => {
    expect(() => due('2026-11-23T09:00', value, unit)).toThrow(RangeError)
  })

  it('refuses an invalid acceptance time', () => {
    expect(() => computeDeadline({ acceptedAt: 'yesterday', duration: { value: 1, unit: 'working_day' } }, cfg())).toThrow(RangeError)
  })

  it('accepts Date objects and gives ISO strings with +07:00', () => {
    const d = computeDeadline(
      { acceptedAt: new Date('2026-11-23T02:00:00Z'), duration: { value: 1, unit: 'working_day' }, now: new Date() },
      cfg(),
    )
    expect(d.startsAt).toBe('2026-11-23T09:00:00+07:00')
    expect(d.dueAt).toBe('2026-11-24T09:00:00+07:00')
  })
})
