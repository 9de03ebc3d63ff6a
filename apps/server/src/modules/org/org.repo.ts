import type { Kysely, Selectable, Transaction } from 'kysely'
import type { Agency } from '@congso/contracts'
import type { AgenciesTable, DB } from '../../db/schema.ts'

type Db = Kysely<DB> | Transaction<DB>

export const toAgency = (r: Selectable<AgenciesTable>): Agency => ({
  id: r.id,
  code: r.code,
  name: r.name,
  shortName: r.short_name,
  kind: r.kind as Agency['kind'],
  parentId: r.parent_id,
  address: r.address,
  phone: r.phone,
  email: r.email,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  successorId: r.successor_id,
  active: r.active,
})

export function findAgency(db: Db, id: string) {
  return db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst()
}

export function findAgencyByCode(db: Db, code: string) {
  return db.selectFrom('agencies').selectAll().where('code', '=', code).executeTakeFirst()
}

/** Agencies in the subtree rooted at `rootId` (all when null), ordered for display. */
export function listAgencies(db: Db, rootId: string | null, activeOnly = false) {
  let q = db.selectFrom('agencies').selectAll()
  if (rootId) q = q.where((eb) => eb.or([eb('id', '=', rootId), eb(eb.val(rootId), '=', eb.fn.any('ancestor_ids'))]))
  if (activeOnly) q = q.where('active', '=', true)
  return q.orderBy('kind').orderBy('code').orderBy('name').execute()
}

export async function getSetting<T>(db: Db, key: string): Promise<T | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst()
  return row?.value as T | undefined
}

export async function putSetting(db: Db, key: string, value: unknown): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value: JSON.stringify(value), updated_at: new Date() })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: new Date() }))
    .execute()
}
