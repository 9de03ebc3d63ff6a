import type { FormApplicant } from './form-data.ts'
import { orBlank } from './format.ts'
import { CONTENT_WIDTH, type Doc, FONT, type Run, SIZE, fieldPair, paragraph, paragraphHeight } from './layout.ts'

/**
 * Blocks of text that several one-stop forms word the same way. Fields the data leaves empty print
 * as a dotted blank, as on the paper template, so the clerk can fill them in by hand.
 */

/** "{receiver} tiếp nhận hồ sơ của: Ông/Bà …", the applicant's identity and contacts, and the request. */
export function drawApplicant(doc: Doc, receiver: string, a: FormApplicant, procedureName: string): void {
  const lead = `${receiver} tiếp nhận hồ sơ của:`
  doc.fontSize(SIZE.body)
  const oneLine = doc.font(FONT.regular).widthOfString(`${lead} Ông/Bà `) + doc.font(FONT.bold).widthOfString(a.name) <= CONTENT_WIDTH
  // A name split across lines is hard to read back; rather start it on a line of its own.
  if (oneLine) paragraph(doc, [`${lead} Ông/Bà `, { text: a.name, bold: true }])
  else {
    paragraph(doc, [lead])
    paragraph(doc, ['Ông/Bà ', { text: a.name, bold: true }])
  }
  paragraph(doc, ['Số định danh cá nhân/CCCD: ', orBlank(a.idNumber)])
  paragraph(doc, ['Địa chỉ: ', orBlank(a.address)])
  fieldPair(doc, ['Số điện thoại: ', orBlank(a.phone)], ['Email: ', orBlank(a.email)])
  paragraph(doc, ['Nội dung yêu cầu giải quyết: ', { text: procedureName, bold: true }])
}

function trackingRuns(dossierCode: string, trackingUrl: string): Run[] {
  return [
    `Tra cứu tình trạng giải quyết hồ sơ (mã ${dossierCode}): quét mã QR ở đầu trang hoặc truy cập `,
    { text: trackingUrl, italic: false },
  ]
}
const TRACKING_STYLE = { size: SIZE.note, italic: true } as const

/** How to follow the dossier online: the QR code at the top encodes the same address. */
export function drawTracking(doc: Doc, dossierCode: string, trackingUrl: string): void {
  paragraph(doc, trackingRuns(dossierCode, trackingUrl), TRACKING_STYLE)
}

export function trackingHeight(doc: Doc, dossierCode: string, trackingUrl: string): number {
  return paragraphHeight(doc, trackingRuns(dossierCode, trackingUrl), TRACKING_STYLE)
}
