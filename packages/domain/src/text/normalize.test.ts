import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { foldVietnamese } from './normalize.ts'

describe('foldVietnamese', () => {
  it.each([
    ['Đăng ký KHAI SINH', 'dang ky khai sinh'],
    ['Cấp   lại   giấy phép', 'cap lai giay phep'],
    ['Thủ tục: chứng thực (bản sao)!', 'thu tuc chung thuc ban sao'],
    ['đường Đồng Khởi', 'duong dong khoi'],
    ['Mã 1.000948', 'ma 1.000948'],
    ['  ', ''],
  ])('folds %j to %j', (input, expected) => {
    expect(foldVietnamese(input)).toBe(expected)
  })

  it('folds precomposed and decomposed forms alike', () => {
    const composed = 'Hộ tịch'.normalize('NFC')
    const decomposed = 'Hộ tịch'.normalize('NFD')
    expect(foldVietnamese(composed)).toBe(foldVietnamese(decomposed))
  })

  it('is idempotent and leaves no diacritics, capitals or doubled spaces', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const once = foldVietnamese(s)
        return foldVietnamese(once) === once && !/[\u0300-\u036fđĐ]/.test(once) && !/\s{2}/.test(once) && once === once.trim()
      }),
    )
  })
})
