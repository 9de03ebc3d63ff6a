import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { maskPhone, SMS_MAX, smsLength, smsSegments, toSmsText, unaccentVietnamese } from './sms-text.ts'

describe('unaccentVietnamese', () => {
  it('removes every diacritic and keeps case, đ → d, Đ → D', () => {
    expect(unaccentVietnamese('Hồ sơ ĐĂNG KÝ khai sinh của Nguyễn Thị Đào')).toBe('Ho so DANG KY khai sinh cua Nguyen Thi Dao')
    const all = 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ'
    expect(unaccentVietnamese(all)).toBe('aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd')
    expect(unaccentVietnamese(all.toUpperCase())).toBe('AAAAAAAAAAAAAAAAAEEEEEEEEEEEIIIIIOOOOOOOOOOOOOOOOOUUUUUUUUUUUYYYYYD')
  })

  it('handles decomposed input (NFD, as some keyboards produce)', () => {
    expect(unaccentVietnamese('Tiếng Việt'.normalize('NFD'))).toBe('Tieng Viet')
  })
})

describe('toSmsText', () => {
  it('gives unaccented, one-line, GSM 7-bit text', () => {
    expect(toSmsText('Hồ sơ G01.01-250101-0001 đã được tiếp nhận.\nHẹn trả kết quả: 08:00 ngày 05/01/2025.')).toBe(
      'Ho so G01.01-250101-0001 da duoc tiep nhan. Hen tra ket qua: 08:00 ngay 05/01/2025.',
    )
    expect(toSmsText('“Giấy phép” – xây dựng…  ✅ 👍')).toBe('"Giay phep" - xay dung...')
    expect(toSmsText('  a\u00a0\tb  ')).toBe('a b')
  })

  it('leaves short ASCII text as it is', () => {
    const s = 'Ho so ABC da duoc nop. Tra cuu: https://dvc.example.gov.vn/tra-cuu-ho-so/ABC'
    expect(toSmsText(s)).toBe(s)
    expect(smsSegments(s)).toBe(1)
  })

  it('cuts text longer than two segments at a word, with an ellipsis', () => {
    const long = 'Hồ sơ cần bổ sung giấy tờ tùy thân và bản sao giấy khai sinh. '.repeat(10)
    const sms = toSmsText(long)
    expect(smsLength(sms)).toBeLessThanOrEqual(SMS_MAX)
    expect(smsSegments(sms)).toBe(2)
    expect(sms.endsWith('...')).toBe(true)
    expect(sms.slice(0, -3)).not.toMatch(/\s$/)
    expect(
      long
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/đ/g, 'd'),
    ).toContain(sms.slice(0, -3))
  })

  it('counts GSM extension characters twice', () => {
    expect(smsLength('{a}')).toBe(5)
    expect(smsLength(toSmsText('['.repeat(400)))).toBeLessThanOrEqual(SMS_MAX)
  })

  it('is idempotent, bounded and printable ASCII for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 500 }), (s) => {
        const once = toSmsText(s)
        expect(toSmsText(once)).toBe(once)
        expect(smsLength(once)).toBeLessThanOrEqual(SMS_MAX)
        expect(once).toMatch(/^[\x20-\x7e]*$/)
      }),
    )
  })
})

describe('smsSegments', () => {
  it('is one segment up to 160 septets, then 153 a part', () => {
    expect(smsSegments('')).toBe(0)
    expect(smsSegments('a'.repeat(160))).toBe(1)
    expect(smsSegments('a'.repeat(161))).toBe(2)
    expect(smsSegments('a'.repeat(306))).toBe(2)
    expect(smsSegments('a'.repeat(307))).toBe(3)
  })
})

describe('maskPhone', () => {
  it('masks all digits but the last three', () => {
    expect(maskPhone('0912345678')).toBe('*******678')
    expect(maskPhone('+84 912 345 678')).toBe('+** *** *** 678')
    expect(maskPhone('12')).toBe('12')
  })
})
