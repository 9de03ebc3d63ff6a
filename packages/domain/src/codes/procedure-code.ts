/**
 * Procedure codes in the national database look like `1.000948` or `2.000635`; local variants take
 * an agency suffix, e.g. `1.000948.H38` (shared/domain/REGULATION.md §4).
 */
const PROCEDURE_CODE = /^[1-3]\.\d{6}(\.[A-Z]\d{2})?$/

export function isValidProcedureCode(code: string): boolean {
  return PROCEDURE_CODE.test(code)
}
