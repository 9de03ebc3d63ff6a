import { describe, expect, it } from 'vitest'
import { normalizePhone } from './phone.ts'

describe('Vietnamese phone numbers', () => {
  it.each([
    ['0912345678', '0912345678'],
    ['+84912345678', '0912345678'],
    ['091 234 5678', '0912345678'],
    ['091.234.5678', '0912345678'],
    ['091-234-5678', '0912345678'],
    ['0381234567', '0381234567'],
    ['02439421234', '02439421234'], // landline, Hà Nội
    ['+842439421234', '02439421234'],
  ])('normalises %s to %s', (raw, expected) => {
    expect(normalizePhone(raw)).toBe(expected)
  })

  it.each([['091234567'], ['09123456789'], ['0112345678'], ['84912345678'], ['+85912345678'], ['phone'], ['']])('refuses %j', (raw) => {
    expect(normalizePhone(raw)).toBeNull()
  })

  it('is idempotent', () => {
    for (const raw of ['+84912345678', '091 234 5678', '02439421234']) {
      const once = normalizePhone(raw)!
      expect(normalizePhone(once)).toBe(once)
    }
  })
})
