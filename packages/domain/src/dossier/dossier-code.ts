/**
 * Dossier code (mã hồ sơ), Circular 01/2018/TT-VPCP art. 19: `<receiving agency code>-YYMMDD-XXXX`,
 * e.g. `000.00.01.H22-250314-0007` — the reception date in Vietnam time and a 4-digit sequence
 * within that day for that agency. Whether Circular 03/2025 changed it is unconfirmed
 * (REGULATION §4), so the pattern is configuration with this default.
 * Placeholders: `{agency}`, `{yy}`, `{yyyy}`, `{mm}`, `{dd}`, `{seq:N}` (zero-padded to N digits;
 * a 10,000th dossier in a day simply gets one more digit rather than colliding).
 */
export const DEFAULT_DOSSIER_CODE_PATTERN = '{agency}-{yy}{mm}{dd}-{seq:4}'

const VN_OFFSET_MS = 7 * 3600_000

/** The calendar date in Vietnam (UTC+7, no DST) of an instant, as YYYY-MM-DD. */
export function vietnamDate(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10)
}

/**
 * The code with everything but the sequence filled in: `{seq}` stays, with the width to pad it to.
 * Lets the database put the number in the same statement that takes it (see the dossiers repo).
 */
export function dossierCodeTemplate(
  agencyCode: string,
  receivedAt: Date,
  pattern = DEFAULT_DOSSIER_CODE_PATTERN,
): { template: string; width: number } {
  const [yyyy, mm, dd] = vietnamDate(receivedAt).split('-') as [string, string, string]
  let width = 4
  const template = pattern
    .replaceAll('{agency}', agencyCode)
    .replaceAll('{yyyy}', yyyy)
    .replaceAll('{yy}', yyyy.slice(2))
    .replaceAll('{mm}', mm)
    .replaceAll('{dd}', dd)
    .replace(/\{seq:(\d)\}/g, (_m, w: string) => {
      width = Number(w)
      return '{seq}'
    })
  return { template, width }
}

/** The sequence as it appears in a code: zero-padded to the width, never cut. */
export const padSeq = (seq: number, width: number) => String(seq).padStart(width, '0')

export function formatDossierCode(agencyCode: string, receivedAt: Date, seq: number, pattern = DEFAULT_DOSSIER_CODE_PATTERN): string {
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError('sequence starts at 1')
  const { template, width } = dossierCodeTemplate(agencyCode, receivedAt, pattern)
  return template.replaceAll('{seq}', padSeq(seq, width))
}

const DEFAULT_CODE = /^(\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})-(\d{2})(\d{2})(\d{2})-(\d{4,})$/

/** Parts of a code in the default pattern, or null (a code under a custom pattern is looked up as is). */
export function parseDossierCode(code: string): { agencyCode: string; date: string; seq: number } | null {
  const m = DEFAULT_CODE.exec(code)
  if (!m) return null
  const [, agencyCode, yy, mm, dd, seq] = m as unknown as [string, string, string, string, string, string]
  return { agencyCode, date: `20${yy}-${mm}-${dd}`, seq: Number(seq) }
}
