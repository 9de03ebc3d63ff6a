import { decodeTextString, getObject, openPdf, resolve, resolveDict, serialize, textString, type PdfDocument } from '../pdf/document.ts'
import { PdfDict, PdfName, PdfRef, PdfString } from '../pdf/objects.ts'
import { buildAppearance, VIETNAM_UTC_OFFSET_MINUTES, type Rect, type SignatureAppearance } from './appearance.ts'
import { SigningError } from './errors.ts'
import { copyDict, dict, IncrementalWriter, name } from './writer.ts'

/**
 * Appends a signature field, its widget, its appearance and a /Sig dictionary with placeholders as
 * an incremental update (ISO 32000-1 §7.5.6): the original bytes are never touched, which is what
 * keeps earlier signatures valid. The update holds only what a later signature may add: the new
 * signature dictionary, widget and appearance (with its fonts and images), the page's /Annots
 * gaining the widget, and the AcroForm's /Fields gaining it with /SigFlags 3.
 */

export interface PlaceholderOptions {
  appearance: SignatureAppearance
  /** Written to /Name; the certificate remains the authority on who signed. */
  name?: string | undefined
  reason?: string | undefined
  location?: string | undefined
  signingTime: Date
  /** The time zone the appearance and /M show; default UTC+7. */
  timeZoneOffsetMinutes?: number | undefined
  /** 0-based page index. */
  page: number
  /** [x1, y1, x2, y2] in PDF user space; default depends on the appearance (copy: top right of the page). */
  rect?: Rect | undefined
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

/** Refused before parsing, like the validator does. */
export const MAX_SIGNING_INPUT_BYTES = 100 * 1024 * 1024
const MAX_PAGE_TREE_NODES = 200_000
const MAX_PAGE_TREE_DEPTH = 64
/** Existing field names read to keep the new one unique. */
const MAX_FIELDS = 10_000
const BYTE_RANGE_PLACEHOLDER = `[0 ${'0'.repeat(10)} ${'0'.repeat(10)} ${'0'.repeat(10)}]`
const DEFAULT_RECT: Rect = [36, 36, 256, 96]
const DEFAULT_SEAL_RECT: Rect = [300, 60, 540, 170]

function pdfDate(d: Date, offsetMinutes: number): string {
  const local = new Date(d.getTime() + offsetMinutes * 60_000)
  const p = (n: number): string => String(n).padStart(2, '0')
  const abs = Math.abs(offsetMinutes)
  const zone = offsetMinutes === 0 ? 'Z' : `${offsetMinutes < 0 ? '-' : '+'}${p(Math.floor(abs / 60))}'${p(abs % 60)}'`
  return `D:${local.getUTCFullYear()}${p(local.getUTCMonth() + 1)}${p(local.getUTCDate())}${p(local.getUTCHours())}${p(local.getUTCMinutes())}${p(local.getUTCSeconds())}${zone}`
}

const unreadable = (message: string): SigningError => new SigningError('pdf-unreadable', message)

/** Opens the document for signing: size, header, a readable cross-reference chain, no encryption. */
export function openForSigning(bytes: Uint8Array): PdfDocument {
  if (bytes.length > MAX_SIGNING_INPUT_BYTES) throw unreadable(`the PDF is larger than ${MAX_SIGNING_INPUT_BYTES} bytes`)
  if (Buffer.from(bytes.subarray(0, 1024)).toString('latin1').indexOf('%PDF-') < 0) throw unreadable('not a PDF (no %PDF- header)')
  const doc = readPdf(() => openPdf(bytes))
  if (doc.trailer.get('Encrypt') !== undefined) throw new SigningError('pdf-encrypted', 'the PDF is encrypted; sign the decrypted document')
  return doc
}

/** Runs a read of the document, turning every parse failure (PdfSyntaxError, inflate errors, …) into 'pdf-unreadable'. */
function readPdf<T>(read: () => T): T {
  try {
    return read()
  } catch (e) {
    if (e instanceof SigningError) throw e
    throw unreadable(`the PDF cannot be read: ${e instanceof Error ? e.message : String(e)}`)
  }
}

const typeOf = (d: PdfDict): string | undefined => {
  const t = d.get('Type')
  return t instanceof PdfName ? t.name : undefined
}

/** The page's reference, walking /Pages with /Count to skip subtrees, bounded in depth and nodes, refusing cycles. */
export function findPage(doc: PdfDocument, index: number): PdfRef {
  const pages = resolveDict(doc, doc.trailer.get('Root'), 'catalog').get('Pages')
  if (!(pages instanceof PdfRef)) throw unreadable('catalog /Pages is not a reference')
  if (!Number.isSafeInteger(index) || index < 0) throw new SigningError('page-out-of-range', `page index ${index} is not a page`)
  let skipped = 0
  let visited = 0
  const onPath = new Set<number>()
  const visit = (ref: PdfRef, depth: number): PdfRef | undefined => {
    if (depth > MAX_PAGE_TREE_DEPTH || ++visited > MAX_PAGE_TREE_NODES) throw unreadable('page tree too deep or too large')
    if (onPath.has(ref.num)) throw unreadable('page tree has a cycle')
    const node = resolveDict(doc, ref, 'page tree node')
    const kids = resolve(doc, node.get('Kids'))
    if (typeOf(node) === 'Page' || (typeOf(node) !== 'Pages' && !Array.isArray(kids))) return skipped++ === index ? ref : undefined
    const count = node.get('Count')
    if (depth > 0 && typeof count === 'number' && Number.isSafeInteger(count) && count >= 0 && skipped + count <= index) {
      skipped += count
      return undefined
    }
    if (!Array.isArray(kids)) throw unreadable('page tree node without /Kids')
    onPath.add(ref.num)
    for (const kid of kids) {
      if (!(kid instanceof PdfRef)) throw unreadable('page tree kid is not a reference')
      const found = visit(kid, depth + 1)
      if (found) return found
    }
    onPath.delete(ref.num)
    return undefined
  }
  const found = visit(pages, 0)
  if (!found) throw new SigningError('page-out-of-range', `the document has no page ${index + 1}`)
  return found
}

/** The page's /MediaBox, inherited through /Parent when absent; A4 when nowhere to be found. */
function mediaBox(doc: PdfDocument, page: PdfDict): Rect {
  let node: PdfDict | undefined = page
  for (let depth = 0; node && depth < MAX_PAGE_TREE_DEPTH; depth++) {
    const box = resolve(doc, node.get('MediaBox'))
    if (Array.isArray(box) && box.length === 4 && box.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      const [a, b, c, d] = box as Rect
      return [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)]
    }
    const parent = resolve(doc, node.get('Parent'))
    node = parent instanceof PdfDict ? parent : undefined
  }
  return [0, 0, 595.28, 841.89]
}

function signatureRect(opts: PlaceholderOptions, page: Rect): Rect {
  const { appearance } = opts
  if (appearance.kind === 'invisible') return [0, 0, 0, 0]
  let rect = opts.rect
  if (!rect && appearance.kind === 'copy') {
    // Top right of the page, inside the 20 mm top margin (Decree 30/2020) so it covers no text.
    const width = Math.min(240, page[2] - page[0] - 40)
    const height = (appearance.lines.length + 1) * 10 + 4
    rect = [page[2] - 28 - width, page[3] - 8 - height, page[2] - 28, page[3] - 8]
  }
  rect ??= appearance.kind === 'agency' ? DEFAULT_SEAL_RECT : DEFAULT_RECT
  if (!Array.isArray(rect) || rect.length !== 4 || !rect.every((v) => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= 14_400))
    throw new SigningError('appearance-invalid', 'rect must be four finite numbers [x1, y1, x2, y2]')
  const [x1, y1, x2, y2] = rect
  if (Math.abs(x2 - x1) < 4 || Math.abs(y2 - y1) < 4)
    throw new SigningError('appearance-invalid', 'rect is too small for a visible signature')
  return [Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)]
}

function uniqueName(wanted: string, taken: Set<string>): string {
  let name = wanted
  for (let i = 2; taken.has(name); i++) name = `${wanted}_${i}`
  return name
}

export function addSignaturePlaceholder(original: Uint8Array, opts: PlaceholderOptions): Placeholder {
  if (!Number.isSafeInteger(opts.contentsSize) || opts.contentsSize < 256 || opts.contentsSize > 1024 * 1024)
    throw new RangeError('contentsSize must be between 256 bytes and 1 MiB')
  const offset = opts.timeZoneOffsetMinutes ?? VIETNAM_UTC_OFFSET_MINUTES
  const doc = openForSigning(original)

  // Everything the update rewrites is read first, so a broken document fails before anything is built.
  const read = readPdf(() => {
    const rootRef = doc.trailer.get('Root')
    if (!(rootRef instanceof PdfRef)) throw unreadable('trailer /Root is not a reference')
    const catalog = copyDict(resolveDict(doc, rootRef, 'catalog'))
    const page = findPage(doc, opts.page)
    const pageDict = copyDict(resolveDict(doc, page, 'page'))
    const annots = pageDict.get('Annots')
    const annotsArray = annots instanceof PdfRef ? getObject(doc, annots) : annots
    if (annotsArray !== undefined && annotsArray !== null && !Array.isArray(annotsArray)) throw unreadable('page /Annots is not an array')
    const acroFormValue = catalog.get('AcroForm')
    const acroForm = copyDict(acroFormValue === undefined ? new PdfDict() : resolveDict(doc, acroFormValue, 'AcroForm'))
    const fields = acroForm.get('Fields')
    const fieldsArray = resolve(doc, fields)
    if (fieldsArray !== undefined && fieldsArray !== null && !Array.isArray(fieldsArray))
      throw unreadable('AcroForm /Fields is not an array')
    const fieldNames = new Set<string>()
    for (const field of (fieldsArray ?? []).slice(0, MAX_FIELDS)) {
      const f = resolve(doc, field)
      const t = f instanceof PdfDict ? f.get('T') : undefined
      if (t instanceof PdfString) fieldNames.add(decodeTextString(t))
    }
    return {
      rootRef,
      catalog,
      page,
      pageDict,
      annots,
      annotsArray: annotsArray ?? [],
      acroFormValue,
      acroForm,
      fields,
      fieldsArray: fieldsArray ?? [],
      fieldNames,
    }
  })
  const rect = signatureRect(
    opts,
    readPdf(() => mediaBox(doc, read.pageDict)),
  )

  const writer = readPdf(() => new IncrementalWriter(doc, doc.xrefStream))
  const sigRef = writer.alloc()
  const widgetRef = writer.alloc()
  const [x1, y1, x2, y2] = rect
  const apRef =
    opts.appearance.kind === 'invisible'
      ? undefined
      : buildAppearance(writer, opts.appearance, x2 - x1, y2 - y1, { signingTime: opts.signingTime, timeZoneOffsetMinutes: offset })

  writer.put(
    widgetRef,
    dict({
      Type: name('Annot'),
      Subtype: name('Widget'),
      FT: name('Sig'),
      T: textString(uniqueName(`Signature${sigRef.num}`, read.fieldNames)),
      V: sigRef,
      P: read.page,
      Rect: rect,
      F: 4,
      AP: apRef ? dict({ N: apRef }) : undefined,
    }),
  )

  // The page gets the widget in /Annots; an indirect /Annots array is rewritten in place instead.
  if (read.annots instanceof PdfRef) writer.put(read.annots, [...read.annotsArray, widgetRef])
  else {
    read.pageDict.entries.set('Annots', [...read.annotsArray, widgetRef])
    writer.put(read.page, read.pageDict)
  }

  // AcroForm: append to /Fields (wherever it lives) and set SigFlags 3 (signatures exist, append only).
  const { acroForm, acroFormValue } = read
  if (read.fields instanceof PdfRef) writer.put(read.fields, [...read.fieldsArray, widgetRef])
  else acroForm.entries.set('Fields', [...read.fieldsArray, widgetRef])
  acroForm.entries.set('SigFlags', 3)
  if (acroFormValue instanceof PdfRef) writer.put(acroFormValue, acroForm)
  else {
    read.catalog.entries.set('AcroForm', acroForm)
    writer.put(read.rootRef, read.catalog)
  }

  // The signature dictionary is written by hand so the placeholders sit at known offsets.
  const contentsPlaceholder = `<${'0'.repeat(opts.contentsSize * 2)}>`
  const text = (v: string | undefined): string | undefined => (v ? serialize(textString(v.normalize('NFC'))) : undefined)
  const extra = [
    `/M ${serialize(new PdfString(Buffer.from(pdfDate(opts.signingTime, offset), 'latin1'), true))}`,
    opts.name ? `/Name ${text(opts.name)}` : '',
    opts.reason ? `/Reason ${text(opts.reason)}` : '',
    opts.location ? `/Location ${text(opts.location)}` : '',
  ].filter(Boolean)
  const sigHead = `<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached ${extra.join(' ')} /ByteRange `
  writer.putRaw(sigRef, `${sigHead}${BYTE_RANGE_PLACEHOLDER} /Contents ${contentsPlaceholder}>>`)

  const { pdf, offsets } = writer.write()
  const byteRangeStart = offsets.get(sigRef.num)! + `${sigRef.num} ${sigRef.gen} obj\n`.length + sigHead.length
  const contentsStart = byteRangeStart + BYTE_RANGE_PLACEHOLDER.length + ' /Contents '.length
  return {
    pdf,
    contentsStart,
    contentsEnd: contentsStart + contentsPlaceholder.length,
    byteRangeStart,
    byteRangeLength: BYTE_RANGE_PLACEHOLDER.length,
  }
}
