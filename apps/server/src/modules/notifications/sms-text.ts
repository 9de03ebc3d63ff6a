/**
 * SMS text for Vietnamese gateways. Brandname SMS gateways commonly require unaccented text: with
 * diacritics a message is sent in UCS-2 (70 characters a segment instead of 160) or refused. The
 * text is therefore folded to the GSM 7-bit alphabet: diacritics removed (case kept, đ → d,
 * Đ → D), typographic punctuation replaced, anything else outside printable ASCII dropped.
 */

/** One GSM 7-bit segment. */
export const SMS_SEGMENT = 160
/** Each part of a concatenated message loses 7 septets to the concatenation header. */
export const SMS_MULTIPART_SEGMENT = 153
/** The longest text `toSmsText` returns: two concatenated segments. */
export const SMS_MAX = 2 * SMS_MULTIPART_SEGMENT

/** Characters of the GSM 7-bit extension table: each takes two septets (escape + character). */
const GSM_EXTENDED = new Set(['^', '{', '}', '\\', '[', ']', '~', '|'])

const PUNCTUATION: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u2032': "'",
  '`': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u2033': '"',
  '\u00ab': '"',
  '\u00bb': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
  '\u2026': '...',
  '\u2022': '-',
  '\u00b7': '.',
}

/**
 * Removes Vietnamese diacritics and keeps case: "Hồ sơ ĐĂNG KÝ" → "Ho so DANG KY". Unlike
 * `foldVietnamese` (search keys), it neither lower-cases nor touches punctuation or spacing.
 */
export function unaccentVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC')
}

/** Length in GSM 7-bit septets (extension characters count twice). Assumes text from `toSmsText`. */
export function smsLength(text: string): number {
  let n = 0
  for (const ch of text) n += GSM_EXTENDED.has(ch) ? 2 : 1
  return n
}

/** How many segments a `toSmsText` text is sent as. */
export function smsSegments(text: string): number {
  const n = smsLength(text)
  if (n === 0) return 0
  return n <= SMS_SEGMENT ? 1 : Math.ceil(n / SMS_MULTIPART_SEGMENT)
}

/**
 * The SMS form of a text: unaccented, GSM 7-bit safe, on one line, at most two segments
 * (`SMS_MAX` septets; longer text is cut at a word and ends in "..."). Idempotent. Composers
 * should still aim for one segment (`SMS_SEGMENT`, 160): put the essentials first.
 */
export function toSmsText(text: string): string {
  const folded = Array.from(unaccentVietnamese(text).replace(/\s+/g, ' '))
    .map((ch) => PUNCTUATION[ch] ?? (ch >= ' ' && ch <= '~' ? ch : ''))
    .join('')
    .replace(/ {2,}/g, ' ')
    .trim()
  if (smsLength(folded) <= SMS_MAX) return folded
  const ellipsis = '...'
  const budget = SMS_MAX - ellipsis.length
  let cut = 0
  let used = 0
  for (const ch of folded) {
    const w = GSM_EXTENDED.has(ch) ? 2 : 1
    if (used + w > budget) break
    used += w
    cut += ch.length
  }
  const space = folded.lastIndexOf(' ', cut)
  const end = space > cut - 30 && space > 0 ? space : cut
  return `${folded.slice(0, end).trimEnd()}${ellipsis}`
}

/** A phone number for logs: every digit but the last three masked ("0912345678" → "*******678"). */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '').length
  let seen = 0
  return phone.replace(/\d/g, (d) => (++seen <= digits - 3 ? '*' : d))
}
