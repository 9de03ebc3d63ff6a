import { getObject, openPdf, pageRef, resolve, resolveDict, serialize, textString, type PdfDocument } from '../pdf/document.ts'
import { PdfDict, PdfName, PdfRef, PdfString, type PdfValue } from '../pdf/objects.ts'
import { appearanceContent } from './appearance.ts'

/**
 * Appends a signature field, its widget, its appearance and a /Sig dictionary with placeholders as
 * an incremental update (ISO 32000-1 §7.5.6): the original bytes are never touched, which is what
 * keeps earlier signatures valid.
 */

export interface PlaceholderOptions {
  name: string
  title?: string | undefined
  reason?: string | undefined
  location?: string | undefined
  signingTime: Date
  /** 0-based page index. */
  page: number
  /** [x1, y1, x2, y2] in PDF user space. */
  rect: [number, number, number, number]
  /** Bytes reserved for the CMS; the hex placeholder is twice as long. */
  contentsSize: number
}

export interface Placeholder {
  pdf: Uint8Array
  /** Offset of "<" of the /Contents hex string. */
  contentsStart: number
  /** Offset just after ">". */
  contentsEnd: number
  byteRangeStart: number
  byteRangeLength: number
}

const BYTE_RANGE_PLACEHOLDER = `[0 ${'0'.repeat(10)} ${'0'.repeat(10)} ${'0'.repeat(10)}]`

function pdfDate(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0')
  return `D:${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`
}

function dict(entries: Record<string, PdfValue>): PdfDict {
  const d = new PdfDict()
  for (const [k, v] of Object.entries(entries)) d.entries.set(k, v)
  return d
}

function copyDict(d: PdfDict): PdfDict {
  const out = new PdfDict()
  for (const [k, v] of d.entries) out.entries.set(k, v)
  return out
}

export function addSignaturePlaceholder(original: Uint8Array, opts: PlaceholderOptions): Placeholder {
  const doc: PdfDocument = openPdf(original)
  const rootRef = doc.trailer.get('Root')
  if (!(rootRef instanceof PdfRef)) throw new TypeError('trailer /Root is not a reference')
  const size = doc.trailer.get('Size')
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1) throw new TypeError('trailer /Size is missing')
  const catalog = copyDict(resolveDict(doc, rootRef, 'catalog'))
  const page = pageRef(doc, opts.page)

  let nextNum = size
  const sigRef = new PdfRef(nextNum++, 0)
  const widgetRef = new PdfRef(nextNum++, 0)
  const apRef = new PdfRef(nextNum++, 0)
  const updated = new Map<number, { ref: PdfRef; body: string }>()
  const put = (ref: PdfRef, value: PdfValue): void => void updated.set(ref.num, { ref, body: serialize(value) })

  const [x1, y1, x2, y2] = opts.rect
  const width = Math.abs(x2 - x1)
  const height = Math.abs(y2 - y1)
  const content = Buffer.from(appearanceContent(width, height, opts), 'latin1')
  const apDict = dict({
    Type: new PdfName('XObject'),
    Subtype: new PdfName('Form'),
    BBox: [0, 0, width, height],
    Resources: dict({
      Font: dict({
        F1: dict({
          Type: new PdfName('Font'),
          Subtype: new PdfName('Type1'),
          BaseFont: new PdfName('Helvetica'),
          Encoding: new PdfName('WinAnsiEncoding'),
        }),
      }),
    }),
    Length: content.length,
  })
  updated.set(apRef.num, { ref: apRef, body: `${serialize(apDict)}\nstream\n${content.toString('latin1')}\nendstream` })

  put(
    widgetRef,
    dict({
      Type: new PdfName('Annot'),
      Subtype: new PdfName('Widget'),
      FT: new PdfName('Sig'),
      T: textString(`Signature${sigRef.num}`),
      V: sigRef,
      P: page,
      Rect: [x1, y1, x2, y2],
      F: 4,
      AP: dict({ N: apRef }),
    }),
  )

  // The page gets the widget in /Annots; an indirect /Annots array is rewritten in place instead.
  const pageDict = copyDict(resolveDict(doc, page, 'page'))
  const annots = pageDict.get('Annots')
  if (annots instanceof PdfRef) {
    const arr = getObject(doc, annots)
    if (!Array.isArray(arr)) throw new TypeError('page /Annots is not an array')
    put(annots, [...arr, widgetRef])
  } else {
    pageDict.entries.set('Annots', [...(Array.isArray(annots) ? annots : []), widgetRef])
    put(page, pageDict)
  }

  // AcroForm: append to /Fields (wherever it lives) and set SigFlags 3 (signatures exist, append only).
  const acroFormValue = catalog.get('AcroForm')
  const acroForm = copyDict(acroFormValue === undefined ? new PdfDict() : resolveDict(doc, acroFormValue, 'AcroForm'))
  const fields = acroForm.get('Fields')
  if (fields instanceof PdfRef) {
    const arr = getObject(doc, fields)
    if (!Array.isArray(arr)) throw new TypeError('AcroForm /Fields is not an array')
    put(fields, [...arr, widgetRef])
  } else {
    const existing = resolve(doc, fields)
    acroForm.entries.set('Fields', [...(Array.isArray(existing) ? existing : []), widgetRef])
  }
  acroForm.entries.set('SigFlags', 3)
  if (acroFormValue instanceof PdfRef) put(acroFormValue, acroForm)
  else {
    catalog.entries.set('AcroForm', acroForm)
    put(rootRef, catalog)
  }

  // The signature dictionary is written by hand so the placeholders sit at known offsets.
  const contentsPlaceholder = `<${'0'.repeat(opts.contentsSize * 2)}>`
  const extra = [
    `/M ${serialize(new PdfString(Buffer.from(pdfDate(opts.signingTime), 'latin1'), true))}`,
    `/Name ${serialize(textString(opts.name))}`,
    opts.reason ? `/Reason ${serialize(textString(opts.reason))}` : '',
    opts.location ? `/Location ${serialize(textString(opts.location))}` : '',
  ].filter(Boolean)
  const sigHead = `<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached ${extra.join(' ')} /ByteRange `
  const sigBody = `${sigHead}${BYTE_RANGE_PLACEHOLDER} /Contents ${contentsPlaceholder}>>`
  updated.set(sigRef.num, { ref: sigRef, body: sigBody })

  // Write: the original bytes, then the new and changed objects, then an xref section chained by /Prev.
  const needsNewline = original[original.length - 1] !== 0x0a && original[original.length - 1] !== 0x0d
  let text = needsNewline ? '\n' : ''
  const offsets = new Map<number, number>()
  let sigObjectOffset = 0
  for (const { ref, body } of [...updated.values()].sort((a, b) => a.ref.num - b.ref.num)) {
    const at = original.length + text.length
    offsets.set(ref.num, at)
    if (ref.num === sigRef.num) sigObjectOffset = at
    text += `${ref.num} ${ref.gen} obj\n${body}\nendobj\n`
  }
  const xrefOffset = original.length + text.length
  text += 'xref\n'
  const nums = [...offsets.keys()].sort((a, b) => a - b)
  for (let i = 0; i < nums.length;) {
    let j = i
    while (j + 1 < nums.length && nums[j + 1] === nums[j]! + 1) j++
    text += `${nums[i]} ${j - i + 1}\n`
    for (let k = i; k <= j; k++) {
      const gen = updated.get(nums[k]!)!.ref.gen
      text += `${String(offsets.get(nums[k]!)).padStart(10, '0')} ${String(gen).padStart(5, '0')} n\r\n`
    }
    i = j + 1
  }
  const trailer = dict({ Size: nextNum, Root: rootRef, Prev: doc.startxref })
  for (const key of ['Info', 'ID']) {
    const v = doc.trailer.get(key)
    if (v !== undefined) trailer.entries.set(key, v)
  }
  text += `trailer\n${serialize(trailer)}\nstartxref\n${xrefOffset}\n%%EOF\n`

  const appended = Buffer.from(text, 'latin1')
  const pdf = new Uint8Array(original.length + appended.length)
  pdf.set(original, 0)
  pdf.set(appended, original.length)
  const sigObjectText = `${sigRef.num} ${sigRef.gen} obj\n`
  const byteRangeStart = sigObjectOffset + sigObjectText.length + sigHead.length
  const contentsStart = byteRangeStart + BYTE_RANGE_PLACEHOLDER.length + ' /Contents '.length
  return {
    pdf,
    contentsStart,
    contentsEnd: contentsStart + contentsPlaceholder.length,
    byteRangeStart,
    byteRangeLength: BYTE_RANGE_PLACEHOLDER.length,
  }
}
