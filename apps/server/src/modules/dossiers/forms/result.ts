import type { FormAgency } from './form-data.ts'
import { nfc } from './format.ts'
import { createFormDocument, drawHeader, drawSignatures, drawTitleBlock, finishDocument, paragraph, qrPng } from './layout.ts'
import { drawTracking, trackingHeight } from './parts.ts'

/**
 * The result document generated from a procedure's template when no file is uploaded: its result
 * name as the title, its legal basis as the "Căn cứ" lines, the applicant and the e-form answers as
 * the content, and the approving leader as the signer — ready for the agency's digital seal.
 */
export interface ResultData {
  agency: FormAgency
  dossierCode: string
  /** The procedure's result (e.g. "Bản sao trích lục hộ tịch"), printed as the title. */
  resultName: string
  procedureName: string
  legalBasis: { number: string; title: string }[]
  applicantName: string
  /** The e-form's labels and answers, in the form's order. */
  fields: { label: string; value: string }[]
  approvedAt: Date
  signerTitle: string
  signerName: string | null
  trackingUrl: string
}

export async function renderResult(input: ResultData): Promise<Buffer> {
  const d = nfc(input)
  const doc = createFormDocument({
    title: d.resultName,
    author: d.agency.name,
    subject: d.dossierCode,
    keywords: `Kết quả giải quyết thủ tục hành chính, ${d.procedureName}`,
    createdAt: d.approvedAt,
  })
  drawHeader(doc, { agency: d.agency, number: '……', date: d.approvedAt })
  drawTitleBlock(doc, {
    title: d.resultName,
    lines: [`Mã hồ sơ: ${d.dossierCode}`],
    qr: { png: await qrPng(d.trackingUrl), label: d.dossierCode },
  })
  for (const basis of d.legalBasis) paragraph(doc, [{ text: `Căn cứ ${basis.title} số ${basis.number};`, italic: true }], { indent: 20 })
  paragraph(doc, [`Theo đề nghị của Ông/Bà `, { text: d.applicantName, bold: true }, ` về việc ${d.procedureName.toLowerCase()},`], {
    align: 'justify',
    indent: 20,
  })
  paragraph(doc, [`${d.agency.name} xác nhận các nội dung sau:`], { indent: 20 })
  for (const f of d.fields) paragraph(doc, [`${f.label}: `, { text: f.value, bold: true }], { indent: 20 })
  drawSignatures(doc, [{ title: d.signerTitle, name: d.signerName }], { keepWith: trackingHeight(doc, d.dossierCode, d.trackingUrl) })
  drawTracking(doc, d.dossierCode, d.trackingUrl)
  return finishDocument(doc)
}
