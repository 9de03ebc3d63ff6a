import { decodeStream } from './filters.ts'
import type { Budget } from './limits.ts'
import { PdfDict, PdfParser, PdfSyntaxError, isNamed, parseIndirectObject } from './objects.ts'

/**
 * One cross-reference section: a classic table ("xref … trailer") or a cross-reference stream
 * (/Type /XRef, PDF 1.5). Entry counts are bounded by the bytes that encode them, so a hostile
 * /Size or /Index cannot make the reader allocate more than the file (or its inflated streams) holds.
 */

export interface XrefEntry {
  /** Byte offset of "num gen obj" for an uncompressed object; 0 otherwise. */
  offset: number
  gen: number
  free: boolean
  /** For an object compressed in an object stream (xref stream type 2): the stream's object number and the index in it. */
  objStm?: { num: number; index: number }
}

export interface XrefSection {
  offset: number
  kind: 'table' | 'stream'
  /** The trailer dictionary; for a cross-reference stream, the stream's dictionary. */
  trailer: PdfDict
  entries: Map<number, XrefEntry>
}

/** Bytes of a classic entry ("oooooooooo ggggg n\r\n"); a subsection cannot hold more entries than the file has room for. */
const TABLE_ENTRY_BYTES = 20
const MAX_FIELD_WIDTH = 7

export function readXrefSection(bytes: Uint8Array, offset: number, budget: Budget): XrefSection {
  if (!Number.isSafeInteger(offset) || offset < 0 || offset >= bytes.length) throw new PdfSyntaxError('xref offset outside the file', 0)
  const p = new PdfParser(bytes, offset)
  if (p.readToken() === 'xref') return readTable(bytes, p, offset, budget)
  return readStream(bytes, offset, budget)
}

function readTable(bytes: Uint8Array, p: PdfParser, offset: number, budget: Budget): XrefSection {
  const entries = new Map<number, XrefEntry>()
  let total = 0
  for (;;) {
    p.skipWhitespace()
    const save = p.pos
    if (p.readToken() === 'trailer') break
    p.pos = save
    const first = p.readInteger()
    const count = p.readInteger()
    total += count
    if (count > (bytes.length - save) / TABLE_ENTRY_BYTES || total > budget.limits.maxObjects)
      throw new PdfSyntaxError('xref subsection larger than the file', save)
    for (let i = 0; i < count; i++) {
      const off = p.readInteger()
      const gen = p.readInteger()
      const kind = p.readToken()
      if (kind !== 'n' && kind !== 'f') throw new PdfSyntaxError('bad xref entry type', p.pos)
      if (gen > 65535) throw new PdfSyntaxError('xref generation out of range', p.pos)
      // Within one section, a number listed twice is an ambiguity: refuse it.
      if (entries.has(first + i)) throw new PdfSyntaxError(`object ${first + i} listed twice in one xref section`, p.pos)
      entries.set(first + i, { offset: kind === 'n' ? off : 0, gen, free: kind === 'f' })
    }
  }
  budget.chargeParsed(p.pos - offset, offset)
  const trailer = p.parseValue()
  if (!(trailer instanceof PdfDict)) throw new PdfSyntaxError('trailer is not a dictionary', p.pos)
  return { offset, kind: 'table', trailer, entries }
}

function readStream(bytes: Uint8Array, offset: number, budget: Budget): XrefSection {
  // The spec requires a direct /Length here, so no lookup function is given.
  const obj = parseIndirectObject(bytes, offset)
  budget.chargeParsed(obj.end - offset, offset)
  const dict = obj.value
  if (!(dict instanceof PdfDict) || !obj.stream || !isNamed(dict.get('Type'), 'XRef'))
    throw new PdfSyntaxError('startxref points at neither an xref table nor an xref stream', offset)
  const w = dict.get('W')
  if (
    !Array.isArray(w) ||
    w.length !== 3 ||
    !w.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= MAX_FIELD_WIDTH)
  )
    throw new PdfSyntaxError('xref stream /W is invalid', offset)
  const [w0, w1, w2] = w as [number, number, number]
  const width = w0 + w1 + w2
  if (width === 0) throw new PdfSyntaxError('xref stream /W is all zero', offset)
  const size = dict.get('Size')
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) throw new PdfSyntaxError('xref stream /Size is invalid', offset)
  const index = dict.get('Index') ?? [0, size]
  if (!Array.isArray(index) || index.length % 2 !== 0 || !index.every((x) => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0))
    throw new PdfSyntaxError('xref stream /Index is invalid', offset)
  const data = decodeStream(dict, bytes.subarray(obj.stream.start, obj.stream.end), budget, offset)
  const entries = new Map<number, XrefEntry>()
  let pos = 0
  const field = (n: number): number => {
    let v = 0
    for (let i = 0; i < n; i++) v = v * 256 + data[pos++]!
    return v
  }
  for (let i = 0; i < index.length; i += 2) {
    const first = index[i] as number
    const count = index[i + 1] as number
    if (pos + count * width > data.length || entries.size + count > budget.limits.maxObjects)
      throw new PdfSyntaxError('xref stream /Index asks for more entries than its data holds', offset)
    for (let k = 0; k < count; k++) {
      const type = w0 === 0 ? 1 : field(w0)
      const f2 = field(w1)
      const f3 = field(w2)
      if (entries.has(first + k)) throw new PdfSyntaxError(`object ${first + k} listed twice in one xref stream`, offset)
      // Types other than 0, 1, 2 are references to the null object (ISO 32000-1 §7.5.8.3).
      if (type === 1) entries.set(first + k, { offset: f2, gen: f3, free: false })
      else if (type === 2) entries.set(first + k, { offset: 0, gen: 0, free: false, objStm: { num: f2, index: f3 } })
      else entries.set(first + k, { offset: 0, gen: type === 0 ? f3 : 0, free: true })
    }
  }
  return { offset, kind: 'stream', trailer: dict, entries }
}

export function sameEntry(a: XrefEntry | undefined, b: XrefEntry | undefined): boolean {
  if (a === b) return true
  if (!a || !b) return false
  if (a.free || b.free) return a.free === b.free
  return a.offset === b.offset && a.gen === b.gen && a.objStm?.num === b.objStm?.num && a.objStm?.index === b.objStm?.index
}
