import type { Draft, SaveDraft } from '@congso/contracts'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import { AppError } from '../../http/errors.ts'
import type { Actor, RequestMeta } from '../../http/request-context.ts'
import { findVersion } from '../catalog/catalog.repo.ts'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { writeAudit } from '../audit/audit.repo.ts'
import type { Db } from './dossiers.repo.ts'

type DraftInput = z.infer<typeof SaveDraft>

function requireCitizen(actor: Actor | null): Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED')
  if (actor.kind !== 'citizen') throw new AppError('FORBIDDEN')
  return actor
}

async function toDraft(
  db: Db,
  ownerId: string,
  row: { id: string; procedure_code: string; payload: unknown; updated_at: Date },
): Promise<Draft> {
  const p = row.payload as DraftInput
  const ids = p.components.flatMap((c) => c.fileIds)
  const files =
    ids.length === 0
      ? []
      : await db
          .selectFrom('stored_files')
          .select(['id', 'file_name', 'content_type', 'size_bytes', 'sha256'])
          .where('id', 'in', ids)
          .where('created_by', '=', ownerId)
          .where('purpose', '=', 'dossier_attachment')
          .execute()
  const known = new Set(files.map((f) => f.id))
  const name = await db
    .selectFrom('procedure_versions')
    .select('name')
    .where('procedure_code', '=', row.procedure_code)
    .orderBy('version', 'desc')
    .executeTakeFirst()
  return {
    ...p,
    components: p.components.map((c) => ({ ...c, fileIds: c.fileIds.filter((id) => known.has(id)) })),
    id: row.id,
    procedureName: name?.name ?? row.procedure_code,
    updatedAt: row.updated_at.toISOString(),
    files: files.map((f) => ({ id: f.id, fileName: f.file_name, contentType: f.content_type, sizeBytes: f.size_bytes, sha256: f.sha256 })),
  }
}

export async function listDrafts(db: Db, meta: RequestMeta): Promise<Draft[]> {
  const actor = requireCitizen(meta.actor)
  const rows = await db
    .selectFrom('dossier_drafts')
    .selectAll()
    .where('owner_id', '=', actor.userId)
    .orderBy('updated_at', 'desc')
    .execute()
  return Promise.all(rows.map((r) => toDraft(db, actor.userId, r)))
}

/** One draft per citizen and procedure, overwritten on each save (a draft is not a dossier: no code, no event). */
export async function saveDraft(ctx: Pick<AppContext, 'database'>, meta: RequestMeta, input: DraftInput): Promise<Draft> {
  const actor = requireCitizen(meta.actor)
  const db = ctx.database.db
  if (!(await findVersion(db, input.procedureCode, 'published'))) throw new AppError('CATALOG_NOT_PUBLISHED', input.procedureCode)
  const row = await db.transaction().execute(async (tx) => {
    const saved = await tx
      .insertInto('dossier_drafts')
      .values({ owner_id: actor.userId, procedure_code: input.procedureCode, payload: JSON.stringify(input) })
      .onConflict((oc) =>
        oc.columns(['owner_id', 'procedure_code']).doUpdateSet({ payload: JSON.stringify(input), updated_at: new Date() }),
      )
      .returningAll()
      .executeTakeFirstOrThrow()
    await writeAudit(tx, meta, {
      action: 'dossier.draft.save',
      subjectType: 'dossier_draft',
      subjectId: saved.id,
      details: { procedureCode: input.procedureCode },
    })
    return saved
  })
  return toDraft(db, actor.userId, row)
}

export async function deleteDraft(db: Kysely<DB>, meta: RequestMeta, id: string): Promise<void> {
  const actor = requireCitizen(meta.actor)
  await db.transaction().execute(async (tx) => {
    const res = await tx.deleteFrom('dossier_drafts').where('id', '=', id).where('owner_id', '=', actor.userId).executeTakeFirst()
    if (Number(res.numDeletedRows) !== 1) throw new AppError('NOT_FOUND', id)
    await writeAudit(tx, meta, { action: 'dossier.draft.delete', subjectType: 'dossier_draft', subjectId: id })
  })
}

/** A submitted procedure's draft is done with. */
export async function dropDraftAfterSubmit(db: Db, ownerId: string, procedureCode: string): Promise<void> {
  await db.deleteFrom('dossier_drafts').where('owner_id', '=', ownerId).where('procedure_code', '=', procedureCode).execute()
}
