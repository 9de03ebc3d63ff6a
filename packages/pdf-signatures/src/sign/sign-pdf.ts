import { buildCadesSignature } from './cms.ts'
import { SigningError } from './errors.ts'
import { DEFAULT_CONTENTS_SIZE, embedSignature, preparePdfSignature, type SignatureOptions } from './prepare.ts'
import type { Signer } from './signer.ts'
import { addSignatureTimestamp, type TimestampClient } from './timestamp.ts'

export interface SignPdfOptions extends SignatureOptions {
  signer: Signer
  /** A time-stamp authority: the signature gets a signature time-stamp token (PAdES B-T). */
  timestamp?: TimestampClient
}

/** Room for a time-stamp token (its own SignedData with the TSA's certificates) besides the signature. */
const TIMESTAMP_ALLOWANCE = 16_384

/**
 * Signs a PDF with a PAdES signature (B-B, or B-T with `timestamp`) appended as an incremental
 * update: prepare → CAdES over the digest → optional time-stamp → embed, the same path as hash
 * signing with an external signer. Returns the complete new file; the input bytes are its
 * unchanged prefix. Refuses (SigningError) before writing anything when the certificate is not
 * usable at the signing time or the document cannot be signed.
 */
export async function signPdf(pdf: Uint8Array, opts: SignPdfOptions): Promise<Uint8Array> {
  const chain = await opts.signer.certificateChain()
  const contentsSize = opts.contentsSize ?? DEFAULT_CONTENTS_SIZE + (opts.timestamp ? TIMESTAMP_ALLOWANCE : 0)
  const { signer, timestamp, ...rest } = opts
  const prepared = preparePdfSignature(pdf, { ...rest, contentsSize, certificateChain: chain })
  let cms = await buildCadesSignature(new Uint8Array(Buffer.from(prepared.digest, 'hex')), signer)
  if (timestamp) {
    try {
      cms = await addSignatureTimestamp(cms, timestamp)
    } catch (e) {
      if (e instanceof SigningError) throw e
      throw new SigningError('timestamp-failed', `the time-stamp authority failed: ${e instanceof Error ? e.message : String(e)}`)
    }
  }
  return embedSignature(prepared, cms)
}
