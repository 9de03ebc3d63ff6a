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
  /** The appearance options cannot be honoured (rect, text length, missing name). */
  | 'appearance-invalid'
  /** The CMS is well-formed and over the right digest, but its signature value does not verify with its certificate. */
  | 'cms-signature-invalid'
  /** The CMS was made with another certificate than the one the signature was prepared for. */
  | 'cms-signer-mismatch'
  | 'certificate-unreadable'
  /** A stored PreparedSignature whose bytes, ByteRange or digest do not agree with each other. */
  | 'prepared-signature-invalid'

export class SigningError extends Error {
  constructor(
    readonly code: SigningErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'SigningError'
  }
}
