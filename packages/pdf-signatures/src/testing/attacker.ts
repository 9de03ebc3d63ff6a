/**
 * TEST ONLY: what an attacker does to a signed PDF — append an incremental update that redefines
 * or frees objects — and small hand-built documents to prepare attacks on (PDF Insecurity,
 * Ruhr-Universität Bochum: incremental saving, shadow and certification attacks). Also a minimal
 * certification signer (DocMDP), which the production signer does not offer.
 */
import { createHash } from 'node:crypto'
import { getObject, objectAt, openPdf, pageRef, serialize, type PdfDocument } from '../pdf/document.ts'
import { PdfDict, PdfRef, type PdfValue } from '../pdf/objects.ts'
import { buildCadesSignature } from '../sign/cms.ts'
import type { Signer } from '../sign/signer.ts'

export interface ObjectUpdate {
  num: number
  gen?: number
  /** The object's value in PDF syntax (a dictionary for a stream). */
  body: string
  /** Stream data, written raw after "stream" with a matching /Length added to the dictionary. */
  stream?: string | Uint8Array
}

export interface UpdateOptions {
  /** Object numbers to mark free in the new xref section. */
  free?: number[]
  /** Trailer entries to override (PDF syntax), e.g. { Root: '9 0 R' }. */
  trailer?: Record<string, string>
}

const latin1 = (s: string): Buffer => Buffer.from(s, 'latin1')
const pdfDate = (d: Date): string => `D:${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`

/** Appends an incremental update (objects, a classic xref section chained by /Prev, trailer) after the file. */
export function appendUpdate(pdf: Uint8Array, objects: ObjectUpdate[], opts: UpdateOptions = {}): Uint8Array {
  const doc = openPdf(pdf)
  const parts: Buffer[] = [Buffer.from(pdf)]
  let length = pdf.length
  const push = (b: Buffer): void => {
    parts.push(b)
    length += b.length
  }
  if (pdf[pdf.length - 1] !== 0x0a) push(latin1('\n'))
  const offsets = new Map<number, { offset: number; gen: number }>()
  for (const o of objects) {
    const gen = o.gen ?? 0
    offsets.set(o.num, { offset: length, gen })
    if (o.stream === undefined) push(latin1(`${o.num} ${gen} obj\n${o.body}\nendobj\n`))
    else {
      const data = typeof o.stream === 'string' ? latin1(o.stream) : Buffer.from(o.stream)
      const dict = o.body.trim().replace(/>>$/, ` /Length ${data.length}>>`)
      push(latin1(`${o.num} ${gen} obj\n${dict}\nstream\n`))
      push(data)
      push(latin1('\nendstream\nendobj\n'))
    }
  }
  const rows = new Map<number, string>()
  for (const [num, { offset, gen }] of offsets) rows.set(num, `${String(offset).padStart(10, '0')} ${String(gen).padStart(5, '0')} n\r\n`)
  for (const num of opts.free ?? []) rows.set(num, `0000000000 ${String(1).padStart(5, '0')} f\r\n`)
  const xrefAt = length
  let text = 'xref\n'
  for (const num of [...rows.keys()].sort((a, b) => a - b)) text += `${num} 1\n${rows.get(num)!}`
  const size = Math.max(Number(doc.trailer.get('Size') ?? 0), ...[...rows.keys()].map((n) => n + 1))
  const trailer: Record<string, string> = { Size: String(size), Prev: String(doc.startxref) }
  for (const key of ['Root', 'Info', 'ID']) {
    const v = doc.trailer.get(key)
    if (v !== undefined) trailer[key] = serialize(v)
  }
  Object.assign(trailer, opts.trailer ?? {})
  const entries = Object.entries(trailer).map(([k, v]) => `/${k} ${v}`)
  push(latin1(`${text}trailer\n<<${entries.join(' ')}>>\nstartxref\n${xrefAt}\n%%EOF\n`))
  return new Uint8Array(Buffer.concat(parts))
}

/** The next free object number of a file (its trailer /Size). */
export function nextObjectNumber(pdf: Uint8Array): number {
  return Number(openPdf(pdf).trailer.get('Size'))
}

/** The current value of an object, serialized (to edit and redefine in an update). */
export function objectText(pdf: Uint8Array, num: number): string {
  const obj = objectAt(openPdf(pdf), num)
  if (!obj) throw new RangeError(`no object ${num}`)
  return serialize(obj.value)
}

/** A page's object number and dictionary. */
export function pageObject(pdf: Uint8Array, index = 0): { num: number; dict: PdfDict; doc: PdfDocument } {
  const doc = openPdf(pdf)
  const ref = pageRef(doc, index)
  const dict = getObject(doc, ref)
  if (!(dict instanceof PdfDict)) throw new TypeError('page is not a dictionary')
  return { num: ref.num, dict, doc }
}

/** A copy of a dictionary with some entries replaced (PDF syntax strings) or removed (null), serialized. */
export function withEntries(dict: PdfDict, changes: Record<string, string | null>): string {
  const kept = [...dict.entries].filter(([k]) => !(k in changes)).map(([k, v]) => `/${k} ${serialize(v)}`)
  const added = Object.entries(changes)
    .filter((e): e is [string, string] => e[1] !== null)
    .map(([k, v]) => `/${k} ${v}`)
  return `<<${[...kept, ...added].join(' ')}>>`
}

/**
 * A one-page PDF written by hand from object bodies (object 1 the catalog, 2 the page tree, 3 the
 * page, the rest as given), classic xref table: the attacker's prepared original.
 */
export function buildPdf(objects: ObjectUpdate[]): Uint8Array {
  const parts: Buffer[] = [latin1('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')]
  let length = parts[0]!.length
  const offsets = new Map<number, number>()
  for (const o of [...objects].sort((a, b) => a.num - b.num)) {
    offsets.set(o.num, length)
    let text: Buffer
    if (o.stream === undefined) text = latin1(`${o.num} 0 obj\n${o.body}\nendobj\n`)
    else {
      const data = typeof o.stream === 'string' ? latin1(o.stream) : Buffer.from(o.stream)
      text = Buffer.concat([
        latin1(`${o.num} 0 obj\n${o.body.trim().replace(/>>$/, ` /Length ${data.length}>>`)}\nstream\n`),
        data,
        latin1('\nendstream\nendobj\n'),
      ])
    }
    parts.push(text)
    length += text.length
  }
  const size = Math.max(...offsets.keys()) + 1
  let xref = `xref\n0 ${size}\n0000000000 65535 f\r\n`
  for (let n = 1; n < size; n++) {
    const at = offsets.get(n)
    xref += at === undefined ? '0000000000 00001 f\r\n' : `${String(at).padStart(10, '0')} 00000 n\r\n`
  }
  parts.push(latin1(`${xref}trailer\n<</Size ${size} /Root 1 0 R>>\nstartxref\n${length}\n%%EOF\n`))
  return new Uint8Array(Buffer.concat(parts))
}

export interface TransformSignOptions {
  signer: Signer
  /** Makes it the certification signature, with this DocMDP permission (ISO 32000-1 §12.8.2.2). */
  docMdp?: 1 | 2 | 3
  /** A FieldMDP transform (§12.8.2.4): which fields it locks, and optionally a DocMDP-like /P (PDF 2.0 /Lock). */
  fieldMdp?: { action: 'All' | 'Include' | 'Exclude'; fields?: string[]; p?: 1 | 2 | 3 }
  /** Signs this existing empty signature field (its object number) instead of adding an invisible one. */
  fieldNum?: number
  contentsSize?: number
}

/**
 * A signature with transforms the production signer does not write: certification (DocMDP) and
 * FieldMDP locks, or the signing of an empty signature field that already exists. The catalog's
 * /AcroForm must be absent or a direct dictionary (as in the test documents).
 */
export async function signWithTransforms(pdf: Uint8Array, opts: TransformSignOptions): Promise<Uint8Array> {
  const doc = openPdf(pdf)
  const size = Number(doc.trailer.get('Size'))
  const root = doc.trailer.get('Root') as PdfRef
  const catalog = getObject(doc, root) as PdfDict
  const sigNum = size
  const references: string[] = []
  if (opts.docMdp)
    references.push(`<</Type /SigRef /TransformMethod /DocMDP /TransformParams <</Type /TransformParams /P ${opts.docMdp} /V /1.2>>>>`)
  if (opts.fieldMdp) {
    const { action, fields = [], p } = opts.fieldMdp
    const list = fields.map((f) => `(${f})`).join(' ')
    references.push(
      `<</Type /SigRef /TransformMethod /FieldMDP /TransformParams <</Type /TransformParams /Action /${action} /Fields [${list}]${p ? ` /P ${p}` : ''} /V /1.2>>>>`,
    )
  }
  const contentsSize = opts.contentsSize ?? 8192
  const placeholder = `[0 ${'0'.repeat(10)} ${'0'.repeat(10)} ${'0'.repeat(10)}]`
  const sigBody =
    `<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /M (${pdfDate(new Date())})` +
    (references.length ? ` /Reference [${references.join(' ')}]` : '') +
    ` /ByteRange ${placeholder} /Contents <${'0'.repeat(contentsSize * 2)}>>>`
  const objects: ObjectUpdate[] = [{ num: sigNum, body: sigBody }]
  const catalogChanges: Record<string, string> = {}
  if (opts.docMdp) catalogChanges.Perms = `<</DocMDP ${sigNum} 0 R>>`
  if (opts.fieldNum !== undefined) {
    const field = getObject(doc, new PdfRef(opts.fieldNum, 0)) as PdfDict
    objects.push({ num: opts.fieldNum, body: withEntries(field, { V: `${sigNum} 0 R` }) })
  } else {
    const page = pageObject(pdf, 0)
    const widgetNum = size + 1
    const annots = page.dict.get('Annots')
    const form = catalog.get('AcroForm')
    const fields = form instanceof PdfDict ? form.get('Fields') : undefined
    const list = (v: PdfValue | undefined, add: string): string => `[${[...(Array.isArray(v) ? v.map(serialize) : []), add].join(' ')}]`
    catalogChanges.AcroForm = `<</Fields ${list(fields, `${widgetNum} 0 R`)} /SigFlags 3>>`
    objects.push(
      { num: page.num, body: withEntries(page.dict, { Annots: list(annots, `${widgetNum} 0 R`) }) },
      {
        num: widgetNum,
        body: `<</Type /Annot /Subtype /Widget /FT /Sig /T (Certification) /V ${sigNum} 0 R /P ${page.num} 0 R /Rect [0 0 0 0] /F 132>>`,
      },
    )
  }
  if (Object.keys(catalogChanges).length) objects.push({ num: root.num, gen: root.gen, body: withEntries(catalog, catalogChanges) })
  const updated = appendUpdate(pdf, objects)
  const text = Buffer.from(updated).toString('latin1')
  const brAt = text.lastIndexOf(`/ByteRange ${placeholder}`) + '/ByteRange '.length
  const contentsStart = text.indexOf('/Contents <', brAt) + '/Contents '.length
  const contentsEnd = contentsStart + contentsSize * 2 + 2
  const range = `[0 ${contentsStart} ${contentsEnd} ${updated.length - contentsEnd}]`.padEnd(placeholder.length, ' ')
  const out = Uint8Array.from(updated)
  out.set(latin1(range), brAt)
  const digest = createHash('sha256').update(out.subarray(0, contentsStart)).update(out.subarray(contentsEnd)).digest()
  const cms = await buildCadesSignature(new Uint8Array(digest), opts.signer)
  out.set(latin1(Buffer.from(cms).toString('hex')), contentsStart + 1)
  return out
}

/** A certification signature: an invisible signature field with a DocMDP transform, named by the catalog's /Perms /DocMDP. */
export function certifyPdf(pdf: Uint8Array, opts: { signer: Signer; permission: 1 | 2 | 3; contentsSize?: number }): Promise<Uint8Array> {
  return signWithTransforms(pdf, {
    signer: opts.signer,
    docMdp: opts.permission,
    ...(opts.contentsSize ? { contentsSize: opts.contentsSize } : {}),
  })
}
