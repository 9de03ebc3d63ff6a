/**
 * Agency identification code (mã định danh) per QCVN 102:2016/BTTTT and Circular 10/2016/TT-BTTTT:
 * `V1V2V3.Z1Z2.Y1Y2.MX1X2`, four levels written right to left. Level 1 is a letter and two digits
 * (provinces use `H` + 2 digits, e.g. `000.00.00.H30`); unused lower levels are zeros, and a lower
 * level can only be set when every higher level is set.
 * The meaning of level-1 letters other than H is not confirmed (shared/domain/REGULATION.md §4 [check]),
 * so any uppercase letter is accepted.
 */
const AGENCY_CODE = /^(\d{3})\.(\d{2})\.(\d{2})\.([A-Z])(\d{2})$/

export interface AgencyCodeParts {
  level4: string
  level3: string
  level2: string
  level1: string
}

export function parseAgencyCode(code: string): AgencyCodeParts | null {
  const m = AGENCY_CODE.exec(code)
  if (!m) return null
  const [, l4, l3, l2, letter, l1digits] = m as unknown as [string, string, string, string, string, string]
  if (l1digits === '00') return null
  // A level may be used only under a used parent: 000.05.00.H30 is malformed.
  if (l2 === '00' && (l3 !== '00' || l4 !== '000')) return null
  if (l3 === '00' && l4 !== '000') return null
  return { level4: l4, level3: l3, level2: l2, level1: `${letter}${l1digits}` }
}

export function isValidAgencyCode(code: string): boolean {
  return parseAgencyCode(code) !== null
}

/** Depth of an agency code: 1 for `000.00.00.H30`, 2 for `000.00.05.H30`, … */
export function agencyCodeDepth(code: string): number {
  const p = parseAgencyCode(code)
  if (!p) throw new Error(`Invalid agency code ${code}`)
  if (p.level2 === '00') return 1
  if (p.level3 === '00') return 2
  if (p.level4 === '000') return 3
  return 4
}

/** True when `child` sits directly or indirectly under `parent` in the code hierarchy. */
export function isAgencyCodeUnder(child: string, parent: string): boolean {
  const c = parseAgencyCode(child)
  const p = parseAgencyCode(parent)
  if (!c || !p || child === parent) return false
  if (c.level1 !== p.level1) return false
  if (p.level2 !== '00' && c.level2 !== p.level2) return false
  if (p.level3 !== '00' && c.level3 !== p.level3) return false
  if (p.level4 !== '000' && c.level4 !== p.level4) return false
  return agencyCodeDepth(child) > agencyCodeDepth(parent)
}
