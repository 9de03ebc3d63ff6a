import type { RefusalData } from './form-data.ts'
import { nfc } from './format.ts'
import { createFormDocument, drawHeader, drawSignatures, drawTitleBlock, finishDocument, paragraph, qrPng } from './layout.ts'
import { drawApplicant, drawTracking, trackingHeight } from './parts.ts'

/** Mẫu số 03, Circular 01/2018/TT-VPCP: the written refusal, which must state the specific reason. */
export const REFUSAL_TITLE = 'Phiếu từ chối tiếp nhận giải quyết hồ sơ'

export async function renderRefusal(input: RefusalData): Promise<Buffer> {
  const d = nfc(input)
  const doc = createFormDocument({
    title: REFUSAL_TITLE,
    author: d.agency.name,
    subject: d.dossierCode,
    keywords: 'Mẫu số 03, Thông tư 01/2018/TT-VPCP',
    createdAt: d.issuedAt,
  })
  drawHeader(doc, { agency: d.agency, date: d.issuedAt })
  drawTitleBlock(doc, {
    title: REFUSAL_TITLE,
    lines: [`Mã hồ sơ: ${d.dossierCode}`],
    qr: { png: await qrPng(d.trackingUrl), label: d.dossierCode },
  })
  drawApplicant(doc, `Bộ phận tiếp nhận và trả kết quả ${d.agency.name}`, d.applicant, d.procedureName)

  paragraph(doc, [`Qua xem xét, ${d.agency.name} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:`], {
    align: 'justify',
  })
  // Officers type the reason with line breaks of their own; each becomes an indented paragraph.
  for (const line of d.reason.split(/\r?\n/).filter((l) => l.trim() !== '')) {
    paragraph(doc, [line.trim()], { align: 'justify', indent: 20 })
  }
  paragraph(doc, ['Xin thông báo để Ông/Bà được biết và thực hiện./.'])
  drawSignatures(doc, [{ title: 'Người tiếp nhận', name: d.officerName }], { keepWith: trackingHeight(doc, d.dossierCode, d.trackingUrl) })
  drawTracking(doc, d.dossierCode, d.trackingUrl)
  return finishDocument(doc)
}
