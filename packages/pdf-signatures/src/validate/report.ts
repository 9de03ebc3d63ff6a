export type TrustStatus = 'trusted' | 'untrusted' | 'expired' | 'not-yet-valid' | 'invalid-key-usage' | 'unknown'

export interface SignatureReport {
  index: number
  signerName: string | null
  /** The claimed signing time (ISO 8601): /M or the CMS signing-time attribute. PAdES B-B has no trusted time. */
  signingTime: string | null
  subFilter: string | null
  coversWholeDocument: boolean
  integrity: 'ok' | 'failed'
  /** 'ok' or the reason code the ByteRange was rejected with (e.g. 'byte-range-gap-not-contents'). */
  byteRange: string
  trust: TrustStatus
  errors: string[]
}

export interface ValidationReport {
  signatures: SignatureReport[]
  errors: string[]
}
