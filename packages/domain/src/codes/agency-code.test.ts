import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { agencyCodeDepth, isAgencyCodeUnder, isValidAgencyCode, parseAgencyCode } from './agency-code.ts'

const d = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((xs) => xs.join(''))
const nonZero = (n: number) => d(n).filter((s) => Number(s) !== 0)
const letter = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split(''))
/** Well-formed codes of a given depth: used levels non-zero, unused ones zero. */
const codeOfDepth = (depth: 1 | 2 | 3 | 4) =>
  fc
    .tuple(letter, nonZero(2), nonZero(2), nonZero(2), nonZero(3))
    .map(([l, l1, l2, l3, l4]) => `${depth >= 4 ? l4 : '000'}.${depth >= 3 ? l3 : '00'}.${depth >= 2 ? l2 : '00'}.${l}${l1}`)
const anyCode = fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const).chain(codeOfDepth)

describe('agency identification codes (QCVN 102:2016)', () => {
  it.each([
    ['000.00.00.H30', 1],
    ['000.00.05.H30', 2],
    ['000.12.05.H30', 3],
    ['345.12.05.H30', 4],
    ['000.00.01.G22', 2],
  ])('accepts %s (depth %i)', (code, depth) => {
    expect(isValidAgencyCode(code)).toBe(true)
    expect(agencyCodeDepth(code)).toBe(depth)
  })

  it.each([
    [''],
    ['000.00.00.H00'], // level 1 must be used
    ['000.05.00.H30'], // level 3 under an unused level 2
    ['001.00.05.H30'], // level 4 under an unused level 3
    ['000.00.00.h30'], // lower-case letter
    ['00.00.00.H30'],
    ['000.00.00.H3'],
    ['000-00-00-H30'],
    [' 000.00.00.H30'],
    ['000.00.00.H30 '],
    ['000.00.00.130'],
  ])('refuses %j', (code) => {
    expect(isValidAgencyCode(code)).toBe(false)
    expect(parseAgencyCode(code)).toBeNull()
    expect(() => agencyCodeDepth(code)).toThrow()
  })

  it('splits a code into its four levels, written right to left', () => {
    expect(parseAgencyCode('345.12.05.H30')).toEqual({ level4: '345', level3: '12', level2: '05', level1: 'H30' })
  })

  it('accepts every well-formed code and reports its depth', () => {
    for (const depth of [1, 2, 3, 4] as const) {
      fc.assert(fc.property(codeOfDepth(depth), (code) => isValidAgencyCode(code) && agencyCodeDepth(code) === depth))
    }
  })

  it('places a code under each of its prefixes and never under itself or a deeper code', () => {
    fc.assert(
      fc.property(codeOfDepth(4), (code) => {
        const [l4, l3, l2, l1] = code.split('.') as [string, string, string, string]
        const ancestors = [`000.00.00.${l1}`, `000.00.${l2}.${l1}`, `000.${l3}.${l2}.${l1}`]
        expect(ancestors.every((a) => isAgencyCodeUnder(code, a))).toBe(true)
        expect(ancestors.some((a) => isAgencyCodeUnder(a, code))).toBe(false)
        expect(isAgencyCodeUnder(code, code)).toBe(false)
        expect(l4).not.toBe('000')
      }),
    )
  })

  it('does not place a code under another province or a sibling', () => {
    expect(isAgencyCodeUnder('000.00.05.H30', '000.00.00.H31')).toBe(false)
    expect(isAgencyCodeUnder('000.01.05.H30', '000.00.06.H30')).toBe(false)
    expect(isAgencyCodeUnder('000.01.05.H30', '000.02.05.H30')).toBe(false)
    expect(isAgencyCodeUnder('bad', '000.00.00.H30')).toBe(false)
    fc.assert(fc.property(anyCode, anyCode, (a, b) => !(isAgencyCodeUnder(a, b) && isAgencyCodeUnder(b, a))))
  })
})
