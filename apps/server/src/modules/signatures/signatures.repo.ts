import type { Insertable, Kysely, Selectable, Transaction } from 'kysely'
import type { DB, SignedDocumentsTable, SigningSessionsTable, TrustAnchorsTable } from '../../db/schema.ts'

type Db = Kysely<DB> | Transaction<DB>
export type TrustAnchorRow = Selectable<TrustAnchorsTable>
export type SigningSessionRow = Selectable<SigningSessionsTable>

export function listTrustAnchors(db: Db): Promise<TrustAnchorRow[]> {
  return db.selectFrom('trust_anchors').selectAll().orderBy('created_at').execute()
}

export async function trustAnchorCertificates(db: Db): Promise<Uint8Array[]> {
  const rows = await db.selectFrom('trust_anchors').select('certificate').execute()
  return rows.map((r) => new Uint8Array(r.certificate))
}

export async function insertTrustAnchor(db: Db, row: Insertable<TrustAnchorsTable>): Promise<TrustAnchorRow | undefined> {
  return db
    .insertInto('trust_anchors')
    .values(row)
    .onConflict((oc) => oc.column('sha256').doNothing())
    .returningAll()
    .executeTakeFirst()
}

export function deleteTrustAnchor(db: Db, id: string): Promise<TrustAnchorRow | undefined> {
  return db.deleteFrom('trust_anchors').where('id', '=', id).returningAll().executeTakeFirst()
}

export async function insertSignedDocument(db: Db, row: Insertable<SignedDocumentsTable>): Promise<void> {
  await db.insertInto('signed_documents').values(row).execute()
}

export function insertSigningSession(db: Db, row: Insertable<SigningSessionsTable>): Promise<{ id: string }> {
  return db.insertInto('signing_sessions').values(row).returning('id').executeTakeFirstOrThrow()
}

/** Locks the session row: two completions of one session must not both store a file. */
export function lockOpenSession(db: Transaction<DB>, id: string, userId: string): Promise<SigningSessionRow | undefined> {
  return db
    .selectFrom('signing_sessions')
    .selectAll()
    .where('id', '=', id)
    .where('created_by', '=', userId)
    .where('completed_file_id', 'is', null)
    .forUpdate()
    .executeTakeFirst()
}

export function findSession(db: Db, id: string, userId: string): Promise<SigningSessionRow | undefined> {
  return db.selectFrom('signing_sessions').selectAll().where('id', '=', id).where('created_by', '=', userId).executeTakeFirst()
}

export async function completeSession(db: Db, id: string, fileId: string): Promise<void> {
  await db.updateTable('signing_sessions').set({ completed_file_id: fileId }).where('id', '=', id).execute()
}

/** Sessions past their expiry that never completed: their prepared bytes can go. */
export function expiredSessions(db: Db, now: Date, limit: number): Promise<Pick<SigningSessionRow, 'id' | 'prepared_key'>[]> {
  return db
    .selectFrom('signing_sessions')
    .select(['id', 'prepared_key'])
    .where('completed_file_id', 'is', null)
    .where('expires_at', '<', now)
    .limit(limit)
    .execute()
}

export async function deleteSessions(db: Db, ids: string[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('signing_sessions').where('id', 'in', ids).execute()
}
