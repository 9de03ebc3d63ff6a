import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import PDFDocument from 'pdfkit'
import QRCode from 'qrcode'
import type { FormAgency } from './form-data.ts'
import { placeAndDate, upper } from './format.ts'

/**
 * The page layout shared by the one-stop forms (Circular 01/2018/TT-VPCP, Mẫu 01–06), following the
 * presentation rules of Decree 30/2020/NĐ-CP Appendix I: A4 portrait, margins top/bottom 20 mm,
 * left 30 mm, right 20 mm, Times New Roman 13 pt (Tinos is metric-compatible, so line breaks match
 * what a clerk sees in Word), the two-column header with the national motto, page numbers from
 * page 2. Every helper draws at `doc.y` and leaves `doc.y` below what it drew.
 */

export type Doc = PDFKit.PDFDocument

const MM = 72 / 25.4
export const PAGE = { width: 595.28, height: 841.89 } as const
export const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 20 * MM } as const
export const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right
export const CONTENT_BOTTOM = PAGE.height - MARGIN.bottom

export const FONT = { regular: 'Tinos', bold: 'Tinos-Bold', italic: 'Tinos-Italic', boldItalic: 'Tinos-BoldItalic' } as const
export const SIZE = { header: 12, motto: 13, title: 14, body: 13, table: 12, note: 11, qrLabel: 7, pageNumber: 13 } as const
/** Extra space between lines of body text: about 1.15 lines, inside Decree 30's "single to 1.5". */
export const LINE_GAP = 1.5

// ---------------------------------------------------------------- document

const FONT_FILES: Record<string, string> = {
  [FONT.regular]: '@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf',
  [FONT.bold]: '@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf',
  [FONT.italic]: '@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf',
  [FONT.boldItalic]: '@expo-google-fonts/tinos/700Bold_Italic/Tinos_700Bold_Italic.ttf',
}
let fontData: Map<string, Buffer> | undefined

/** Read once per process: the four faces are ~2 MB and every rendered form needs them. */
function fonts(): Map<string, Buffer> {
  if (!fontData) {
    const require = createRequire(import.meta.url)
    fontData = new Map(Object.entries(FONT_FILES).map(([name, spec]) => [name, readFileSync(require.resolve(spec))]))
  }
  return fontData
}

export interface FormMeta {
  title: string
  author: string
  subject: string
  keywords?: string
  /** The form's own date: fixing CreationDate (and so the file ID) makes the same data render the same bytes. */
  createdAt: Date
}

export function createFormDocument(meta: FormMeta): Doc {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { ...MARGIN },
    bufferPages: true,
    lang: 'vi-VN',
    displayTitle: true,
    info: {
      Title: meta.title,
      Author: meta.author,
      Subject: meta.subject,
      ...(meta.keywords ? { Keywords: meta.keywords } : {}),
      Creator: 'Congso',
      CreationDate: meta.createdAt,
      ModDate: meta.createdAt,
    },
  })
  for (const [name, data] of fonts()) doc.registerFont(name, data)
  doc.font(FONT.regular).fontSize(SIZE.body)
  return doc
}

/** Numbers the pages (Decree 30: from page 2, centred in the top margin) and ends the document. */
export function finishDocument(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
    const { start, count } = doc.bufferedPageRange()
    if (count > 1) {
      for (let i = start + 1; i < start + count; i++) {
        doc.switchToPage(i)
        doc.font(FONT.regular).fontSize(SIZE.pageNumber)
        doc.text(String(i - start + 1), MARGIN.left, MARGIN.top / 2, { width: CONTENT_WIDTH, align: 'center', lineBreak: false })
      }
    }
    doc.end()
  })
}

/** Starts a new page when less than `height` is left, so blocks that belong together stay together. */
export function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > CONTENT_BOTTOM) doc.addPage()
}

function rule(doc: Doc, centerX: number, y: number, length: number): void {
  doc
    .moveTo(centerX - length / 2, y)
    .lineTo(centerX + length / 2, y)
    .lineWidth(0.6)
    .strokeColor('black')
    .stroke()
}

// ---------------------------------------------------------------- header

/** The agency column is the narrower one; the right one must hold the national name on one line at 12 pt. */
export const HEADER_LEFT_WIDTH = 185
const HEADER_RIGHT_WIDTH = CONTENT_WIDTH - HEADER_LEFT_WIDTH

export interface HeaderOptions {
  agency: FormAgency
  /** "Số: …" under the agency name, for forms that carry a number. */
  number?: string | null
  date: Date
}

/**
 * Left: parent body (regular) over the agency name (bold), both upper case, with a rule 1/3–1/2 as
 * long as the name; right: the national name and the motto with a rule as long as the motto. The
 * number and the place-and-date line share one baseline below, the latter centred under the motto
 * (Decree 30, Appendix I, items 1–4).
 */
export function drawHeader(doc: Doc, h: HeaderOptions): void {
  const left = MARGIN.left
  const right = MARGIN.left + HEADER_LEFT_WIDTH
  const leftCenter = left + HEADER_LEFT_WIDTH / 2
  const rightCenter = right + HEADER_RIGHT_WIDTH / 2
  const top = MARGIN.top

  let ly = top
  const parent = h.agency.parentName?.trim()
  if (parent) {
    doc.font(FONT.regular).fontSize(SIZE.header).text(upper(parent), left, ly, { width: HEADER_LEFT_WIDTH, align: 'center' })
    ly = doc.y
  }
  const agencyName = upper(h.agency.name)
  doc.font(FONT.bold).fontSize(SIZE.header).text(agencyName, left, ly, { width: HEADER_LEFT_WIDTH, align: 'center' })
  const nameWidth = Math.min(doc.widthOfString(agencyName), HEADER_LEFT_WIDTH)
  ly = doc.y + 3
  rule(doc, leftCenter, ly, Math.max(nameWidth * 0.4, 40))

  let ry = top
  doc.font(FONT.bold).fontSize(SIZE.header)
  doc.text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', right, ry, { width: HEADER_RIGHT_WIDTH, align: 'center' })
  ry = doc.y
  const motto = 'Độc lập - Tự do - Hạnh phúc'
  doc.font(FONT.bold).fontSize(SIZE.motto).text(motto, right, ry, { width: HEADER_RIGHT_WIDTH, align: 'center' })
  ry = doc.y + 3
  rule(doc, rightCenter, ry, doc.widthOfString(motto))

  // Both rules sit in the gap above the shared baseline, whichever column is taller.
  let y = Math.max(ly, ry) + 8
  const dateLine = placeAndDate(h.agency.place, h.date)
  doc.font(FONT.italic).fontSize(SIZE.body)
  const dateWidth = Math.min(doc.widthOfString(dateLine), CONTENT_WIDTH)
  // A long place name no longer fits under the motto: it then ends at the right margin instead.
  const dateStart = dateWidth <= HEADER_RIGHT_WIDTH ? right + (HEADER_RIGHT_WIDTH - dateWidth) / 2 : MARGIN.left + CONTENT_WIDTH - dateWidth
  if (h.number && !drawNumber(doc, `Số: ${h.number}`, y, dateStart - 12)) y = doc.y + 2
  const numberBottom = h.number ? doc.y : y
  doc.font(FONT.italic).fontSize(SIZE.body)
  if (dateWidth <= HEADER_RIGHT_WIDTH) doc.text(dateLine, right, y, { width: HEADER_RIGHT_WIDTH, align: 'center' })
  else doc.text(dateLine, dateStart, y, { width: dateWidth, align: 'right' })
  doc.x = MARGIN.left
  doc.y = Math.max(numberBottom, doc.y)
}

/**
 * "Số: …" centred under the agency name, on the baseline of the date line. Numbers built on a
 * dossier code ("…-0001/HDHS") are wider than the column: they then start at the margin and run on
 * under the slack left of the date line, shrinking to 11 pt. When even that is too narrow, the number
 * takes a line of its own at full size and the date goes below it; returns false in that case.
 */
function drawNumber(doc: Doc, text: string, y: number, limit: number): boolean {
  const room = limit - MARGIN.left
  let size: number = SIZE.body
  doc.font(FONT.regular).fontSize(size)
  while (size > 11 && doc.widthOfString(text) > room) doc.fontSize((size -= 0.5))
  const shared = doc.widthOfString(text) <= room
  if (!shared) doc.fontSize(SIZE.body)
  const width = Math.min(doc.widthOfString(text), CONTENT_WIDTH)
  const x = Math.max(MARGIN.left, MARGIN.left + (HEADER_LEFT_WIDTH - width) / 2)
  doc.text(text, x, y, { width: width + 1, align: 'left' })
  return shared
}

// ---------------------------------------------------------------- title and QR code

export const QR_SIZE = 56
const QR_GAP = 6

/** The tracking QR code as a PNG; error correction M survives the smudges of a counter printer. */
export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 0, scale: 8 })
}

export interface TitleBlock {
  title: string
  /** Centred lines under the title, e.g. "Mã hồ sơ: …". */
  lines?: string[]
  /** The QR code at the right, with the dossier code printed under it (Circular 01/2018 art. 19). */
  qr?: { png: Buffer; label: string }
}

/**
 * The title, centred on the page, with the QR code to its right. The title wraps within a band that
 * keeps clear of the QR code on both sides, so it stays centred on the page; the text is centred
 * vertically on the QR code and what follows starts below both.
 */
export function drawTitleBlock(doc: Doc, t: TitleBlock): void {
  const top = doc.y + 10
  const side = t.qr ? QR_SIZE + QR_GAP : 0
  const width = CONTENT_WIDTH - 2 * side
  const x = MARGIN.left + side
  const lines = t.lines ?? []

  doc.font(FONT.bold).fontSize(SIZE.title)
  const titleHeight = doc.heightOfString(upper(t.title), { width, align: 'center' })
  doc.font(FONT.regular).fontSize(SIZE.body)
  const linesHeight = lines.reduce((sum, l) => sum + doc.heightOfString(l, { width, align: 'center' }), 0)
  const textHeight = titleHeight + 2 + linesHeight
  doc.font(FONT.regular).fontSize(SIZE.qrLabel)
  const qrHeight = t.qr ? QR_SIZE + 2 + doc.currentLineHeight(true) : 0
  const height = Math.max(textHeight, qrHeight)

  doc
    .font(FONT.bold)
    .fontSize(SIZE.title)
    .text(upper(t.title), x, top + (height - textHeight) / 2, { width, align: 'center' })
  doc.y += 2
  doc.font(FONT.regular).fontSize(SIZE.body)
  for (const l of lines) doc.text(l, x, doc.y, { width, align: 'center' })

  if (t.qr) {
    const qrX = MARGIN.left + CONTENT_WIDTH - QR_SIZE
    doc.image(t.qr.png, qrX, top, { width: QR_SIZE, height: QR_SIZE })
    // The code is wider than the QR symbol: right-aligned to the margin, it reaches left under the
    // title band, whose text ends above it.
    doc.font(FONT.regular).fontSize(SIZE.qrLabel)
    const labelWidth = doc.widthOfString(t.qr.label)
    doc.text(t.qr.label, MARGIN.left + CONTENT_WIDTH - labelWidth, top + QR_SIZE + 2, { lineBreak: false })
  }
  doc.x = MARGIN.left
  doc.y = top + height + 10
}

// ---------------------------------------------------------------- text

export type Run = string | { text: string; bold?: boolean; italic?: boolean }

export interface ParagraphOptions {
  indent?: number
  /** Justify only single-run paragraphs: PDFKit justifies each run of a mixed line on its own. */
  align?: 'left' | 'center' | 'right' | 'justify'
  size?: number
  italic?: boolean
  /** Space after the paragraph; Decree 30 asks for at least 6 pt between paragraphs. */
  after?: number
}

function fontOf(bold: boolean, italic: boolean): string {
  if (bold) return italic ? FONT.boldItalic : FONT.bold
  return italic ? FONT.italic : FONT.regular
}

/** A paragraph of runs in mixed weights, wrapping within the text column and onto the next page. */
export function paragraph(doc: Doc, runs: Run[], opts: ParagraphOptions = {}): void {
  const parts = runs.map((r) => (typeof r === 'string' ? { text: r } : r)).filter((r) => r.text !== '')
  const indent = opts.indent ?? 0
  const width = CONTENT_WIDTH - indent
  const size = opts.size ?? SIZE.body
  doc.fontSize(size)
  ensureSpace(doc, doc.currentLineHeight(true))
  parts.forEach((r, i) => {
    doc.font(fontOf(r.bold ?? false, r.italic ?? opts.italic ?? false)).fontSize(size)
    const options = { width, align: opts.align ?? 'left', lineGap: LINE_GAP, continued: i < parts.length - 1 }
    if (i === 0) doc.text(r.text, MARGIN.left + indent, doc.y, options)
    else doc.text(r.text, options)
  })
  doc.x = MARGIN.left
  doc.y += opts.after ?? 3
}

/**
 * About the height `paragraph` will take, measured in its base face: enough to keep a closing note
 * on the page of the block above it.
 */
export function paragraphHeight(doc: Doc, runs: Run[], opts: ParagraphOptions = {}): number {
  const text = runs.map((r) => (typeof r === 'string' ? r : r.text)).join('')
  doc.font(fontOf(false, opts.italic ?? false)).fontSize(opts.size ?? SIZE.body)
  return doc.heightOfString(text, { width: CONTENT_WIDTH - (opts.indent ?? 0), lineGap: LINE_GAP }) + (opts.after ?? 3)
}

/** Two label-value fields side by side on one line (e.g. phone and e-mail), each wrapping in its half. */
export function fieldPair(doc: Doc, a: Run[], b: Run[]): void {
  const half = CONTENT_WIDTH / 2
  doc.fontSize(SIZE.body)
  ensureSpace(doc, doc.currentLineHeight(true))
  const y = doc.y
  const draw = (runs: Run[], x: number, w: number): number => {
    const parts = runs.map((r) => (typeof r === 'string' ? { text: r } : r)).filter((r) => r.text !== '')
    parts.forEach((r, i) => {
      doc.font(fontOf(r.bold ?? false, r.italic ?? false)).fontSize(SIZE.body)
      const options = { width: w, lineGap: LINE_GAP, continued: i < parts.length - 1 }
      if (i === 0) doc.text(r.text, x, y, options)
      else doc.text(r.text, options)
    })
    return doc.y
  }
  const bottom = Math.max(draw(a, MARGIN.left, half - 6), draw(b, MARGIN.left + half, half))
  doc.x = MARGIN.left
  doc.y = bottom + 3
}

// ---------------------------------------------------------------- table

export interface TableColumn {
  header: string
  /** Points; columns without a width share what is left. */
  width?: number
  align?: 'left' | 'center' | 'right'
}

const CELL_PAD = 3

/**
 * A bordered table whose cells wrap. A row never splits: one that does not fit starts a new page,
 * which repeats the header row; the header is never left alone at the foot of a page.
 */
export function drawTable(doc: Doc, columns: TableColumn[], rows: string[][], opts: { size?: number } = {}): void {
  const size = opts.size ?? SIZE.table
  const fixed = columns.reduce((sum, c) => sum + (c.width ?? 0), 0)
  const flexible = columns.filter((c) => c.width === undefined).length
  const rest = flexible > 0 ? (CONTENT_WIDTH - fixed) / flexible : 0
  const widths = columns.map((c) => c.width ?? rest)
  const xs = widths.map((_, i) => MARGIN.left + widths.slice(0, i).reduce((a, b) => a + b, 0))

  const heightOf = (cells: string[], font: string): number => {
    doc.font(font).fontSize(size)
    const heights = cells.map((c, i) => doc.heightOfString(c, { width: (widths[i] ?? 0) - 2 * CELL_PAD, lineGap: 1 }))
    return Math.max(...heights) + 2 * CELL_PAD
  }
  const drawRow = (cells: string[], font: string, height: number, header: boolean): void => {
    const y = doc.y
    doc.lineWidth(0.6).strokeColor('black')
    cells.forEach((c, i) => {
      const w = widths[i] ?? 0
      const x = xs[i] ?? MARGIN.left
      doc.rect(x, y, w, height).stroke()
      doc.font(font).fontSize(size)
      // Header cells are centred vertically; body cells start at the top like a Word table.
      const textHeight = doc.heightOfString(c, { width: w - 2 * CELL_PAD, lineGap: 1 })
      const ty = header ? y + (height - textHeight) / 2 : y + CELL_PAD
      doc.text(c, x + CELL_PAD, ty, { width: w - 2 * CELL_PAD, align: header ? 'center' : (columns[i]?.align ?? 'left'), lineGap: 1 })
    })
    doc.x = MARGIN.left
    doc.y = y + height
  }

  const headerCells = columns.map((c) => c.header)
  const headerHeight = heightOf(headerCells, FONT.bold)
  const firstHeight = rows[0] ? heightOf(rows[0], FONT.regular) : 0
  ensureSpace(doc, headerHeight + firstHeight)
  drawRow(headerCells, FONT.bold, headerHeight, true)
  for (const row of rows) {
    const height = heightOf(row, FONT.regular)
    if (doc.y + height > CONTENT_BOTTOM) {
      doc.addPage()
      drawRow(headerCells, FONT.bold, headerHeight, true)
    }
    drawRow(row, FONT.regular, height, false)
  }
  doc.y += 6
}

// ---------------------------------------------------------------- signatures

export interface Signer {
  /** Position, printed bold upper case, e.g. "Người tiếp nhận hồ sơ". */
  title: string
  note?: string
  name?: string | null
}

/** Room left for the handwritten signature (and a seal, where one is used). */
const SIGNATURE_SPACE = 56

/**
 * Signature columns: one signer sits in the right half, as a document's signer does; two share the
 * width (the applicant on the left, the officer on the right). The block never splits across pages,
 * nor leaves behind the `keepWith` points of notes that follow it.
 */
export function drawSignatures(doc: Doc, signers: Signer[], opts: { keepWith?: number } = {}): void {
  const n = Math.max(signers.length, 2)
  const width = CONTENT_WIDTH / n
  const first = n - signers.length
  doc.font(FONT.bold).fontSize(SIZE.body)
  const lineHeight = doc.currentLineHeight(true) + LINE_GAP
  ensureSpace(doc, 12 + lineHeight * 3 + SIGNATURE_SPACE + (opts.keepWith ?? 0))
  const top = doc.y + 12
  let bottom = top
  signers.forEach((s, i) => {
    const x = MARGIN.left + (first + i) * width
    doc.font(FONT.bold).fontSize(SIZE.body).text(upper(s.title), x, top, { width, align: 'center', lineGap: LINE_GAP })
    doc.font(FONT.italic).text(s.note ?? '(Ký và ghi rõ họ tên)', x, doc.y, { width, align: 'center', lineGap: LINE_GAP })
    const name = s.name?.trim()
    if (name) doc.font(FONT.bold).text(name, x, doc.y + SIGNATURE_SPACE, { width, align: 'center', lineGap: LINE_GAP })
    else doc.y += SIGNATURE_SPACE
    bottom = Math.max(bottom, doc.y)
  })
  doc.x = MARGIN.left
  doc.y = bottom + 10
}
