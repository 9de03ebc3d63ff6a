import { describe, expect, it } from 'vitest'
import { addWorkingMinutes, deadlineFlag, DEFAULT_OFFICE_HOURS, nextWorkingStart, workingMinutesBetween } from './calendar.ts'
import { formatVietnamTime } from './time.ts'
import type { CalendarConfig, CalendarOverride } from './types.ts'

const cfg: CalendarConfig = { officeHours: DEFAULT_OFFICE_HOURS, overrides: [] }
const vn = (local: string) => `${local}+07:00`
const fmt = (d: Date) => formatVietnamTime(d)

// November 2026: Monday 23, Friday 27, Saturday 28, Monday 30 (1/11/2026 is a Sunday).
describe('default office hours', () => {
  it('are 07:30–11:30 and 13:00–17:00, 8 working hours a day', () => {
    expect(DEFAULT_OFFICE_HOURS.sessions).toEqual([
      { start: '07:30', end: '11:30' },
      { start: '13:00', end: '17:00' },
    ])
    expect(workingMinutesBetween(vn('2026-11-23T00:00'), vn('2026-11-24T00:00'), cfg)).toBe(480)
  })
})

describe('formatVietnamTime', () => {
  it.each([
    [new Date('2026-11-23T00:30:00Z'), '2026-11-23T07:30:00+07:00'],
    [new Date('2026-11-23T17:00:00Z'), '2026-11-24T00:00:00+07:00'],
    [new Date('2026-11-23T00:30:00.250Z'), '2026-11-23T07:30:00.250+07:00'],
    ['2026-11-23T09:15:00+07:00', '2026-11-23T09:15:00+07:00'],
    ['2026-11-23T02:15:00Z', '2026-11-23T09:15:00+07:00'],
    ['2026-11-23T09:15', '2026-11-23T09:15:00+07:00'], // no offset: Vietnam wall-clock time
    ['2026-11-23', '2026-11-23T00:00:00+07:00'],
  ])('%s → %s', (input, expected) => {
    expect(formatVietnamTime(input)).toBe(expected)
  })

  it('refuses what is not an instant', () => {
    expect(() => formatVietnamTime('soon')).toThrow(RangeError)
    expect(() => formatVietnamTime(new Date(Number.NaN))).toThrow(RangeError)
  })
})

describe('nextWorkingStart', () => {
  it.each([
    ['inside the morning session: the instant itself', '2026-11-23T10:00', '2026-11-23T10:00:00+07:00'],
    ['at the start of a session', '2026-11-23T07:30', '2026-11-23T07:30:00+07:00'],
    ['before the first session', '2026-11-23T06:00', '2026-11-23T07:30:00+07:00'],
    ['at the end of the morning session', '2026-11-23T11:30', '2026-11-23T13:00:00+07:00'],
    ['during lunch', '2026-11-23T12:10', '2026-11-23T13:00:00+07:00'],
    ['at 17:00 on Friday', '2026-11-27T17:00', '2026-11-30T07:30:00+07:00'],
    ['on Saturday', '2026-11-28T09:00', '2026-11-30T07:30:00+07:00'],
    ['after office hours before Tết 2027: after the 5-day Tết and 2 compensatory days', '2027-02-04T17:30', '2027-02-12T07:30:00+07:00'],
  ])('%s', (_what, at, expected) => {
    expect(fmt(nextWorkingStart(vn(at), cfg))).toBe(expected)
  })
})

describe('workingMinutesBetween', () => {
  it.each([
    ['within a session', '2026-11-23T08:00', '2026-11-23T09:00', 60],
    ['across lunch', '2026-11-23T11:00', '2026-11-23T13:30', 60],
    ['a whole working day', '2026-11-23T07:30', '2026-11-23T17:00', 480],
    ['Friday 16:00 → Monday 08:30, over the weekend', '2026-11-27T16:00', '2026-11-30T08:30', 120],
    ['both outside office hours on one day', '2026-11-23T18:00', '2026-11-23T23:00', 0],
    ['a week of Tết 2027 (Thu 04/02 17:00 → Fri 12/02 07:30)', '2027-02-04T17:00', '2027-02-12T07:30', 0],
    ['reversed: negative', '2026-11-30T08:30', '2026-11-27T16:00', -120],
  ])('%s', (_what, from, to, minutes) => {
    expect(workingMinutesBetween(vn(from), vn(to), cfg)).toBe(minutes)
  })
})

describe('addWorkingMinutes', () => {
  it.each([
    ['ends exactly at the end of a session: that session end', '2026-11-23T07:30', 240, '2026-11-23T11:30:00+07:00'],
    ['a whole day from 07:30 ends at 17:00 the same day', '2026-11-23T07:30', 480, '2026-11-23T17:00:00+07:00'],
    ['one minute more spills into the next day', '2026-11-23T07:30', 481, '2026-11-24T07:31:00+07:00'],
    ['across lunch', '2026-11-23T11:00', 60, '2026-11-23T13:30:00+07:00'],
    ['from Friday 16:00 over the weekend', '2026-11-27T16:00', 120, '2026-11-30T08:30:00+07:00'],
    ['from outside office hours: counted from the next session', '2026-11-28T10:00', 30, '2026-11-30T08:00:00+07:00'],
    ['zero: the instant itself', '2026-11-28T10:00', 0, '2026-11-28T10:00:00+07:00'],
  ])('%s', (_what, from, minutes, expected) => {
    expect(fmt(addWorkingMinutes(vn(from), minutes, cfg))).toBe(expected)
  })

  it('refuses negative minutes', () => {
    expect(() => addWorkingMinutes(vn('2026-11-23T07:30'), -1, cfg)).toThrow(RangeError)
  })
})

describe('deadlineFlag', () => {
  const due = vn('2026-11-24T17:00')
  it.each([
    ['a day and an hour left', '2026-11-23T16:00', 'on_time'],
    ['exactly one working day left (Monday after hours)', '2026-11-23T18:00', 'on_time'],
    ['less than a working day left', '2026-11-24T09:00', 'due_soon'],
    ['at the due instant', '2026-11-24T17:00', 'due_soon'],
    ['a minute late', '2026-11-24T17:01', 'overdue'],
    ['days late', '2026-12-01T09:00', 'overdue'],
  ])('%s → %s', (_what, now, flag) => {
    expect(deadlineFlag(due, vn(now), cfg)).toBe(flag)
  })

  it('uses cfg.dueSoonMinutes when set', () => {
    expect(deadlineFlag(due, vn('2026-11-23T16:00'), { ...cfg, dueSoonMinutes: 600 })).toBe('due_soon')
    expect(deadlineFlag(due, vn('2026-11-24T09:00'), { ...cfg, dueSoonMinutes: 60 })).toBe('on_time')
  })

  it('does not count the weekend towards the time left', () => {
    // Due Monday 30/11 09:00, now Friday 27/11 16:30: 30 + 90 = 120 working minutes left.
    expect(deadlineFlag(vn('2026-11-30T09:00'), vn('2026-11-27T16:30'), cfg)).toBe('due_soon')
  })
})

describe('configuration errors fail loudly', () => {
  it.each([
    ['no session', { sessions: [] }],
    ['a session ending before it starts', { sessions: [{ start: '11:30', end: '07:30' }] }],
    [
      'overlapping sessions',
      {
        sessions: [
          { start: '07:30', end: '12:00' },
          { start: '11:00', end: '17:00' },
        ],
      },
    ],
    ['a malformed time', { sessions: [{ start: '7:30', end: '11:30' }] }],
  ])('%s', (_what, officeHours) => {
    expect(() => workingMinutesBetween(vn('2026-11-23T07:30'), vn('2026-11-24T07:30'), { officeHours, overrides: [] })).toThrow(RangeError)
  })

  it('a calendar without a working day for 5 years stops scanning with a clear error', () => {
    const overrides: CalendarOverride[] = []
    for (let d = Date.UTC(2030, 0, 1); d <= Date.UTC(2035, 11, 31); d += 86_400_000) {
      overrides.push({ date: new Date(d).toISOString().slice(0, 10), kind: 'day_off', name: 'Đóng cửa' })
    }
    expect(() => nextWorkingStart(vn('2030-01-01T08:00'), { officeHours: DEFAULT_OFFICE_HOURS, overrides })).toThrow(
      /no working day for 5 years/,
    )
    expect(() => addWorkingMinutes(vn('2029-12-31T17:00'), 1, { officeHours: DEFAULT_OFFICE_HOURS, overrides })).toThrow(/no working day/)
    // A bounded question over the same calendar has an answer.
    expect(workingMinutesBetween(vn('2030-01-01T00:00'), vn('2031-01-01T00:00'), { officeHours: DEFAULT_OFFICE_HOURS, overrides })).toBe(0)
  })
})
