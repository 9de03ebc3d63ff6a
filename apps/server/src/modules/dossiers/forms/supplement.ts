import type { SupplementData } from './form-data.ts'
import { nfc, unbroken } from './format.ts'
import { createFormDocument, drawHeader, drawSignatures, drawTable, drawTitleBlock, finishDocument, paragraph, qrPng } from './layout.ts'
import { drawApplicant, drawTracking, trackingHeight } from './parts.ts'

/**
 * Mẫu số 02, Circular 01/2018/TT-VPCP. The agency may ask for a supplement only once, listing
 * everything missing (REGULATION §2), hence one table of all items with their reasons.
 */
export const SUPPLEMENT_TITLE = 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ'

export async function renderSupplementRequest(input: SupplementData): Promise<Buffer> {
  const d = nfc(input)
  const doc = createFormDocument({
    title: SUPPLEMENT_TITLE,
    author: d.agency.name,
    subject: d.dossierCode,
    keywords: 'Mẫu số 02, Thông tư 01/2018/TT-VPCP',
    createdAt: d.issuedAt,
  })
  drawHeader(doc, { agency: d.agency, number: `${d.dossierCode}/HDHS`, date: d.issuedAt })
  drawTitleBlock(doc, {
    title: SUPPLEMENT_TITLE,
    lines: [`Mã hồ sơ: ${d.dossierCode}`],
    qr: { png: await qrPng(d.trackingUrl), label: d.dossierCode },
  })
  drawApplicant(doc, `Bộ phận tiếp nhận và trả kết quả ${d.agency.name}`, d.applicant, d.procedureName)

  paragraph(doc, ['Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:'])
  drawTable(
    doc,
    [{ header: 'TT', width: 30, align: 'center' }, { header: 'Giấy tờ cần bổ sung, hoàn thiện', width: 230 }, { header: 'Lý do' }],
    d.items.map((it, i) => [String(i + 1), it.name, it.reason]),
  )
  // The template has one "Lý do" line; the reasons here are per item, so it points to the table.
  paragraph(doc, ['Lý do: hồ sơ chưa đầy đủ, hợp lệ theo quy định (lý do cụ thể của từng nội dung nêu tại bảng trên).'], {
    align: 'justify',
  })
  paragraph(doc, [
    'Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, Ông/Bà liên hệ với ',
    { text: unbroken(d.officerName), bold: true },
    `, Bộ phận tiếp nhận và trả kết quả ${d.agency.name} để được hướng dẫn./.`,
  ])
  drawSignatures(doc, [{ title: 'Người hướng dẫn', name: d.officerName }], { keepWith: trackingHeight(doc, d.dossierCode, d.trackingUrl) })
  drawTracking(doc, d.dossierCode, d.trackingUrl)
  return finishDocument(doc)
}
