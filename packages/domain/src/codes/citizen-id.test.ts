import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isValidCitizenId, parseCitizenId } from './citizen-id.ts'

describe('citizen ID (CCCD, Circular 59/2021/TT-BCA)', () => {
  it('reads province, century/sex and year of birth', () => {
    expect(parseCitizenId('001090123456')).toEqual({ provinceCode: '001', sex: 'male', birthYear: 1990 })
    expect(parseCitizenId('079305123456')).toEqual({ provinceCode: '079', sex: 'female', birthYear: 2005 })
    expect(parseCitizenId('096199000001')).toEqual({ provinceCode: '096', sex: 'female', birthYear: 1999 })
  })

  it.each([
    ['000090123456', 'province 000'],
    ['097090123456', 'province 097'],
    ['00109012345', '11 digits'],
    ['0010901234567', '13 digits'],
    ['00109012345a', 'a letter'],
    ['001 090 123 456', 'spaces'],
    ['', 'empty'],
  ])('refuses %j (%s)', (id) => {
    expect(isValidCitizenId(id)).toBe(false)
  })

  it('refuses a year of birth in the future', () => {
    const today = new Date('2025-06-01T00:00:00Z')
    expect(isValidCitizenId('001225123456', today)).toBe(true) // 2025
    expect(isValidCitizenId('001226123456', today)).toBe(false) // 2026
    expect(isValidCitizenId('001426123456', today)).toBe(false) // 2126
  })

  it('maps the century/sex digit: even male, odd female, 1900 + 100 per pair', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 96 }), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 99 }), (p, cs, yy) => {
        const id = `${String(p).padStart(3, '0')}${cs}${String(yy).padStart(2, '0')}000000`
        const parts = parseCitizenId(id)
        return (
          parts !== null && parts.sex === (cs % 2 === 0 ? 'male' : 'female') && parts.birthYear === 1900 + Math.floor(cs / 2) * 100 + yy
        )
      }),
    )
  })

  it('accepts any 12 digits with a valid province and a past year, nothing else', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 14 }), (s) => {
        const ok = isValidCitizenId(s, new Date('2025-01-01T00:00:00Z'))
        if (!ok) return true
        const p = Number(s.slice(0, 3))
        return /^\d{12}$/.test(s) && p >= 1 && p <= 96
      }),
    )
  })
})
