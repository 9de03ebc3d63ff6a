import { sql, type Insertable, type Kysely, type Selectable, type Transaction } from 'kysely'
import type { DB, DossierEventsTable, DossiersTable } from '../../db/schema.ts'

export type Db = Kysely<DB> | Transaction<DB>
export type DossierRow = Selectable<DossiersTable>
export type EventRow = Selectable<DossierEventsTable>

/**
 * Next number of the day for the receiving agency. The counter row stays locked until the caller's
 * transaction ends, so concurrent submissions take consecutive numbers, and a rollback returns its
 * number: no gaps, no duplicates.
 */
export async function nextDailySeq(tx: Transaction<DB>, agencyId: string, day: string): Promise<number> {
  const row = await tx
    .insertInto('dossier_code_counters')
    .values({ agency_id: agencyId, day, last_seq: 1 })
    .onConflict((oc) => oc.columns(['agency_id', 'day']).doUpdateSet({ last_seq: sql<number>`dossier_code_counters.last_seq + 1` }))
    .returning('last_seq')
    .executeTakeFirstOrThrow()
  return row.last_seq
}

/** Next number in the agency's tracking book (Sổ theo dõi hồ sơ) for the year. */
export async function nextBookNo(tx: Transaction<DB>, agencyId: string, year: number): Promise<number> {
  const row = await tx
    .insertInto('dossier_book_counters')
    .values({ agency_id: agencyId, year, last_no: 1 })
    .onConflict((oc) => oc.columns(['agency_id', 'year']).doUpdateSet({ last_no: sql<number>`dossier_book_counters.last_no + 1` }))
    .returning('last_no')
    .executeTakeFirstOrThrow()
  return row.last_no
}

export async function insertDossier(tx: Transaction<DB>, row: Insertable<DossiersTable>): Promise<string> {
  const r = await tx.insertInto('dossiers').values(row).returning('id').executeTakeFirstOrThrow()
  return r.id
}

export async function insertEvent(tx: Transaction<DB>, row: Insertable<DossierEventsTable>): Promise<void> {
  await tx.insertInto('dossier_events').values(row).execute()
}

export async function insertDossierFiles(
  tx: Transaction<DB>,
  dossierId: string,
  eventSeq: number,
  files: { componentIndex: number; fileId: string }[],
): Promise<void> {
  if (files.length === 0) return
  await tx
    .insertInto('dossier_files')
    .values(files.map((f) => ({ dossier_id: dossierId, component_index: f.componentIndex, file_id: f.fileId, event_seq: eventSeq })))
    .execute()
}

export function findDossier(db: Db, code: string): Promise<DossierRow | undefined> {
  return db.selectFrom('dossiers').selectAll().where('code', '=', code).executeTakeFirst()
}

export function lockDossier(tx: Transaction<DB>, code: string): Promise<DossierRow | undefined> {
  return tx.selectFrom('dossiers').selectAll().where('code', '=', code).forUpdate().executeTakeFirst()
}

export function listEvents(db: Db, dossierId: string) {
  return db
    .selectFrom('dossier_events as e')
    .leftJoin('agencies as a', 'a.id', 'e.actor_agency_id')
    .selectAll('e')
    .select('a.name as agency_name')
    .where('e.dossier_id', '=', dossierId)
    .orderBy('e.seq')
    .execute()
}

export function listDossierFiles(db: Db, dossierId: string) {
  return db
    .selectFrom('dossier_files as df')
    .innerJoin('stored_files as f', 'f.id', 'df.file_id')
    .select(['df.component_index', 'df.event_seq', 'df.created_at', 'f.id', 'f.file_name', 'f.content_type', 'f.size_bytes', 'f.sha256'])
    .where('df.dossier_id', '=', dossierId)
    .orderBy('df.created_at')
    .execute()
}

/** Attachments the actor uploaded and no dossier uses yet, with their sizes. */
export function usableAttachments(db: Db, ids: readonly string[], ownerId: string) {
  if (ids.length === 0) return Promise.resolve([])
  return db
    .selectFrom('stored_files as f')
    .leftJoin('dossier_files as df', 'df.file_id', 'f.id')
    .select(['f.id', 'f.size_bytes', 'f.file_name', 'f.content_type', 'f.sha256'])
    .where('f.id', 'in', [...new Set(ids)])
    .where('f.purpose', '=', 'dossier_attachment')
    .where('f.created_by', '=', ownerId)
    .where('df.id', 'is', null)
    .execute()
}

/** Projection update after an event, guarded by the version the caller read (optimistic concurrency). */
export async function updateProjection(
  tx: Transaction<DB>,
  id: string,
  expectedVersion: number,
  set: Partial<Pick<DossierRow, 'status' | 'accepted_at' | 'due_at' | 'closed_at' | 'book_year' | 'book_no' | 'form_data'>>,
): Promise<boolean> {
  const values = { ...set, form_data: set.form_data === undefined ? undefined : JSON.stringify(set.form_data) }
  const res = await tx
    .updateTable('dossiers')
    .set({ ...values, version: sql<number>`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

export function agencyById(db: Db, id: string) {
  return db
    .selectFrom('agencies as a')
    .leftJoin('agencies as p', 'p.id', 'a.parent_id')
    .select(['a.id', 'a.code', 'a.name', 'a.ancestor_ids', 'a.address', 'a.phone', 'p.name as parent_name'])
    .where('a.id', '=', id)
    .executeTakeFirst()
}

export function agencyByCode(db: Db, code: string) {
  return db.selectFrom('agencies').select(['id', 'code', 'name', 'ancestor_ids', 'active']).where('code', '=', code).executeTakeFirst()
}

/** Ids of the agency and everything under it: an officer's jurisdiction. */
export async function subtreeIds(db: Db, agencyId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('agencies')
    .select('id')
    .where((eb) => eb.or([eb('id', '=', agencyId), eb(eb.val(agencyId), '=', eb.fn.any('ancestor_ids'))]))
    .execute()
  return rows.map((r) => r.id)
}
