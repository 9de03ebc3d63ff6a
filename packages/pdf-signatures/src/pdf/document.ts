import { PdfDict, PdfName, PdfParser, PdfRef, PdfString, PdfSyntaxError, parseIndirectObject, type PdfValue } from './objects.ts'

/**
 * Reads the cross-reference chain of a PDF with classic xref tables (the form this package writes).
 * Cross-reference streams (PDF 1.5 compressed xref / object streams) are refused with a clear error
 * for now: the signer must never guess at object offsets.
 */

export interface XrefEntry {
  offset: number
  gen: number
  free: boolean
}

export interface PdfDocument {
  bytes: Uint8Array
  trailer: PdfDict
  startxref: number
  entries: Map<number, XrefEntry>
}

const MAX_XREF_SECTIONS = 1000

export function findStartxref(bytes: Uint8Array): number {
  const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 1024)))
  const at = tail.lastIndexOf('startxref')
  if (at < 0) throw new PdfSyntaxError('no startxref near the end of the file', bytes.length)
  const m = /^startxref\s+(\d{1,10})\s+%%EOF/.exec(tail.slice(at))
  if (!m) throw new PdfSyntaxError('malformed startxref', bytes.length)
  return Number(m[1])
}

export function openPdf(bytes: Uint8Array): PdfDocument {
  const startxref = findStartxref(bytes)
  const entries = new Map<number, XrefEntry>()
  let trailer: PdfDict | undefined
  const seen = new Set<number>()
  let next: number | undefined = startxref
  while (next !== undefined) {
    if (seen.has(next) || seen.size >= MAX_XREF_SECTIONS) throw new PdfSyntaxError('cross-reference /Prev loop', next)
    seen.add(next)
    const section = readXrefSection(bytes, next)
    // The newest section is read first, so an object number already seen keeps its newer entry.
    for (const [num, entry] of section.entries) if (!entries.has(num)) entries.set(num, entry)
    trailer ??= section.trailer
    const prev = section.trailer.get('Prev')
    next = typeof prev === 'number' ? prev : undefined
  }
  if (!trailer) throw new PdfSyntaxError('no trailer', startxref)
  return { bytes, trailer, startxref, entries }
}

function readXrefSection(bytes: Uint8Array, offset: number): { entries: Map<number, XrefEntry>; trailer: PdfDict } {
  if (offset >= bytes.length) throw new PdfSyntaxError('xref offset beyond end of file', offset)
  const p = new PdfParser(bytes, offset)
  const keyword = p.readToken()
  if (keyword !== 'xref') {
    throw new PdfSyntaxError('cross-reference streams are not supported yet (expected an xref table)', offset)
  }
  const entries = new Map<number, XrefEntry>()
  for (;;) {
    p.skipWhitespace()
    const save = p.pos
    const token = p.readToken()
    if (token === 'trailer') break
    p.pos = save
    const first = p.readInteger()
    const count = p.readInteger()
    if (count > bytes.length / 20) throw new PdfSyntaxError('xref subsection larger than the file', save)
    for (let i = 0; i < count; i++) {
      const off = p.readInteger()
      const gen = p.readInteger()
      const kind = p.readToken()
      if (kind !== 'n' && kind !== 'f') throw new PdfSyntaxError('bad xref entry type', p.pos)
      if (!entries.has(first + i)) entries.set(first + i, { offset: off, gen, free: kind === 'f' })
    }
  }
  const trailer = p.parseValue()
  if (!(trailer instanceof PdfDict)) throw new PdfSyntaxError('trailer is not a dictionary', p.pos)
  if (trailer.get('XRefStm') !== undefined) throw new PdfSyntaxError('hybrid xref files (/XRefStm) are not supported yet', p.pos)
  return { entries, trailer }
}

export function getObject(doc: PdfDocument, ref: PdfRef): PdfValue {
  const entry = doc.entries.get(ref.num)
  if (!entry || entry.free) return null
  const obj = parseIndirectObject(doc.bytes, entry.offset)
  if (obj.num !== ref.num || obj.gen !== ref.gen)
    throw new PdfSyntaxError(`xref points at the wrong object for ${ref.toString()}`, entry.offset)
  return obj.value
}

export function resolve(doc: PdfDocument, v: PdfValue | undefined): PdfValue | undefined {
  return v instanceof PdfRef ? getObject(doc, v) : v
}

export function resolveDict(doc: PdfDocument, v: PdfValue | undefined, what: string): PdfDict {
  const d = resolve(doc, v)
  if (!(d instanceof PdfDict)) throw new PdfSyntaxError(`${what} is not a dictionary`, 0)
  return d
}

/** The reference of page `index` (0-based), walking /Pages in document order with bounded depth. */
export function pageRef(doc: PdfDocument, index: number): PdfRef {
  const root = resolveDict(doc, doc.trailer.get('Root'), 'catalog')
  const pages = root.get('Pages')
  if (!(pages instanceof PdfRef)) throw new PdfSyntaxError('catalog /Pages is not a reference', 0)
  let seen = 0
  const visit = (ref: PdfRef, depth: number): PdfRef | undefined => {
    if (depth > 32) throw new PdfSyntaxError('page tree too deep', 0)
    const node = resolveDict(doc, ref, 'page tree node')
    if (node.get('Type') instanceof PdfName && (node.get('Type') as PdfName).name === 'Page') return seen++ === index ? ref : undefined
    const kids = resolve(doc, node.get('Kids'))
    if (!Array.isArray(kids)) throw new PdfSyntaxError('page tree node without /Kids', 0)
    for (const kid of kids) {
      if (!(kid instanceof PdfRef)) throw new PdfSyntaxError('page tree kid is not a reference', 0)
      const found = visit(kid, depth + 1)
      if (found) return found
    }
    return undefined
  }
  const found = visit(pages, 0)
  if (!found) throw new RangeError(`the document has no page ${index + 1}`)
  return found
}

/** Serializes a value back to PDF syntax. Strings are always written as hex so no escaping can go wrong. */
export function serialize(v: PdfValue): string {
  if (v === null) return 'null'
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new RangeError('non-finite number')
    return Number.isInteger(v) ? String(v) : v.toFixed(4).replace(/\.?0+$/, '')
  }
  if (v instanceof PdfName) return `/${v.name}`
  if (v instanceof PdfRef) return v.toString()
  if (v instanceof PdfString) return `<${Buffer.from(v.bytes).toString('hex')}>`
  if (Array.isArray(v)) return `[${v.map(serialize).join(' ')}]`
  return `<<${[...v.entries].map(([k, val]) => `/${k} ${serialize(val)}`).join(' ')}>>`
}

/** A PDF text string: UTF-16BE with a byte-order mark, so Vietnamese names survive. */
export function textString(s: string): PdfString {
  const out = [0xfe, 0xff]
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    out.push(c >> 8, c & 0xff)
  }
  return new PdfString(Uint8Array.from(out), true)
}

export function decodeTextString(s: PdfString): string {
  const b = s.bytes
  if (b[0] === 0xfe && b[1] === 0xff) {
    let out = ''
    for (let i = 2; i + 1 < b.length; i += 2) out += String.fromCharCode((b[i]! << 8) | b[i + 1]!)
    return out
  }
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return new TextDecoder().decode(b.subarray(3))
  return String.fromCharCode(...b.subarray(0, 4096))
}
