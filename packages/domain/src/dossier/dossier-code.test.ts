import { describe, expect, it } from 'vitest'
import { formatDossierCode, parseDossierCode, vietnamDate } from './dossier-code.ts'

describe('dossier code', () => {
  it('uses the reception date in Vietnam time, not UTC', () => {
    // 23:30 UTC on 13/03 is 06:30 on 14/03 in Vietnam
    const at = new Date('2025-03-13T23:30:00Z')
    expect(vietnamDate(at)).toBe('2025-03-14')
    expect(formatDossierCode('000.00.01.H22', at, 7)).toBe('000.00.01.H22-250314-0007')
  })
  it('widens the sequence past 9999 instead of colliding', () => {
    expect(formatDossierCode('000.00.01.H22', new Date('2025-03-14T03:00:00Z'), 10000)).toBe('000.00.01.H22-250314-10000')
  })
  it('follows a configured pattern', () => {
    expect(formatDossierCode('000.00.01.H22', new Date('2025-03-14T03:00:00Z'), 3, '{agency}.{yyyy}{mm}{dd}.{seq:6}')).toBe(
      '000.00.01.H22.20250314.000003',
    )
  })
  it('refuses a sequence below 1', () => {
    expect(() => formatDossierCode('000.00.01.H22', new Date(), 0)).toThrow(RangeError)
  })
  it('parses codes of the default pattern and rejects others', () => {
    expect(parseDossierCode('000.00.01.H22-250314-0007')).toEqual({ agencyCode: '000.00.01.H22', date: '2025-03-14', seq: 7 })
    expect(parseDossierCode('000.00.01.H22-250314-07')).toBeNull()
    expect(parseDossierCode('abc')).toBeNull()
  })
})
