import { crc32 } from 'node:zlib'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { detectContentType, ole2StreamNames, zipEntryNames } from './content-type.ts'

/** A ZIP archive of stored (uncompressed) entries: local headers, central directory, end record. */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, text] of Object.entries(entries)) {
    const nameBuf = Buffer.from(name, 'utf8')
    const data = Buffer.from(text, 'utf8')
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(nameBuf.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(nameBuf.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, nameBuf, data)
    centrals.push(central, nameBuf)
    offset += local.length + nameBuf.length + data.length
  }
  const dir = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(Object.keys(entries).length, 8)
  end.writeUInt16LE(Object.keys(entries).length, 10)
  end.writeUInt32LE(dir.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, dir, end])
}

const CONTENT_TYPES = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
const minimalDocx = () =>
  zip({ '[Content_Types].xml': CONTENT_TYPES, '_rels/.rels': '<Relationships/>', 'word/document.xml': '<w:document/>' })

/** An OLE2 compound file whose directory (sector 0, at byte 512) lists the given streams. */
function ole2(streams: string[]): Buffer {
  const buf = Buffer.alloc(512 + 128 * (streams.length + 1))
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(buf)
  ;[['Root Entry', 5], ...streams.map((s) => [s, 2] as const)].forEach(([name, type], i) => {
    const at = 512 + i * 128
    const encoded = Buffer.from(`${name}\0`, 'utf16le')
    encoded.copy(buf, at)
    buf.writeUInt16LE(encoded.length, at + 64)
    buf[at + 66] = type as number
  })
  return buf
}

const minimalPdf = () =>
  Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
      'trailer<</Root 1 0 R>>\n%%EOF\n',
    'latin1',
  )
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')
const JPEG_START = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01])

describe('detectContentType', () => {
  it('recognises a PDF by %PDF-', () => {
    expect(detectContentType(minimalPdf())?.contentType).toBe('application/pdf')
  })

  it('recognises PNG and JPEG by their signatures', () => {
    expect(detectContentType(PNG_1X1)?.contentType).toBe('image/png')
    expect(detectContentType(JPEG_START)).toMatchObject({ kind: 'jpeg', contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'] })
  })

  it('tells DOCX from XLSX by the part names of the archive', async () => {
    expect(detectContentType(minimalDocx())?.kind).toBe('docx')
    const wb = new ExcelJS.Workbook()
    wb.addWorksheet('Tờ khai').addRow(['Họ và tên', 'Ngày sinh'])
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer())
    expect(zipEntryNames(xlsx)).toContain('xl/workbook.xml')
    expect(detectContentType(xlsx)).toMatchObject({
      kind: 'xlsx',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    })
  })

  it('refuses other ZIP archives (no Office parts, both, or a broken directory)', () => {
    expect(detectContentType(zip({ 'readme.txt': 'hello' }))).toBeNull()
    expect(detectContentType(zip({ '[Content_Types].xml': CONTENT_TYPES, 'ppt/presentation.xml': '<p/>' }))).toBeNull()
    expect(detectContentType(zip({ '[Content_Types].xml': CONTENT_TYPES, 'word/a.xml': '', 'xl/b.xml': '' }))).toBeNull()
    expect(detectContentType(minimalDocx().subarray(0, 60))).toBeNull()
  })

  it('tells legacy DOC from XLS by the main stream of the compound file', () => {
    expect(ole2StreamNames(ole2(['WordDocument', '1Table']))).toEqual(new Set(['WordDocument', '1Table']))
    expect(detectContentType(ole2(['WordDocument', '1Table']))?.contentType).toBe('application/msword')
    expect(detectContentType(ole2(['Workbook']))?.contentType).toBe('application/vnd.ms-excel')
    expect(detectContentType(ole2(['Book']))?.kind).toBe('xls')
    expect(detectContentType(ole2(['PowerPoint Document']))).toBeNull()
    expect(detectContentType(ole2([]))).toBeNull()
  })

  it('refuses a text file whatever its name, and an empty or tiny buffer', () => {
    expect(detectContentType(Buffer.from('Đây là tệp văn bản, đổi tên thành .pdf\n', 'utf8'))).toBeNull()
    expect(detectContentType(Buffer.from('<html><body>%PDF-1.4</body></html>'))).toBeNull()
    expect(detectContentType(Buffer.alloc(0))).toBeNull()
    expect(detectContentType(Buffer.from('%PD'))).toBeNull()
    expect(detectContentType(Buffer.from([0xff, 0xd8]))).toBeNull()
    expect(detectContentType(Buffer.from('MZ\x90\x00', 'latin1'))).toBeNull()
  })
})
