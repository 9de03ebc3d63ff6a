import { CalendarSettings, type CalendarOverrideInput, type OfficeHours } from '@congso/contracts'
import { dayInfo, statutoryHolidays, type CalendarConfig } from '@congso/domain'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { AppError } from '../../http/errors.ts'
import type { RequestMeta } from '../../http/request-context.ts'
import { writeAudit } from '../audit/audit.repo.ts'
import type { Kysely, Transaction } from 'kysely'
import {
  agencyOfficeHours,
  deleteOverride,
  listOverrides,
  readCalendarSettings,
  setAgencyOfficeHours,
  upsertOverride,
  writeCalendarSettings,
} from './calendar.repo.ts'

type Db = Kysely<DB> | Transaction<DB>
type Deps = Pick<AppContext, 'database' | 'queue' | 'log'>

/** Queued after any calendar change: dossiers not yet due get their due dates recomputed. */
export const CALENDAR_CHANGED_JOB = 'calendar.changed'

/**
 * Province defaults until an admin saves settings. Office hours 07:30–11:30 and 13:00–17:00
 * (8 working hours, the common provincial schedule [check]); same-day cutoff 15:00
 * (REGULATION §5 [likely], provincial rules); "due soon" = less than one working day left.
 */
export const DEFAULT_CALENDAR_SETTINGS: CalendarSettings = {
  officeHours: {
    sessions: [
      { start: '07:30', end: '11:30' },
      { start: '13:00', end: '17:00' },
    ],
  },
  sameDayCutoff: '15:00',
  dueSoonHours: 8,
}

export async function calendarSettings(db: Db): Promise<CalendarSettings> {
  const parsed = CalendarSettings.safeParse(await readCalendarSettings(db))
  return parsed.success ? parsed.data : DEFAULT_CALENDAR_SETTINGS
}

/** The calendar the deadline engine runs on for one agency: its office hours or the province's. */
export async function loadCalendar(db: Db, agencyId: string | null): Promise<CalendarConfig> {
  const [settings, overrides, own] = await Promise.all([
    calendarSettings(db),
    listOverrides(db),
    agencyId ? agencyOfficeHours(db, agencyId) : Promise.resolve(null),
  ])
  const officeHours = (own as OfficeHours | null) ?? settings.officeHours
  return {
    officeHours,
    overrides: overrides.map((o) => ({ date: o.date, kind: o.kind, name: o.name })),
    sameDayCutoff: settings.sameDayCutoff,
    dueSoonMinutes: settings.dueSoonHours * 60,
  }
}

export async function calendarYear(db: Db, year: number) {
  const cfg = await loadCalendar(db, null)
  const settings = await calendarSettings(db)
  const overrides = await listOverrides(db, { from: `${year}-01-01`, to: `${year}-12-31` })
  const specialDays = []
  let workingDays = 0
  for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1)) {
    const iso = d.toISOString().slice(0, 10)
    const info = dayInfo(iso, cfg)
    if (info.working) workingDays++
    const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6
    if (info.working === weekend) specialDays.push(info)
  }
  return {
    year,
    settings,
    statutoryHolidays: statutoryHolidays(year),
    overrides: overrides.map((o) => ({
      date: o.date,
      kind: o.kind,
      name: o.name,
      updatedAt: o.updated_at.toISOString(),
      updatedBy: o.updated_by_name,
    })),
    specialDays,
    workingDays,
  }
}

async function afterChange(ctx: Deps): Promise<void> {
  await ctx.queue.send(CALENDAR_CHANGED_JOB, {}).catch((err: unknown) => {
    ctx.log.error({ err }, 'could not queue the deadline recomputation after a calendar change')
  })
}

export async function saveCalendarSettings(ctx: Deps, meta: RequestMeta, settings: CalendarSettings): Promise<void> {
  await ctx.database.db.transaction().execute(async (tx) => {
    const before = await calendarSettings(tx)
    await writeCalendarSettings(tx, settings)
    await writeAudit(tx, meta, {
      action: 'calendar.settings.update',
      subjectType: 'calendar',
      subjectId: null,
      details: { before, after: settings },
    })
  })
  await afterChange(ctx)
}

export async function saveOverride(ctx: Deps, meta: RequestMeta, date: string, input: CalendarOverrideInput): Promise<void> {
  if (input.date !== date) throw new AppError('VALIDATION_FAILED', 'date')
  await ctx.database.db.transaction().execute(async (tx) => {
    const before = await upsertOverride(tx, { ...input, updatedBy: meta.actor?.userId ?? '' })
    await writeAudit(tx, meta, {
      action: 'calendar.override.save',
      subjectType: 'calendar_override',
      subjectId: date,
      details: { before, after: input },
    })
  })
  await afterChange(ctx)
}

export async function removeOverride(ctx: Deps, meta: RequestMeta, date: string): Promise<void> {
  await ctx.database.db.transaction().execute(async (tx) => {
    const before = await deleteOverride(tx, date)
    if (!before) throw new AppError('NOT_FOUND', date)
    await writeAudit(tx, meta, {
      action: 'calendar.override.delete',
      subjectType: 'calendar_override',
      subjectId: date,
      details: { before },
    })
  })
  await afterChange(ctx)
}

export async function saveAgencyOfficeHours(ctx: Deps, meta: RequestMeta, agencyId: string, hours: OfficeHours | null): Promise<void> {
  await ctx.database.db.transaction().execute(async (tx) => {
    const before = await agencyOfficeHours(tx, agencyId)
    if (!(await setAgencyOfficeHours(tx, agencyId, hours))) throw new AppError('NOT_FOUND', agencyId)
    await writeAudit(tx, meta, {
      action: 'calendar.office_hours.save',
      subjectType: 'agency',
      subjectId: agencyId,
      details: { before, after: hours },
    })
  })
  await afterChange(ctx)
}
