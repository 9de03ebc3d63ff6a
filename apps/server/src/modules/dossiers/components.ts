import type { ProcedureContent } from '@congso/contracts'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { AppError } from '../../http/errors.ts'
import type { Actor } from '../../http/request-context.ts'
import { usableAttachments } from './dossiers.repo.ts'

export interface ComponentInput {
  index: number
  fileIds: string[]
  originalSighted: boolean
  paperCopies: number
}

/** Total attachments of one dossier (the issue asks for a per-file and a per-dossier limit; per file is 10 MB). */
export const DOSSIER_MAX_BYTES = 50 * 1024 * 1024

/**
 * Checks the components given against the procedure version: known indexes, each file an
 * attachment the actor uploaded and no dossier uses yet, the total size, and (when `requireAll`)
 * every required component present — as files, or for paper channels as paper copies handed in.
 * Returns the files to attach.
 */
export async function checkComponents(
  db: Kysely<DB>,
  actor: Actor,
  content: ProcedureContent,
  components: readonly ComponentInput[],
  opts: { requireAll: boolean; paperCounts: boolean; alreadyBytes?: number },
): Promise<{ componentIndex: number; fileId: string }[]> {
  const unknown = components.filter((c) => c.index >= content.components.length)
  if (unknown.length > 0) {
    throw new AppError(
      'DOSSIER_COMPONENT_UNKNOWN',
      unknown.map((c) => c.index).join(', '),
      unknown.map((c) => ({ path: `components.${c.index}`, message: 'Thành phần hồ sơ không có trong thủ tục' })),
    )
  }
  const ids = components.flatMap((c) => c.fileIds)
  if (new Set(ids).size !== ids.length) throw new AppError('DOSSIER_FILE_NOT_FOUND', 'một tệp được đính kèm hai lần')
  const usable = await usableAttachments(db, ids, actor.userId)
  const found = new Set(usable.map((f) => f.id))
  const missingFiles = ids.filter((id) => !found.has(id))
  if (missingFiles.length > 0) throw new AppError('DOSSIER_FILE_NOT_FOUND', missingFiles.join(', '))
  const total = usable.reduce((s, f) => s + f.size_bytes, opts.alreadyBytes ?? 0)
  if (total > DOSSIER_MAX_BYTES) throw new AppError('DOSSIER_TOO_LARGE', `tối đa ${DOSSIER_MAX_BYTES / 1024 / 1024} MB`)

  if (opts.requireAll) {
    const given = new Set(components.filter((c) => c.fileIds.length > 0 || (opts.paperCounts && c.paperCopies > 0)).map((c) => c.index))
    const missing = content.components.flatMap((c, i) => (c.required && !given.has(i) ? [{ i, name: c.name }] : []))
    if (missing.length > 0) {
      throw new AppError(
        'DOSSIER_COMPONENT_MISSING',
        missing.map((m) => m.name).join('; '),
        missing.map((m) => ({ path: `components.${m.i}`, message: `Thiếu thành phần bắt buộc: ${m.name}` })),
      )
    }
  }
  return components.flatMap((c) => c.fileIds.map((fileId) => ({ componentIndex: c.index, fileId })))
}
