import type { Insertable, Kysely, Selectable, Transaction } from 'kysely'
import type { DB, StoredFilesTable } from '../../db/schema.ts'

type Db = Kysely<DB> | Transaction<DB>
export type StoredFileRow = Selectable<StoredFilesTable>

/** What a stored file is for; templates are public forms, the others are not. */
export type FilePurpose = 'procedure_template' | 'dossier_attachment' | 'signed_document'

export async function insertStoredFile(db: Db, row: Insertable<StoredFilesTable> & { purpose: FilePurpose }): Promise<void> {
  await db.insertInto('stored_files').values(row).execute()
}

export function findStoredFile(db: Db, id: string, purpose: FilePurpose | readonly FilePurpose[]): Promise<StoredFileRow | undefined> {
  const purposes: readonly FilePurpose[] = typeof purpose === 'string' ? [purpose] : purpose
  return db.selectFrom('stored_files').selectAll().where('id', '=', id).where('purpose', 'in', purposes).executeTakeFirst()
}

/** The ids among `ids` that name a stored file of this purpose. */
export async function existingFileIds(db: Db, ids: readonly string[], purpose: FilePurpose): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  const rows = await db
    .selectFrom('stored_files')
    .select('id')
    .where('id', 'in', [...new Set(ids)])
    .where('purpose', '=', purpose)
    .execute()
  return new Set(rows.map((r) => r.id))
}
