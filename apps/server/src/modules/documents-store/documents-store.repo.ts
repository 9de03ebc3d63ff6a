import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../db/schema.ts'

type Db = Kysely<DB> | Transaction<DB>

/** The most documents one list answers; a citizen's store holds results of their own dossiers. */
export const DOCUMENTS_LIST_LIMIT = 500

/** The user's documents with their stored file and dossier, newest first. */
export function listDocuments(db: Db, userId: string) {
  return db
    .selectFrom('citizen_documents as cd')
    .innerJoin('stored_files as f', 'f.id', 'cd.file_id')
    .leftJoin('dossiers as d', 'd.id', 'cd.dossier_id')
    .select([
      'cd.id',
      'cd.title',
      'cd.file_id',
      'f.file_name',
      'f.content_type',
      'f.size_bytes',
      'd.code as dossier_code',
      'cd.procedure_code',
      'cd.created_at',
    ])
    .where('cd.user_id', '=', userId)
    .orderBy('cd.created_at', 'desc')
    .orderBy('cd.id', 'desc')
    .limit(DOCUMENTS_LIST_LIMIT)
    .execute()
}

/** One of the user's documents (someone else's is not found). */
export function findDocument(db: Db, userId: string, id: string) {
  return db.selectFrom('citizen_documents').select(['id', 'file_id']).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst()
}
