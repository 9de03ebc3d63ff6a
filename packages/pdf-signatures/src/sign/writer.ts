import { deflateSync } from 'node:zlib'
import { serialize, type PdfDocument } from '../pdf/document.ts'
import { PdfDict, PdfName, PdfRef, type PdfValue } from '../pdf/objects.ts'

/**
 * The objects of one incremental update (ISO 32000-1 §7.5.6) and how they are written: after the
 * original bytes, with a cross-reference section of the same kind as the previous one (a classic
 * table, or a cross-reference stream when the file already uses them), chained by /Prev.
 */

/** Where appearance builders put their objects; only the writer knows object numbers and offsets. */
export interface ObjectSink {
  alloc(): PdfRef
  put(ref: PdfRef, value: PdfValue): void
  /** A stream object; `data` is Flate-compressed unless `compress` is false. */
  putStream(ref: PdfRef, dict: PdfDict, data: Uint8Array, compress?: boolean): void
}

export function dict(entries: Record<string, PdfValue | undefined>): PdfDict {
  const d = new PdfDict()
  for (const [k, v] of Object.entries(entries)) if (v !== undefined) d.entries.set(k, v)
  return d
}

export function copyDict(d: PdfDict): PdfDict {
  const out = new PdfDict()
  for (const [k, v] of d.entries) out.entries.set(k, v)
  return out
}

export const name = (n: string): PdfName => new PdfName(n)

interface PendingObject {
  ref: PdfRef
  parts: Buffer[]
}

export interface WrittenUpdate {
  pdf: Uint8Array
  /** Offset of each written object's "num gen obj" header. */
  offsets: Map<number, number>
}

const latin1 = (s: string): Buffer => Buffer.from(s, 'latin1')

export class IncrementalWriter implements ObjectSink {
  private nextNum: number
  private readonly objects = new Map<number, PendingObject>()

  constructor(
    private readonly doc: PdfDocument,
    /** Write the new section as a cross-reference stream (the previous one was one). */
    private readonly xrefStream: boolean,
  ) {
    const size = doc.trailer.get('Size')
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 1) throw new TypeError('trailer /Size is missing')
    // A /Size that undercounts must not make new objects overwrite existing ones.
    let highest = 0
    for (const num of doc.entries.keys()) highest = Math.max(highest, num)
    this.nextNum = Math.max(size, highest + 1)
  }

  alloc(): PdfRef {
    return new PdfRef(this.nextNum++, 0)
  }

  put(ref: PdfRef, value: PdfValue): void {
    this.putRaw(ref, serialize(value))
  }

  /** An object whose body is written exactly as given (the signature dictionary with its placeholders). */
  putRaw(ref: PdfRef, body: string): void {
    this.objects.set(ref.num, { ref, parts: [latin1(body)] })
  }

  putStream(ref: PdfRef, streamDict: PdfDict, data: Uint8Array, compress = true): void {
    const d = copyDict(streamDict)
    const body = compress ? deflateSync(data) : Buffer.from(data)
    if (compress) d.entries.set('Filter', name('FlateDecode'))
    d.entries.set('Length', body.length)
    this.objects.set(ref.num, { ref, parts: [latin1(`${serialize(d)}\nstream\n`), body, latin1('\nendstream')] })
  }

  /** The original bytes followed by the update. */
  write(): WrittenUpdate {
    const original = this.doc.bytes
    const chunks: Buffer[] = []
    let length = original.length
    const push = (b: Buffer): void => {
      chunks.push(b)
      length += b.length
    }
    const last = original[original.length - 1]
    if (last !== 0x0a && last !== 0x0d) push(latin1('\n'))
    const offsets = new Map<number, number>()
    const pending = [...this.objects.values()].sort((a, b) => a.ref.num - b.ref.num)
    for (const { ref, parts } of pending) {
      offsets.set(ref.num, length)
      push(latin1(`${ref.num} ${ref.gen} obj\n`))
      for (const p of parts) push(p)
      push(latin1('\nendobj\n'))
    }
    const carried: Record<string, PdfValue | undefined> = {
      Root: this.doc.trailer.get('Root'),
      Info: this.doc.trailer.get('Info'),
      ID: this.doc.trailer.get('ID'),
    }
    if (this.xrefStream) {
      const xrefRef = this.alloc()
      const xrefAt = length
      offsets.set(xrefRef.num, xrefAt)
      const rows = [...pending.map((p) => ({ ref: p.ref, at: offsets.get(p.ref.num)! })), { ref: xrefRef, at: xrefAt }]
      const offsetBytes = Math.max(4, Math.ceil(Math.log2(xrefAt + 1) / 8))
      const data = Buffer.alloc(rows.length * (1 + offsetBytes + 2))
      rows.forEach((row, i) => {
        const base = i * (1 + offsetBytes + 2)
        data[base] = 1
        data.writeUIntBE(row.at, base + 1, offsetBytes)
        data.writeUInt16BE(row.ref.gen, base + 1 + offsetBytes)
      })
      const xrefDict = dict({
        Type: name('XRef'),
        Size: this.nextNum,
        W: [1, offsetBytes, 2],
        Index: subsections(rows.map((r) => r.ref.num)).flatMap((s) => [s.first, s.count]),
        Prev: this.doc.startxref,
        ...carried,
      })
      const body = deflateSync(data)
      xrefDict.entries.set('Filter', name('FlateDecode'))
      xrefDict.entries.set('Length', body.length)
      push(latin1(`${xrefRef.num} 0 obj\n${serialize(xrefDict)}\nstream\n`))
      push(body)
      push(latin1(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`))
    } else {
      const xrefAt = length
      let text = 'xref\n'
      for (const { first, count } of subsections(pending.map((p) => p.ref.num))) {
        text += `${first} ${count}\n`
        for (let num = first; num < first + count; num++) {
          const gen = this.objects.get(num)!.ref.gen
          text += `${String(offsets.get(num)).padStart(10, '0')} ${String(gen).padStart(5, '0')} n\r\n`
        }
      }
      const trailer = dict({ Size: this.nextNum, Prev: this.doc.startxref, ...carried })
      push(latin1(`${text}trailer\n${serialize(trailer)}\nstartxref\n${xrefAt}\n%%EOF\n`))
    }
    const pdf = new Uint8Array(length)
    pdf.set(original, 0)
    let at = original.length
    for (const c of chunks) {
      pdf.set(c, at)
      at += c.length
    }
    return { pdf, offsets }
  }
}

function subsections(sortedNums: number[]): { first: number; count: number }[] {
  const out: { first: number; count: number }[] = []
  for (const num of sortedNums) {
    const last = out[out.length - 1]
    if (last && last.first + last.count === num) last.count++
    else out.push({ first: num, count: 1 })
  }
  return out
}
