import { describe, expect, it } from 'vitest'
import type { SignatureReport } from '@congso/contracts'
import { vi } from '../../i18n/vi.ts'
import { en } from '../../i18n/en.ts'
import type { MessageKey, Params, TFunction } from '../../i18n/index.tsx'
import { describeCode, formatVnDate, formatVnDateTime, indeterminateReasons, shortHash } from './format.ts'

const tOf =
  (catalog: Record<MessageKey, string>): TFunction =>
  (key: MessageKey, params?: Params) =>
    catalog[key].replace(/\{(\w+)\}/g, (m, name: string) => (params?.[name] === undefined ? m : String(params[name])))
const tVi = tOf(vi)
const tEn = tOf(en)

describe('signature dates (Vietnam time, whatever the runner’s zone)', () => {
  it('shows UTC instants at UTC+7 as dd/mm/yyyy HH:mm:ss', () => {
    expect(formatVnDateTime('2026-11-23T03:04:05Z')).toBe('23/11/2026 10:04:05')
    expect(formatVnDateTime('2025-12-31T17:00:00.000Z')).toBe('01/01/2026 00:00:00')
    expect(formatVnDateTime('2026-01-01T06:30:00+07:00')).toBe('01/01/2026 06:30:00')
  })
  it('takes the calendar date in Vietnam', () => {
    expect(formatVnDate('2025-03-13T20:00:00Z')).toBe('14/03/2025')
    expect(formatVnDate('2025-03-13T16:59:59Z')).toBe('13/03/2025')
  })
  it('leaves empty and unparsable values alone', () => {
    expect(formatVnDateTime(null)).toBe('')
    expect(formatVnDate('')).toBe('')
    expect(formatVnDateTime('not a date')).toBe('not a date')
  })
})

describe('describeCode', () => {
  it('translates known codes', () => {
    expect(describeCode(tVi, 'message-digest-mismatch')).toMatch(/^Giá trị băm của tài liệu không khớp/)
    expect(describeCode(tEn, 'chain-not-trusted')).toMatch(/trust list/)
  })
  it('passes the argument after the first colon', () => {
    expect(describeCode(tVi, 'page-content-changed:1')).toBe('Thay đổi nội dung trang 1.')
    expect(describeCode(tVi, 'annotation-added:FreeText')).toBe('Thêm chú thích (FreeText).')
    expect(describeCode(tVi, 'catalog-changed:Names:x')).toBe('Thay đổi cấu trúc gốc của tài liệu (Names:x).')
  })
  it('drops an empty argument cleanly', () => {
    expect(describeCode(tVi, 'annotation-added')).toBe('Thêm chú thích.')
    expect(describeCode(tVi, 'page-added')).toBe('Thêm trang.')
  })
  it('reads the time-stamp’s own checks as "Dấu thời gian: …"', () => {
    expect(describeCode(tVi, 'timestamp-chain-not-trusted')).toMatch(/^Dấu thời gian: chứng thư số không do/)
    expect(describeCode(tVi, 'timestamp-imprint-mismatch')).toMatch(/^Dấu thời gian không được cấp cho chữ ký này/)
  })
  it('returns null for unknown codes (shown as they are)', () => {
    expect(describeCode(tVi, 'something-new')).toBeNull()
    expect(describeCode(tVi, 'timestamp-something-new')).toBeNull()
    expect(describeCode(tVi, 'toString')).toBeNull()
    expect(describeCode(tVi, '__proto__')).toBeNull()
  })
})

describe('indeterminateReasons', () => {
  const sig = (over: Partial<SignatureReport>): SignatureReport => ({
    index: 0,
    fieldName: null,
    signerName: null,
    organization: null,
    reason: null,
    location: null,
    signingTime: null,
    timestamp: null,
    subFilter: null,
    revision: 1,
    coversWholeDocument: true,
    integrity: 'ok',
    byteRange: 'ok',
    trust: 'trusted',
    revocation: 'good',
    chain: [],
    docMdp: null,
    laterRevisions: [],
    modifiedAfterSigning: false,
    errors: [],
    ...over,
  })
  it('names each kind of doubt once, in a stable order', () => {
    expect(
      indeterminateReasons([
        sig({ revocation: 'unknown', errors: ['revocation-unreachable'] }),
        sig({ trust: 'untrusted', errors: ['chain-not-trusted'] }),
        sig({ trust: 'untrusted', errors: ['chain-not-trusted'] }),
      ]),
    ).toEqual(['sig.why.untrusted', 'sig.why.revocationUnknown'])
  })
  it('falls back to "technical warnings" for a trusted signature with errors', () => {
    expect(indeterminateReasons([sig({ errors: ['signing-certificate-attribute-missing'] })])).toEqual(['sig.why.other'])
    expect(indeterminateReasons([sig({})])).toEqual([])
  })
})

it('shortHash keeps both ends of a fingerprint', () => {
  expect(shortHash('0123456789abcdef'.repeat(4))).toBe('0123456789ab…cdef')
  expect(shortHash('abc')).toBe('abc')
})
