/**
 * TEST ONLY: mutations of valid signed PDFs for fuzzing the validator (src/fuzz.test.ts and
 * bench/pdf-fuzz.ts): byte flips, truncation, inserted PDF tokens, duplicated and deleted ranges,
 * huge integers, deep nesting, broken cross-reference offsets, bogus /Length, zip bombs. Each
 * mutation says whether it touched bytes a signature covers, so the property can demand that such
 * a file is never reported valid.
 */
import { deflateSync } from 'node:zlib'
import fc from 'fast-check'
import { objectAt, openPdf, serialize } from '../pdf/document.ts'
import type { ValidationReport } from '../validate/report.ts'
import { appendUpdate } from './attacker.ts'

export interface FuzzDocument {
  pdf: Uint8Array
  /** [start, end) of every signed part of every signature. */
  signedParts: [number, number][]
  /** Where the last signed byte range ends. */
  signedEnd: number
  /** Parts outside the /Contents hex strings: where structure lives. */
  structure: [number, number][]
}

export function fuzzDocument(pdf: Uint8Array): FuzzDocument {
  const text = Buffer.from(pdf).toString('latin1')
  const signedParts: [number, number][] = []
  const gaps: [number, number][] = []
  for (const m of text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const [a, b, c, d] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number]
    signedParts.push([a, a + b], [c, c + d])
    gaps.push([a + b, c])
  }
  gaps.sort((x, y) => x[0] - y[0])
  const structure: [number, number][] = []
  let at = 0
  for (const [start, end] of gaps) {
    if (start > at) structure.push([at, start])
    at = Math.max(at, end)
  }
  if (at < pdf.length) structure.push([at, pdf.length])
  return { pdf, signedParts, signedEnd: Math.max(0, ...signedParts.map((p) => p[1])), structure }
}

/** Where a mutation happens: anywhere, in the structure (outside /Contents), or in the last 4 KiB (xref, trailer). */
export interface Position {
  region: 'any' | 'structure' | 'tail'
  r: number
}

export type MutationSpec =
  | { kind: 'flip'; at: Position; xor: number }
  | { kind: 'truncate'; at: Position }
  | { kind: 'insert'; at: Position; tokens: string[] }
  | { kind: 'duplicate'; from: Position; length: number; to: Position }
  | { kind: 'delete'; at: Position; length: number }
  | { kind: 'number'; which: number; value: string }
  | { kind: 'nest'; at: Position; open: string; depth: number }
  | { kind: 'xref-offset'; which: number; value: number }
  | { kind: 'length'; which: number; value: number }
  | { kind: 'bomb'; target: 'xref-stream' | 'object-stream' | 'hybrid' }
  /** An appended update redefining object `num`: as a copy of object `source`, as random tokens, or freeing it. */
  | { kind: 'update'; num: number; source: number; tokens: string[]; how: 'copy' | 'tokens' | 'free' }

const TOKENS = [
  'obj',
  'endobj',
  'stream',
  'endstream',
  'xref',
  'trailer',
  'startxref',
  '%%EOF',
  '<<',
  '>>',
  '[',
  ']',
  '(',
  ')',
  '<',
  '>',
  '{',
  '}',
  'R',
  '0',
  '1',
  '65535',
  '-1',
  '99999999999999999999',
  '1e308',
  '3.14',
  'null',
  'true',
  'false',
  '/',
  '/Type',
  '/Page',
  '/Pages',
  '/Contents',
  '/ByteRange',
  '/Prev',
  '/XRefStm',
  '/Length',
  '/Filter',
  '/FlateDecode',
  '/ObjStm',
  '/XRef',
  '/W',
  '/Index',
  '/Size',
  '/Root',
  '/Annots',
  '/AcroForm',
  '/Fields',
  '/V',
  '/Sig',
  '/Kids',
  '/Parent',
  '/Perms',
  '/DocMDP',
  '/N',
  '/First',
  '1 0 R',
  '2 0 R',
  '4 0 obj',
  '\n',
  '\r',
  '\r\n',
  ' ',
  '%',
  '#',
  '\\',
  '\x00',
  '\xff',
  '/A#00',
  '/A#zz',
  'n',
  'f',
  '0000000000 65535 f\r\n',
  '0000000009 00000 n\r\n',
]

const position = (): fc.Arbitrary<Position> =>
  fc.record({
    region: fc.constantFrom('any' as const, 'structure' as const, 'structure' as const, 'tail' as const),
    r: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  })

export function mutationArb(): fc.Arbitrary<MutationSpec> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('flip' as const), at: position(), xor: fc.integer({ min: 1, max: 255 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: position() }) },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('insert' as const),
        at: position(),
        tokens: fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 8 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('duplicate' as const),
        from: position(),
        length: fc.integer({ min: 1, max: 4096 }),
        to: position(),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: position(), length: fc.integer({ min: 1, max: 256 }) }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('number' as const),
        which: fc.nat(),
        value: fc.constantFrom(
          '99999999999999999999',
          '4294967296',
          '9007199254740993',
          '-1',
          '1e400',
          '0',
          '000000000000000000007',
          '2147483647',
        ),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('nest' as const),
        at: position(),
        open: fc.constantFrom('[', '<<', '(', '[<<'),
        depth: fc.integer({ min: 50, max: 20_000 }),
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('xref-offset' as const), which: fc.nat(), value: fc.nat({ max: 2_000_000 }) }) },
    {
      weight: 2,
      arbitrary: fc.record({ kind: fc.constant('length' as const), which: fc.nat(), value: fc.integer({ min: -5, max: 2_000_000_000 }) }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('bomb' as const),
        target: fc.constantFrom('xref-stream' as const, 'object-stream' as const, 'hybrid' as const),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('update' as const),
        num: fc.nat({ max: 60 }),
        source: fc.nat({ max: 60 }),
        tokens: fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 12 }),
        how: fc.constantFrom('copy' as const, 'copy' as const, 'tokens' as const, 'free' as const),
      }),
    },
  )
}

function resolve(doc: FuzzDocument, p: Position): number {
  const n = doc.pdf.length
  if (p.region === 'any') return Math.floor(p.r * n)
  if (p.region === 'tail') return Math.max(0, n - 4096) + Math.floor(p.r * Math.min(n, 4096))
  const total = doc.structure.reduce((s, [a, b]) => s + b - a, 0)
  let k = Math.floor(p.r * total)
  for (const [a, b] of doc.structure) {
    if (k < b - a) return a + k
    k -= b - a
  }
  return n - 1
}

let bombData: Buffer | undefined
/** 80 MiB of zeros deflated (about 80 KiB): more than the validator's whole inflate budget. */
function bomb(): Buffer {
  bombData ??= deflateSync(Buffer.alloc(80 * 1024 * 1024))
  return bombData
}

export interface Mutated {
  bytes: Uint8Array
  /** Whether some byte a signature covers was changed, moved or removed. */
  touchesSigned: boolean
}

/** Replaces [start, end) with `text`. */
function splice(doc: FuzzDocument, start: number, end: number, text: Uint8Array): Mutated {
  const { pdf } = doc
  const bytes = new Uint8Array(pdf.length - (end - start) + text.length)
  bytes.set(pdf.subarray(0, start), 0)
  bytes.set(text, start)
  bytes.set(pdf.subarray(end), start + text.length)
  // What the signatures check: the bytes at their signed offsets, wherever the mutation put them.
  const touchesSigned = doc.signedParts.some(([a, b]) => b > bytes.length || !Buffer.from(bytes.subarray(a, b)).equals(pdf.subarray(a, b)))
  return { bytes, touchesSigned }
}

const latin1 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'))

function nth(text: string, re: RegExp, which: number): RegExpExecArray | undefined {
  const all = [...text.matchAll(re)]
  return all[which % Math.max(1, all.length)]
}

export function applyMutation(doc: FuzzDocument, m: MutationSpec): Mutated {
  const { pdf } = doc
  const text = Buffer.from(pdf).toString('latin1')
  switch (m.kind) {
    case 'flip': {
      const at = resolve(doc, m.at)
      return splice(doc, at, at + 1, Uint8Array.of(pdf[at]! ^ m.xor))
    }
    case 'truncate': {
      const at = resolve(doc, m.at)
      return splice(doc, at, pdf.length, new Uint8Array())
    }
    case 'insert': {
      const at = resolve(doc, m.at)
      return splice(doc, at, at, latin1(m.tokens.join(' ')))
    }
    case 'duplicate': {
      const from = resolve(doc, m.from)
      const to = resolve(doc, m.to)
      return splice(doc, to, to, pdf.slice(from, Math.min(pdf.length, from + m.length)))
    }
    case 'delete': {
      const at = resolve(doc, m.at)
      return splice(doc, at, Math.min(pdf.length, at + m.length), new Uint8Array())
    }
    case 'number': {
      const hit = nth(text, /(?<=[\s[<(/])\d+(?=[\s\]>)/])/g, m.which)
      return hit ? splice(doc, hit.index, hit.index + hit[0].length, latin1(m.value)) : { bytes: pdf, touchesSigned: false }
    }
    case 'nest': {
      const at = resolve(doc, m.at)
      return splice(doc, at, at, latin1(m.open.repeat(m.depth)))
    }
    case 'xref-offset': {
      const hit = nth(text, /(?<=startxref\s+)\d+|(?<=[\r\n])\d{10}(?= \d{5} [nf])/g, m.which)
      return hit
        ? splice(doc, hit.index, hit.index + hit[0].length, latin1(String(m.value).padStart(hit[0].length === 10 ? 10 : 1, '0')))
        : { bytes: pdf, touchesSigned: false }
    }
    case 'length': {
      const hit = nth(text, /(?<=\/Length\s+)\d+/g, m.which)
      return hit ? splice(doc, hit.index, hit.index + hit[0].length, latin1(String(m.value))) : { bytes: pdf, touchesSigned: false }
    }
    case 'bomb':
      return splice(doc, pdf.length, pdf.length, bombUpdate(pdf, m.target))
    case 'update': {
      const size = Number(openPdf(pdf).trailer.get('Size'))
      const num = 1 + (m.num % Math.max(1, size))
      if (m.how === 'free') return { bytes: appendUpdate(pdf, [], { free: [num] }), touchesSigned: false }
      let body = m.tokens.join(' ')
      let stream: Uint8Array | undefined
      if (m.how === 'copy') {
        const source = objectAt(openPdf(pdf), 1 + (m.source % Math.max(1, size)))
        if (source) {
          body = serialize(source.value).replace(/\/Length \d+/, '')
          if (source.stream) stream = pdf.subarray(source.stream.start, source.stream.end)
        }
      }
      return { bytes: appendUpdate(pdf, [{ num, body, ...(stream ? { stream } : {}) }]), touchesSigned: false }
    }
  }
}

/** An incremental update whose cross-reference stream (or an object stream it points into) inflates beyond the budget. */
function bombUpdate(pdf: Uint8Array, target: 'xref-stream' | 'object-stream' | 'hybrid'): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1')
  const prev = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1] ?? '0'
  const size = Number(/\/Size (\d+)/.exec(text.slice(text.lastIndexOf('/Size')))?.[1] ?? 100)
  const data = bomb()
  const parts: Uint8Array[] = []
  let at = pdf.length
  const push = (b: Uint8Array): void => {
    parts.push(b)
    at += b.length
  }
  if (target === 'object-stream') {
    const stmAt = at
    push(latin1(`${size} 0 obj\n<</Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${data.length}>>\nstream\n`))
    push(data)
    push(latin1('\nendstream\nendobj\n'))
    const rows = Buffer.alloc(2 * 7)
    rows[0] = 1
    rows.writeUInt32BE(stmAt, 1)
    rows[7] = 2
    rows.writeUInt32BE(size, 8)
    const xrefAt = at
    push(
      latin1(
        `${size + 2} 0 obj\n<</Type /XRef /Size ${size + 3} /W [1 4 2] /Index [${size} 2] /Prev ${prev} /Root 1 0 R /Length ${rows.length}>>\nstream\n`,
      ),
    )
    push(rows)
    push(latin1(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`))
  } else {
    const xrefAt = at
    push(
      latin1(
        `${size} 0 obj\n<</Type /XRef /Size ${size + 1} /W [1 4 2] /Prev ${prev} /Root 1 0 R /Filter /FlateDecode /Length ${data.length}>>\nstream\n`,
      ),
    )
    push(data)
    push(latin1('\nendstream\nendobj\n'))
    if (target === 'hybrid') {
      const tableAt = at
      push(latin1(`xref\n0 0\ntrailer\n<</Size ${size + 1} /Prev ${prev} /XRefStm ${xrefAt} /Root 1 0 R>>\nstartxref\n${tableAt}\n%%EOF\n`))
    } else push(latin1(`startxref\n${xrefAt}\n%%EOF\n`))
  }
  return new Uint8Array(Buffer.concat(parts))
}

const VERDICTS = new Set(['valid', 'invalid', 'indeterminate', 'no-signatures'])
const isStrings = (v: unknown): boolean => Array.isArray(v) && v.every((s) => typeof s === 'string')

/** What is wrong with a report's shape, or null when it is well formed. */
export function reportProblem(report: ValidationReport): string | null {
  if (!VERDICTS.has(report.verdict)) return `verdict ${String(report.verdict)}`
  if (!Number.isInteger(report.revisions) || report.revisions < 0) return 'revisions'
  if (!isStrings(report.errors)) return 'errors'
  if (report.errors.includes('internal-error')) return 'internal-error'
  if (!Array.isArray(report.signatures)) return 'signatures'
  for (const s of report.signatures) {
    if (s.integrity !== 'ok' && s.integrity !== 'failed') return 'integrity'
    if (typeof s.byteRange !== 'string' || typeof s.trust !== 'string' || typeof s.modifiedAfterSigning !== 'boolean')
      return 'signature fields'
    if (!isStrings(s.errors)) return 'signature errors'
    if (s.errors.includes('internal-error')) return 'internal-error'
    for (const r of s.laterRevisions)
      if (!Number.isInteger(r.revision) || !isStrings(r.changes) || typeof r.allowed !== 'boolean') return 'laterRevisions'
    if (s.modifiedAfterSigning !== s.laterRevisions.some((r) => !r.allowed)) return 'modifiedAfterSigning'
  }
  return null
}
