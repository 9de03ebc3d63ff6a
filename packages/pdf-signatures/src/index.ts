export { LocalKeySigner, type DigestAlgorithm, type Signer } from './sign/signer.ts'
export { signPdf, type SignPdfOptions } from './sign/sign-pdf.ts'
export {
  decodeBase64,
  embedSignature,
  preparePdfSignature,
  signPdfWithExternalSigner,
  type ExternalSigner,
  type PrepareSignatureOptions,
  type PreparedSignature,
  type SignatureOptions,
} from './sign/prepare.ts'
export {
  agencySealRect,
  formatSigningTime,
  personalImageBox,
  VIETNAM_UTC_OFFSET_MINUTES,
  type AgencyAppearance,
  type CopyAppearance,
  type InvisibleAppearance,
  type PersonalAppearance,
  type Rect,
  type SignatureAppearance,
} from './sign/appearance.ts'
export { assertCanSign } from './sign/certificate-check.ts'
export { buildCadesSignature } from './sign/cms.ts'
export { validatePdf, MAX_PDF_BYTES, type ValidateOptions } from './validate/validate.ts'
export type { TrustAnchor } from './validate/chain.ts'
export type { SignatureReport, TrustStatus, ValidationReport } from './validate/report.ts'
export { SigningError, type SigningErrorCode } from './sign/errors.ts'
export type { TimestampClient } from './sign/timestamp.ts'
export type { CertificateInfo, RevisionChange, RevocationStatus, TimestampReport } from './validate/report.ts'
export type { RevocationOptions } from './validate/chain.ts'
export { describe as describeCertificate } from './validate/chain.ts'
export { Pkcs12Signer, describeSigner, type SignerDescription } from './sign/pkcs12.ts'
export { HttpTimestampClient, addSignatureTimestamp, type HttpTimestampOptions } from './sign/timestamp.ts'
export type { RevocationCheck } from './validate/revocation.ts'
export { signedRevision } from './validate/signed-revision.ts'
