import { sql, type Insertable, type Kysely, type Selectable, type Transaction } from 'kysely'
import type { DB, DossierEventsTable, DossiersTable } from '../../db/schema.ts'
import type { RequestMeta } from '../../http/request-context.ts'

export type Db = Kysely<DB> | Transaction<DB>
export type DossierRow = Selectable<DossiersTable>
export type EventRow = Selectable<DossierEventsTable>

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
/** The dossier columns an event may change: the projection of the reception and processing folds. */
export type ProjectionChange = Partial<
  Pick<
    DossierRow,
    | 'status'
    | 'accepted_at'
    | 'due_at'
    | 'closed_at'
    | 'book_year'
    | 'book_no'
    | 'form_data'
    | 'process_version_id'
    | 'processing_agency_id'
    | 'step_id'
    | 'step_name'
    | 'step_role'
    | 'step_unit_id'
    | 'step_entered_at'
    | 'step_due_at'
    | 'assignee_user_id'
    | 'completed_at'
    | 'completed_late'
    | 'apologized'
    | 'rating'
  >
>

export async function updateProjection(tx: Transaction<DB>, id: string, expectedVersion: number, set: ProjectionChange): Promise<boolean> {
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

export interface NewSubmission {
  receivingAgencyId: string
  day: string
  codeTemplate: string
  seqWidth: number
  /** Counter intake: link the citizen account holding this ID number, if any. */
  linkApplicantByIdNumber: string | null
  dossier: Omit<Insertable<DossiersTable>, 'code'>
  event: Omit<Insertable<DossierEventsTable>, 'dossier_id' | 'seq'>
  files: { componentIndex: number; fileId: string }[]
  idempotency: { scope: string; key: string; fingerprint: string }
  /** Who submitted from where: the audit row is written by the same statement. */
  meta: RequestMeta
}

/**
 * The whole submission as one statement, atomic without a transaction: take the day's number,
 * insert the dossier with its code, its first event and its files, and store the answer under the
 * idempotency key. The counter row stays locked for this one statement only. A key already taken
 * (or being taken by a concurrent retry) makes the statement fail on the key's primary key and
 * undo everything, the number included: the caller answers with the stored result.
 */
export async function insertSubmission(db: Db, s: NewSubmission): Promise<{ id: string; code: string } | 'key_taken'> {
  const d = s.dossier
  const e = s.event
  const submittedAt = d.submitted_at instanceof Date ? d.submitted_at.toISOString() : String(d.submitted_at)
  try {
    const r = await sql<{ id: string; code: string }>`
    with c as (
      insert into dossier_code_counters (agency_id, day, last_seq) values (${s.receivingAgencyId}, ${s.day}, 1)
      on conflict (agency_id, day) do update set last_seq = dossier_code_counters.last_seq + 1
      returning last_seq
    ), d as (
      insert into dossiers (code, procedure_code, procedure_version_id, receiving_agency_id, agency_id, channel, applicant_user_id,
        applicant, applicant_phone_digits, applicant_id_number, applicant_name_search, form_data, sets, return_channel,
        return_address, postal_receipt_number, processing_time, status, version, submitted_at, created_by)
      select replace(${s.codeTemplate}::text, '{seq}', lpad(c.last_seq::text, greatest(${s.seqWidth}::int, length(c.last_seq::text)), '0')),
        ${d.procedure_code}, ${d.procedure_version_id}, ${d.receiving_agency_id}, ${d.agency_id}, ${d.channel},
        coalesce(${d.applicant_user_id ?? null}::uuid,
          (select id from users where kind = 'citizen' and citizen_id = ${s.linkApplicantByIdNumber}::text limit 1)),
        ${d.applicant}::jsonb, ${d.applicant_phone_digits}, ${d.applicant_id_number}, ${d.applicant_name_search}, ${d.form_data}::jsonb, ${d.sets},
        ${d.return_channel}, ${d.return_address ?? null}, ${d.postal_receipt_number ?? null}, ${d.processing_time}::jsonb, ${d.status},
        ${d.version ?? 1}, ${d.submitted_at}, ${d.created_by ?? null}
      from c
      returning id, code
    ), e as (
      insert into dossier_events (dossier_id, seq, type, at, actor_id, actor_name, actor_role, actor_agency_id, from_status, to_status, note, data, attachment_ids)
      select d.id, 1, ${e.type}, ${e.at ?? new Date()}, ${e.actor_id ?? null}, ${e.actor_name ?? null}, ${e.actor_role ?? null}, ${e.actor_agency_id ?? null},
        null, ${e.to_status}, ${e.note ?? null}, ${e.data}::jsonb, ${s.files.map((f) => f.fileId)}::uuid[]
      from d
    ), f as (
      insert into dossier_files (dossier_id, component_index, file_id, event_seq)
      select d.id, x.idx, x.fid, 1 from d, unnest(${s.files.map((f) => f.componentIndex)}::int[], ${s.files.map((f) => f.fileId)}::uuid[]) as x(idx, fid)
    ), k as (
      insert into idempotency_keys (scope, key, request_hash, status_code, response)
      select ${s.idempotency.scope}, ${s.idempotency.key}, ${s.idempotency.fingerprint}, 201,
        jsonb_build_object('id', d.id, 'code', d.code, 'status', 'submitted', 'submittedAt', ${submittedAt}::text)
      from d
    ), a as (
      insert into audit_log (actor_id, actor_roles, action, subject_type, subject_id, ip, user_agent, request_id, details)
      select ${s.meta.actor?.userId ?? null}, ${s.meta.actor?.roles ?? []}::text[], 'dossier.submit', 'dossier', d.code,
        ${s.meta.ip}, ${s.meta.userAgent}, ${s.meta.requestId}, jsonb_build_object('channel', ${d.channel}::text, 'procedureCode', ${d.procedure_code}::text)
      from d
    )
    select id, code from d`.execute(db)
    const row = r.rows[0]
    if (!row) throw new Error('submission insert returned no row')
    return row
  } catch (err) {
    if (isKeyConflict(err)) return 'key_taken'
    throw err
  }
}

/** A unique violation on the idempotency key (not on anything else). */
function isKeyConflict(err: unknown): boolean {
  const e = err as { code?: unknown; constraint?: unknown; message?: unknown }
  return e.code === '23505' && (e.constraint === 'idempotency_keys_pkey' || String(e.message).includes('idempotency_keys_pkey'))
}
