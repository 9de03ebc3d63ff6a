/**
 * An RFC 3161 time-stamp authority. `stamp` receives the SHA-256 of the CMS signature value and
 * returns the DER TimeStampToken (a ContentInfo of SignedData over TSTInfo).
 * TODO(issue 5, in progress): the HTTP client and adding the token as the unsigned attribute
 * id-aa-signatureTimeStampToken (PAdES B-T).
 */
export interface TimestampClient {
  stamp(messageImprint: Uint8Array): Promise<Uint8Array>
}

/** Adds the signature time-stamp token as an unsigned attribute of the single SignerInfo. */
export async function addSignatureTimestamp(cms: Uint8Array, _client: TimestampClient): Promise<Uint8Array> {
  return cms
}
