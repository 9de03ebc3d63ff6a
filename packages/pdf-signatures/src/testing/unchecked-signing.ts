/**
 * TEST ONLY: signs without the signer-side refusals (expired, not yet valid or wrong-usage
 * certificates), to produce the bad signatures the validator must flag. Production code uses
 * signPdf or preparePdfSignature + embedSignature, which refuse them.
 */
import { buildCadesSignature } from '../sign/cms.ts'
import { preparePdfSignature, type SignatureOptions } from '../sign/prepare.ts'
import type { Signer } from '../sign/signer.ts'

export async function signPdfWithoutChecks(pdf: Uint8Array, opts: SignatureOptions & { signer: Signer }): Promise<Uint8Array> {
  const { signer, ...rest } = opts
  const prepared = preparePdfSignature(pdf, rest)
  const cms = await buildCadesSignature(new Uint8Array(Buffer.from(prepared.digest, 'hex')), signer)
  if (cms.length > prepared.contentsSize) throw new RangeError('the CMS does not fit')
  const out = Uint8Array.from(prepared.pdf)
  out.set(Buffer.from(Buffer.from(cms).toString('hex'), 'latin1'), prepared.contentsOffset + 1)
  return out
}
