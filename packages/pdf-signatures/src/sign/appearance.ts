/**
 * A plain visible appearance: a framed box with the signer's name, title and signing time.
 * TODO(Decree 30/2020): the real layout — the signer's signature image, the agency seal image and
 * the agency signature placed where the form template says — and an embedded Unicode font so
 * Vietnamese diacritics render; the standard Helvetica used here only covers WinAnsi, so the text
 * below is transliterated to ASCII (the /Name in the signature dictionary keeps the exact name).
 */
export function asciiFold(s: string): string {
  return s
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '?')
}

function literal(s: string): string {
  return `(${asciiFold(s).replace(/[\\()]/g, (c) => `\\${c}`)})`
}

export interface AppearanceText {
  name: string
  title?: string | undefined
  signingTime: Date
}

export function appearanceContent(width: number, height: number, text: AppearanceText): string {
  const lines = [`Ky boi: ${text.name}`]
  if (text.title) lines.push(`Chuc vu: ${text.title}`)
  lines.push(`Thoi gian: ${text.signingTime.toISOString().replace('T', ' ').slice(0, 19)} UTC`)
  const size = Math.max(4, Math.min(10, (height - 8) / (lines.length * 1.3)))
  const ops = ['q', '0.8 0 0 RG', '1 w', `0.5 0.5 ${width - 1} ${height - 1} re S`, 'BT', `/F1 ${size.toFixed(2)} Tf`, '0 0 0.6 rg']
  lines.forEach((line, i) => {
    const y = height - 4 - size * (i + 1) * 1.2
    ops.push(`1 0 0 1 4 ${y.toFixed(2)} Tm`, `${literal(line)} Tj`)
  })
  ops.push('ET', 'Q')
  return ops.join('\n')
}
