import { decodeTextString, getIndirect, resolve, type PdfDocument } from '../pdf/document.ts'
import type { Budget } from '../pdf/limits.ts'
import {
  PdfDict,
  PdfName,
  PdfRef,
  PdfString,
  PdfSyntaxError,
  parseIndirectObject,
  type IndirectObject,
  type PdfValue,
  type Span,
} from '../pdf/objects.ts'
import { PdfRevisions } from './revisions.ts'

export interface LocatedSignature {
  dict: PdfDict
  /** Offset of the "n g obj" header of the signature dictionary. */
  objectOffset: number
  contentsSpan: Span | undefined
  /** The object number and generation written in that header. */
  ref: PdfRef
}

export type Located = { ok: true; sig: LocatedSignature } | { ok: false; objectOffset: number; error: string }

const MAX_SIGNATURES = 100
const refKey = (r: PdfRef): string => `${r.num} ${r.gen}`
const MAX_FIELDS = 100_000
const MAX_FIELD_DEPTH = 32

/**
 * Finds every signature dictionary, two ways: by scanning the bytes for /ByteRange and parsing the
 * enclosing object (so a dictionary hidden from the form, or left in an earlier revision, is
 * reported too), and through the signature fields of the newest revision's AcroForm (so one with
 * no /ByteRange at all, or compressed in an object stream, is not missed either: both are
 * reported as failed, since neither can be a valid signature).
 */
export function locateSignatures(bytes: Uint8Array, revisions: PdfRevisions = new PdfRevisions(bytes)): Located[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
  const headers: number[] = []
  const headerRe = /(?<![0-9])\d{1,10}[ \t\r\n\f\0]+\d{1,5}[ \t\r\n\f\0]+obj(?![A-Za-z0-9])/g
  for (let m = headerRe.exec(text); m; m = headerRe.exec(text)) headers.push(m.index)
  const found = new Map<number, Located>()
  const parsed = new Map<number, Parsed>()
  const { budget } = revisions.context
  for (let at = text.indexOf('/ByteRange'); at >= 0 && found.size < MAX_SIGNATURES; at = text.indexOf('/ByteRange', at + 1)) {
    const header = lastBefore(headers, at)
    if (header === undefined) {
      found.set(-at - 1, { ok: false, objectOffset: at, error: 'signature-dictionary-outside-object' })
      continue
    }
    let p = parsed.get(header)
    if (!p) parsed.set(header, (p = parseSignatureAt(bytes, header, 'signature-dictionary-malformed', budget)))
    // The text inside a stream's data (an embedded file, a page showing "/ByteRange") is not a dictionary key.
    if (p.data && at >= p.data.start && at < p.data.end) continue
    found.set(header, p.located)
  }

  const newest = revisions.view(revisions.list.length)
  if (!(newest instanceof PdfSyntaxError)) {
    try {
      for (const { ref } of fieldSignatures(newest).values()) {
        if (found.size >= MAX_SIGNATURES) break
        const entry = newest.entries.get(ref.num)
        if (!entry || entry.free || entry.gen !== ref.gen) continue
        if (entry.objStm)
          found.set(-1_000_000_000 - ref.num, { ok: false, objectOffset: 0, error: 'signature-dictionary-in-object-stream' })
        else if (!found.has(entry.offset))
          found.set(entry.offset, parseSignatureAt(bytes, entry.offset, 'byte-range-missing', budget).located)
      }
    } catch (e) {
      if (!(e instanceof PdfSyntaxError)) throw e
      // An unreadable newest revision is reported by the modification analysis of every signature.
    }
  }
  return [...found.values()].sort((a, b) => offsetOf(a) - offsetOf(b))
}

interface Parsed {
  located: Located
  /** The data span when the object is a stream. */
  data?: Span | undefined
}

function parseSignatureAt(bytes: Uint8Array, offset: number, noByteRange: string, budget: Budget): Parsed {
  const failed = (error: string, data?: Span): Parsed => ({ located: { ok: false, objectOffset: offset, error }, data })
  try {
    let obj: IndirectObject
    try {
      obj = parseIndirectObject(bytes, offset)
    } catch (e) {
      if (e instanceof PdfSyntaxError) budget.chargeFailure(bytes.length, offset)
      throw e
    }
    budget.chargeParsed(obj.end - offset, offset)
    if (!(obj.value instanceof PdfDict)) return failed('signature-dictionary-malformed')
    if (obj.value.get('ByteRange') === undefined) return failed(noByteRange, obj.stream)
    const ref = new PdfRef(obj.num, obj.gen)
    const sig = { dict: obj.value, objectOffset: offset, contentsSpan: obj.value.spans.get('Contents'), ref }
    return { located: { ok: true, sig }, data: obj.stream }
  } catch (e) {
    if (!(e instanceof PdfSyntaxError)) throw e
    return failed('signature-dictionary-malformed')
  }
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

/**
 * The signature fields of a document's AcroForm: each /V reference of a field whose /FT (inherited)
 * is /Sig, with the field's fully qualified name. Bounded in depth and count; cycles are cut.
 */
export function fieldSignatures(doc: PdfDocument): Map<string, { ref: PdfRef; name: string }> {
  const out = new Map<string, { ref: PdfRef; name: string }>()
  const catalog = resolve(doc, doc.trailer.get('Root'))
  const form = catalog instanceof PdfDict ? resolve(doc, catalog.get('AcroForm')) : undefined
  const fields = form instanceof PdfDict ? resolve(doc, form.get('Fields')) : undefined
  if (!Array.isArray(fields)) return out
  const seen = new Set<number>()
  let count = 0
  const visit = (v: PdfValue, parent: string, inheritedType: string | undefined, depth: number): void => {
    if (depth > MAX_FIELD_DEPTH || ++count > MAX_FIELDS) throw new PdfSyntaxError('field tree too deep or too large', 0)
    if (v instanceof PdfRef) {
      if (seen.has(v.num)) return
      seen.add(v.num)
    }
    const field = resolve(doc, v)
    if (!(field instanceof PdfDict)) return
    const t = field.get('T')
    const partial = t instanceof PdfString ? decodeTextString(t) : undefined
    const name = partial === undefined ? parent : parent ? `${parent}.${partial}` : partial
    const ft = field.get('FT')
    const type = ft instanceof PdfName ? ft.name : inheritedType
    const value = field.get('V')
    if (type === 'Sig' && value instanceof PdfRef && !out.has(refKey(value))) out.set(refKey(value), { ref: value, name })
    const kids = resolve(doc, field.get('Kids'))
    if (Array.isArray(kids)) for (const kid of kids) visit(kid, name, type, depth + 1)
  }
  for (const f of fields) visit(f, '', undefined, 0)
  return out
}

export interface SignatureContext {
  /** /T of the field whose /V is this signature dictionary (fully qualified), in the signed revision. */
  fieldName: string | null
  /** The DocMDP permission when this is the certification signature (the catalog's /Perms /DocMDP is this dictionary). */
  docMdp: 1 | 2 | 3 | null
  /** A FieldMDP transform's /P (PDF 2.0 signature field /Lock): DocMDP-like permission for changes after this signature. */
  lockPermission: 1 | 2 | 3 | null
  /** Things to report: unknown transform methods, an invalid /P. */
  notes: string[]
}

/**
 * The signature's place in the document as of the revision it signs: its field, and whether it is
 * the certification signature with which DocMDP permission (ISO 32000-1 §12.8.2.2: /P absent means 2).
 */
export function signatureContext(doc: PdfDocument, sig: LocatedSignature): SignatureContext {
  const notes: string[] = []
  const live = getIndirect(doc, sig.ref)
  // Only the object the signed revision actually uses has a field; a shadowed copy has none.
  const isLive = live !== null && doc.entries.get(sig.ref.num)?.offset === sig.objectOffset
  let fieldName: string | null = null
  if (isLive) fieldName = fieldSignatures(doc).get(refKey(sig.ref))?.name ?? null

  let permission: 1 | 2 | 3 | null = null
  let lockPermission: 1 | 2 | 3 | null = null
  const references = resolve(doc, sig.dict.get('Reference'))
  for (const r of Array.isArray(references) ? references : []) {
    const reference = resolve(doc, r)
    if (!(reference instanceof PdfDict)) continue
    const method = reference.get('TransformMethod')
    const methodName = method instanceof PdfName ? method.name : undefined
    if (methodName === 'DocMDP') {
      const params = resolve(doc, reference.get('TransformParams'))
      const p = params instanceof PdfDict ? params.get('P') : undefined
      if (p === undefined) permission = 2
      else if (p === 1 || p === 2 || p === 3) permission = p
      else {
        notes.push('docmdp-permission-invalid')
        permission = 1
      }
    } else if (methodName === 'FieldMDP') {
      const params = resolve(doc, reference.get('TransformParams'))
      const p = params instanceof PdfDict ? params.get('P') : undefined
      if (p === 1 || p === 2 || p === 3) lockPermission = p
      else if (p !== undefined) notes.push('fieldmdp-permission-invalid')
    } else if (methodName !== 'UR' && methodName !== 'UR3')
      notes.push(`unknown-transform-method:${(methodName ?? 'none').replace(/[^A-Za-z0-9.]/g, '').slice(0, 32)}`)
  }

  const catalog = resolve(doc, doc.trailer.get('Root'))
  const perms = catalog instanceof PdfDict ? resolve(doc, catalog.get('Perms')) : undefined
  const docMdpRef = perms instanceof PdfDict ? perms.get('DocMDP') : undefined
  const certifies = isLive && docMdpRef instanceof PdfRef && docMdpRef.num === sig.ref.num && docMdpRef.gen === sig.ref.gen
  if (certifies && permission === null) {
    notes.push('docmdp-reference-missing')
    permission = 2
  }
  return { fieldName, docMdp: certifies ? permission : null, lockPermission, notes }
}
