import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '../../db/schema.ts'

type Db = Kysely<DB> | Transaction<DB>

export const CALENDAR_SETTINGS_KEY = 'calendar'

export async function readCalendarSettings(db: Db): Promise<unknown> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', CALENDAR_SETTINGS_KEY).executeTakeFirst()
  return row?.value ?? null
}

export async function writeCalendarSettings(db: Db, value: unknown): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key: CALENDAR_SETTINGS_KEY, value: JSON.stringify(value) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: new Date() }))
    .execute()
}

export function listOverrides(db: Db, range?: { from: string; to: string }) {
  let q = db
    .selectFrom('calendar_overrides as o')
    .leftJoin('users as u', 'u.id', 'o.updated_by')
    .select([sql<string>`to_char(o.date, 'YYYY-MM-DD')`.as('date'), 'o.kind', 'o.name', 'o.updated_at', 'u.full_name as updated_by_name'])
    .orderBy('o.date')
  if (range) q = q.where('o.date', '>=', range.from).where('o.date', '<=', range.to)
  return q.execute()
}

export async function upsertOverride(db: Db, o: { date: string; kind: 'day_off' | 'working_day'; name: string; updatedBy: string }) {
  const before = await db.selectFrom('calendar_overrides').select(['kind', 'name']).where('date', '=', o.date).executeTakeFirst()
  await db
    .insertInto('calendar_overrides')
    .values({ date: o.date, kind: o.kind, name: o.name, updated_by: o.updatedBy })
    .onConflict((oc) => oc.column('date').doUpdateSet({ kind: o.kind, name: o.name, updated_by: o.updatedBy, updated_at: new Date() }))
    .execute()
  return before ?? null
}

export async function deleteOverride(db: Db, date: string) {
  return db.deleteFrom('calendar_overrides').where('date', '=', date).returning(['kind', 'name']).executeTakeFirst()
}

export async function agencyOfficeHours(db: Db, agencyId: string): Promise<unknown> {
  const row = await db.selectFrom('agencies').select('office_hours').where('id', '=', agencyId).executeTakeFirst()
  return row?.office_hours ?? null
}

export async function setAgencyOfficeHours(db: Db, agencyId: string, value: unknown): Promise<boolean> {
  const res = await db
    .updateTable('agencies')
    .set({ office_hours: value === null ? null : JSON.stringify(value), updated_at: new Date() })
    .where('id', '=', agencyId)
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}
