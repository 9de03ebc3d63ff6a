import { sql, type Kysely, type Selectable, type Transaction } from 'kysely'
import type { ProcedureContent, PublicationDecision } from '@congso/contracts'
import { foldVietnamese } from '@congso/domain'
import type { DB, ProcedureVersionsTable, VersionStatus } from '../../db/schema.ts'

type Db = Kysely<DB> | Transaction<DB>
export type VersionRow = Selectable<ProcedureVersionsTable>

/**
 * Columns derived from the content on every write: the content is the truth, these serve filters,
 * ordering and the diacritic-insensitive, typo-tolerant search (pg_trgm over folded text).
 */
export function derivedColumns(c: ProcedureContent) {
  return {
    name: c.name,
    field: c.field,
    levels: [...c.levels],
    online_type: c.onlineType,
    search_name: foldVietnamese(c.name),
    search_text: foldVietnamese(`${c.code} ${c.name} ${c.field}`),
  }
}

export function procedureExists(db: Db, code: string) {
  return db.selectFrom('procedures').select('code').where('code', '=', code).executeTakeFirst()
}

export async function insertProcedure(db: Db, code: string): Promise<void> {
  await db.insertInto('procedures').values({ code }).execute()
}

export async function deleteProcedure(db: Db, code: string): Promise<void> {
  await db.deleteFrom('procedures').where('code', '=', code).execute()
}

export function listVersions(db: Db, code: string) {
  return db.selectFrom('procedure_versions').selectAll().where('procedure_code', '=', code).orderBy('version', 'desc').execute()
}

export function findVersion(db: Db, code: string, status: 'draft' | 'published') {
  return db.selectFrom('procedure_versions').selectAll().where('procedure_code', '=', code).where('status', '=', status).executeTakeFirst()
}

export async function maxVersion(db: Db, code: string): Promise<number> {
  const row = await db
    .selectFrom('procedure_versions')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('procedure_code', '=', code)
    .executeTakeFirst()
  return row?.v ?? 0
}

export function insertDraft(db: Db, content: ProcedureContent, version: number, createdBy: string | null) {
  return db
    .insertInto('procedure_versions')
    .values({
      procedure_code: content.code,
      version,
      status: 'draft',
      content: JSON.stringify(content),
      ...derivedColumns(content),
      publication: null,
      created_by: createdBy,
      published_by: null,
      published_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export function updateDraft(db: Db, id: string, content: ProcedureContent) {
  return db
    .updateTable('procedure_versions')
    .set({ content: JSON.stringify(content), ...derivedColumns(content) })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function deleteVersion(db: Db, id: string): Promise<void> {
  await db.deleteFrom('procedure_versions').where('id', '=', id).where('status', '=', 'draft').execute()
}

export async function setStatus(db: Db, id: string, from: VersionStatus, to: VersionStatus): Promise<void> {
  const res = await db
    .updateTable('procedure_versions')
    .set({ status: to })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst()
  if (Number(res.numUpdatedRows) !== 1) throw new Error(`procedure version ${id} is no longer ${from}`)
}

/** The draft becomes the published version: the only moment `publication` is written. */
export function markPublished(db: Db, id: string, decision: PublicationDecision, by: string | null) {
  return db
    .updateTable('procedure_versions')
    .set({ status: 'published', publication: JSON.stringify(decision), published_by: by, published_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Published → abolished, recording the abolition decision in its own columns (migration 0002). */
export async function markAbolished(db: Db, id: string, decision: PublicationDecision, by: string | null): Promise<void> {
  await sql`update procedure_versions
    set status = 'abolished', abolition = ${JSON.stringify(decision)}::jsonb, abolished_by = ${by}, abolished_at = now()
    where id = ${id} and status = 'published'`.execute(db)
}

/** Published contents, in code order (export). */
export async function listPublishedContents(db: Db): Promise<unknown[]> {
  const rows = await db
    .selectFrom('procedure_versions')
    .select('content')
    .where('status', '=', 'published')
    .orderBy('procedure_code')
    .execute()
  return rows.map((r) => r.content)
}

export async function fieldCounts(db: Db): Promise<{ field: string; count: number }[]> {
  const rows = await db
    .selectFrom('procedure_versions')
    .select(['field', (eb) => eb.fn.countAll<string>().as('n')])
    .where('status', '=', 'published')
    .groupBy('field')
    .orderBy('field')
    .execute()
  return rows.map((r) => ({ field: r.field, count: Number(r.n) }))
}

export interface AdminListRow {
  code: string
  name: string
  field: string
  published_version: number | null
  draft_version: number | null
  abolished: boolean
}

/** One row per procedure: the newest version's name, and which versions are published/draft. */
export async function listAdminProcedures(db: Db, folded: string | null, page: number, pageSize: number) {
  const like = folded ? `%${folded}%` : null
  const rows = await sql<AdminListRow>`
    select procedure_code as code,
      (array_agg(name order by version desc))[1] as name,
      (array_agg(field order by version desc))[1] as field,
      max(version) filter (where status = 'published') as published_version,
      max(version) filter (where status = 'draft') as draft_version,
      bool_or(status = 'abolished') as abolished
    from procedure_versions
    group by procedure_code
    having ${like}::text is null or bool_or(search_text like ${like}::text or ${folded}::text <% search_text)
    order by procedure_code
    limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(db)
  return rows.rows
}

export async function countAdminProcedures(db: Db, folded: string | null): Promise<number> {
  const like = folded ? `%${folded}%` : null
  const row = await sql<{ n: string }>`
    select count(*) as n from (
      select procedure_code from procedure_versions group by procedure_code
      having ${like}::text is null or bool_or(search_text like ${like}::text or ${folded}::text <% search_text)) t`.execute(db)
  return Number(row.rows[0]?.n ?? 0)
}

export interface AgencyRow {
  code: string | null
  name: string
  kind: string
  parent_kind: string | null
}

export function listActiveAgencies(db: Db): Promise<AgencyRow[]> {
  return db
    .selectFrom('agencies as a')
    .leftJoin('agencies as p', 'p.id', 'a.parent_id')
    .select(['a.code', 'a.name', 'a.kind', 'p.kind as parent_kind'])
    .where('a.active', '=', true)
    .orderBy('a.code')
    .execute()
}

export function findAgencyWithParent(db: Db, code: string): Promise<AgencyRow | undefined> {
  return db
    .selectFrom('agencies as a')
    .leftJoin('agencies as p', 'p.id', 'a.parent_id')
    .select(['a.code', 'a.name', 'a.kind', 'p.kind as parent_kind'])
    .where('a.code', '=', code)
    .executeTakeFirst()
}

/** Locks the procedure row for the rest of the transaction: changes to one code happen one at a time. */
export async function lockProcedure(db: Db, code: string): Promise<boolean> {
  const row = await db.selectFrom('procedures').select('code').where('code', '=', code).forUpdate().executeTakeFirst()
  return row !== undefined
}
