import type { CSSProperties } from 'react'
import dayjs from 'dayjs'
import { useI18n, type Lang } from '../../../i18n/index.tsx'
import { formatDate } from '../../../lib/format.ts'
import type { CalendarYearViewT, DayKindT } from './types.ts'

export const DAY_STYLE: Record<DayKindT, CSSProperties> = {
  working: { background: '#fff', color: 'rgba(0,0,0,0.88)' },
  weekend: { background: '#f0f0f0', color: '#4a4a4a' },
  holiday: { background: '#ffccc7', color: '#820014', fontWeight: 700 },
  day_off: { background: '#ffe7ba', color: '#873800', fontWeight: 700 },
  swapped_working_day: { background: '#d9f7be', color: '#135200', fontWeight: 700, boxShadow: 'inset 0 0 0 2px #389e0d' },
}
export const DAY_KINDS: readonly DayKindT[] = ['working', 'weekend', 'holiday', 'day_off', 'swapped_working_day']

interface DayInfo {
  kind: DayKindT
  name?: string
}

/** Each date's kind: the server's special days first, then overrides, statutory holidays and weekends. */
export function dayKinds(view: CalendarYearViewT): (iso: string) => DayInfo {
  const special = new Map(view.specialDays.map((d) => [d.date, { kind: d.kind, name: d.name }]))
  const overrides = new Map(view.overrides.map((o) => [o.date, o]))
  const holidays = new Map<string, string>()
  for (const h of view.statutoryHolidays) holidays.set(h.date, holidays.has(h.date) ? `${holidays.get(h.date)}; ${h.name}` : h.name)
  return (iso) => {
    const s = special.get(iso)
    if (s) return s.name ? { kind: s.kind, name: s.name } : { kind: s.kind }
    const dow = dayjs(iso).day()
    const weekend = dow === 0 || dow === 6
    const o = overrides.get(iso)
    if (o) return { kind: o.kind === 'day_off' ? 'day_off' : weekend ? 'swapped_working_day' : 'working', name: o.name }
    const h = holidays.get(iso)
    if (h) return { kind: 'holiday', name: h }
    return { kind: weekend ? 'weekend' : 'working' }
  }
}

const monthName = (lang: Lang, m: number) => {
  const s = new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2001, m, 1)),
  )
  return s.charAt(0).toUpperCase() + s.slice(1)
}

function Month({ year, month, info }: { year: number; month: number; info: (iso: string) => DayInfo }) {
  const { t, lang } = useI18n()
  const first = dayjs(new Date(year, month, 1))
  const lead = (first.day() + 6) % 7 // Monday first
  const days = first.daysInMonth()
  const cells: (number | null)[] = [...Array<null>(lead).fill(null), ...Array.from({ length: days }, (_, i) => i + 1)]
  while (cells.length % 7 !== 0) cells.push(null)
  const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7))
  const heads = t('officer.cal.weekdays').split(',')
  const today = dayjs().format('YYYY-MM-DD')
  return (
    <table style={{ borderCollapse: 'collapse', width: '100%', tableLayout: 'fixed', fontSize: 13 }}>
      <caption style={{ captionSide: 'top', fontWeight: 700, textAlign: 'left', padding: '4px 0', color: 'rgba(0,0,0,0.88)' }}>
        {monthName(lang, month)}
      </caption>
      <thead>
        <tr>
          {heads.map((h) => (
            <th key={h} scope="col" style={{ fontWeight: 600, padding: 2, textAlign: 'center' }}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week, w) => (
          <tr key={w}>
            {week.map((d, i) => {
              if (d === null) return <td key={i} />
              const iso = `${year}-${String(month + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`
              const x = info(iso)
              const label = `${formatDate(iso)}: ${t(`officer.cal.kind.${x.kind}`)}${x.name ? ` — ${x.name}` : ''}`
              return (
                <td
                  key={i}
                  title={label}
                  data-date={iso}
                  data-kind={x.kind}
                  style={{
                    ...DAY_STYLE[x.kind],
                    textAlign: 'center',
                    padding: '3px 0',
                    border: '1px solid #fff',
                    borderRadius: 4,
                    outline: iso === today ? '2px solid #0a52a3' : undefined,
                    outlineOffset: -2,
                  }}
                >
                  <span aria-hidden="true">{d}</span>
                  <span className="visually-hidden">{label}</span>
                </td>
              )
            })}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Twelve month grids with holidays, days off, swapped working days and weekends coloured (and named for screen readers). */
export function YearGrid({ view }: { view: CalendarYearViewT }) {
  const { t } = useI18n()
  const info = dayKinds(view)
  return (
    <>
      <ul
        aria-label={t('officer.cal.legend')}
        style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 16px', listStyle: 'none', padding: 0 }}
      >
        {DAY_KINDS.map((k) => (
          <li key={k} style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
            <span
              aria-hidden="true"
              style={{ ...DAY_STYLE[k], display: 'inline-block', width: 18, height: 18, borderRadius: 4, border: '1px solid #d9d9d9' }}
            />
            {t(`officer.cal.kind.${k}`)}
          </li>
        ))}
      </ul>
      <div
        data-testid="year-grid"
        style={{ display: 'grid', gap: 16, gridTemplateColumns: 'repeat(auto-fill, minmax(230px, 1fr))', marginTop: 8 }}
      >
        {Array.from({ length: 12 }, (_, m) => (
          <div key={m} style={{ background: '#fff', borderRadius: 8, padding: 8, border: '1px solid #e5e7eb' }}>
            <Month year={view.year} month={m} info={info} />
          </div>
        ))}
      </div>
    </>
  )
}
