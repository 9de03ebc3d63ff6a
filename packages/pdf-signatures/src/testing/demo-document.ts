/**
 * TEST / DEMO ONLY: a made-up one-page administrative decision (layout after Decree 30/2020,
 * Appendix I) with the places its form template gives the signatures, for tests, demo data and
 * screenshots. The agency, the numbers and the people are fictitious. Uses pdf-lib (dev only).
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import * as fontkit from 'fontkit'
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib'
import type { Rect } from '../sign/appearance.ts'

export interface DemoDecision {
  pdf: Uint8Array
  /** Where the form template puts each signature (PDF points). */
  places: {
    /** The drafting specialist's signature, at the bottom left under the list of recipients. */
    specialist: Rect
    /** The leader's signature, under "TM. ỦY BAN NHÂN DÂN / PHÓ CHỦ TỊCH". */
    leader: Rect
  }
}

const FONT_FILES = {
  regular: '@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf',
  bold: '@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf',
  italic: '@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf',
  boldItalic: '@expo-google-fonts/tinos/700Bold_Italic/Tinos_700Bold_Italic.ttf',
} as const

type Style = keyof typeof FONT_FILES

export async function makeDemoDecisionPdf(): Promise<DemoDecision> {
  const doc = await PDFDocument.create()
  // pdf-lib's own fontkit fork is not installed; fontkit 2 embeds whole fonts fine (no subsetting).
  doc.registerFontkit(fontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0])
  const require = createRequire(import.meta.url)
  const fonts = {} as Record<Style, PDFFont>
  for (const style of Object.keys(FONT_FILES) as Style[]) {
    fonts[style] = await doc.embedFont(readFileSync(require.resolve(FONT_FILES[style])), { subset: false })
  }
  doc.setTitle('Quyết định cấp giấy phép xây dựng (MẪU THỬ)')
  const page = doc.addPage([595.28, 841.89])
  const black = rgb(0, 0, 0)
  const centred = (p: PDFPage, text: string, cx: number, y: number, size: number, style: Style): void => {
    p.drawText(text, { x: cx - fonts[style].widthOfTextAtSize(text, size) / 2, y, size, font: fonts[style], color: black })
  }
  const left = (text: string, x: number, y: number, size: number, style: Style): void => {
    page.drawText(text, { x, y, size, font: fonts[style], color: black })
  }

  // Decree 30/2020 margins: 20–25 mm at the top, which is where an electronic copy's mark goes.
  centred(page, 'ỦY BAN NHÂN DÂN', 150, 776, 12, 'regular')
  centred(page, 'XÃ ĐỒNG TÂM', 150, 761, 12, 'bold')
  page.drawLine({ start: { x: 125, y: 753 }, end: { x: 175, y: 753 }, thickness: 0.6 })
  centred(page, 'Số: 123/QĐ-UBND', 150, 738, 12, 'regular')
  centred(page, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 400, 776, 12, 'bold')
  centred(page, 'Độc lập - Tự do - Hạnh phúc', 400, 761, 13, 'bold')
  page.drawLine({ start: { x: 318, y: 753 }, end: { x: 482, y: 753 }, thickness: 0.6 })
  centred(page, 'Đồng Tâm, ngày 23 tháng 11 năm 2026', 400, 738, 13, 'italic')

  centred(page, 'QUYẾT ĐỊNH', 297.6, 704, 14, 'bold')
  centred(page, 'Về việc cấp giấy phép xây dựng nhà ở riêng lẻ', 297.6, 688, 14, 'bold')
  page.drawLine({ start: { x: 257, y: 678 }, end: { x: 338, y: 678 }, thickness: 0.6 })
  centred(page, 'CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ ĐỒNG TÂM', 297.6, 660, 14, 'bold')

  const body: [string, Style][] = [
    ['Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;', 'italic'],
    ['Căn cứ Luật Xây dựng ngày 18 tháng 6 năm 2014 và các văn bản sửa đổi, bổ sung;', 'italic'],
    ['Xét đề nghị của công dân Nguyễn Văn Bình tại hồ sơ số H99.01-261123-0042;', 'italic'],
    ['Theo đề nghị của công chức Địa chính - Xây dựng.', 'italic'],
  ]
  let y = 634
  for (const [text, style] of body) {
    left(text, 85, y, 13, style)
    y -= 18
  }
  centred(page, 'QUYẾT ĐỊNH:', 297.6, y - 6, 14, 'bold')
  y -= 32
  const articles = [
    ['Điều 1. ', 'Cấp giấy phép xây dựng nhà ở riêng lẻ cho ông Nguyễn Văn Bình tại thửa đất'],
    ['', 'số 15, tờ bản đồ số 7, thôn Đông, xã Đồng Tâm (MẪU THỬ - không có giá trị).'],
    ['Điều 2. ', 'Quyết định này có hiệu lực kể từ ngày ký.'],
    ['Điều 3. ', 'Công chức Văn phòng - Thống kê và ông Nguyễn Văn Bình chịu trách'],
    ['', 'nhiệm thi hành Quyết định này./.'],
  ]
  for (const [head, text] of articles) {
    if (head) left(head, 85, y, 13, 'bold')
    left(text!, head ? 85 + fonts.bold.widthOfTextAtSize(head, 13) : 85, y, 13, 'regular')
    y -= 18
  }

  const top = y - 20
  left('Nơi nhận:', 60, top, 12, 'boldItalic')
  left('- Như Điều 3;', 60, top - 15, 11, 'regular')
  left('- Lưu: VT.', 60, top - 29, 11, 'regular')
  centred(page, 'TM. ỦY BAN NHÂN DÂN', 430, top, 13, 'bold')
  centred(page, 'PHÓ CHỦ TỊCH', 430, top - 16, 13, 'bold')

  return {
    pdf: await doc.save({ useObjectStreams: false }),
    places: {
      specialist: [60, top - 215, 240, top - 135],
      leader: [335, top - 150, 525, top - 24],
    },
  }
}
