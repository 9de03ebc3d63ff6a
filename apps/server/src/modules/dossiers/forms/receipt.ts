import type { FormComponent, ReceiptData } from './form-data.ts'
import { BLANK, nfc, timeAndDate } from './format.ts'
import {
  type Run,
  SIZE,
  createFormDocument,
  drawHeader,
  drawSignatures,
  drawTable,
  drawTitleBlock,
  finishDocument,
  paragraph,
  paragraphHeight,
  qrPng,
} from './layout.ts'
import { drawApplicant, drawTracking, trackingHeight } from './parts.ts'

/** Mẫu số 01, Circular 01/2018/TT-VPCP: the receipt that every valid dossier must get, with the appointment. */
export const RECEIPT_TITLE = 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả'

const FORM_LABEL: Record<FormComponent['form'], string> = {
  original: 'Bản chính',
  copy: 'Bản sao',
  // "Bản chính hoặc bản sao" would wrap, doubling the height of every such row of a long list.
  either: 'Bản chính/bản sao',
}

function returnLine(d: ReceiptData): string {
  switch (d.returnChannel) {
    case 'counter':
      return `6. Đăng ký nhận kết quả tại: Bộ phận Một cửa, ${d.agency.name}.`
    case 'post': {
      const address = d.returnAddress?.trim() || d.applicant.address?.trim() || BLANK
      return `6. Đăng ký nhận kết quả tại: qua dịch vụ bưu chính công ích đến địa chỉ ${address}.`
    }
    case 'online':
      return '6. Đăng ký nhận kết quả tại: trực tuyến, trên Cổng Dịch vụ công.'
  }
}

export async function renderReceipt(input: ReceiptData): Promise<Buffer> {
  const d = nfc(input)
  const doc = createFormDocument({
    title: RECEIPT_TITLE,
    author: d.agency.name,
    subject: d.dossierCode,
    keywords: 'Mẫu số 01, Thông tư 01/2018/TT-VPCP',
    createdAt: d.receivedAt,
  })
  drawHeader(doc, { agency: d.agency, date: d.receivedAt })
  drawTitleBlock(doc, {
    title: RECEIPT_TITLE,
    lines: [`Mã hồ sơ: ${d.dossierCode}`],
    qr: { png: await qrPng(d.trackingUrl), label: d.dossierCode },
  })
  drawApplicant(doc, d.agency.name, d.applicant, d.procedureName)

  paragraph(doc, ['1. Hồ sơ gồm:'])
  drawTable(
    doc,
    [
      { header: 'TT', width: 30, align: 'center' },
      { header: 'Tên giấy tờ' },
      { header: 'Hình thức', width: 100, align: 'center' },
      { header: 'Số lượng', width: 60, align: 'center' },
    ],
    d.components.map((c, i) => [String(i + 1), c.name, FORM_LABEL[c.form], String(c.quantity)]),
  )
  paragraph(doc, [`2. Số lượng hồ sơ: ${d.sets} bộ.`])
  paragraph(doc, [`3. Thời gian giải quyết hồ sơ theo quy định là: ${d.processingTime}.`])
  paragraph(doc, [`4. Thời gian nhận hồ sơ: ${timeAndDate(d.receivedAt)}.`])
  paragraph(doc, ['5. Thời gian trả kết quả giải quyết hồ sơ: ', { text: `${timeAndDate(d.appointmentAt)}.`, bold: true }])
  paragraph(doc, [returnLine(d)])
  paragraph(doc, [`Vào Sổ theo dõi hồ sơ, Quyển số: ${d.bookVolume}, Số thứ tự: ${d.bookNumber}.`])

  const note: Run[] = [
    { text: 'Ghi chú: ', bold: true, italic: true },
    'Giấy này được lập thành 02 bản: 01 bản giao cho người nộp hồ sơ; 01 bản chuyển kèm Phiếu kiểm soát quá trình giải quyết hồ sơ.',
  ]
  const noteStyle = { size: SIZE.note, italic: true, after: 1 }
  drawSignatures(
    doc,
    [
      { title: 'Người nộp hồ sơ', name: d.applicant.name },
      { title: 'Người tiếp nhận hồ sơ', name: d.officerName },
    ],
    { keepWith: paragraphHeight(doc, note, noteStyle) + trackingHeight(doc, d.dossierCode, d.trackingUrl) },
  )
  paragraph(doc, note, noteStyle)
  drawTracking(doc, d.dossierCode, d.trackingUrl)
  return finishDocument(doc)
}
