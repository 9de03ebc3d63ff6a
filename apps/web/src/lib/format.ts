import dayjs from 'dayjs'
import type { Lang, TFunction } from '../i18n/index.tsx'
import type { ProcedureContent } from '../api/types.ts'

const intlLocale = (lang: Lang) => (lang === 'vi' ? 'vi-VN' : 'en-US')

/** Numbers always use Vietnamese grouping in vi (1.000.000) and English in en. */
export const formatNumber = (n: number, lang: Lang = 'vi') => new Intl.NumberFormat(intlLocale(lang)).format(n)

/** Money is shown in VND the Vietnamese way ("50.000 ₫") whatever the UI language. */
export const formatMoney = (n: number) =>
  new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 }).format(n)

export const DATE_FORMAT = 'DD/MM/YYYY'
export const ISO_DATE = 'YYYY-MM-DD'

/** `2025-07-01` or an ISO datetime → `01/07/2025`. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = dayjs(iso)
  return d.isValid() ? d.format(DATE_FORMAT) : iso
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = dayjs(iso)
  return d.isValid() ? d.format('DD/MM/YYYY HH:mm') : iso
}

export function processingTimeLabel(t: TFunction, lang: Lang, pt: ProcedureContent['processingTime']): string {
  return `${formatNumber(pt.value, lang)} ${t(`unit.${pt.unit}`)}`
}
