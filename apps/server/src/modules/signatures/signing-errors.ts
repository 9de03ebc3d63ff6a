import type { ErrorCode } from '@congso/contracts'
import { SigningError, type SigningErrorCode } from '@congso/pdf-signatures'
import { AppError } from '../../http/errors.ts'

const CODES: Record<SigningErrorCode, ErrorCode> = {
  'pdf-unreadable': 'SIGNATURE_PDF_INVALID',
  'pdf-encrypted': 'SIGNATURE_PDF_ENCRYPTED',
  'page-out-of-range': 'SIGNATURE_PAGE_OUT_OF_RANGE',
  'signature-too-large': 'SIGNATURE_TOO_LARGE',
  'cms-digest-mismatch': 'SIGNATURE_CMS_MISMATCH',
  'cms-malformed': 'SIGNATURE_CMS_MISMATCH',
  'certificate-expired': 'SIGNATURE_CERTIFICATE_INVALID',
  'certificate-not-yet-valid': 'SIGNATURE_CERTIFICATE_INVALID',
  'certificate-key-usage': 'SIGNATURE_CERTIFICATE_INVALID',
  'pkcs12-bad-passphrase': 'SIGNATURE_SEAL_UNAVAILABLE',
  'pkcs12-unreadable': 'SIGNATURE_SEAL_UNAVAILABLE',
  'pkcs12-no-key': 'SIGNATURE_SEAL_UNAVAILABLE',
  'image-unreadable': 'SIGNATURE_SEAL_UNAVAILABLE',
  'timestamp-failed': 'SIGNATURE_TIMESTAMP_FAILED',
  'certificate-unreadable': 'SIGNATURE_CERTIFICATE_INVALID',
  'appearance-invalid': 'VALIDATION_FAILED',
  'cms-signature-invalid': 'SIGNATURE_CMS_MISMATCH',
  'cms-signer-mismatch': 'SIGNATURE_CMS_MISMATCH',
  'prepared-signature-invalid': 'SIGNATURE_CMS_MISMATCH',
}

/** Runs a signing step, turning the library's stable codes into the API's. */
export async function mapSigningErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (e) {
    if (e instanceof SigningError) throw new AppError(CODES[e.code], e.code)
    throw e
  }
}
