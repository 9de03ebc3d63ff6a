import { describe, expect, it } from 'vitest'
import { isValidProcedureCode } from './procedure-code.ts'

describe('procedure codes', () => {
  it.each([['1.000948'], ['2.000635'], ['3.000001'], ['1.000948.H38']])('accepts %s', (code) => {
    expect(isValidProcedureCode(code)).toBe(true)
  })
  it.each([['0.000948'], ['4.000948'], ['1.00094'], ['1.0009481'], ['1.000948.h38'], ['1.000948.H3'], ['1.000948.38'], ['1000948'], ['']])(
    'refuses %j',
    (code) => {
      expect(isValidProcedureCode(code)).toBe(false)
    },
  )
})
