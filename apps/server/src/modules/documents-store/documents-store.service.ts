import type { CitizenDocument, StoredFile } from '@congso/contracts'
import type { AppContext } from '../../context.ts'
import { AppError } from '../../http/errors.ts'
import type { Actor, RequestMeta } from '../../http/request-context.ts'
import { copyAsAttachment } from '../files/files.service.ts'
import { findDocument, listDocuments } from './documents-store.repo.ts'

type Deps = Pick<AppContext, 'database' | 'storage' | 'log'>

/** The store belongs to citizens' accounts; officers have none. */
function requireCitizen(actor: Actor | null): Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED')
  if (actor.kind !== 'citizen') throw new AppError('FORBIDDEN')
  return actor
}

/** Kho dữ liệu: the citizen's documents (results returned electronically), newest first. */
export async function myDocuments(ctx: Deps, actor: Actor | null): Promise<CitizenDocument[]> {
  const citizen = requireCitizen(actor)
  const rows = await listDocuments(ctx.database.db, citizen.userId)
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    fileId: r.file_id,
    fileName: r.file_name,
    contentType: r.content_type,
    sizeBytes: r.size_bytes,
    dossierCode: r.dossier_code,
    procedureCode: r.procedure_code,
    createdAt: r.created_at.toISOString(),
  }))
}

/**
 * Offers a document of the store for a new dossier: a fresh attachment with the same bytes, owned by
 * the citizen and attached like an upload (the stored result itself stays with its dossier).
 */
export async function reuseDocument(ctx: Deps, meta: RequestMeta, id: string): Promise<StoredFile> {
  const citizen = requireCitizen(meta.actor)
  const doc = await findDocument(ctx.database.db, citizen.userId, id)
  if (!doc) throw new AppError('NOT_FOUND', id)
  return copyAsAttachment(ctx, meta, doc.file_id, { documentId: doc.id })
}
