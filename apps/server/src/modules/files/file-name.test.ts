import { describe, expect, it } from 'vitest'
import { contentDisposition, decodeFileNameHeader, sanitizeFileName, withExtension } from './file-name.ts'

const VI = 'Tờ khai đăng ký khai sinh.pdf'

describe('decodeFileNameHeader', () => {
  it('decodes URI-encoded UTF-8', () => {
    expect(decodeFileNameHeader(encodeURIComponent(VI))).toBe(VI)
  })
  it('reads raw UTF-8 sent without encoding (Node hands it over as latin1)', () => {
    expect(decodeFileNameHeader(Buffer.from(VI, 'utf8').toString('latin1'))).toBe(VI)
  })
  it('is null when missing, blank or undecodable', () => {
    expect(decodeFileNameHeader(undefined)).toBeNull()
    expect(decodeFileNameHeader('  ')).toBeNull()
    expect(decodeFileNameHeader('%E0%A4%A')).toBeNull()
  })
})

describe('sanitizeFileName', () => {
  it('keeps Vietnamese names, in NFC', () => {
    expect(sanitizeFileName(VI.normalize('NFD'))).toBe(VI)
  })
  it('drops directories, control and reserved characters, and edge dots', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd')
    expect(sanitizeFileName('C:\\Users\\a\\Mẫu 01.docx')).toBe('Mẫu 01.docx')
    expect(sanitizeFileName(' a\u0000b\r\n<c>:"d"|?*.pdf. ')).toBe('a b cd.pdf')
    expect(sanitizeFileName('...')).toBe('')
  })
  it('caps the length at 200 characters, keeping the extension', () => {
    const long = sanitizeFileName(`${'ắ'.repeat(300)}.docx`)
    expect(Array.from(long)).toHaveLength(200)
    expect(long.endsWith('ắ.docx')).toBe(true)
  })
})

describe('withExtension', () => {
  it('keeps a matching extension (any case) and appends the detected one otherwise', () => {
    expect(withExtension('Mẫu.PDF', ['pdf'])).toBe('Mẫu.PDF')
    expect(withExtension('anh.jpeg', ['jpg', 'jpeg'])).toBe('anh.jpeg')
    expect(withExtension('mau.docx', ['pdf'])).toBe('mau.docx.pdf')
    expect(withExtension('mau', ['xlsx'])).toBe('mau.xlsx')
  })
})

describe('contentDisposition', () => {
  it('carries the UTF-8 name (RFC 5987) and an ASCII fallback', () => {
    const header = contentDisposition(`Tờ khai (mẫu) "01"'s.pdf`)
    expect(header).toBe(
      `attachment; filename="To khai (mau) _01_'s.pdf"; filename*=UTF-8''T%E1%BB%9D%20khai%20%28m%E1%BA%ABu%29%20%2201%22%27s.pdf`,
    )
    expect(/^[\x20-\x7e]*$/.test(header)).toBe(true)
    expect(decodeURIComponent(header.split("UTF-8''")[1]!)).toBe(`Tờ khai (mẫu) "01"'s.pdf`)
  })
  it('folds đ and Đ in the fallback', () => {
    expect(contentDisposition('Đơn đề nghị.docx')).toContain('filename="Don de nghi.docx"')
  })
})
