import { decodeStream } from './filters.ts'
import { Budget } from './limits.ts'
import {
  PdfDict,
  PdfName,
  PdfParser,
  PdfRef,
  PdfString,
  PdfSyntaxError,
  isNamed,
  parseIndirectObject,
  type IndirectObject,
  type PdfValue,
} from './objects.ts'
import { readXrefSection, type XrefEntry, type XrefSection } from './xref.ts'

export type { XrefEntry, XrefSection } from './xref.ts'

/**
 * Reads the cross-reference chain of a PDF — classic tables, cross-reference streams (PDF 1.5) and
 * hybrid files (/XRefStm) — and the objects it points to, including objects compressed in object
 * streams. Everything is bounded by a Budget shared by all views of one file, so a hostile file
 * costs at most that much time and memory and fails with a PdfSyntaxError.
 */

export interface PdfDocument {
  bytes: Uint8Array
  /** The newest trailer (for a cross-reference stream, its dictionary). */
  trailer: PdfDict
  startxref: number
  /** Effective entry of every object number: the newest section that lists it wins. */
  entries: Map<number, XrefEntry>
  /** True when the newest section is a cross-reference stream: an update should then be written as one too. */
  xrefStream: boolean
  /** The sections read, newest first (a hybrid file's /XRefStm stream follows its table). */
  sections: XrefSection[]
  /** Limits and caches; shared with other views of the same bytes when given to openPdf. */
  context: ParseContext
}

interface ObjectStream {
  data: Uint8Array
  first: number
  /** [object number, offset from /First] per index. */
  index: [number, number][]
}

/** What views of the same file share: the budget, and parses that do not depend on the view (keyed by byte offset). */
export class ParseContext {
  readonly parsed = new Map<number, IndirectObject>()
  readonly objectStreams = new Map<number, ObjectStream>()
  constructor(readonly budget: Budget = new Budget()) {}
}

export interface OpenOptions {
  /** Share a budget and caches between several views (revisions) of the same bytes. */
  context?: ParseContext
}

/** How deep object lookups may nest: an indirect /Length, in a stream found in an object stream, … */
const MAX_LOOKUP_DEPTH = 6
const OBJ_STM_MAX_N = 100_000

export function findStartxref(bytes: Uint8Array): number {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString('latin1')
  const at = tail.lastIndexOf('startxref')
  if (at < 0) throw new PdfSyntaxError('no startxref near the end of the file', bytes.length)
  const m = /^startxref\s+(\d{1,10})\s+%%EOF/.exec(tail.slice(at))
  if (!m) throw new PdfSyntaxError('malformed startxref', bytes.length)
  return Number(m[1])
}

export function openPdf(bytes: Uint8Array, opts: OpenOptions = {}): PdfDocument {
  const context = opts.context ?? new ParseContext()
  const { limits } = context.budget
  const startxref = findStartxref(bytes)
  const entries = new Map<number, XrefEntry>()
  const sections: XrefSection[] = []
  const seen = new Set<number>()
  const read = (offset: number): XrefSection => {
    if (seen.has(offset)) throw new PdfSyntaxError('cross-reference /Prev loop', offset)
    if (seen.size >= limits.maxSections) throw new PdfSyntaxError('too many cross-reference sections', offset)
    seen.add(offset)
    let section: XrefSection
    try {
      section = readXrefSection(bytes, offset, context.budget)
    } catch (e) {
      if (e instanceof PdfSyntaxError) context.budget.chargeFailure(bytes.length, offset)
      throw e
    }
    sections.push(section)
    return section
  }
  let next: number | undefined = startxref
  while (next !== undefined) {
    const section = read(next)
    const own = new Map(section.entries)
    const hybrid = section.kind === 'table' ? section.trailer.get('XRefStm') : undefined
    if (hybrid !== undefined) {
      if (typeof hybrid !== 'number') throw new PdfSyntaxError('/XRefStm is not an offset', next)
      const stream = read(hybrid)
      if (stream.kind !== 'stream') throw new PdfSyntaxError('/XRefStm does not point at an xref stream', hybrid)
      for (const [num, e] of stream.entries) {
        const t = own.get(num)
        // The table wins, except where it lists as free an object the stream compresses (how hybrids hide them from old readers).
        if (t && !t.free && !e.free && (t.offset !== e.offset || t.objStm || e.objStm))
          throw new PdfSyntaxError(`object ${num} located differently by the table and /XRefStm`, hybrid)
        if (!t || t.free) own.set(num, e)
      }
    }
    // The newest section is read first, so an object number already seen keeps its newer entry.
    for (const [num, entry] of own) if (!entries.has(num)) entries.set(num, entry)
    if (entries.size > limits.maxObjects) throw new PdfSyntaxError('too many objects', next)
    const prev = section.trailer.get('Prev')
    if (prev !== undefined && (typeof prev !== 'number' || !Number.isSafeInteger(prev)))
      throw new PdfSyntaxError('/Prev is not an offset', next)
    next = prev
  }
  const newest = sections[0]
  if (!newest) throw new PdfSyntaxError('no trailer', startxref)
  return { bytes, trailer: newest.trailer, startxref, entries, xrefStream: newest.kind === 'stream', sections, context }
}

/** Per view: each object number's parse, or the error it failed with (so a bad object costs its parse once). */
const viewCaches = new WeakMap<PdfDocument, Map<number, IndirectObject | PdfSyntaxError>>()

function viewCache(doc: PdfDocument): Map<number, IndirectObject | PdfSyntaxError> {
  let cache = viewCaches.get(doc)
  if (!cache) viewCaches.set(doc, (cache = new Map<number, IndirectObject | PdfSyntaxError>()))
  return cache
}

/** The object a reference points to, with its stream span; null for a free, missing or other-generation entry. */
export function getIndirect(doc: PdfDocument, ref: PdfRef, depth = 0): IndirectObject | null {
  if (depth > MAX_LOOKUP_DEPTH) throw new PdfSyntaxError('object lookups nested too deeply', 0)
  const entry = doc.entries.get(ref.num)
  if (!entry || entry.free || entry.gen !== ref.gen) return null
  const cache = viewCache(doc)
  const cached = cache.get(ref.num)
  if (cached instanceof PdfSyntaxError) throw cached
  if (cached !== undefined) return cached
  try {
    const obj = entry.objStm ? compressedObject(doc, ref.num, entry.objStm, depth) : uncompressedObject(doc, ref.num, entry, depth)
    cache.set(ref.num, obj)
    return obj
  } catch (e) {
    if (e instanceof PdfSyntaxError) cache.set(ref.num, e)
    throw e
  }
}

/** The object an object number currently denotes (whatever its generation), or null. */
export function objectAt(doc: PdfDocument, num: number): IndirectObject | null {
  const entry = doc.entries.get(num)
  return entry && !entry.free ? getIndirect(doc, new PdfRef(num, entry.gen)) : null
}

function uncompressedObject(doc: PdfDocument, num: number, entry: XrefEntry, depth: number): IndirectObject {
  const { parsed, budget } = doc.context
  const shared = parsed.get(entry.offset)
  // A parse shared from a longer view of the same bytes must still lie inside this one.
  let obj = shared && (shared.stream?.end ?? shared.end) <= doc.bytes.length ? shared : undefined
  if (!obj) {
    let viewDependent = false
    try {
      obj = parseIndirectObject(doc.bytes, entry.offset, (lengthRef) => {
        viewDependent = true
        return getIndirect(doc, lengthRef, depth + 1)?.value
      })
    } catch (e) {
      if (e instanceof PdfSyntaxError) budget.chargeFailure(doc.bytes.length, entry.offset)
      throw e
    }
    budget.chargeParsed(obj.end - entry.offset, entry.offset)
    // An indirect /Length is looked up in this view, so only view-independent parses are shared.
    if (!viewDependent) parsed.set(entry.offset, obj)
  }
  if (obj.num !== num || obj.gen !== entry.gen)
    throw new PdfSyntaxError(`xref points at the wrong object for ${num} ${entry.gen} R`, entry.offset)
  return obj
}

function compressedObject(doc: PdfDocument, num: number, at: { num: number; index: number }, depth: number): IndirectObject {
  const stm = objectStream(doc, at.num, depth)
  const slot = stm.index[at.index]
  if (!slot || slot[0] !== num) throw new PdfSyntaxError(`object stream ${at.num} does not hold object ${num} at index ${at.index}`, 0)
  const start = stm.first + slot[1]
  if (start >= stm.data.length) throw new PdfSyntaxError(`object ${num} lies outside its object stream`, 0)
  const p = new PdfParser(stm.data, start)
  const value = p.parseValue()
  doc.context.budget.chargeParsed(p.pos - start, 0)
  return { num, gen: 0, value, end: p.pos }
}

function objectStream(doc: PdfDocument, num: number, depth: number): ObjectStream {
  const entry = doc.entries.get(num)
  if (!entry || entry.free) throw new PdfSyntaxError(`object stream ${num} does not exist`, 0)
  if (entry.objStm) throw new PdfSyntaxError(`object stream ${num} is itself compressed`, 0)
  const obj = getIndirect(doc, new PdfRef(num, entry.gen), depth + 1)
  const cached = doc.context.objectStreams.get(entry.offset)
  if (cached && doc.context.parsed.get(entry.offset) === obj) return cached
  const dict = obj?.value
  if (!obj?.stream || !(dict instanceof PdfDict) || !isNamed(dict.get('Type'), 'ObjStm'))
    throw new PdfSyntaxError(`object ${num} is not an object stream`, entry.offset)
  const n = dict.get('N')
  const first = dict.get('First')
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > OBJ_STM_MAX_N)
    throw new PdfSyntaxError('object stream /N is invalid', entry.offset)
  if (typeof first !== 'number' || !Number.isInteger(first) || first < 0)
    throw new PdfSyntaxError('object stream /First is invalid', entry.offset)
  const data = decodeStream(dict, doc.bytes.subarray(obj.stream.start, obj.stream.end), doc.context.budget, entry.offset)
  if (first > data.length || n * 4 > first) throw new PdfSyntaxError('object stream header does not fit', entry.offset)
  const header = new PdfParser(data.subarray(0, first), 0)
  const index: [number, number][] = []
  for (let i = 0; i < n; i++) index.push([header.readInteger(), header.readInteger()])
  const stm = { data, first, index }
  // Shared when its /Length was direct, i.e. when the parse of the stream object was shared.
  if (doc.context.parsed.get(entry.offset) === obj) doc.context.objectStreams.set(entry.offset, stm)
  return stm
}

export function getObject(doc: PdfDocument, ref: PdfRef): PdfValue {
  return getIndirect(doc, ref)?.value ?? null
}

/** The decoded data of a stream object, or undefined when the reference is not a stream. */
export function streamData(doc: PdfDocument, ref: PdfRef): Uint8Array | undefined {
  const obj = getIndirect(doc, ref)
  if (!obj?.stream || !(obj.value instanceof PdfDict)) return undefined
  return decodeStream(obj.value, doc.bytes.subarray(obj.stream.start, obj.stream.end), doc.context.budget, obj.stream.start)
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
  let visited = 0
  const visit = (ref: PdfRef, depth: number): PdfRef | undefined => {
    if (depth > 32 || ++visited > 1_000_000) throw new PdfSyntaxError('page tree too deep or too large', 0)
    const node = resolveDict(doc, ref, 'page tree node')
    if (isNamed(node.get('Type'), 'Page')) return seen++ === index ? ref : undefined
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

/** A name with every byte outside the regular printable characters written as #xx (ISO 32000-1 §7.3.5). */
function escapeName(name: string): string {
  let out = ''
  for (const byte of Buffer.from(name, /^[\0-\xff]*$/.test(name) ? 'latin1' : 'utf8')) {
    const regular = byte > 0x20 && byte < 0x7f && !'#()<>[]{}/%'.includes(String.fromCharCode(byte))
    out += regular ? String.fromCharCode(byte) : `#${byte.toString(16).padStart(2, '0')}`
  }
  return out
}

/**
 * A number exactly as parsed: a page dictionary rewritten by an incremental update must compare
 * equal to the signed one, so no rounding (595.275591 stays 595.275591) and no exponent (PDF has none).
 */
function serializeNumber(v: number): string {
  if (!Number.isFinite(v)) throw new RangeError('non-finite number')
  if (Number.isInteger(v)) return Math.abs(v) < 1e21 ? String(v === 0 ? 0 : v) : BigInt(v).toString()
  const s = String(v)
  return /e/i.test(s) ? v.toFixed(20).replace(/0+$/, '') : s
}

/** Serializes a value back to PDF syntax. Strings are always written as hex so no escaping can go wrong. */
export function serialize(v: PdfValue): string {
  if (v === null) return 'null'
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  if (typeof v === 'number') return serializeNumber(v)
  if (v instanceof PdfName) return `/${escapeName(v.name)}`
  if (v instanceof PdfRef) return v.toString()
  if (v instanceof PdfString) return `<${Buffer.from(v.bytes).toString('hex')}>`
  if (Array.isArray(v)) return `[${v.map(serialize).join(' ')}]`
  return `<<${[...v.entries].map(([k, val]) => `/${escapeName(k)} ${serialize(val)}`).join(' ')}>>`
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
    for (let i = 2; i + 1 < b.length && i < 8192; i += 2) out += String.fromCharCode((b[i]! << 8) | b[i + 1]!)
    return out
  }
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return new TextDecoder().decode(b.subarray(3, 8192))
  return String.fromCharCode(...b.subarray(0, 4096))
}
