import type { ProcessDefinitionInput } from '@congso/contracts'
import { DAY_WORKING_MINUTES } from '@congso/domain'
import type { Lang, TFunction } from '../../i18n/index.tsx'
import { formatNumber } from '../../lib/format.ts'

/** Text helpers of the process screens: fitting labels into the diagram's boxes, durations in words. */

/** Rough advance of a character of the UI font, in em (Vietnamese letters with their marks are about as wide as Latin ones). */
const EM = { regular: 0.56, bold: 0.6 }

export function textWidth(text: string, fontSize: number, bold = false): number {
  return text.length * fontSize * (bold ? EM.bold : EM.regular)
}

/** Cuts `text` to fit `maxWidth`, ending with "…" when cut. */
export function ellipsize(text: string, maxWidth: number, fontSize: number, bold = false): string {
  if (textWidth(text, fontSize, bold) <= maxWidth) return text
  const chars = Math.max(1, Math.floor(maxWidth / (fontSize * (bold ? EM.bold : EM.regular))) - 1)
  return `${text.slice(0, chars).trimEnd()}…`
}

/** Breaks `text` into at most `maxLines` lines at spaces; the last line ends with "…" if the rest does not fit. */
export function wrapText(text: string, maxWidth: number, fontSize: number, maxLines: number, bold = false): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean)
  const lines: string[] = []
  let line = ''
  for (let i = 0; i < words.length; i++) {
    const next = line ? `${line} ${words[i]}` : words[i]!
    if (textWidth(next, fontSize, bold) <= maxWidth || !line) {
      line = next
      continue
    }
    if (lines.length === maxLines - 1) {
      lines.push(ellipsize(`${line} ${words.slice(i).join(' ')}`, maxWidth, fontSize, bold))
      return lines
    }
    lines.push(line)
    line = words[i]!
  }
  if (line) lines.push(lines.length === maxLines - 1 ? ellipsize(line, maxWidth, fontSize, bold) : line)
  return lines.slice(0, maxLines).map((l) => ellipsize(l, maxWidth, fontSize, bold))
}

type StepDuration = ProcessDefinitionInput['steps'][number]['duration']

/** A step's time as written: "3 ngày làm việc", "4 giờ làm việc". */
export function durationLabel(
  t: TFunction,
  lang: Lang,
  d: StepDuration | { value: number; unit: 'working_day' | 'working_hour' | 'day' },
): string {
  return `${formatNumber(d.value, lang)} ${t(`unit.${d.unit}`)}`
}

/** Working minutes in words: whole days as days, else whole hours as hours, else days with two decimals. */
export function minutesLabel(t: TFunction, lang: Lang, minutes: number): string {
  const days = minutes / DAY_WORKING_MINUTES
  if (Number.isInteger(days)) return `${formatNumber(days, lang)} ${t('unit.working_day')}`
  if (minutes % 60 === 0 && minutes < DAY_WORKING_MINUTES) return `${formatNumber(minutes / 60, lang)} ${t('unit.working_hour')}`
  return `${formatNumber(Math.round(days * 100) / 100, lang)} ${t('unit.working_day')}`
}
