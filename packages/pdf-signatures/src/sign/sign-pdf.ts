import { createHash } from 'node:crypto'
import { buildCadesSignature } from './cms.ts'
import { addSignaturePlaceholder } from './incremental.ts'
import type { Signer } from './signer.ts'

export interface SignPdfOptions {
  signer: Signer
  /** The signer's name shown in the appearance and written to /Name. */
  name: string
  title?: string
  reason?: string
  location?: string
  /** 0-based page index; default the first page. */
  page?: number
  /** [x1, y1, x2, y2] in PDF points; default a box near the bottom-left corner. */
  rect?: [number, number, number, number]
  /** The claimed signing time written to /M (PAdES B-B has no trusted time); default now. */
  signingTime?: Date
  /** Bytes reserved for the CMS signature; default 16 KiB (enough for a chain of a few RSA certificates). */
  contentsSize?: number
}

/**
 * Signs a PDF with a PAdES baseline B-B signature appended as an incremental update.
 * Returns the complete new file; the input bytes are its unchanged prefix.
 */
export async function signPdf(pdf: Uint8Array, opts: SignPdfOptions): Promise<Uint8Array> {
  const contentsSize = opts.contentsSize ?? 16_384
  const placeholder = addSignaturePlaceholder(pdf, {
    name: opts.name,
    title: opts.title,
    reason: opts.reason,
    location: opts.location,
    signingTime: opts.signingTime ?? new Date(),
    page: opts.page ?? 0,
    rect: opts.rect ?? [36, 36, 256, 96],
    contentsSize,
  })
  const out = placeholder.pdf
  const range = [0, placeholder.contentsStart, placeholder.contentsEnd, out.length - placeholder.contentsEnd]
  const byteRange = `[${range.join(' ')}]`.padEnd(placeholder.byteRangeLength, ' ')
  if (byteRange.length > placeholder.byteRangeLength) throw new RangeError('the document is too large for the ByteRange placeholder')
  out.set(Buffer.from(byteRange, 'latin1'), placeholder.byteRangeStart)

  const digest = createHash('sha256')
    .update(out.subarray(0, placeholder.contentsStart))
    .update(out.subarray(placeholder.contentsEnd))
    .digest()
  const cms = await buildCadesSignature(new Uint8Array(digest), opts.signer)
  if (cms.length > contentsSize) throw new RangeError(`the signature needs ${cms.length} bytes, more than the ${contentsSize} reserved`)
  out.set(Buffer.from(Buffer.from(cms).toString('hex'), 'latin1'), placeholder.contentsStart + 1)
  return out
}
