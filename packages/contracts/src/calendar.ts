import { z } from 'zod'
import { IsoDate, IsoDateTime } from './common.ts'

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Giờ phải có dạng HH:MM')

export const OfficeSession = z.strictObject({ start: HHMM, end: HHMM }).refine((s) => s.start < s.end, {
  message: 'Giờ kết thúc phải sau giờ bắt đầu',
})
export const OfficeHours = z.strictObject({
  sessions: z
    .array(OfficeSession)
    .min(1)
    .max(4)
    .refine((ss) => ss.every((s, i) => i === 0 || (ss[i - 1]?.end ?? '') <= s.start), {
      message: 'Các buổi làm việc phải theo thứ tự, không chồng lấn',
    }),
})
export type OfficeHours = z.infer<typeof OfficeHours>

export const CalendarOverrideKind = z.enum(['day_off', 'working_day'])
export const CalendarOverrideInput = z.strictObject({
  date: IsoDate,
  kind: CalendarOverrideKind,
  name: z.string().trim().min(3, 'Cần ghi tên/căn cứ của ngày điều chỉnh').max(300),
})
export type CalendarOverrideInput = z.infer<typeof CalendarOverrideInput>
export const CalendarOverride = CalendarOverrideInput.extend({ updatedAt: IsoDateTime, updatedBy: z.string().nullable() })

export const CalendarSettings = z.strictObject({
  officeHours: OfficeHours,
  /** Same-day procedures received after this time are due the next working day. */
  sameDayCutoff: HHMM,
  /** A dossier is "due soon" when fewer working hours than this remain. */
  dueSoonHours: z.number().int().min(1).max(240),
})
export type CalendarSettings = z.infer<typeof CalendarSettings>

export const CalendarYearQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) })

export const CalendarDayView = z.object({
  date: IsoDate,
  kind: z.enum(['working', 'weekend', 'holiday', 'day_off', 'swapped_working_day']),
  working: z.boolean(),
  name: z.string().optional(),
})
export const CalendarYearView = z.object({
  year: z.number().int(),
  settings: CalendarSettings,
  statutoryHolidays: z.array(z.object({ date: IsoDate, name: z.string(), rule: z.string() })),
  overrides: z.array(CalendarOverride),
  /** Days that are not ordinary (non-working weekdays and working weekend days), after overrides. */
  specialDays: z.array(CalendarDayView),
  workingDays: z.number().int(),
})

export const AgencyOfficeHours = z.strictObject({ officeHours: OfficeHours.nullable() })
