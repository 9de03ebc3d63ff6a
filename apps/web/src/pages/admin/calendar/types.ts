import type { z } from 'zod'
import type {
  AgencyOfficeHours,
  CalendarDayView,
  CalendarOverride,
  CalendarOverrideInput,
  CalendarSettings,
  CalendarYearView,
} from '@congso/contracts'

/** Types of the working-calendar admin page, inferred from the contracts. */
export type CalendarYearViewT = z.infer<typeof CalendarYearView>
export type CalendarSettingsT = z.infer<typeof CalendarSettings>
export type CalendarOverrideT = z.infer<typeof CalendarOverride>
export type CalendarOverrideInputT = z.infer<typeof CalendarOverrideInput>
export type CalendarDayViewT = z.infer<typeof CalendarDayView>
export type AgencyOfficeHoursT = z.infer<typeof AgencyOfficeHours>
export type DayKindT = CalendarDayViewT['kind']
export type OverrideKindT = CalendarOverrideInputT['kind']
