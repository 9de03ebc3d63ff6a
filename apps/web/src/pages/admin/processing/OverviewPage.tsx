import { useMemo, type ReactNode } from 'react'
import { Alert, Button, Card, Col, DatePicker, Result, Row, Spin, Statistic, Table, Typography } from 'antd'
import dayjs from 'dayjs'
import { useApi } from '../../../api/hooks.ts'
import type { Agency } from '../../../api/types.ts'
import { useAuth } from '../../../auth/AuthContext.tsx'
import { useI18n, type Lang } from '../../../i18n/index.tsx'
import { DATE_FORMAT, formatDate, formatNumber, ISO_DATE } from '../../../lib/format.ts'
import { usePageTitle } from '../../../lib/usePageTitle.ts'
import { useUrlFilters } from '../../../lib/useUrlFilters.ts'
import { useLoadState } from '../../../lib/useLoadState.ts'
import { ScrollRegion, Section } from '../../../components/dossier/common.tsx'
import type { AgencyOverviewT } from '../../../components/processing/types.ts'
import { DossierTable } from '../dossiers/DossierTable.tsx'

type StepRow = AgencyOverviewT['byStep'][number]
const FILTERS = ['from', 'to', 'agencyId'] as const

/** A share 0–1 as a percentage the Vietnamese way: 0.975 → "97,5 %". */
export function formatPercent(share: number, lang: Lang): string {
  const n = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 1 }).format(share * 100)
  return `${n} %`
}

const decimal = (n: number, lang: Lang) => new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 1 }).format(n)

function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  )
}

/** One figure of the period, with its name for tests (`data-testid="ov-<key>"`). */
function Figure({ k, title, value, color }: { k: string; title: string; value: string; color?: string }) {
  return (
    <Col xs={12} md={8} lg={4}>
      <Card size="small" data-testid={`ov-${k}`}>
        <Statistic title={title} value={value} valueStyle={color ? { color } : undefined} />
      </Card>
    </Col>
  )
}

/** Dossiers in progress by step, with a bar for each step's share. */
function ByStep({ rows }: { rows: StepRow[] }) {
  const { t, lang } = useI18n()
  const max = Math.max(1, ...rows.map((r) => r.count))
  return (
    <ScrollRegion label={t('pr.ov.byStep')} minWidth={560}>
      <Table<StepRow>
        rowKey="stepName"
        size="small"
        pagination={false}
        dataSource={rows}
        data-testid="ov-by-step"
        locale={{ emptyText: t('pr.ov.byStepEmpty') }}
        columns={[
          { title: t('pr.ov.step'), key: 'step', dataIndex: 'stepName' },
          {
            title: t('pr.ov.count'),
            key: 'count',
            width: 260,
            render: (_, r) => (
              <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                <span style={{ minWidth: 40, textAlign: 'right' }}>{formatNumber(r.count, lang)}</span>
                <span aria-hidden="true" style={{ flex: 1, background: '#e6eef8', borderRadius: 3, height: 10 }}>
                  <span
                    style={{ display: 'block', width: `${(r.count / max) * 100}%`, background: '#0a52a3', height: '100%', borderRadius: 3 }}
                  />
                </span>
              </div>
            ),
          },
          {
            title: t('pr.ov.overdueCount'),
            key: 'overdue',
            width: 140,
            align: 'right',
            render: (_, r) => (
              <span style={r.overdue ? { color: '#c0161f', fontWeight: 600 } : undefined}>{formatNumber(r.overdue, lang)}</span>
            ),
          },
        ]}
      />
    </ScrollRegion>
  )
}

/** `/quan-tri/tong-hop-xu-ly`: the leaders' overview of an agency's processing in a period (period in the address). */
export default function OverviewPage() {
  const { t, lang } = useI18n()
  const { me } = useAuth()
  const [params, update, clear] = useUrlFilters<(typeof FILTERS)[number]>()
  const filters = useMemo(() => Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ''])) as Record<string, string>, [params])
  const isAdmin = me?.roles.includes('system_admin') ?? false
  const agencies = useApi<Agency[]>(isAdmin ? '/admin/agencies' : null)
  const ov = useApi<AgencyOverviewT>('/processing/overview', filters)
  const loadState = useLoadState(JSON.stringify(filters), ov)
  usePageTitle(t('pr.ov.title'))

  const date = (v: string) => (v && dayjs(v, ISO_DATE, true).isValid() ? dayjs(v, ISO_DATE) : null)
  const x = ov.data
  const active = FILTERS.some((k) => filters[k])

  if (ov.error?.status === 403) {
    return (
      <div data-testid="forbidden">
        <Result status="403" title={t('common.forbidden')} />
      </div>
    )
  }

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('pr.ov.title')}
      </Typography.Title>
      <Typography.Paragraph className="cs-muted">{t('pr.ov.intro')}</Typography.Paragraph>
      <section aria-label={t('pr.ov.filters')}>
        <form className="cs-filters" onSubmit={(e) => e.preventDefault()}>
          <Field id="ov-from" label={t('pr.ov.from')}>
            <DatePicker
              id="ov-from"
              format={DATE_FORMAT}
              placeholder={t('officer.datePlaceholder')}
              value={date(filters.from ?? '')}
              onChange={(d) => update({ from: d ? d.format(ISO_DATE) : '' })}
              style={{ width: '100%' }}
            />
          </Field>
          <Field id="ov-to" label={t('pr.ov.to')}>
            <DatePicker
              id="ov-to"
              format={DATE_FORMAT}
              placeholder={t('officer.datePlaceholder')}
              value={date(filters.to ?? '')}
              onChange={(d) => update({ to: d ? d.format(ISO_DATE) : '' })}
              style={{ width: '100%' }}
            />
          </Field>
          {isAdmin && (
            <Field id="ov-agency" label={t('pr.ov.agency')}>
              <select id="ov-agency" className="cs-select" value={filters.agencyId} onChange={(e) => update({ agencyId: e.target.value })}>
                <option value="">{t('pr.ov.agencyOwn')}</option>
                {(agencies.data ?? []).map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            </Field>
          )}
          {active && (
            <div style={{ display: 'flex', alignItems: 'flex-end' }}>
              <Button onClick={clear}>{t('search.clear')}</Button>
            </div>
          )}
        </form>
      </section>

      {ov.error && <Alert type="error" showIcon message={ov.error.localized} style={{ margin: '12px 0' }} />}
      <div data-testid="overview" data-state={loadState} data-from={filters.from} data-to={filters.to}>
        {!x && ov.loading && <Spin />}
        {x && (
          <>
            <Typography.Paragraph strong data-testid="ov-period" style={{ marginTop: 12 }}>
              {t('pr.ov.period', { agency: x.agency.name, from: formatDate(x.period.from), to: formatDate(x.period.to) })}
            </Typography.Paragraph>
            <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
              <Figure
                k="on-time-rate"
                title={t('pr.ov.onTimeRate')}
                value={x.onTimeRate === null ? t('pr.ov.noData') : formatPercent(x.onTimeRate, lang)}
              />
              <Figure k="completed" title={t('pr.ov.completed')} value={formatNumber(x.completed, lang)} />
              <Figure k="on-time" title={t('pr.ov.onTime')} value={formatNumber(x.onTime, lang)} color="#2b6a00" />
              <Figure k="late" title={t('pr.ov.late')} value={formatNumber(x.late, lang)} color={x.late ? '#c0161f' : undefined} />
              <Figure
                k="rating"
                title={t('pr.ov.rating')}
                value={x.averageRating === null ? t('pr.ov.noData') : `${decimal(x.averageRating, lang)}/5`}
              />
              <Figure k="ratings" title={t('pr.ov.ratings')} value={formatNumber(x.ratings, lang)} />
            </Row>
            <Section id="ov-by-step-title" title={t('pr.ov.byStep')}>
              <ByStep rows={x.byStep} />
            </Section>
            <Section id="ov-overdue-title" title={t('pr.ov.overdue')}>
              <div data-testid="ov-overdue">
                {x.overdue.length === 0 ? (
                  <p className="cs-muted">{t('pr.ov.overdueEmpty')}</p>
                ) : (
                  <DossierTable
                    data={{ items: x.overdue, total: x.overdue.length, page: 1, pageSize: Math.max(1, x.overdue.length) }}
                    loading={false}
                    onPage={() => undefined}
                  />
                )}
              </div>
            </Section>
          </>
        )}
      </div>
    </>
  )
}
