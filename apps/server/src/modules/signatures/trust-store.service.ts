import { X509Certificate } from 'node:crypto'
import type { TrustAnchor, TrustAnchorInput } from '@congso/contracts'
import type { AppContext } from '../../context.ts'
import { AppError } from '../../http/errors.ts'
import type { RequestMeta } from '../../http/request-context.ts'
import { writeAudit } from '../audit/audit.repo.ts'
import { deleteTrustAnchor, insertTrustAnchor, listTrustAnchors, type TrustAnchorRow } from './signatures.repo.ts'

type Deps = Pick<AppContext, 'database'>

const toTrustAnchor = (r: TrustAnchorRow): TrustAnchor => ({
  id: r.id,
  label: r.label,
  subject: r.subject,
  issuer: r.issuer,
  serialNumber: r.serial_number,
  notBefore: r.not_before.toISOString(),
  notAfter: r.not_after.toISOString(),
  sha256: r.sha256,
  createdAt: r.created_at.toISOString(),
})

/** PEM or bare base64 DER → DER; one certificate only, so an upload is exactly one anchor. */
export function parseCertificateText(text: string): X509Certificate {
  const pem = [...text.matchAll(/-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/g)]
  if (pem.length > 1) throw new AppError('TRUST_ANCHOR_INVALID', 'mỗi lần chỉ tải lên một chứng thư')
  const base64 = pem.length === 1 ? pem[0]![1]! : text
  if (!/^[A-Za-z0-9+/=\s]+$/.test(base64)) throw new AppError('TRUST_ANCHOR_INVALID')
  try {
    return new X509Certificate(Buffer.from(base64.replace(/\s+/g, ''), 'base64'))
  } catch {
    throw new AppError('TRUST_ANCHOR_INVALID')
  }
}

export async function trustAnchors(ctx: Deps): Promise<TrustAnchor[]> {
  return (await listTrustAnchors(ctx.database.db)).map(toTrustAnchor)
}

/**
 * Adds a CA certificate (the national root CA, the government specialised CA, …) to the trust
 * store. End-entity certificates are refused: trusting one signer's certificate directly would
 * bypass its issuer's revocation.
 */
export async function addTrustAnchor(ctx: Deps, meta: RequestMeta, input: TrustAnchorInput): Promise<TrustAnchor> {
  const cert = parseCertificateText(input.certificate)
  if (!cert.ca) throw new AppError('TRUST_ANCHOR_INVALID', 'chứng thư không phải của tổ chức chứng thực (CA)')
  const sha256 = cert.fingerprint256.replace(/:/g, '').toLowerCase()
  return ctx.database.db.transaction().execute(async (tx) => {
    const row = await insertTrustAnchor(tx, {
      label: input.label,
      certificate: cert.raw,
      sha256,
      subject: cert.subject.replace(/\n/g, ', '),
      issuer: cert.issuer.replace(/\n/g, ', '),
      serial_number: cert.serialNumber,
      not_before: new Date(cert.validFrom),
      not_after: new Date(cert.validTo),
      created_by: meta.actor?.userId ?? null,
    })
    if (!row) throw new AppError('TRUST_ANCHOR_DUPLICATE', input.label)
    await writeAudit(tx, meta, {
      action: 'signatures.trust_anchor.add',
      subjectType: 'trust_anchor',
      subjectId: row.id,
      details: { label: row.label, subject: row.subject, sha256 },
    })
    return toTrustAnchor(row)
  })
}

export async function removeTrustAnchor(ctx: Deps, meta: RequestMeta, id: string): Promise<void> {
  await ctx.database.db.transaction().execute(async (tx) => {
    const row = await deleteTrustAnchor(tx, id)
    if (!row) throw new AppError('NOT_FOUND', id)
    await writeAudit(tx, meta, {
      action: 'signatures.trust_anchor.remove',
      subjectType: 'trust_anchor',
      subjectId: id,
      details: { label: row.label, subject: row.subject, sha256: row.sha256 },
    })
  })
}
