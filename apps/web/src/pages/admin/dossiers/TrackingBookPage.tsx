import { useEffect, useMemo, useState, type ReactNode } from 'react'
import { Alert, Button, DatePicker, Input, Result, Typography } from 'antd'
import { DownloadOutlined } from '@ant-design/icons'
import dayjs from 'dayjs'
import { withQuery } from '../../../api/client.ts'
import { useApi } from '../../../api/hooks.ts'
import { useI18n } from '../../../i18n/index.tsx'
import { DATE_FORMAT, ISO_DATE } from '../../../lib/format.ts'
import { usePageTitle } from '../../../lib/usePageTitle.ts'
import { DossierTable } from './DossierTable.tsx'
import { CHANNELS, DOSSIER_STATUSES, FLAGS, type DossierListT } from './types.ts'
import { useUrlFilters } from '../../../lib/useUrlFilters.ts'

const FILTERS = ['q', 'status', 'channel', 'flag', 'procedureCode', 'from', 'to'] as const
type FilterKey = (typeof FILTERS)[number]
const PAGE_SIZE = 20

function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  )
}

function NativeSelect(props: { id: string; value: string; onChange: (v: string) => void; options: { value: string; label: string }[] }) {
  const { t } = useI18n()
  return (
    <select id={props.id} className="cs-select" value={props.value} onChange={(e) => props.onChange(e.target.value)}>
      <option value="">{t('common.all')}</option>
      {props.options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  )
}

/** `/quan-tri/so-theo-doi`: the tracking book (Sổ theo dõi hồ sơ) of the officer's agency subtree, filterable, with an Excel export. */
export default function TrackingBookPage() {
  const { t } = useI18n()
  const [params, update, clear] = useUrlFilters<FilterKey>()
  const filters = useMemo(() => Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ''])) as Record<FilterKey, string>, [params])
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1)
  const [keyword, setKeyword] = useState(filters.q)
  const [procCode, setProcCode] = useState(filters.procedureCode)
  useEffect(() => setKeyword(filters.q), [filters.q])
  useEffect(() => setProcCode(filters.procedureCode), [filters.procedureCode])
  usePageTitle(t('officer.book.title'))
  const list = useApi<DossierListT>('/officer/dossiers', { ...filters, page, pageSize: PAGE_SIZE })

  const date = (v: string) => (v && dayjs(v, ISO_DATE, true).isValid() ? dayjs(v, ISO_DATE) : null)
  const exportUrl = withQuery('/api/v1/officer/dossiers.xlsx', filters)
  const active = FILTERS.some((k) => filters[k])

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('officer.book.title')}
      </Typography.Title>
      <Typography.Paragraph className="cs-muted">{t('officer.book.intro')}</Typography.Paragraph>
      <section aria-label={t('officer.book.filters')}>
        <form className="cs-filters" role="search" onSubmit={(e) => e.preventDefault()}>
          <div style={{ gridColumn: '1 / -1' }}>
            <label htmlFor="book-q">{t('officer.book.search')}</label>
            <Input.Search
              id="book-q"
              value={keyword}
              onChange={(e) => setKeyword(e.target.value)}
              onSearch={(v) => update({ q: v.trim() })}
              enterButton={t('search.button')}
              placeholder={t('officer.book.searchPlaceholder')}
              autoComplete="off"
              allowClear
            />
          </div>
          <Field id="book-status" label={t('common.status')}>
            <NativeSelect
              id="book-status"
              value={filters.status}
              onChange={(v) => update({ status: v })}
              options={DOSSIER_STATUSES.map((s) => ({ value: s, label: t(`dossierStatus.${s}`) }))}
            />
          </Field>
          <Field id="book-channel" label={t('officer.col.channel')}>
            <NativeSelect
              id="book-channel"
              value={filters.channel}
              onChange={(v) => update({ channel: v })}
              options={CHANNELS.map((c) => ({ value: c, label: t(`dossierChannel.${c}`) }))}
            />
          </Field>
          <Field id="book-flag" label={t('officer.col.flag')}>
            <NativeSelect
              id="book-flag"
              value={filters.flag}
              onChange={(v) => update({ flag: v })}
              options={FLAGS.map((f) => ({ value: f, label: t(`deadlineFlag.${f}`) }))}
            />
          </Field>
          <Field id="book-proc" label={t('proc.code')}>
            <Input
              id="book-proc"
              value={procCode}
              onChange={(e) => setProcCode(e.target.value)}
              onBlur={() => procCode.trim() !== filters.procedureCode && update({ procedureCode: procCode.trim() })}
              onPressEnter={() => update({ procedureCode: procCode.trim() })}
              placeholder="1.001193"
              autoComplete="off"
            />
          </Field>
          <Field id="book-from" label={t('officer.book.from')}>
            <DatePicker
              id="book-from"
              format={DATE_FORMAT}
              placeholder={t('officer.datePlaceholder')}
              value={date(filters.from)}
              onChange={(d) => update({ from: d ? d.format(ISO_DATE) : '' })}
              style={{ width: '100%' }}
            />
          </Field>
          <Field id="book-to" label={t('officer.book.to')}>
            <DatePicker
              id="book-to"
              format={DATE_FORMAT}
              placeholder={t('officer.datePlaceholder')}
              value={date(filters.to)}
              onChange={(d) => update({ to: d ? d.format(ISO_DATE) : '' })}
              style={{ width: '100%' }}
            />
          </Field>
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
            {active && <Button onClick={clear}>{t('search.clear')}</Button>}
            <Button href={exportUrl} icon={<DownloadOutlined aria-hidden />} data-testid="book-export">
              {t('officer.book.export')}
            </Button>
          </div>
        </form>
      </section>
      {list.error?.status === 403 ? (
        <div data-testid="forbidden">
          <Result status="403" title={t('officer.forbidden')} />
        </div>
      ) : (
        <>
          {list.error && <Alert type="error" showIcon message={list.error.localized} style={{ marginBottom: 12 }} />}
          <DossierTable book data={list.data} loading={list.loading} onPage={(p) => update({ page: String(p) })} />
        </>
      )}
    </>
  )
}
