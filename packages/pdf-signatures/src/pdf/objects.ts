/**
 * A minimal PDF object model and parser: only what the incremental writer and the validator need
 * (dictionaries, arrays, names, numbers, strings, references, and the byte span of a stream's data;
 * decoding is in filters.ts). Hostile input is expected, so every loop is bounded and every anomaly
 * throws a PdfSyntaxError that callers turn into a report code — never an unbounded recursion or a
 * silent guess.
 */

export class PdfSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at byte ${offset}`)
  }
}

export class PdfName {
  /**
   * The name without the slash, #xx escapes decoded (one char per byte), so /Type and /T#79pe are
   * the same key here as in every viewer; serialize() escapes again.
   */
  constructor(readonly name: string) {}
}

export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
  toString(): string {
    return `${this.num} ${this.gen} R`
  }
}

export class PdfString {
  constructor(
    readonly bytes: Uint8Array,
    readonly hex: boolean,
  ) {}
}

/** Byte span [start, end) of a value in the file, kept so the validator can match /Contents to the ByteRange gap. */
export interface Span {
  start: number
  end: number
}

export class PdfDict {
  readonly entries = new Map<string, PdfValue>()
  readonly spans = new Map<string, Span>()
  get(key: string): PdfValue | undefined {
    return this.entries.get(key)
  }
}

export type PdfValue = PdfDict | PdfValue[] | PdfName | PdfRef | PdfString | number | boolean | null

/** Arrays and dictionaries nested deeper than this are refused (no real PDF comes close). */
export const MAX_DEPTH = 100

export function isWhite(c: number | undefined): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00
}

function isDelimiter(c: number | undefined): boolean {
  // ( ) < > [ ] { } / %
  return (
    c === 0x28 || c === 0x29 || c === 0x3c || c === 0x3e || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x2f || c === 0x25
  )
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30
  if (c >= 0x41 && c <= 0x46) return c - 0x37
  if (c >= 0x61 && c <= 0x66) return c - 0x57
  return -1
}

const ESCAPES: Partial<Record<number, number>> = {
  0x6e: 0x0a,
  0x72: 0x0d,
  0x74: 0x09,
  0x62: 0x08,
  0x66: 0x0c,
  0x28: 0x28,
  0x29: 0x29,
  0x5c: 0x5c,
}

export class PdfParser {
  pos: number

  constructor(
    readonly bytes: Uint8Array,
    pos = 0,
  ) {
    this.pos = pos
  }

  skipWhitespace(): void {
    const b = this.bytes
    while (this.pos < b.length) {
      const c = b[this.pos]
      if (isWhite(c)) this.pos++
      else if (c === 0x25) {
        while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++
      } else break
    }
  }

  /** A bare keyword or number token (regular characters up to the next delimiter or whitespace). */
  readToken(): string {
    this.skipWhitespace()
    const start = this.pos
    while (this.pos < this.bytes.length && !isWhite(this.bytes[this.pos]) && !isDelimiter(this.bytes[this.pos])) this.pos++
    return String.fromCharCode(...this.bytes.subarray(start, Math.min(this.pos, start + 64)))
  }

  expectKeyword(word: string): void {
    const at = this.pos
    const token = this.readToken()
    if (token !== word) throw new PdfSyntaxError(`expected "${word}", found "${token}"`, at)
  }

  readInteger(): number {
    const at = this.pos
    const token = this.readToken()
    if (!/^\d{1,10}$/.test(token)) throw new PdfSyntaxError(`expected a non-negative integer, found "${token}"`, at)
    return Number(token)
  }

  parseValue(depth = 0): PdfValue {
    if (depth > MAX_DEPTH) throw new PdfSyntaxError('objects nested too deeply', this.pos)
    this.skipWhitespace()
    const b = this.bytes
    const c = b[this.pos]
    if (c === undefined) throw new PdfSyntaxError('unexpected end of file', this.pos)
    if (c === 0x2f) return this.parseName()
    if (c === 0x28) return this.parseLiteralString()
    if (c === 0x3c) return b[this.pos + 1] === 0x3c ? this.parseDict(depth) : this.parseHexString()
    if (c === 0x5b) return this.parseArray(depth)
    const at = this.pos
    const token = this.readToken()
    if (token === 'true') return true
    if (token === 'false') return false
    if (token === 'null') return null
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(token)) {
      // An integer may be the start of "n g R": look ahead without committing.
      if (/^\d+$/.test(token)) {
        const save = this.pos
        const gen = this.readToken()
        if (/^\d+$/.test(gen) && this.readToken() === 'R') return new PdfRef(Number(token), Number(gen))
        this.pos = save
      }
      return Number(token)
    }
    throw new PdfSyntaxError(`unexpected token "${token}"`, at)
  }

  private parseName(): PdfName {
    const start = ++this.pos
    while (this.pos < this.bytes.length && !isWhite(this.bytes[this.pos]) && !isDelimiter(this.bytes[this.pos])) this.pos++
    // Buffer's latin1 is a true byte-to-code-unit mapping (TextDecoder's 'latin1' is windows-1252).
    const raw = Buffer.from(this.bytes.subarray(start, this.pos)).toString('latin1')
    if (!raw.includes('#')) return new PdfName(raw)
    const decoded = raw.replace(/#(..)?/gs, (_, hex: string | undefined) => {
      if (hex === undefined || !/^[0-9A-Fa-f]{2}$/.test(hex)) throw new PdfSyntaxError('invalid #xx escape in a name', start)
      const code = parseInt(hex, 16)
      if (code === 0) throw new PdfSyntaxError('NUL in a name', start)
      return String.fromCharCode(code)
    })
    return new PdfName(decoded)
  }

  private parseLiteralString(): PdfString {
    const b = this.bytes
    const start = this.pos
    this.pos++
    const out: number[] = []
    let nesting = 1
    while (this.pos < b.length) {
      const c = b[this.pos++]!
      if (c === 0x5c) {
        const e = b[this.pos++]
        if (e === undefined) break
        const simple = ESCAPES[e]
        if (simple !== undefined) out.push(simple)
        else if (e >= 0x30 && e <= 0x37) {
          let v = e - 0x30
          for (let i = 0; i < 2 && (b[this.pos] ?? 0) >= 0x30 && (b[this.pos] ?? 0) <= 0x37; i++) v = v * 8 + (b[this.pos++]! - 0x30)
          out.push(v & 0xff)
        } else if (e === 0x0d) {
          if (b[this.pos] === 0x0a) this.pos++
        } else if (e !== 0x0a) out.push(e)
      } else if (c === 0x28) {
        nesting++
        out.push(c)
      } else if (c === 0x29) {
        if (--nesting === 0) return new PdfString(Uint8Array.from(out), false)
        out.push(c)
      } else out.push(c)
    }
    throw new PdfSyntaxError('unterminated literal string', start)
  }

  private parseHexString(): PdfString {
    const b = this.bytes
    const start = this.pos
    this.pos++
    const out: number[] = []
    let high = -1
    while (this.pos < b.length) {
      const c = b[this.pos++]!
      if (c === 0x3e) {
        if (high >= 0) out.push(high << 4)
        return new PdfString(Uint8Array.from(out), true)
      }
      if (isWhite(c)) continue
      const v = hexValue(c)
      if (v < 0) throw new PdfSyntaxError('invalid character in hex string', this.pos - 1)
      if (high < 0) high = v
      else {
        out.push((high << 4) | v)
        high = -1
      }
    }
    throw new PdfSyntaxError('unterminated hex string', start)
  }

  private parseArray(depth: number): PdfValue[] {
    this.pos++
    const out: PdfValue[] = []
    for (;;) {
      this.skipWhitespace()
      if (this.pos >= this.bytes.length) throw new PdfSyntaxError('unterminated array', this.pos)
      if (this.bytes[this.pos] === 0x5d) {
        this.pos++
        return out
      }
      out.push(this.parseValue(depth + 1))
    }
  }

  private parseDict(depth: number): PdfDict {
    this.pos += 2
    const dict = new PdfDict()
    for (;;) {
      this.skipWhitespace()
      if (this.pos >= this.bytes.length) throw new PdfSyntaxError('unterminated dictionary', this.pos)
      if (this.bytes[this.pos] === 0x3e && this.bytes[this.pos + 1] === 0x3e) {
        this.pos += 2
        return dict
      }
      const keyAt = this.pos
      const key = this.parseValue(depth + 1)
      if (!(key instanceof PdfName)) throw new PdfSyntaxError('dictionary key is not a name', keyAt)
      // A repeated key is an ambiguity an attacker could exploit (two parsers, two answers): refuse it.
      if (dict.entries.has(key.name)) throw new PdfSyntaxError(`duplicate dictionary key /${key.name}`, keyAt)
      this.skipWhitespace()
      const start = this.pos
      const value = this.parseValue(depth + 1)
      dict.entries.set(key.name, value)
      dict.spans.set(key.name, { start, end: this.pos })
    }
  }
}

export interface IndirectObject {
  num: number
  gen: number
  value: PdfValue
  /** Offset just after the value; "stream" or "endobj" follows. */
  end: number
  /** For a stream object: the span of its (still encoded) data, exactly /Length bytes. */
  stream?: Span
}

/**
 * Parses "num gen obj <value>" at an offset, and for a stream finds its data by /Length, checking
 * that "endstream" follows (a wrong /Length is an error, never a guess). An indirect /Length is
 * looked up through `lengthOf`; without it, such a stream is an error.
 */
export function parseIndirectObject(bytes: Uint8Array, offset: number, lengthOf?: (ref: PdfRef) => PdfValue | undefined): IndirectObject {
  if (!Number.isSafeInteger(offset) || offset < 0 || offset >= bytes.length) throw new PdfSyntaxError('object offset outside the file', 0)
  const p = new PdfParser(bytes, offset)
  const num = p.readInteger()
  const gen = p.readInteger()
  p.expectKeyword('obj')
  const value = p.parseValue()
  const end = p.pos
  if (!(value instanceof PdfDict)) return { num, gen, value, end }
  const save = p.pos
  if (p.readToken() !== 'stream') {
    p.pos = save
    return { num, gen, value, end }
  }
  // "stream" is followed by CRLF or LF (a lone CR is tolerated), then the data.
  let start = p.pos
  if (bytes[start] === 0x0d) start++
  if (bytes[start] === 0x0a) start++
  const lengthValue = value.get('Length')
  const length = lengthValue instanceof PdfRef ? lengthOf?.(lengthValue) : lengthValue
  if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0)
    throw new PdfSyntaxError('stream without a usable /Length', start)
  const dataEnd = start + length
  if (dataEnd > bytes.length) throw new PdfSyntaxError('stream /Length runs past the end of the file', start)
  const after = new PdfParser(bytes, dataEnd)
  after.skipWhitespace()
  if (after.readToken() !== 'endstream') throw new PdfSyntaxError('stream /Length does not end at "endstream"', dataEnd)
  return { num, gen, value, end, stream: { start, end: dataEnd } }
}

export function nameOf(v: PdfValue | undefined): string | undefined {
  return v instanceof PdfName ? v.name : undefined
}

export function isNamed(v: PdfValue | undefined, name: string): boolean {
  return v instanceof PdfName && v.name === name
}

/** Structural equality of two values (dictionary key order and byte spans ignored). Bounded by MAX_DEPTH like the parser. */
export function equalValues(a: PdfValue | undefined, b: PdfValue | undefined, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false
  if (a === b) return true
  if (a === undefined || b === undefined || a === null || b === null) return false
  if (typeof a !== 'object' || typeof b !== 'object') return false
  if (a instanceof PdfName) return b instanceof PdfName && a.name === b.name
  if (a instanceof PdfRef) return b instanceof PdfRef && a.num === b.num && a.gen === b.gen
  if (a instanceof PdfString) return b instanceof PdfString && Buffer.from(a.bytes).equals(b.bytes)
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => equalValues(v, b[i], depth + 1))
  if (!(b instanceof PdfDict) || a.entries.size !== b.entries.size) return false
  for (const [k, v] of a.entries) if (!equalValues(v, b.get(k), depth + 1)) return false
  return true
}
