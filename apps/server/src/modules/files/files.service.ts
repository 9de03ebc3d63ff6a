import { createHash, randomUUID } from 'node:crypto'
import type { Readable } from 'node:stream'
import { buffer } from 'node:stream/consumers'
import type { Kysely, Transaction } from 'kysely'
import type { StoredFile } from '@congso/contracts'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { AppError } from '../../http/errors.ts'
import type { RequestMeta } from '../../http/request-context.ts'
import { writeAudit } from '../audit/audit.repo.ts'
import { detectContentType, type FileKind } from './content-type.ts'
import { sanitizeFileName, withExtension } from './file-name.ts'
import { existingFileIds, findStoredFile, insertStoredFile, type FilePurpose, type StoredFileRow } from './files.repo.ts'

/** Largest template form accepted (the route's body limit is the same). */
export const TEMPLATE_MAX_BYTES = 10 * 1024 * 1024
const TEMPLATE = 'procedure_template'

type Deps = Pick<AppContext, 'database' | 'storage' | 'log'>

const toStoredFile = (r: Pick<StoredFileRow, 'id' | 'file_name' | 'content_type' | 'size_bytes' | 'sha256'>): StoredFile => ({
  id: r.id,
  fileName: r.file_name,
  contentType: r.content_type,
  sizeBytes: r.size_bytes,
  sha256: r.sha256,
})

/** Largest dossier attachment; a dossier's total is limited by DOSSIER_MAX_BYTES in the dossiers service. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
const ATTACHMENT = 'dossier_attachment'
/** Attachments citizens and counters may give (the list); older Office formats are asked to be converted. */
const ATTACHMENT_KINDS: ReadonlySet<FileKind> = new Set(['pdf', 'jpeg', 'png', 'docx', 'xlsx'])

interface UploadSpec {
  purpose: FilePurpose
  prefix: string
  maxBytes: number
  kinds: ReadonlySet<FileKind> | null
  typeError: 'FILE_TYPE_NOT_ALLOWED' | 'ATTACHMENT_TYPE_NOT_ALLOWED'
  auditAction: string
}

/**
 * Stores an upload. The type comes from the bytes; the name is only a label. The object is written
 * first and the row (with its audit entry) committed after: a row always names an existing object,
 * and a failed insert removes the object again. Authorisation is the route's.
 */
async function storeUpload(ctx: Deps, meta: RequestMeta, spec: UploadSpec, input: { fileName: string | null; body: Buffer }) {
  const name = sanitizeFileName(input.fileName ?? '')
  if (name === '') throw new AppError('FILE_NAME_REQUIRED', 'x-file-name')
  if (input.body.length > spec.maxBytes) throw new AppError('FILE_TOO_LARGE', `tối đa ${spec.maxBytes / 1024 / 1024} MB`)
  const type = detectContentType(input.body)
  if (!type || (spec.kinds && !spec.kinds.has(type.kind))) throw new AppError(spec.typeError, name)
  return storeFile(ctx, meta, {
    purpose: spec.purpose,
    prefix: spec.prefix,
    fileName: withExtension(name, type.extensions),
    contentType: type.contentType,
    body: input.body,
    auditAction: spec.auditAction,
  })
}

export interface FileToStore {
  purpose: FilePurpose
  prefix: string
  fileName: string
  contentType: string
  body: Buffer
  auditAction: string
  auditDetails?: Record<string, unknown>
}

/**
 * Writes the object, then commits its row, its audit entry and whatever `within` adds in one
 * transaction; a failed transaction removes the object again. Checks are the caller's.
 */
export async function storeFile(
  ctx: Deps,
  meta: RequestMeta,
  input: FileToStore,
  within?: (tx: Transaction<DB>, file: StoredFile) => Promise<void>,
): Promise<StoredFile> {
  const id = randomUUID()
  const row = {
    id,
    storage_key: `${input.prefix}/${new Date().getUTCFullYear()}/${id}`,
    purpose: input.purpose,
    file_name: input.fileName,
    content_type: input.contentType,
    size_bytes: input.body.length,
    sha256: createHash('sha256').update(input.body).digest('hex'),
    created_by: meta.actor?.userId ?? null,
  } as const
  await ctx.storage.put(row.storage_key, input.body, row.content_type)
  try {
    await ctx.database.db.transaction().execute(async (tx) => {
      await insertStoredFile(tx, row)
      await writeAudit(tx, meta, {
        action: input.auditAction,
        subjectType: 'stored_file',
        subjectId: id,
        details: {
          fileName: row.file_name,
          contentType: row.content_type,
          sizeBytes: row.size_bytes,
          sha256: row.sha256,
          ...input.auditDetails,
        },
      })
      await within?.(tx, toStoredFile(row))
    })
  } catch (e) {
    await ctx.storage.delete(row.storage_key).catch((err: unknown) => {
      ctx.log.error({ err, key: row.storage_key }, 'orphan stored object left after a failed insert')
    })
    throw e
  }
  return toStoredFile(row)
}

/** A template form (mẫu đơn, tờ khai) of a procedure's dossier component; `catalog.edit` is the route's. */
export function uploadTemplate(ctx: Deps, meta: RequestMeta, input: { fileName: string | null; body: Buffer }): Promise<StoredFile> {
  return storeUpload(
    ctx,
    meta,
    {
      purpose: TEMPLATE,
      prefix: 'templates',
      maxBytes: TEMPLATE_MAX_BYTES,
      kinds: null,
      typeError: 'FILE_TYPE_NOT_ALLOWED',
      auditAction: 'files.template.upload',
    },
    input,
  )
}

/** A dossier attachment, owned by its uploader until a dossier (or draft) references it. */
export function uploadAttachment(ctx: Deps, meta: RequestMeta, input: { fileName: string | null; body: Buffer }): Promise<StoredFile> {
  return storeUpload(
    ctx,
    meta,
    {
      purpose: ATTACHMENT,
      prefix: 'attachments',
      maxBytes: ATTACHMENT_MAX_BYTES,
      kinds: ATTACHMENT_KINDS,
      typeError: 'ATTACHMENT_TYPE_NOT_ALLOWED',
      auditAction: 'files.attachment.upload',
    },
    input,
  )
}

/** Files people upload or Congso signs for them; templates are public and opened by `openTemplate`. */
const PRIVATE_PURPOSES: readonly FilePurpose[] = [ATTACHMENT, 'signed_document']

/** A stored attachment's (or signed document's) row and bytes; who may read it is decided by the caller. */
export async function openAttachment(ctx: Deps, id: string): Promise<{ file: StoredFile; createdBy: string | null; stream: Readable }> {
  const row = await findStoredFile(ctx.database.db, id, PRIVATE_PURPOSES)
  if (!row) throw new AppError('NOT_FOUND', id)
  const stream = await ctx.storage.get(row.storage_key)
  if (!stream) {
    ctx.log.error({ id, key: row.storage_key }, 'stored file row without its object')
    throw new AppError('NOT_FOUND', id)
  }
  return { file: toStoredFile(row), createdBy: row.created_by, stream }
}

/**
 * A new attachment owned by the actor with the bytes of a stored private file (a result kept in the
 * citizen's document store, offered again for a later dossier). The copy is an upload like any
 * other: one dossier may use it. Bounded by the attachment limit and types; who may copy which
 * file is the caller's.
 */
export async function copyAsAttachment(
  ctx: Deps,
  meta: RequestMeta,
  sourceFileId: string,
  auditDetails: Record<string, unknown> = {},
): Promise<StoredFile> {
  const row = await findStoredFile(ctx.database.db, sourceFileId, PRIVATE_PURPOSES)
  if (!row) throw new AppError('NOT_FOUND', sourceFileId)
  if (row.size_bytes > ATTACHMENT_MAX_BYTES) throw new AppError('FILE_TOO_LARGE', `tối đa ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB`)
  const stream = await ctx.storage.get(row.storage_key)
  if (!stream) {
    ctx.log.error({ id: row.id, key: row.storage_key }, 'stored file row without its object')
    throw new AppError('NOT_FOUND', sourceFileId)
  }
  const body = await buffer(stream)
  if (createHash('sha256').update(body).digest('hex') !== row.sha256) {
    ctx.log.error({ id: row.id, key: row.storage_key }, 'stored object differs from its recorded digest')
    throw new AppError('INTERNAL')
  }
  const type = detectContentType(body)
  if (!type || !ATTACHMENT_KINDS.has(type.kind)) throw new AppError('ATTACHMENT_TYPE_NOT_ALLOWED', row.file_name)
  return storeFile(ctx, meta, {
    purpose: ATTACHMENT,
    prefix: 'attachments',
    fileName: row.file_name,
    contentType: row.content_type,
    body,
    auditAction: 'files.attachment.reuse',
    auditDetails: { sourceFileId: row.id, ...auditDetails },
  })
}

/** A template and its bytes, for anyone (templates are public forms); NOT_FOUND when unknown. */
export async function openTemplate(ctx: Deps, id: string): Promise<{ file: StoredFile; stream: Readable }> {
  const row = await findStoredFile(ctx.database.db, id, TEMPLATE)
  if (!row) throw new AppError('NOT_FOUND', id)
  const stream = await ctx.storage.get(row.storage_key)
  if (!stream) {
    ctx.log.error({ id, key: row.storage_key }, 'stored file row without its object')
    throw new AppError('NOT_FOUND', id)
  }
  return { file: toStoredFile(row), stream }
}

/** The ids among `ids` that are not stored templates. */
export async function missingTemplates(db: Kysely<DB> | Transaction<DB>, ids: readonly string[]): Promise<Set<string>> {
  const found = await existingFileIds(db, ids, TEMPLATE)
  return new Set(ids.filter((id) => !found.has(id)))
}
