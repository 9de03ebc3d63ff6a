/**
 * A signing request that cannot be honoured: the code is stable for programs (the server maps it
 * to an API error), the message is for logs. Nothing is written when one is thrown.
 */
export type SigningErrorCode =
  | 'pdf-unreadable'
  | 'pdf-encrypted'
  | 'page-out-of-range'
  | 'signature-too-large'
  | 'cms-digest-mismatch'
  | 'cms-malformed'
  | 'certificate-expired'
  | 'certificate-not-yet-valid'
  | 'certificate-key-usage'
  | 'pkcs12-bad-passphrase'
  | 'pkcs12-unreadable'
  | 'pkcs12-no-key'
  | 'image-unreadable'
  | 'timestamp-failed'

export class SigningError extends Error {
  constructor(
    readonly code: SigningErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'SigningError'
  }
}
