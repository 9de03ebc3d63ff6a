/**
 * Citizen ID (số định danh cá nhân / CCCD), 12 digits, per Circular 59/2021/TT-BCA art. 7:
 * 3 digits province-of-birth code (001–096), 1 digit century+sex (0–9), 2 digits year of birth,
 * 6 random digits. There is no public check digit, so validation is structural.
 */
const CITIZEN_ID = /^(\d{3})(\d)(\d{2})(\d{6})$/

export type Sex = 'male' | 'female'

export interface CitizenIdParts {
  provinceCode: string
  sex: Sex
  birthYear: number
}

export function parseCitizenId(id: string): CitizenIdParts | null {
  const m = CITIZEN_ID.exec(id)
  if (!m) return null
  const [, province, centurySex, yy] = m as unknown as [string, string, string, string]
  const p = Number(province)
  if (p < 1 || p > 96) return null
  const cs = Number(centurySex)
  // 0/1: 20th century male/female, 2/3: 21st, 4/5: 22nd, 6/7: 23rd, 8/9: 24th
  const century = 1900 + Math.floor(cs / 2) * 100
  return { provinceCode: province, sex: cs % 2 === 0 ? 'male' : 'female', birthYear: century + Number(yy) }
}

export function isValidCitizenId(id: string, today: Date = new Date()): boolean {
  const parts = parseCitizenId(id)
  return parts !== null && parts.birthYear <= today.getUTCFullYear()
}
