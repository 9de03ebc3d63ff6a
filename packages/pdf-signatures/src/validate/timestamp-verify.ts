import type { X509Certificate } from 'node:crypto'
import type { TimestampReport } from './report.ts'

/**
 * The PAdES B-T signature time-stamp (unsigned attribute id-aa-signatureTimeStampToken) of a CMS,
 * verified against the signature value and the trust anchors; null when there is none.
 * TODO(issue 5, in progress): verification.
 */
export async function verifySignatureTimestamp(_cms: Uint8Array, _anchors: X509Certificate[]): Promise<TimestampReport | null> {
  return null
}
