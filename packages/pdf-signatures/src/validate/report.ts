export type TrustStatus = 'trusted' | 'untrusted' | 'expired' | 'not-yet-valid' | 'invalid-key-usage' | 'revoked' | 'unknown'

/** 'not-checked' when revocation checking was switched off; 'unknown' when no CRL/OCSP answer could be had. */
export type RevocationStatus = 'good' | 'revoked' | 'unknown' | 'not-checked'

export interface CertificateInfo {
  subject: string
  /** CN of the subject, or the whole subject when there is none. */
  commonName: string
  /** O of the subject: for an agency seal, the agency. */
  organization: string | null
  issuer: string
  serialNumber: string
  notBefore: string
  notAfter: string
  sha256: string
}

export interface TimestampReport {
  /** The time asserted by the time-stamp authority (ISO 8601). */
  time: string
  tsaName: string | null
  status: 'valid' | 'invalid'
  trust: TrustStatus
  errors: string[]
}

/** One incremental update appended after the revision a signature covers. */
export interface RevisionChange {
  /** 1-based revision number of the update. */
  revision: number
  /** Human-readable machine codes of what changed, e.g. 'signature-field-added', 'page-content-changed:1'. */
  changes: string[]
  /** Whether every change is one the signature's permissions allow. */
  allowed: boolean
}

export interface SignatureReport {
  index: number
  /** The field's /T, e.g. 'Signature12'. */
  fieldName: string | null
  signerName: string | null
  /** The agency (O) of the signer certificate. */
  organization: string | null
  reason: string | null
  location: string | null
  /** The claimed signing time (ISO 8601): /M or the CMS signing-time attribute. PAdES B-B has no trusted time. */
  signingTime: string | null
  /** PAdES B-T: the signature time-stamp token, verified. */
  timestamp: TimestampReport | null
  subFilter: string | null
  /** 1-based revision this signature signs (its ByteRange ends at that revision's %%EOF). */
  revision: number
  coversWholeDocument: boolean
  integrity: 'ok' | 'failed'
  /** 'ok' or the reason code the ByteRange was rejected with (e.g. 'byte-range-gap-not-contents'). */
  byteRange: string
  trust: TrustStatus
  revocation: RevocationStatus
  /** Signer first, then issuers up to the trust anchor when one was found. */
  chain: CertificateInfo[]
  /** DocMDP permission (1 no changes, 2 form filling and signing, 3 also annotations) when this is a certification signature. */
  docMdp: 1 | 2 | 3 | null
  /** Every later revision and whether its changes are allowed. */
  laterRevisions: RevisionChange[]
  /** True when a later revision changed something the signature does not allow (or could not be analysed). */
  modifiedAfterSigning: boolean
  errors: string[]
}

export interface ValidationReport {
  /** 'valid': at least one signature, all intact, trusted and unmodified; 'invalid': some integrity/ByteRange/modification failure; otherwise 'indeterminate'. */
  verdict: 'valid' | 'invalid' | 'indeterminate' | 'no-signatures'
  /** Number of revisions (%%EOF-terminated incremental sections) in the file. */
  revisions: number
  signatures: SignatureReport[]
  errors: string[]
}
