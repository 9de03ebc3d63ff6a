import { PdfDict, PdfSyntaxError, parseIndirectObject, type Span } from '../pdf/objects.ts'

export interface LocatedSignature {
  dict: PdfDict
  /** Offset of the "n g obj" header of the signature dictionary. */
  objectOffset: number
  contentsSpan: Span | undefined
}

export type Located = { ok: true; sig: LocatedSignature } | { ok: false; objectOffset: number; error: string }

const MAX_SIGNATURES = 100

/**
 * Finds every signature dictionary by scanning for /ByteRange and parsing the enclosing object,
 * rather than trusting the AcroForm: a dictionary that is hidden from the form is reported too.
 * Signature dictionaries inside compressed object streams are not found (TODO, see README).
 */
export function locateSignatures(bytes: Uint8Array): Located[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
  const headers: number[] = []
  const headerRe = /(?<![0-9])\d{1,10}[ \t\r\n\f\0]+\d{1,5}[ \t\r\n\f\0]+obj(?![A-Za-z0-9])/g
  for (let m = headerRe.exec(text); m; m = headerRe.exec(text)) headers.push(m.index)
  const found = new Map<number, Located>()
  for (let at = text.indexOf('/ByteRange'); at >= 0; at = text.indexOf('/ByteRange', at + 1)) {
    const header = lastBefore(headers, at)
    if (header === undefined) {
      found.set(-at, { ok: false, objectOffset: at, error: 'signature-dictionary-outside-object' })
      continue
    }
    if (found.has(header)) continue
    if (found.size >= MAX_SIGNATURES) break
    try {
      const obj = parseIndirectObject(bytes, header)
      if (!(obj.value instanceof PdfDict) || obj.value.get('ByteRange') === undefined) {
        found.set(header, { ok: false, objectOffset: header, error: 'signature-dictionary-malformed' })
      } else {
        found.set(header, { ok: true, sig: { dict: obj.value, objectOffset: header, contentsSpan: obj.value.spans.get('Contents') } })
      }
    } catch (e) {
      if (!(e instanceof PdfSyntaxError)) throw e
      found.set(header, { ok: false, objectOffset: header, error: 'signature-dictionary-malformed' })
    }
  }
  return [...found.values()].sort((a, b) => offsetOf(a) - offsetOf(b))
}

function offsetOf(l: Located): number {
  return l.ok ? l.sig.objectOffset : l.objectOffset
}

function lastBefore(sorted: number[], at: number): number | undefined {
  let lo = 0
  let hi = sorted.length - 1
  let best: number | undefined
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (sorted[mid]! < at) {
      best = sorted[mid]
      lo = mid + 1
    } else hi = mid - 1
  }
  return best
}
