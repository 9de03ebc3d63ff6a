import { randomUUID, X509Certificate } from 'node:crypto'
import type { Transaction } from 'kysely'
import { buffer } from 'node:stream/consumers'
import type { SealRequest, SignedFile, SigningSession, SigningSessionInput } from '@congso/contracts'
import {
  assertCanSign,
  embedSignature,
  HttpTimestampClient,
  preparePdfSignature,
  signPdf,
  validatePdf,
  type PreparedSignature,
  type SignPdfOptions,
  type TimestampClient,
} from '@congso/pdf-signatures'
import { can } from '../../auth/policy.ts'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { AppError } from '../../http/errors.ts'
import type { Actor, RequestMeta } from '../../http/request-context.ts'
import { writeAudit } from '../audit/audit.repo.ts'
import { storeFile } from '../files/files.service.ts'
import { loadSeal } from './seals.ts'
import { mapSigningErrors } from './signing-errors.ts'
import { completeSession, findSession, insertSignedDocument, insertSigningSession, lockOpenSession } from './signatures.repo.ts'
import { readPdfFile, validationOptions } from './verification.service.ts'

type Deps = Pick<AppContext, 'database' | 'storage' | 'log' | 'config' | 'reference'>

/** How long a prepared document waits for the external signer's answer. */
export const SESSION_MINUTES = 15
/** Where the seal goes when the form template gives no place: lower right of the page, over the signer's name. */
const DEFAULT_SEAL_RECT: [number, number, number, number] = [250, 60, 545, 170]
const DEFAULT_PERSONAL_RECT: [number, number, number, number] = [320, 60, 540, 150]

function timestampClient(ctx: Deps): TimestampClient | undefined {
  return ctx.config.signing.tsaUrl ? new HttpTimestampClient(ctx.config.signing.tsaUrl) : undefined
}

const fingerprint = (der: Uint8Array): string => new X509Certificate(der).fingerprint256.replace(/:/g, '').toLowerCase()
const subjectOf = (der: Uint8Array): string => new X509Certificate(der).subject.replace(/\n/g, ', ')
const commonNameOf = (der: Uint8Array): string => /(?:^|\n)CN=([^\n]+)/.exec(new X509Certificate(der).subject)?.[1] ?? subjectOf(der)

function signedName(fileName: string): string {
  return `${fileName.replace(/\.pdf$/i, '').replace(/-da-ky$/, '')}-da-ky.pdf`
}

/** A copy's mark goes where the library puts it (top right) unless a place is given. */
function sealAppearance(input: SealRequest, agencyName: string, image: Uint8Array | null): Pick<SignPdfOptions, 'appearance' | 'rect'> {
  if (input.appearance === 'copy' || !image) {
    return {
      appearance: { kind: 'copy', lines: [input.reason ?? 'Bản sao điện tử', agencyName] },
      ...(input.rect ? { rect: input.rect } : {}),
    }
  }
  return { appearance: { kind: 'agency', sealImage: image, agencyName }, rect: input.rect ?? DEFAULT_SEAL_RECT }
}

async function actorAgency(ctx: Deps, actor: Actor) {
  const agency = actor.agencyId ? await ctx.reference.agencyById(actor.agencyId) : null
  if (!agency) throw new AppError('FORBIDDEN')
  return agency
}

/**
 * Seals a PDF with the officer's agency seal (PKCS#12 on the server): a new stored file, the
 * source untouched. The result is validated before it is kept, so a broken signature is never stored.
 */
export async function sealFile(ctx: Deps, meta: RequestMeta, actor: Actor, input: SealRequest): Promise<SignedFile> {
  if (!actor.agencyId || !can(actor, { kind: 'signature.seal', agencyId: actor.agencyId })) throw new AppError('FORBIDDEN')
  const agency = await actorAgency(ctx, actor)
  const seal = await loadSeal(ctx.config, agency.code)
  await mapSigningErrors(async () => assertCanSign(seal.certificate, new Date()))
  const { file, bytes } = await readPdfFile(ctx, actor, input.fileId)
  const signed = await mapSigningErrors(() =>
    signPdf(bytes, {
      signer: seal.signer,
      name: agency.name,
      ...(input.reason ? { reason: input.reason } : {}),
      location: ctx.config.provinceName,
      page: (input.page ?? 1) - 1,
      ...sealAppearance(input, agency.name, seal.image),
      ...(timestampClient(ctx) ? { timestamp: timestampClient(ctx)! } : {}),
    }),
  )
  return keepSigned(ctx, meta, actor, {
    sourceFileId: file.id,
    fileName: signedName(file.fileName),
    bytes: signed,
    mode: 'seal',
    agencyId: agency.id,
    signerDer: seal.certificate,
    timestamped: ctx.config.signing.tsaUrl !== null,
  })
}

/**
 * Two-step signing with a key that never reaches the server (USB token, remote signing service):
 * the document is prepared here, and only the SHA-256 of its signed byte ranges is handed out.
 */
export async function startSigningSession(ctx: Deps, meta: RequestMeta, actor: Actor, input: SigningSessionInput): Promise<SigningSession> {
  if (!can(actor, { kind: 'signature.sign' })) throw new AppError('FORBIDDEN')
  const agency = await actorAgency(ctx, actor)
  const chain = input.certificateChain.map((b64) => new Uint8Array(Buffer.from(b64, 'base64')))
  let signerDer: Uint8Array
  try {
    signerDer = new X509Certificate(chain[0]!).raw
  } catch {
    throw new AppError('SIGNATURE_CERTIFICATE_INVALID', 'không đọc được chứng thư số')
  }
  await mapSigningErrors(async () => assertCanSign(signerDer, new Date()))
  const { file, bytes } = await readPdfFile(ctx, actor, input.fileId)
  const name = commonNameOf(signerDer)
  const prepared = await mapSigningErrors(async () =>
    preparePdfSignature(bytes, {
      name,
      ...(input.title ? { title: input.title } : {}),
      ...(input.reason ? { reason: input.reason } : {}),
      location: ctx.config.provinceName,
      page: (input.page ?? 1) - 1,
      rect: input.rect ?? DEFAULT_PERSONAL_RECT,
      appearance: { kind: 'personal', name, ...(input.title ? { title: input.title } : {}) },
    }),
  )
  const { pdf, ...rest } = prepared
  const id = randomUUID()
  const preparedKey = `signing-sessions/${new Date().getUTCFullYear()}/${id}`
  const expiresAt = new Date(Date.now() + SESSION_MINUTES * 60_000)
  await ctx.storage.put(preparedKey, Buffer.from(pdf), 'application/pdf')
  await ctx.database.db.transaction().execute(async (tx) => {
    await insertSigningSession(tx, {
      id,
      source_file_id: file.id,
      prepared_key: preparedKey,
      prepared: JSON.stringify(rest),
      digest: prepared.digest,
      agency_id: agency.id,
      created_by: actor.userId,
      signer_subject: subjectOf(signerDer),
      signer_sha256: fingerprint(signerDer),
      expires_at: expiresAt,
    })
    await writeAudit(tx, meta, {
      action: 'signatures.session.start',
      subjectType: 'signing_session',
      subjectId: id,
      details: { sourceFileId: file.id, signer: subjectOf(signerDer), digest: prepared.digest },
    })
  })
  return { id, digest: prepared.digest, expiresAt: expiresAt.toISOString() }
}

/** Embeds the external signer's CMS if it signs exactly the prepared digest with the announced certificate. */
export async function completeSigningSession(
  ctx: Deps,
  meta: RequestMeta,
  actor: Actor,
  id: string,
  cmsBase64: string,
): Promise<SignedFile> {
  const session = await findSession(ctx.database.db, id, actor.userId)
  if (!session) throw new AppError('NOT_FOUND', id)
  if (session.completed_file_id || session.expires_at.getTime() < Date.now()) throw new AppError('SIGNATURE_SESSION_EXPIRED')
  const stream = await ctx.storage.get(session.prepared_key)
  if (!stream) throw new AppError('SIGNATURE_SESSION_EXPIRED')
  const prepared = {
    ...(session.prepared as Omit<PreparedSignature, 'pdf'>),
    pdf: new Uint8Array(await buffer(stream)),
  } as PreparedSignature
  const cms = new Uint8Array(Buffer.from(cmsBase64, 'base64'))
  const signed = await mapSigningErrors(async () => embedSignature(prepared, cms))
  const source = await ctx.database.db
    .selectFrom('stored_files')
    .select('file_name')
    .where('id', '=', session.source_file_id)
    .executeTakeFirstOrThrow()
  return keepSigned(
    ctx,
    meta,
    actor,
    {
      sourceFileId: session.source_file_id,
      fileName: signedName(source.file_name),
      bytes: signed,
      mode: 'external',
      agencyId: session.agency_id,
      signerSha256: session.signer_sha256,
      timestamped: false,
    },
    async (tx, fileId) => {
      if (!(await lockOpenSession(tx, id, actor.userId))) throw new AppError('SIGNATURE_SESSION_EXPIRED')
      await completeSession(tx, id, fileId)
    },
  )
}

interface SignedOutput {
  sourceFileId: string
  fileName: string
  bytes: Uint8Array
  mode: 'seal' | 'external'
  agencyId: string
  /** The certificate that must have made the newest signature (by DER or by fingerprint). */
  signerDer?: Uint8Array
  signerSha256?: string
  timestamped: boolean
}

async function keepSigned(
  ctx: Deps,
  meta: RequestMeta,
  actor: Actor,
  out: SignedOutput,
  within?: (tx: Transaction<DB>, fileId: string) => Promise<void>,
): Promise<SignedFile> {
  const report = await validatePdf(out.bytes, await validationOptions(ctx))
  const newest = report.signatures.at(-1)
  const expected = out.signerSha256 ?? (out.signerDer ? fingerprint(out.signerDer) : null)
  if (!newest || newest.integrity !== 'ok' || newest.byteRange !== 'ok' || !newest.coversWholeDocument) {
    throw new AppError('SIGNATURE_CMS_MISMATCH', 'chữ ký mới không toàn vẹn')
  }
  if (expected && newest.chain[0]?.sha256 !== expected)
    throw new AppError('SIGNATURE_CMS_MISMATCH', 'chứng thư ký khác chứng thư đã khai báo')
  const signer = newest.chain[0]!
  const file = await storeFile(
    ctx,
    meta,
    {
      purpose: 'signed_document',
      prefix: 'signed',
      fileName: out.fileName,
      contentType: 'application/pdf',
      body: Buffer.from(out.bytes),
      auditAction: out.mode === 'seal' ? 'signatures.seal' : 'signatures.sign',
      auditDetails: { sourceFileId: out.sourceFileId, signer: signer.subject, signerSha256: signer.sha256 },
    },
    async (tx, stored) => {
      await insertSignedDocument(tx, {
        file_id: stored.id,
        source_file_id: out.sourceFileId,
        mode: out.mode,
        agency_id: out.agencyId,
        signed_by: actor.userId,
        signer_subject: signer.subject,
        signer_sha256: signer.sha256,
        timestamped: out.timestamped,
      })
      await within?.(tx, stored.id)
    },
  )
  return { file, report }
}
