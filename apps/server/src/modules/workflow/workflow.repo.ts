import { sql, type Insertable, type Kysely, type Selectable, type Transaction } from 'kysely'
import type { DB, ProcessVersionStatus, ProcessVersionsTable } from '../../db/schema.ts'

type Db = Kysely<DB> | Transaction<DB>
export type ProcessVersionRow = Selectable<ProcessVersionsTable>

/** A process version with the names people read (agency, procedure as published now). */
export type ProcessVersionDetailRow = ProcessVersionRow & {
  agency_name: string
  agency_code: string | null
  procedure_name: string | null
}

const withNames = (db: Db) =>
  db
    .selectFrom('process_versions as pv')
    .innerJoin('agencies as a', 'a.id', 'pv.agency_id')
    .leftJoin('procedure_versions as pr', (j) => j.onRef('pr.procedure_code', '=', 'pv.procedure_code').on('pr.status', '=', 'published'))
    .selectAll('pv')
    .select(['a.name as agency_name', 'a.code as agency_code', 'pr.name as procedure_name'])

export function findProcessVersion(db: Db, id: string): Promise<ProcessVersionDetailRow | undefined> {
  return withNames(db).where('pv.id', '=', id).executeTakeFirst()
}

export function findProcessByStatus(
  db: Db,
  procedureCode: string,
  agencyId: string,
  status: 'draft' | 'published',
): Promise<ProcessVersionRow | undefined> {
  return db
    .selectFrom('process_versions')
    .selectAll()
    .where('procedure_code', '=', procedureCode)
    .where('agency_id', '=', agencyId)
    .where('status', '=', status)
    .executeTakeFirst()
}

/**
 * Serialises changes to one (procedure, agency) process until the transaction ends: drafts and
 * publications of one process happen one at a time, other processes are not held up.
 */
export async function lockProcess(tx: Transaction<DB>, procedureCode: string, agencyId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`process:${procedureCode}:${agencyId}`}, 0))`.execute(tx)
}

export async function maxProcessVersion(db: Db, procedureCode: string, agencyId: string): Promise<number> {
  const row = await db
    .selectFrom('process_versions')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('procedure_code', '=', procedureCode)
    .where('agency_id', '=', agencyId)
    .executeTakeFirst()
  return Number(row?.v ?? 0)
}

export function insertProcessVersion(db: Db, row: Insertable<ProcessVersionsTable>): Promise<ProcessVersionRow> {
  return db.insertInto('process_versions').values(row).returningAll().executeTakeFirstOrThrow()
}

/** Replaces the draft's definition if nobody did since `revision`; undefined otherwise. */
export function replaceProcessDraft(
  db: Db,
  id: string,
  revision: number,
  definition: unknown,
  by: string | null,
): Promise<ProcessVersionRow | undefined> {
  return db
    .updateTable('process_versions')
    .set((eb) => ({
      definition: JSON.stringify(definition),
      revision: eb('revision', '+', 1),
      updated_by: by,
      updated_at: new Date(),
    }))
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .where('revision', '=', revision)
    .returningAll()
    .executeTakeFirst()
}

export async function markProcessPublished(db: Db, id: string, by: string | null): Promise<void> {
  await db
    .updateTable('process_versions')
    .set({ status: 'published', published_by: by, published_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirstOrThrow()
}

export async function markProcessSuperseded(db: Db, id: string): Promise<void> {
  await db
    .updateTable('process_versions')
    .set({ status: 'superseded' })
    .where('id', '=', id)
    .where('status', '=', 'published')
    .executeTakeFirstOrThrow()
}

export async function deleteProcessDraft(db: Db, id: string): Promise<void> {
  await db.deleteFrom('process_versions').where('id', '=', id).where('status', '=', 'draft').execute()
}

export interface ProcessListFilter {
  procedureCode?: string | undefined
  agencyId?: string | undefined
  status?: ProcessVersionStatus | undefined
  /** Only processes of this agency and the agencies under it; null = everywhere. */
  withinAgencyId: string | null
}

export async function listProcessVersions(db: Db, f: ProcessListFilter, page: number, pageSize: number) {
  let q = db
    .selectFrom('process_versions as pv')
    .innerJoin('agencies as a', 'a.id', 'pv.agency_id')
    .leftJoin('procedure_versions as pr', (j) => j.onRef('pr.procedure_code', '=', 'pv.procedure_code').on('pr.status', '=', 'published'))
  if (f.procedureCode) q = q.where('pv.procedure_code', '=', f.procedureCode)
  if (f.agencyId) q = q.where('pv.agency_id', '=', f.agencyId)
  if (f.status) q = q.where('pv.status', '=', f.status)
  const scope = f.withinAgencyId
  if (scope) q = q.where((eb) => eb.or([eb('a.id', '=', scope), eb(eb.val(scope), '=', eb.fn.any('a.ancestor_ids'))]))
  const [rows, count] = await Promise.all([
    q
      .select([
        'pv.id',
        'pv.procedure_code',
        'pv.agency_id',
        'pv.version',
        'pv.revision',
        'pv.status',
        'pv.created_at',
        'pv.updated_at',
        'pv.published_at',
        'a.name as agency_name',
        'pr.name as procedure_name',
        sql<number>`jsonb_array_length(pv.definition->'steps')`.as('step_count'),
      ])
      .orderBy('pv.procedure_code')
      .orderBy('a.name')
      .orderBy('pv.version', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(count.n) }
}

/** The agency as the workflow checks need it: where it sits (jurisdiction) and what level it acts at. */
export function findAgencyForProcess(db: Db, by: { id: string } | { code: string }) {
  const q = db
    .selectFrom('agencies as a')
    .leftJoin('agencies as p', 'p.id', 'a.parent_id')
    .select(['a.id', 'a.code', 'a.name', 'a.kind', 'a.active', 'a.ancestor_ids', 'p.kind as parent_kind'])
  return ('id' in by ? q.where('a.id', '=', by.id) : q.where('a.code', '=', by.code)).executeTakeFirst()
}

/** Active units (phòng, ban) anywhere under the agency: who a step can be given to. */
export async function unitIdsUnder(db: Db, agencyId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('agencies')
    .select('id')
    .where('kind', '=', 'unit')
    .where('active', '=', true)
    .where((eb) => eb(eb.val(agencyId), '=', eb.fn.any('ancestor_ids')))
    .execute()
  return new Set(rows.map((r) => r.id))
}

export function publishedProcessRow(db: Db, procedureCode: string, agencyId: string) {
  return db
    .selectFrom('process_versions')
    .select(['id', 'version', 'definition'])
    .where('procedure_code', '=', procedureCode)
    .where('agency_id', '=', agencyId)
    .where('status', '=', 'published')
    .executeTakeFirst()
}

/** A version a dossier can run on (published now or before); drafts are never run. */
export function runnableProcessRow(db: Db, id: string) {
  return db
    .selectFrom('process_versions')
    .select(['id', 'definition'])
    .where('id', '=', id)
    .where('status', '<>', 'draft')
    .executeTakeFirst()
}
