import { createHash } from 'node:crypto'
import { buffer } from 'node:stream/consumers'
import type { StoredFile, ValidationReport, VerificationResult } from '@congso/contracts'
import { MAX_PDF_BYTES, signedRevision, validatePdf, type ValidateOptions } from '@congso/pdf-signatures'
import { hitRateLimit } from '../../auth/rate-limit.ts'
import type { AppContext } from '../../context.ts'
import { AppError } from '../../http/errors.ts'
import type { Actor } from '../../http/request-context.ts'
import { canReadAttachment } from '../files/attachment-access.ts'
import { openAttachment } from '../files/files.service.ts'
import { trustAnchorCertificates } from './signatures.repo.ts'

type Deps = Pick<AppContext, 'database' | 'storage' | 'log' | 'config'>

/** Anyone may check a PDF; the limit keeps the validator from being used as free CPU. */
export const VERIFY_MAX_BYTES = 20 * 1024 * 1024
const VERIFY_PER_IP = { limit: 30, windowMs: 10 * 60_000 }
const REVOCATION_TIMEOUT_MS = 5_000

export async function validationOptions(ctx: Deps): Promise<ValidateOptions> {
  return {
    trustAnchors: await trustAnchorCertificates(ctx.database.db),
    revocation: ctx.config.signing.revocation ? { timeoutMs: REVOCATION_TIMEOUT_MS } : false,
  }
}

export function isPdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-')
}

/** The public check: the report and the file's fingerprint; the bytes are not kept. */
export async function verifyUpload(ctx: Deps, ip: string, body: Buffer): Promise<VerificationResult> {
  await hitRateLimit(ctx.database.db, `verify:ip:${ip}`, VERIFY_PER_IP.limit, VERIFY_PER_IP.windowMs)
  if (!isPdf(body)) throw new AppError('SIGNATURE_NOT_PDF')
  const report = await validatePdf(body, await validationOptions(ctx))
  return {
    sha256: createHash('sha256').update(body).digest('hex'),
    sizeBytes: body.length,
    checkedAt: new Date().toISOString(),
    report,
  }
}

/** A PDF the actor may read (their upload, a dossier's file, their agency's signed document), in memory. */
export async function readPdfFile(ctx: Deps, actor: Actor, fileId: string): Promise<{ file: StoredFile; bytes: Buffer }> {
  const { file, createdBy, stream } = await openAttachment(ctx, fileId)
  if (!(await canReadAttachment(ctx.database.db, actor, file.id, createdBy))) {
    stream.destroy()
    throw new AppError('NOT_FOUND', fileId)
  }
  if (file.contentType !== 'application/pdf') {
    stream.destroy()
    throw new AppError('SIGNATURE_NOT_PDF', file.fileName)
  }
  if (file.sizeBytes > MAX_PDF_BYTES) {
    stream.destroy()
    throw new AppError('FILE_TOO_LARGE')
  }
  return { file, bytes: await buffer(stream) }
}

export async function fileReport(ctx: Deps, actor: Actor, fileId: string): Promise<ValidationReport> {
  const { bytes } = await readPdfFile(ctx, actor, fileId)
  return validatePdf(bytes, await validationOptions(ctx))
}

/** The bytes signature `index` signed: what the signer saw, whatever was appended later. */
export async function fileSignedRevision(
  ctx: Deps,
  actor: Actor,
  fileId: string,
  index: number,
): Promise<{ fileName: string; bytes: Uint8Array }> {
  const { file, bytes } = await readPdfFile(ctx, actor, fileId)
  const revision = signedRevision(bytes, index)
  if (!revision) throw new AppError('NOT_FOUND', `chữ ký số ${index + 1}`)
  const base = file.fileName.replace(/\.pdf$/i, '')
  return { fileName: `${base}-ban-da-ky-${index + 1}.pdf`, bytes: revision }
}
