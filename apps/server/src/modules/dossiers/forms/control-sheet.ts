import type { ControlSheetData, ControlSheetRow, HandOverOutcome } from './form-data.ts'
import { BLANK, nfc, orBlank, timeAndDate } from './format.ts'
import {
  CONTENT_BOTTOM,
  CONTENT_WIDTH,
  type Doc,
  FONT,
  MARGIN,
  SIZE,
  createFormDocument,
  drawHeader,
  drawTitleBlock,
  finishDocument,
  paragraph,
  qrPng,
} from './layout.ts'

/**
 * Mẫu số 05, Circular 01/2018/TT-VPCP (Mẫu số 06 in Circular 03/2025/TT-VPCP [likely]): the sheet
 * that travels with the dossier from the one-stop counter through every unit that handles it and
 * back. Each hand-over is a row: who gave it to whom and when, and whether that step kept to the
 * time allotted to it.
 */
export const CONTROL_SHEET_TITLE = 'Phiếu kiểm soát quá trình giải quyết hồ sơ'

export const OUTCOME_LABEL: Record<HandOverOutcome, string> = {
  early: 'Trước hạn',
  on_time: 'Đúng hạn',
  late: 'Quá hạn',
}

/** What the clerk fills in by hand for a hand-over still to come. */
const BLANK_TIME = '…… giờ …… phút, ngày ……/……/………'

// ---------------------------------------------------------------- the table

/**
 * The template's columns, with the giver and receiver under the time of the hand-over as on the
 * paper form: TT | Tên cơ quan, đơn vị | Thời gian giao, nhận (Người giao | Người nhận) | Kết quả | Ghi chú.
 */
const W = { no: 24, agency: 130, giver: 75, receiver: 75, outcome: 70 } as const
const W_TIME = W.giver + W.receiver
const W_NOTE = CONTENT_WIDTH - W.no - W.agency - W_TIME - W.outcome
const X = {
  no: MARGIN.left,
  agency: MARGIN.left + W.no,
  time: MARGIN.left + W.no + W.agency,
  receiver: MARGIN.left + W.no + W.agency + W.giver,
  outcome: MARGIN.left + W.no + W.agency + W_TIME,
  note: MARGIN.left + W.no + W.agency + W_TIME + W.outcome,
}
const PAD = 3
const GAP = 1

const HEADER = {
  no: 'TT',
  agency: 'Tên cơ quan, đơn vị',
  time: 'Thời gian giao, nhận hồ sơ',
  giver: 'Người giao',
  receiver: 'Người nhận',
  outcome: 'Kết quả giải quyết hồ sơ',
  /** Under the outcome heading, in italics as the template's explanatory notes are. */
  outcomeNote: '(trước hạn/ đúng hạn/ quá hạn)',
  note: 'Ghi chú',
} as const

function textHeight(doc: Doc, text: string, width: number, font: string): number {
  if (text === '') return 0
  doc.font(font).fontSize(SIZE.table)
  return doc.heightOfString(text, { width: width - 2 * PAD, lineGap: GAP })
}

/** Draws `text` in a cell; beyond `maxHeight` (a row taller than a page) it ends with an ellipsis. */
function cellText(
  doc: Doc,
  text: string,
  x: number,
  y: number,
  width: number,
  opts: { font?: string; align?: 'left' | 'center'; maxHeight?: number } = {},
): void {
  if (text === '') return
  doc.font(opts.font ?? FONT.regular).fontSize(SIZE.table)
  doc.text(text, x + PAD, y, {
    width: width - 2 * PAD,
    align: opts.align ?? 'left',
    lineGap: GAP,
    ...(opts.maxHeight === undefined ? {} : { height: opts.maxHeight, ellipsis: true }),
  })
}

function box(doc: Doc, x: number, y: number, w: number, h: number): void {
  doc.lineWidth(0.6).strokeColor('black').rect(x, y, w, h).stroke()
}

function outcomeHeaderHeight(doc: Doc): number {
  return textHeight(doc, HEADER.outcome, W.outcome, FONT.bold) + textHeight(doc, HEADER.outcomeNote, W.outcome, FONT.italic)
}

/** The two header rows; the time heading spans the giver and receiver columns. */
function headerHeights(doc: Doc): { top: number; bottom: number } {
  const bottom = Math.max(textHeight(doc, HEADER.giver, W.giver, FONT.bold), textHeight(doc, HEADER.receiver, W.receiver, FONT.bold))
  const top = textHeight(doc, HEADER.time, W_TIME, FONT.bold)
  const spanning = Math.max(
    textHeight(doc, HEADER.no, W.no, FONT.bold),
    textHeight(doc, HEADER.agency, W.agency, FONT.bold),
    outcomeHeaderHeight(doc),
    textHeight(doc, HEADER.note, W_NOTE, FONT.bold),
  )
  const b = bottom + 2 * PAD
  return { top: Math.max(top + 2 * PAD, spanning + 2 * PAD - b), bottom: b }
}

function drawHeaderRow(doc: Doc): void {
  const { top, bottom } = headerHeights(doc)
  const y = doc.y
  const h = top + bottom
  const centred = (text: string, x: number, w: number, cy: number, ch: number): void => {
    box(doc, x, cy, w, ch)
    cellText(doc, text, x, cy + (ch - textHeight(doc, text, w, FONT.bold)) / 2, w, { font: FONT.bold, align: 'center' })
  }
  centred(HEADER.no, X.no, W.no, y, h)
  centred(HEADER.agency, X.agency, W.agency, y, h)
  centred(HEADER.time, X.time, W_TIME, y, top)
  centred(HEADER.giver, X.time, W.giver, y + top, bottom)
  centred(HEADER.receiver, X.receiver, W.receiver, y + top, bottom)
  box(doc, X.outcome, y, W.outcome, h)
  const outcomeTop = y + (h - outcomeHeaderHeight(doc)) / 2
  cellText(doc, HEADER.outcome, X.outcome, outcomeTop, W.outcome, { font: FONT.bold, align: 'center' })
  cellText(doc, HEADER.outcomeNote, X.outcome, doc.y, W.outcome, { font: FONT.italic, align: 'center' })
  centred(HEADER.note, X.note, W_NOTE, y, h)
  doc.x = MARGIN.left
  doc.y = y + h
}

interface RowCells {
  no: string
  agency: string
  time: string
  giver: string
  receiver: string
  outcome: string
  note: string
}

/** "08 giờ 30 phút, ngày 23/11/2026", broken after the comma when it needs two lines. */
function timeCell(doc: Doc, at: Date | null): string {
  const t = at ? timeAndDate(at) : BLANK_TIME
  return textHeight(doc, t, W_TIME, FONT.regular) > textHeight(doc, 'x', W_TIME, FONT.regular) ? t.replace(', ', ',\n') : t
}

function cellsOf(doc: Doc, r: ControlSheetRow, i: number): RowCells {
  return {
    no: String(i + 1),
    agency: `Giao: ${r.fromName.trim()}\nNhận: ${r.toName.trim()}`,
    time: timeCell(doc, r.handedOverAt),
    giver: r.giver?.trim() ?? '',
    receiver: r.receiver?.trim() ?? '',
    outcome: r.outcome ? OUTCOME_LABEL[r.outcome] : '',
    note: r.note?.trim() ?? '',
  }
}

/** A row left to fill in by hand keeps room for two signatures under the time. */
const MIN_NAMES_HEIGHT = 36

function rowLayout(doc: Doc, c: RowCells): { time: number; height: number } {
  const time = textHeight(doc, c.time, W_TIME, FONT.regular) + 2 * PAD
  const names = Math.max(textHeight(doc, c.giver, W.giver, FONT.regular), textHeight(doc, c.receiver, W.receiver, FONT.regular))
  const namesHeight = c.giver === '' && c.receiver === '' ? MIN_NAMES_HEIGHT : names + 2 * PAD
  const others = Math.max(
    textHeight(doc, c.no, W.no, FONT.regular),
    textHeight(doc, c.agency, W.agency, FONT.regular),
    textHeight(doc, c.outcome, W.outcome, FONT.regular),
    textHeight(doc, c.note, W_NOTE, FONT.regular),
  )
  return { time, height: Math.max(time + namesHeight, others + 2 * PAD) }
}

function drawRow(doc: Doc, c: RowCells, layout: { time: number; height: number }, maxHeight: number): void {
  const y = doc.y
  const h = Math.min(layout.height, maxHeight)
  const inner = h - 2 * PAD
  box(doc, X.no, y, W.no, h)
  box(doc, X.agency, y, W.agency, h)
  box(doc, X.time, y, W_TIME, layout.time)
  box(doc, X.time, y + layout.time, W.giver, h - layout.time)
  box(doc, X.receiver, y + layout.time, W.receiver, h - layout.time)
  box(doc, X.outcome, y, W.outcome, h)
  box(doc, X.note, y, W_NOTE, h)
  const top = y + PAD
  cellText(doc, c.no, X.no, top, W.no, { align: 'center' })
  cellText(doc, c.agency, X.agency, top, W.agency, { maxHeight: inner })
  cellText(doc, c.time, X.time, top, W_TIME, { align: 'center' })
  const namesTop = y + layout.time + PAD
  const namesMax = h - layout.time - 2 * PAD
  cellText(doc, c.giver, X.time, namesTop, W.giver, { align: 'center', maxHeight: namesMax })
  cellText(doc, c.receiver, X.receiver, namesTop, W.receiver, { align: 'center', maxHeight: namesMax })
  cellText(doc, c.outcome, X.outcome, top, W.outcome, { align: 'center' })
  cellText(doc, c.note, X.note, top, W_NOTE, { maxHeight: inner })
  doc.x = MARGIN.left
  doc.y = y + h
}

/**
 * A row never splits: one that does not fit starts a new page, which repeats the header rows; the
 * header never stays alone at the foot of a page. A row taller than a whole page (only with an
 * absurdly long note) is cut to the page with an ellipsis rather than run into the margin.
 */
function drawHandOvers(doc: Doc, rows: ControlSheetRow[]): void {
  const { top, bottom } = headerHeights(doc)
  const headerHeight = top + bottom
  const maxHeight = CONTENT_BOTTOM - MARGIN.top - headerHeight
  const cells = rows.map((r, i) => cellsOf(doc, r, i))
  const layouts = cells.map((c) => rowLayout(doc, c))
  const first = Math.min(layouts[0]?.height ?? 0, maxHeight)
  if (doc.y + headerHeight + first > CONTENT_BOTTOM) doc.addPage()
  drawHeaderRow(doc)
  cells.forEach((c, i) => {
    const layout = layouts[i] ?? { time: 0, height: 0 }
    if (doc.y + Math.min(layout.height, maxHeight) > CONTENT_BOTTOM) {
      doc.addPage()
      drawHeaderRow(doc)
    }
    drawRow(doc, c, layout, maxHeight)
  })
  doc.y += 6
}

// ---------------------------------------------------------------- the form

export async function renderControlSheet(input: ControlSheetData): Promise<Buffer> {
  const d = nfc(input)
  const doc = createFormDocument({
    title: CONTROL_SHEET_TITLE,
    author: d.agency.name,
    subject: d.dossierCode,
    keywords: 'Mẫu số 05, Thông tư 01/2018/TT-VPCP',
    createdAt: d.printedAt,
  })
  drawHeader(doc, { agency: d.agency, date: d.printedAt })
  const tracking = d.trackingUrl?.trim()
  drawTitleBlock(doc, {
    // Beside the QR code the title takes two lines: broken where the sense allows, not before "SƠ".
    title: tracking ? 'Phiếu kiểm soát quá trình\ngiải quyết hồ sơ' : CONTROL_SHEET_TITLE,
    lines: [`Mã hồ sơ: ${d.dossierCode}`],
    ...(tracking ? { qr: { png: await qrPng(tracking), label: d.dossierCode } } : {}),
  })
  paragraph(doc, ['Người nộp hồ sơ: Ông/Bà ', { text: d.applicantName, bold: true }])
  paragraph(doc, ['Nội dung yêu cầu giải quyết: ', { text: d.procedureName, bold: true }])
  paragraph(doc, [`Cơ quan tiếp nhận hồ sơ: ${d.agency.name}`])
  paragraph(doc, [`Cơ quan (bộ phận) giải quyết hồ sơ: ${orBlank(d.competentAgencyName)}`])
  paragraph(doc, [`Thời gian nhận hồ sơ: ${timeAndDate(d.receivedAt)}.`])
  paragraph(doc, ['Thời gian hẹn trả kết quả: ', d.dueAt ? { text: `${timeAndDate(d.dueAt)}.`, bold: true } : BLANK], { after: 8 })
  drawHandOvers(doc, d.rows)
  return finishDocument(doc)
}
