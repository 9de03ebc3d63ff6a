/** Vietnamese mobile/landline in national form (0 + 9 digits) or +84 form. */
const PHONE = /^(?:\+84|0)(?:[35789]\d{8}|2\d{9})$/

export function normalizePhone(raw: string): string | null {
  const compact = raw.replace(/[\s.-]/g, '')
  if (!PHONE.test(compact)) return null
  return compact.startsWith('+84') ? `0${compact.slice(3)}` : compact
}
