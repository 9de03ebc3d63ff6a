import { PdfString } from '../pdf/objects.ts'
import { locateSignatures, type LocatedSignature } from './locate.ts'
import { PdfRevisions, type Revision } from './revisions.ts'

export type RangeCheck =
  { ok: true; values: [number, number, number, number]; end: number; revision: Revision } | { ok: false; reason: string }

/**
 * ByteRange sanity: four integers, starting at 0, whose gap is exactly the /Contents hex string of
 * this very dictionary (not empty), ending at the end of a revision (its %%EOF, give or take an
 * end-of-line), with the signature dictionary itself inside the signed bytes.
 */
export function checkByteRange(pdf: Uint8Array, sig: LocatedSignature, revisions: PdfRevisions): RangeCheck {
  const br = sig.dict.get('ByteRange')
  if (br === undefined) return { ok: false, reason: 'byte-range-missing' }
  if (!Array.isArray(br) || br.length !== 4 || !br.every((v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0)) {
    return { ok: false, reason: 'byte-range-malformed' }
  }
  const contents = sig.dict.get('Contents')
  if (contents === undefined) return { ok: false, reason: 'contents-missing' }
  const [a, b, c, d] = br as [number, number, number, number]
  if (a !== 0) return { ok: false, reason: 'byte-range-not-from-start' }
  if (b <= 0 || c <= b) return { ok: false, reason: 'byte-range-overlap' }
  const end = c + d
  if (end > pdf.length) return { ok: false, reason: 'byte-range-beyond-file' }
  const span = sig.contentsSpan
  if (!span || span.start !== b || span.end !== c || pdf[b] !== 0x3c || pdf[c - 1] !== 0x3e)
    return { ok: false, reason: 'byte-range-gap-not-contents' }
  if (!(contents instanceof PdfString) || !contents.hex) return { ok: false, reason: 'contents-not-hex-string' }
  if (contents.bytes.length === 0) return { ok: false, reason: 'contents-empty' }
  if (sig.objectOffset >= end) return { ok: false, reason: 'signature-dictionary-not-covered' }
  const revision = revisions.atEnd(end)
  if (!revision) return { ok: false, reason: 'byte-range-not-revision-end' }
  return { ok: true, values: [a, b, c, d], end, revision }
}

/**
 * The exact bytes signature `signatureIndex` (its index in the validation report) signed: the file
 * up to the end of its ByteRange, i.e. the document as that signer saw it — for "view the signed
 * revision". Null when there is no such signature or its ByteRange is not sane (then no revision
 * can honestly be called the signed one). A copy: changing it does not change `pdf`.
 */
export function signedRevision(pdf: Uint8Array, signatureIndex: number): Uint8Array | null {
  try {
    const revisions = new PdfRevisions(pdf)
    const located = locateSignatures(pdf, revisions)[signatureIndex]
    if (!located?.ok) return null
    const range = checkByteRange(pdf, located.sig, revisions)
    return range.ok ? pdf.slice(0, range.end) : null
  } catch {
    // Same contract as validatePdf: hostile input never throws.
    return null
  }
}
