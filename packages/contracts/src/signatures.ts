import { z } from 'zod'
import { StoredFile } from './catalog.ts'
import { IsoDateTime, Uuid } from './common.ts'

/**
 * Digital signatures: the validation report of a PDF (as produced by @congso/pdf-signatures), the
 * trust store, sealing with the agency's key and two-step (hash) signing with an external signer.
 */

export const TrustStatus = z.enum(['trusted', 'untrusted', 'expired', 'not-yet-valid', 'invalid-key-usage', 'revoked', 'unknown'])
export type TrustStatus = z.infer<typeof TrustStatus>
export const RevocationStatus = z.enum(['good', 'revoked', 'unknown', 'not-checked'])

export const CertificateInfo = z.object({
  subject: z.string(),
  commonName: z.string(),
  organization: z.string().nullable(),
  issuer: z.string(),
  serialNumber: z.string(),
  notBefore: IsoDateTime,
  notAfter: IsoDateTime,
  sha256: z.string(),
})

export const TimestampReport = z.object({
  time: IsoDateTime,
  tsaName: z.string().nullable(),
  status: z.enum(['valid', 'invalid']),
  trust: TrustStatus,
  errors: z.array(z.string()),
})

export const RevisionChange = z.object({
  revision: z.number().int(),
  changes: z.array(z.string()),
  allowed: z.boolean(),
})

export const SignatureReport = z.object({
  index: z.number().int(),
  fieldName: z.string().nullable(),
  signerName: z.string().nullable(),
  organization: z.string().nullable(),
  reason: z.string().nullable(),
  location: z.string().nullable(),
  signingTime: IsoDateTime.nullable(),
  timestamp: TimestampReport.nullable(),
  subFilter: z.string().nullable(),
  revision: z.number().int(),
  coversWholeDocument: z.boolean(),
  integrity: z.enum(['ok', 'failed']),
  byteRange: z.string(),
  trust: TrustStatus,
  revocation: RevocationStatus,
  chain: z.array(CertificateInfo),
  docMdp: z.union([z.literal(1), z.literal(2), z.literal(3)]).nullable(),
  laterRevisions: z.array(RevisionChange),
  modifiedAfterSigning: z.boolean(),
  errors: z.array(z.string()),
})
export type SignatureReport = z.infer<typeof SignatureReport>

export const ValidationReport = z.object({
  verdict: z.enum(['valid', 'invalid', 'indeterminate', 'no-signatures']),
  revisions: z.number().int(),
  signatures: z.array(SignatureReport),
  errors: z.array(z.string()),
})
export type ValidationReport = z.infer<typeof ValidationReport>

/** What the public verification page answers: the report and the fingerprint of what was checked (the file is not kept). */
export const VerificationResult = z.object({
  sha256: z.string(),
  sizeBytes: z.number().int(),
  checkedAt: IsoDateTime,
  report: ValidationReport,
})
export type VerificationResult = z.infer<typeof VerificationResult>

export const TrustAnchor = z.object({
  id: Uuid,
  label: z.string(),
  subject: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  notBefore: IsoDateTime,
  notAfter: IsoDateTime,
  sha256: z.string(),
  createdAt: IsoDateTime,
})
export type TrustAnchor = z.infer<typeof TrustAnchor>
export const TrustAnchorList = z.object({ items: z.array(TrustAnchor) })

export const TrustAnchorInput = z.strictObject({
  label: z.string().trim().min(1).max(200),
  /** PEM text, or the base64 of the DER certificate. */
  certificate: z.string().min(100).max(20_000),
})
export type TrustAnchorInput = z.infer<typeof TrustAnchorInput>

/** [x1, y1, x2, y2] in PDF points from the bottom-left corner of the page. */
export const SignatureRect = z.tuple([z.number(), z.number(), z.number(), z.number()])

export const SealRequest = z.strictObject({
  fileId: Uuid,
  /** 1-based page number. */
  page: z.number().int().min(1).max(10_000).default(1),
  rect: SignatureRect.optional(),
  reason: z.string().trim().max(200).optional(),
  /**
   * 'seal': the agency signature with the seal image; 'copy': the agency signature of an electronic
   * copy or attachment, top right of the page without image (Decree 30/2020, Appendix I).
   */
  appearance: z.enum(['seal', 'copy']).default('seal'),
})
export type SealRequest = z.input<typeof SealRequest>

export const SealInfo = z.object({
  agencyName: z.string(),
  configured: z.boolean(),
  certificate: CertificateInfo.nullable(),
  /** Why the seal cannot be used, when it cannot (Vietnamese). */
  problem: z.string().nullable(),
  timestamping: z.boolean(),
})
export type SealInfo = z.infer<typeof SealInfo>

export const SignedFile = z.object({
  file: StoredFile,
  report: ValidationReport,
})
export type SignedFile = z.infer<typeof SignedFile>

export const SigningSessionInput = z.strictObject({
  fileId: Uuid,
  /** The signer's certificate first, then its issuers, each base64 DER (from the USB token or signing service). */
  certificateChain: z.array(z.string().max(20_000)).min(1).max(8),
  page: z.number().int().min(1).max(10_000).default(1),
  rect: SignatureRect.optional(),
  title: z.string().trim().max(200).optional(),
  reason: z.string().trim().max(200).optional(),
})
export type SigningSessionInput = z.input<typeof SigningSessionInput>

export const SigningSession = z.object({
  id: Uuid,
  /** SHA-256 (hex) of the prepared document's signed byte ranges: all that goes to the external signer. */
  digest: z.string().regex(/^[0-9a-f]{64}$/),
  expiresAt: IsoDateTime,
})
export type SigningSession = z.infer<typeof SigningSession>

export const SigningSessionComplete = z.strictObject({
  /** The detached CMS SignedData returned by the external signer, base64. */
  cms: z.string().min(100).max(200_000),
})
