import type { ApologyData } from './form-data.ts'
import { nfc, shortDate, timeAndDate, unbroken, upper } from './format.ts'
import {
  CONTENT_WIDTH,
  type Doc,
  FONT,
  LINE_GAP,
  MARGIN,
  SIZE,
  createFormDocument,
  drawHeader,
  drawTitleBlock,
  ensureSpace,
  finishDocument,
  paragraph,
  qrPng,
} from './layout.ts'
import { drawTracking, trackingHeight } from './parts.ts'

/**
 * Mẫu số 04, Circular 01/2018/TT-VPCP: when a dossier will miss its appointment, the agency at fault
 * apologises in writing, gives the reason and sets a new date (REGULATION §2.7). Circular 03/2025/TT-VPCP
 * renames it "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết" [likely] — the apology then
 * asks the applicant to extend; the wording below follows the 01/2018 template, still the one for
 * dossiers received before the change.
 */
export const APOLOGY_TITLE = 'Phiếu xin lỗi và hẹn lại ngày trả kết quả'

/**
 * "Ông/Bà" with a word joiner after the slash: line breaking may otherwise split it after the slash
 * ("Ông/" at a line end, "Bà." on the next). The joiner has no width and text extraction drops it.
 */
const SIR = 'Ông/\u2060Bà'

/** Room for the signature and the seal between the signer's position and name (Decree 30, item 7). */
const SIGNATURE_SPACE = 64

/**
 * "Nơi nhận" at the left (bold italic 12 pt, entries 11 pt) and the signer at the right: position
 * in bold upper case, one line per level ("KT. GIÁM ĐỐC" over "PHÓ GIÁM ĐỐC"), then the name in bold
 * (Decree 30/2020/NĐ-CP, Appendix I, items 7 and 9). The block never splits across pages.
 */
function drawSignatureBlock(doc: Doc, d: ApologyData, recipients: string[]): void {
  const half = CONTENT_WIDTH / 2
  const titleLines = d.signerTitle
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map(upper)
  doc.font(FONT.bold).fontSize(SIZE.body)
  const signerHeight =
    titleLines.reduce((sum, l) => sum + doc.heightOfString(l, { width: half, lineGap: LINE_GAP }), 0) +
    SIGNATURE_SPACE +
    doc.currentLineHeight(true) +
    LINE_GAP
  doc.font(FONT.regular).fontSize(SIZE.note)
  const recipientsHeight = 16 + recipients.reduce((sum, r) => sum + doc.heightOfString(`- ${r}`, { width: half - 12 }), 0)
  ensureSpace(doc, 8 + Math.max(signerHeight, recipientsHeight))
  const top = doc.y + 8

  doc
    .font(FONT.boldItalic)
    .fontSize(SIZE.table)
    .text('Nơi nhận:', MARGIN.left, top, { width: half - 12 })
  doc.font(FONT.regular).fontSize(SIZE.note)
  for (const r of recipients) doc.text(`- ${r}`, MARGIN.left, doc.y, { width: half - 12 })
  const leftBottom = doc.y

  const x = MARGIN.left + half
  doc.font(FONT.bold).fontSize(SIZE.body)
  doc.y = top
  for (const l of titleLines) doc.text(l, x, doc.y, { width: half, align: 'center', lineGap: LINE_GAP })
  const name = d.signerName?.trim()
  if (name) doc.text(name, x, doc.y + SIGNATURE_SPACE, { width: half, align: 'center', lineGap: LINE_GAP })
  else doc.y += SIGNATURE_SPACE
  doc.x = MARGIN.left
  doc.y = Math.max(leftBottom, doc.y) + 10
}

/**
 * "Kính gửi: Ông/Bà {name}", centred. PDFKit centres each run of a mixed line on its own, so the
 * runs are measured and drawn left-aligned from where the whole line would start.
 */
function drawAddressee(doc: Doc, name: string): void {
  const runs = [
    { text: `Kính gửi: ${SIR} `, font: FONT.regular },
    { text: name, font: FONT.bold },
  ]
  doc.fontSize(SIZE.body)
  const width = runs.reduce((sum, r) => sum + doc.font(r.font).widthOfString(r.text), 0)
  if (width > CONTENT_WIDTH) {
    paragraph(doc, [runs[0]?.text ?? '', { text: name, bold: true }], { after: 10 })
    return
  }
  const x = MARGIN.left + (CONTENT_WIDTH - width) / 2
  runs.forEach((r, i) => {
    doc.font(r.font).fontSize(SIZE.body)
    const options = { width: CONTENT_WIDTH - (x - MARGIN.left), lineGap: LINE_GAP, continued: i < runs.length - 1 }
    if (i === 0) doc.text(r.text, x, doc.y, options)
    else doc.text(r.text, options)
  })
  doc.x = MARGIN.left
  doc.y += 10
}

export async function renderApology(input: ApologyData): Promise<Buffer> {
  const d = nfc(input)
  const doc = createFormDocument({
    title: APOLOGY_TITLE,
    author: d.agency.name,
    subject: d.dossierCode,
    keywords: 'Mẫu số 04, Thông tư 01/2018/TT-VPCP',
    createdAt: d.issuedAt,
  })
  drawHeader(doc, { agency: d.agency, number: d.number, date: d.issuedAt })
  const tracking = d.trackingUrl?.trim()
  drawTitleBlock(doc, {
    // Beside the QR code the title takes two lines: broken where the sense allows, not before "QUẢ".
    title: tracking ? 'Phiếu xin lỗi và hẹn lại\nngày trả kết quả' : APOLOGY_TITLE,
    lines: [`Mã hồ sơ: ${d.dossierCode}`],
    ...(tracking ? { qr: { png: await qrPng(tracking), label: d.dossierCode } } : {}),
  })
  drawAddressee(doc, d.applicantName)

  const agency = d.agency.name
  paragraph(doc, [
    `Ngày ${shortDate(d.receivedAt)}, ${agency} tiếp nhận giải quyết hồ sơ đề nghị giải quyết thủ tục hành chính `,
    { text: d.procedureName, bold: true },
    ` của ${SIR} `,
    { text: unbroken(d.applicantName), bold: true },
    `; mã hồ sơ: ${d.dossierCode}.`,
  ])
  paragraph(doc, [`Thời gian hẹn trả kết quả giải quyết hồ sơ: ${timeAndDate(d.originalDueAt)}.`])
  paragraph(doc, [`Tuy nhiên đến nay, ${agency} chưa trả kết quả giải quyết hồ sơ của ${SIR}.`], { align: 'justify' })
  // Officers type the reason with line breaks of their own; each becomes a paragraph.
  const reasons = d.reason
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
  paragraph(doc, ['Lý do: ', reasons[0] ?? ''])
  for (const line of reasons.slice(1)) paragraph(doc, [line], { align: 'justify', indent: 20 })
  // The template reads "xin lỗi … và sự bất tiện này"; "vì" is what it means [check against 01/2018].
  paragraph(doc, [`Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, công sức của ${SIR}. ${agency} xin lỗi ${SIR} vì sự bất tiện này.`], {
    align: 'justify',
  })
  paragraph(doc, [
    `${agency} sẽ trả kết quả giải quyết hồ sơ cho ${SIR} vào lúc `,
    // "16 giờ 30 phút," and "ngày 11/12/2026" each kept on one line: the date the applicant comes back.
    { text: `${timeAndDate(d.newDueAt).split(', ').map(unbroken).join(', ')}.`, bold: true },
  ])
  paragraph(doc, [`Xin trân trọng cảm ơn sự hợp tác của ${SIR}./.`])

  const recipients = d.recipients?.length ? d.recipients : ['Như trên;', 'Lưu: VT.']
  drawSignatureBlock(doc, d, recipients)
  if (tracking) {
    ensureSpace(doc, trackingHeight(doc, d.dossierCode, tracking))
    drawTracking(doc, d.dossierCode, tracking)
  }
  return finishDocument(doc)
}
