/**
 * What a file is, decided from its bytes (magic numbers), never from its name or the declared
 * content type: a text file renamed `.pdf` is refused. Only the formats of template forms are
 * known; anything else is null (refused by the caller).
 */

export const ALLOWED_TYPES = {
  pdf: { contentType: 'application/pdf', extensions: ['pdf'] },
  doc: { contentType: 'application/msword', extensions: ['doc'] },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] },
  xls: { contentType: 'application/vnd.ms-excel', extensions: ['xls'] },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  png: { contentType: 'image/png', extensions: ['png'] },
  jpeg: { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
} as const

export type FileKind = keyof typeof ALLOWED_TYPES

export interface DetectedType {
  kind: FileKind
  contentType: (typeof ALLOWED_TYPES)[FileKind]['contentType']
  /** The usual extensions of the kind, the first one preferred. */
  extensions: readonly string[]
}

/** Content types the upload route accepts as a raw body (the bytes still decide). */
export const UPLOAD_CONTENT_TYPES: readonly string[] = [
  'application/octet-stream',
  ...Object.values(ALLOWED_TYPES).map((t) => t.contentType),
]

const PDF = Buffer.from('%PDF-', 'latin1')
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04])
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const JPEG = Buffer.from([0xff, 0xd8, 0xff])

const startsWith = (buf: Buffer, magic: Buffer) => buf.length >= magic.length && buf.subarray(0, magic.length).equals(magic)
const result = (kind: FileKind): DetectedType => ({ kind, ...ALLOWED_TYPES[kind] })

/** The entry names of a ZIP archive, read from its central directory; null when there is none. */
export function zipEntryNames(buf: Buffer): string[] | null {
  // End of central directory: 22 bytes plus a comment of up to 65535, at the very end
  const EOCD = 0x06054b50
  const floor = Math.max(0, buf.length - 22 - 0xffff)
  let eocd = -1
  for (let i = buf.length - 22; i >= floor; i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i
      break
    }
  }
  if (eocd < 0) return null
  const count = buf.readUInt16LE(eocd + 10)
  let at = buf.readUInt32LE(eocd + 16)
  const names: string[] = []
  for (let n = 0; n < count; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return null
    const nameLen = buf.readUInt16LE(at + 28)
    const extraLen = buf.readUInt16LE(at + 30)
    const commentLen = buf.readUInt16LE(at + 32)
    if (at + 46 + nameLen > buf.length) return null
    names.push(buf.toString('utf8', at + 46, at + 46 + nameLen))
    at += 46 + nameLen + extraLen + commentLen
  }
  return names
}

/** DOCX and XLSX are ZIP archives told apart by their part names (`word/…`, `xl/…`). */
function detectOfficeOpenXml(buf: Buffer): DetectedType | null {
  const names = zipEntryNames(buf)
  if (!names || !names.includes('[Content_Types].xml')) return null
  const word = names.some((n) => n.startsWith('word/'))
  const excel = names.some((n) => n.startsWith('xl/'))
  if (word === excel) return null
  return result(word ? 'docx' : 'xlsx')
}

/**
 * The stream names of an OLE2 compound file. Directory entries are 128 bytes, aligned on 128 (every
 * sector starts at a multiple of 512): the UTF-16LE name, NUL-terminated, its byte length at +64 and
 * the entry type at +66 (1 storage, 2 stream, 5 root). Scanning every aligned slot avoids following
 * the sector chains; a slot only counts when the name, its terminator and its length agree.
 */
export function ole2StreamNames(buf: Buffer): Set<string> {
  const names = new Set<string>()
  for (let at = 512; at + 128 <= buf.length; at += 128) {
    const len = buf.readUInt16LE(at + 64)
    if (buf[at + 66] !== 2 || len < 4 || len > 64 || len % 2 !== 0 || buf.readUInt16LE(at + len - 2) !== 0) continue
    names.add(buf.toString('utf16le', at, at + len - 2))
  }
  return names
}

/** Legacy Word and Excel files are OLE2 compound files; their main stream tells them apart. */
function detectOle2(buf: Buffer): DetectedType | null {
  const names = ole2StreamNames(buf)
  const word = names.has('WordDocument')
  const excel = names.has('Workbook') || names.has('Book')
  if (word === excel) return null
  return result(word ? 'doc' : 'xls')
}

export function detectContentType(buf: Buffer): DetectedType | null {
  if (startsWith(buf, PDF)) return result('pdf')
  if (startsWith(buf, PNG)) return result('png')
  if (startsWith(buf, JPEG)) return result('jpeg')
  if (startsWith(buf, ZIP)) return detectOfficeOpenXml(buf)
  if (startsWith(buf, OLE2)) return detectOle2(buf)
  return null
}
