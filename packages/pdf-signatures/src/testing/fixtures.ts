/** Test helpers only (pdf-lib is a dev dependency). */
import { PDFDocument, StandardFonts } from 'pdf-lib'

/** A small two-page PDF with classic xref tables (object streams off: the signer reads xref tables). */
export async function makeSamplePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const font = await doc.embedFont(StandardFonts.Helvetica)
  for (const text of ['QUYET DINH so 1/QD-UBND', 'Trang 2']) {
    doc.addPage([595, 842]).drawText(text, { x: 50, y: 780, size: 16, font })
  }
  return doc.save({ useObjectStreams: false })
}

/** The same document saved the PDF 1.5 way: objects compressed in object streams, a cross-reference stream. */
export async function makeSamplePdfWithObjectStreams(): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const font = await doc.embedFont(StandardFonts.Helvetica)
  for (const text of ['QUYET DINH so 2/QD-UBND', 'Trang 2']) {
    doc.addPage([595, 842]).drawText(text, { x: 50, y: 780, size: 16, font })
  }
  return doc.save({ useObjectStreams: true })
}

export function replaceAt(pdf: Uint8Array, offset: number, text: string): Uint8Array {
  const out = Uint8Array.from(pdf)
  out.set(Buffer.from(text, 'latin1'), offset)
  return out
}

export function indexOfText(pdf: Uint8Array, text: string, from = 0): number {
  return Buffer.from(pdf).indexOf(text, from, 'latin1')
}

export function lastIndexOfText(pdf: Uint8Array, text: string): number {
  return Buffer.from(pdf).lastIndexOf(text, undefined, 'latin1')
}
