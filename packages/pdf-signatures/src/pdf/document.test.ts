import { deflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { makeSamplePdf, makeSamplePdfWithObjectStreams } from '../testing/fixtures.ts'
import { getObject, objectAt, openPdf, pageRef, ParseContext, resolveDict, serialize, streamData } from './document.ts'
import { Budget, DEFAULT_LIMITS } from './limits.ts'
import { PdfDict, PdfName, PdfParser, PdfRef, PdfSyntaxError, equalValues, parseIndirectObject } from './objects.ts'

/** Builds a file chunk by chunk, remembering where each object starts. */
class FileBuilder {
  private readonly parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')]
  readonly offsets = new Map<number, number>()
  get length(): number {
    return this.parts.reduce((n, p) => n + p.length, 0)
  }
  raw(text: string | Uint8Array): number {
    const at = this.length
    this.parts.push(typeof text === 'string' ? Buffer.from(text, 'latin1') : Buffer.from(text))
    return at
  }
  obj(num: number, body: string, stream?: Uint8Array): number {
    const at = this.length
    this.offsets.set(num, at)
    if (stream === undefined) this.raw(`${num} 0 obj\n${body}\nendobj\n`)
    else {
      this.raw(`${num} 0 obj\n${body.replace(/>>$/, ` /Length ${stream.length}>>`)}\nstream\n`)
      this.raw(stream)
      this.raw('\nendstream\nendobj\n')
    }
    return at
  }
  table(entries: [number, string][], trailer: string): void {
    const at = this.length
    let text = 'xref\n'
    for (const [num, row] of entries) text += `${num} 1\n${row}\r\n`
    this.raw(`${text}trailer\n${trailer}\nstartxref\n${at}\n%%EOF\n`)
  }
  bytes(): Uint8Array {
    return new Uint8Array(Buffer.concat(this.parts))
  }
}

const row = (offset: number): string => `${String(offset).padStart(10, '0')} 00000 n`
const CATALOG = '<</Type /Catalog /Pages 2 0 R>>'
const PAGES = '<</Type /Pages /Kids [3 0 R] /Count 1>>'
const PAGE = '<</Type /Page /Parent 2 0 R /MediaBox [0 0 100 100]>>'

/** Xref stream rows [type, field2, field3] with W [1 4 2], PNG "Up"-predicted (Predictor 12, Columns 7). */
function xrefRows(rows: [number, number, number][]): Uint8Array {
  const out: number[] = []
  let prev = new Array<number>(7).fill(0)
  for (const [t, f2, f3] of rows) {
    const raw = [t, (f2 >>> 24) & 0xff, (f2 >>> 16) & 0xff, (f2 >>> 8) & 0xff, f2 & 0xff, (f3 >> 8) & 0xff, f3 & 0xff]
    out.push(2, ...raw.map((b, i) => (b - prev[i]! + 256) & 0xff))
    prev = raw
  }
  return new Uint8Array(deflateSync(Uint8Array.from(out)))
}

function objectStream(objects: [number, string][]): { data: Uint8Array; first: number } {
  let header = ''
  let body = ''
  for (const [num, text] of objects) {
    header += `${num} ${body.length} `
    body += `${text}\n`
  }
  return { data: new Uint8Array(deflateSync(Buffer.from(header + body, 'latin1'))), first: header.length }
}

/** Catalog and pages compressed in an object stream (5), the page uncompressed, an xref stream (6) with a PNG predictor. */
function compressedFile(): Uint8Array {
  const f = new FileBuilder()
  f.obj(3, PAGE)
  const stm = objectStream([
    [1, CATALOG],
    [2, PAGES],
  ])
  f.obj(5, `<</Type /ObjStm /N 2 /First ${stm.first} /Filter /FlateDecode>>`, stm.data)
  const xrefAt = f.length
  const data = xrefRows([
    [0, 0, 65535],
    [2, 5, 0],
    [2, 5, 1],
    [1, f.offsets.get(3)!, 0],
    [0, 0, 0],
    [1, f.offsets.get(5)!, 0],
    [1, xrefAt, 0],
  ])
  f.obj(6, `<</Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /DecodeParms <</Predictor 12 /Columns 7>>>>`, data)
  f.raw(`startxref\n${xrefAt}\n%%EOF\n`)
  return f.bytes()
}

const syntaxError = (fn: () => unknown): PdfSyntaxError => {
  try {
    fn()
  } catch (e) {
    if (e instanceof PdfSyntaxError) return e
    throw new Error(`expected a PdfSyntaxError, got ${String(e)}`)
  }
  throw new Error('expected a PdfSyntaxError, nothing was thrown')
}

describe('cross-reference tables, streams and hybrids', () => {
  it('reads a classic file', async () => {
    const doc = openPdf(await makeSamplePdf())
    expect(doc.xrefStream).toBe(false)
    expect(resolveDict(doc, doc.trailer.get('Root'), 'catalog').get('Type')).toEqual(new PdfName('Catalog'))
    expect(pageRef(doc, 1)).toBeInstanceOf(PdfRef)
  })

  it('reads a pdf-lib file with object streams and an xref stream', async () => {
    const doc = openPdf(await makeSamplePdfWithObjectStreams())
    expect(doc.xrefStream).toBe(true)
    expect([...doc.entries.values()].some((e) => e.objStm)).toBe(true)
    const page = getObject(doc, pageRef(doc, 1))
    expect(page).toBeInstanceOf(PdfDict)
  })

  it('reads an xref stream with a PNG Up predictor and objects compressed in an object stream', () => {
    const doc = openPdf(compressedFile())
    expect(doc.xrefStream).toBe(true)
    expect(doc.entries.get(1)).toEqual({ offset: 0, gen: 0, free: false, objStm: { num: 5, index: 0 } })
    const catalog = resolveDict(doc, doc.trailer.get('Root'), 'catalog')
    expect(serialize(catalog)).toBe('<</Type /Catalog /Pages 2 0 R>>')
    expect(getObject(doc, pageRef(doc, 0))).toBeInstanceOf(PdfDict)
    expect(objectAt(doc, 4)).toBeNull()
  })

  it('reads a hybrid file: the table, then its /XRefStm for the compressed objects', () => {
    const f = new FileBuilder()
    f.obj(1, CATALOG)
    f.obj(3, PAGE)
    const stm = objectStream([[2, PAGES]])
    f.obj(5, `<</Type /ObjStm /N 1 /First ${stm.first} /Filter /FlateDecode>>`, stm.data)
    const xrefStmAt = f.length
    f.obj(
      6,
      '<</Type /XRef /Size 7 /W [1 4 2] /Index [2 1] /Filter /FlateDecode /DecodeParms <</Predictor 12 /Columns 7>>>>',
      xrefRows([[2, 5, 0]]),
    )
    f.table(
      [
        [0, '0000000000 65535 f'],
        [1, row(f.offsets.get(1)!)],
        [2, '0000000000 00000 f'],
        [3, row(f.offsets.get(3)!)],
        [5, row(f.offsets.get(5)!)],
      ],
      `<</Size 7 /Root 1 0 R /XRefStm ${xrefStmAt}>>`,
    )
    const doc = openPdf(f.bytes())
    expect(doc.xrefStream).toBe(false)
    expect(doc.entries.get(2)?.objStm).toEqual({ num: 5, index: 0 })
    expect(getObject(doc, pageRef(doc, 0))).toBeInstanceOf(PdfDict)
  })

  it('follows /Prev through an incremental update; the newer entry wins', () => {
    const f = new FileBuilder()
    f.obj(1, CATALOG)
    f.obj(2, PAGES)
    f.obj(3, PAGE)
    const firstXref = f.length
    f.table(
      [1, 2, 3].map((n) => [n, row(f.offsets.get(n)!)]),
      '<</Size 4 /Root 1 0 R>>',
    )
    f.obj(3, '<</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>>')
    f.table([[3, row(f.offsets.get(3)!)]], `<</Size 4 /Root 1 0 R /Prev ${firstXref}>>`)
    const doc = openPdf(f.bytes())
    expect(doc.sections).toHaveLength(2)
    expect(serialize((getObject(doc, new PdfRef(3, 0)) as PdfDict).get('MediaBox')!)).toBe('[0 0 200 200]')
    // Another generation is a reference to nothing, not to this object.
    expect(getObject(doc, new PdfRef(3, 1))).toBeNull()
  })
})

describe('hostile input is a PdfSyntaxError, bounded in time and memory', () => {
  it('nesting deeper than 100 levels', () => {
    expect(syntaxError(() => new PdfParser(Buffer.from('['.repeat(50_000))).parseValue()).message).toMatch(/nested too deeply/)
    expect(syntaxError(() => new PdfParser(Buffer.from('<<'.repeat(50_000))).parseValue()).message).toMatch(/nested too deeply/)
    expect(new PdfParser(Buffer.from(`${'['.repeat(90)}${']'.repeat(90)}`)).parseValue()).toBeInstanceOf(Array)
  })

  it('a /Prev loop', () => {
    const f = new FileBuilder()
    f.obj(1, CATALOG)
    const at = f.length
    f.raw(`xref\n1 1\n${row(f.offsets.get(1)!)}\r\ntrailer\n<</Size 2 /Root 1 0 R /Prev ${at}>>\nstartxref\n${at}\n%%EOF\n`)
    expect(syntaxError(() => openPdf(f.bytes())).message).toMatch(/loop/)
  })

  it('an xref subsection or /Index larger than the file allows', () => {
    const f = new FileBuilder()
    f.obj(1, CATALOG)
    const at = f.length
    f.raw(`xref\n0 4000000000\n0000000000 65535 f\r\ntrailer\n<</Size 2 /Root 1 0 R>>\nstartxref\n${at}\n%%EOF\n`)
    expect(syntaxError(() => openPdf(f.bytes())).message).toMatch(/larger than the file/)

    const g = new FileBuilder()
    const xrefAt = g.length
    g.obj(1, '<</Type /XRef /Size 99999999 /W [1 4 2] /Root 1 0 R>>', new Uint8Array(7))
    g.raw(`startxref\n${xrefAt}\n%%EOF\n`)
    expect(syntaxError(() => openPdf(g.bytes())).message).toMatch(/more entries than its data holds/)
  })

  it('invalid /W, unsupported filters and predictors', () => {
    for (const [dict, message] of [
      ['<</Type /XRef /Size 1 /W [1 40 2]>>', /W/],
      ['<</Type /XRef /Size 1 /W [0 0 0]>>', /all zero/],
      ['<</Type /XRef /Size 1 /W [1 4 2] /Filter /LZWDecode>>', /unsupported stream filter/],
      ['<</Type /XRef /Size 1 /W [1 4 2] /Filter /FlateDecode /DecodeParms <</Predictor 12 /Columns 99999>>>>', /FlateDecode|predictor/],
    ] as const) {
      const f = new FileBuilder()
      const at = f.length
      f.obj(1, dict, new Uint8Array(deflateSync(new Uint8Array(14))))
      f.raw(`startxref\n${at}\n%%EOF\n`)
      expect(syntaxError(() => openPdf(f.bytes())).message, dict).toMatch(message)
    }
  })

  it('a zip bomb: inflating stops at the budget', () => {
    const f = new FileBuilder()
    const at = f.length
    f.obj(1, '<</Type /XRef /Size 2 /W [1 4 2] /Filter /FlateDecode>>', new Uint8Array(deflateSync(Buffer.alloc(8 * 1024 * 1024))))
    f.raw(`startxref\n${at}\n%%EOF\n`)
    const context = new ParseContext(new Budget({ ...DEFAULT_LIMITS, maxInflatedBytes: 1024 * 1024 }))
    expect(syntaxError(() => openPdf(f.bytes(), { context })).message).toMatch(/budget|too large/)
  })

  it('object streams inside object streams, and an indirect /Length that refers to itself', () => {
    const f = new FileBuilder()
    f.obj(3, '<</Length 3 0 R>>', new Uint8Array(4))
    const xrefAt = f.length
    f.obj(
      6,
      '<</Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /DecodeParms <</Predictor 12 /Columns 7>>>>',
      xrefRows([
        [0, 0, 65535],
        [2, 5, 0],
        [2, 4, 0],
        [1, f.offsets.get(3)!, 0],
        [2, 5, 1],
        [2, 4, 0],
        [1, xrefAt, 0],
      ]),
    )
    f.raw(`startxref\n${xrefAt}\n%%EOF\n`)
    const doc = openPdf(f.bytes())
    expect(syntaxError(() => getObject(doc, new PdfRef(1, 0))).message).toMatch(/itself compressed/)
    expect(syntaxError(() => getObject(doc, new PdfRef(3, 0))).message).toMatch(/nested too deeply|Length/)
    // The failure is remembered: asking again costs nothing and fails the same way.
    expect(syntaxError(() => getObject(doc, new PdfRef(3, 0)))).toBeInstanceOf(PdfSyntaxError)
  })

  it('a stream whose /Length does not end at endstream', () => {
    const bytes = Buffer.from('1 0 obj\n<</Length 3>>\nstream\nabcdef\nendstream\nendobj\n', 'latin1')
    expect(syntaxError(() => parseIndirectObject(bytes, 0)).message).toMatch(/endstream/)
    expect(parseIndirectObject(Buffer.from('1 0 obj\n<</Length 6>>\nstream\nabcdef\nendstream\nendobj\n'), 0).stream).toEqual({
      start: 29,
      end: 35,
    })
  })

  it('duplicate keys, also when spelled with #xx escapes', () => {
    expect(syntaxError(() => new PdfParser(Buffer.from('<</Type /Sig /T#79pe /Page>>')).parseValue()).message).toMatch(/duplicate/)
    expect(syntaxError(() => new PdfParser(Buffer.from('/A#zz')).parseValue()).message).toMatch(/escape/)
  })
})

describe('names and values', () => {
  it('decodes #xx in names and escapes them again when serializing', () => {
    const name = new PdfParser(Buffer.from('/Byte#52ange')).parseValue()
    expect(name).toEqual(new PdfName('ByteRange'))
    const odd = new PdfParser(Buffer.from('/A#20B#23')).parseValue()
    expect(odd).toEqual(new PdfName('A B#'))
    expect(serialize(odd)).toBe('/A#20B#23')
    expect(serialize(new PdfName('Tên'))).toBe('/T#ean')
    expect(serialize(new PdfName('Đ'))).toBe('/#c4#90')
  })

  it('writes numbers back exactly as they were read', () => {
    for (const text of ['595.275591', '0.1', '-3.25', '0.0000001', '123456789012', '100000000000000000000000']) {
      const parsed = new PdfParser(Buffer.from(text)).parseValue()
      expect(new PdfParser(Buffer.from(serialize(parsed))).parseValue(), text).toBe(parsed)
    }
    expect(serialize([0.5, 1e-7, -0, 2])).toBe('[0.5 0.0000001 0 2]')
  })

  it('compares values structurally', () => {
    const a = new PdfParser(Buffer.from('<</A [1 2 (x)] /B 3 0 R>>')).parseValue()
    const b = new PdfParser(Buffer.from('<< /B 3 0 R /A [ 1 2 <78> ] >>')).parseValue()
    const c = new PdfParser(Buffer.from('<</A [1 2 (y)] /B 3 0 R>>')).parseValue()
    expect(equalValues(a, b)).toBe(true)
    expect(equalValues(a, c)).toBe(false)
  })

  it('decodes stream data', () => {
    const doc = openPdf(compressedFile())
    expect(Buffer.from(streamData(doc, new PdfRef(5, 0))!).toString('latin1')).toContain('/Type /Catalog')
  })
})
