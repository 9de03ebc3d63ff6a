import type { ReactNode } from 'react'
import { Alert, Button, Descriptions, Grid, Skeleton, Table, Typography } from 'antd'
import { CheckOutlined, DownloadOutlined, SendOutlined } from '@ant-design/icons'
import { Link, useNavigate, useParams } from 'react-router-dom'
import { useI18n } from '../../i18n/index.tsx'
import { templateFileUrl } from '../../api/client.ts'
import { useApi } from '../../api/hooks.ts'
import type { ProcedureDetail } from '../../api/types.ts'
import { formatDate, formatMoney, formatNumber, processingTimeLabel } from '../../lib/format.ts'
import { usePageTitle } from '../../lib/usePageTitle.ts'
import { OnlineTypeTag } from '../../components/Tags.tsx'
import { NotFoundPage } from './NotFoundPage.tsx'
import { NotOnlineNotice } from './dossiers/NotOnlineNotice.tsx'

type Content = ProcedureDetail['content']

/** A horizontally scrollable, keyboard-focusable wrapper for wide tables on small screens. */
function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  const t = useI18n().t
  return (
    <div role="region" aria-label={t('proc.tableRegion', { name: label })} tabIndex={0} style={{ overflowX: 'auto' }}>
      <div style={{ minWidth: 560 }}>{children}</div>
    </div>
  )
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} style={{ background: '#fff', borderRadius: 8, padding: 16, marginBottom: 16 }}>
      <Typography.Title level={2} id={id} style={{ fontSize: 20, marginTop: 0 }}>
        {title}
      </Typography.Title>
      {children}
    </section>
  )
}

export function ProcedurePage() {
  const { code = '' } = useParams()
  const { t, lang } = useI18n()
  const screens = Grid.useBreakpoint()
  const navigate = useNavigate()
  const submitUrl = `/nop-ho-so/${encodeURIComponent(code)}`
  const { data: p, error, loading } = useApi<ProcedureDetail>(`/procedures/${encodeURIComponent(code)}`)
  usePageTitle(p?.name ?? (error?.status === 404 ? t('proc.notFound') : undefined))

  if (error?.status === 404) {
    return (
      <NotFoundPage
        title={t('proc.notFound')}
        text={t('proc.notFoundText', { code })}
        back={{ to: '/thu-tuc', label: t('proc.backToSearch') }}
      />
    )
  }
  if (error) return <Alert type="error" showIcon message={error.localized} />
  if (loading || !p) return <Skeleton active paragraph={{ rows: 10 }} />

  const c: Content = p.content
  const fees = c.fees
  const componentColumns = [
    { title: t('proc.compName'), dataIndex: 'name', key: 'name' },
    {
      title: t('proc.compForm'),
      key: 'form',
      render: (_: unknown, r: Content['components'][number]) => t(`compForm.${r.form}`),
    },
    { title: t('proc.compQty'), dataIndex: 'quantity', key: 'quantity', align: 'right' as const },
    {
      title: t('proc.compRequired'),
      key: 'required',
      render: (_: unknown, r: Content['components'][number]) =>
        r.required ? (
          <span>
            <CheckOutlined aria-hidden /> {t('common.yes')}
          </span>
        ) : (
          t('common.no')
        ),
    },
    {
      title: t('proc.compTemplate'),
      key: 'templateName',
      render: (_: unknown, r: Content['components'][number]) =>
        r.templateFileId ? (
          <a
            href={templateFileUrl(r.templateFileId)}
            download
            title={r.templateName ? t('proc.templateDownloadOf', { name: r.templateName }) : undefined}
            data-testid="template-download"
          >
            <DownloadOutlined aria-hidden /> {r.templateName ?? t('proc.templateDownload')}
          </a>
        ) : (
          (r.templateName ?? t('common.none'))
        ),
    },
  ]

  return (
    <article>
      <nav aria-label={t('proc.breadcrumb')} style={{ marginBottom: 12 }}>
        <Link to="/">{t('nav.home')}</Link> / <Link to="/thu-tuc">{t('nav.procedures')}</Link> / <span aria-current="page">{p.code}</span>
      </nav>
      <Typography.Title level={1} style={{ fontSize: 26 }}>
        {p.name}
      </Typography.Title>
      {p.status === 'abolished' && <Alert type="warning" showIcon message={t('proc.abolishedNotice')} style={{ marginBottom: 16 }} />}

      {p.status !== 'abolished' &&
        (p.onlineType !== 'none' ? (
          <div style={{ marginBottom: 16 }}>
            <Button
              type="primary"
              size="large"
              icon={<SendOutlined aria-hidden />}
              href={submitUrl}
              onClick={(e) => {
                // an ordinary click stays in the app; ctrl/cmd/shift-click still opens a new tab
                if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return
                e.preventDefault()
                void navigate(submitUrl)
              }}
              data-testid="submit-online"
            >
              {t('proc.submit')}
            </Button>
          </div>
        ) : (
          <NotOnlineNotice procedure={p} withLink={false} />
        ))}

      <Section id="sec-overview" title={t('proc.overview')}>
        <Descriptions
          bordered
          column={1}
          size="small"
          layout={screens.md === false ? 'vertical' : 'horizontal'}
          styles={{ label: { width: screens.md === false ? undefined : '30%', fontWeight: 600, color: 'rgba(0,0,0,0.88)' } }}
        >
          <Descriptions.Item label={t('proc.code')}>{p.code}</Descriptions.Item>
          <Descriptions.Item label={t('proc.field')}>{p.field}</Descriptions.Item>
          <Descriptions.Item label={t('proc.levels')}>{p.levels.map((l) => t(`level.${l}`)).join(', ')}</Descriptions.Item>
          <Descriptions.Item label={t('proc.agencies')}>
            {p.agencies.length > 0 ? (
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {p.agencies.map((a) => (
                  <li key={a.code}>{a.name}</li>
                ))}
              </ul>
            ) : (
              t('proc.agenciesAll')
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('proc.applicants')}>{c.applicantTypes.map((a) => t(`applicant.${a}`)).join(', ')}</Descriptions.Item>
          <Descriptions.Item label={t('proc.time')}>
            {processingTimeLabel(t, lang, p.processingTime)}
            {p.processingTime.note && <div className="cs-muted">{p.processingTime.note}</div>}
          </Descriptions.Item>
          <Descriptions.Item label={t('proc.online')}>
            <OnlineTypeTag type={p.onlineType} long />
          </Descriptions.Item>
          <Descriptions.Item label={t('proc.legacy')}>{t('legacyLevel', { n: p.legacyLevel })}</Descriptions.Item>
          <Descriptions.Item label={t('proc.publication')}>
            {p.publication ? (
              <>
                {t('proc.publicationText', { number: p.publication.number, date: formatDate(p.publication.date) })}
                <div className="cs-muted">{t('proc.signer', { name: p.publication.signer })}</div>
              </>
            ) : (
              t('common.none')
            )}
          </Descriptions.Item>
          {p.publishedAt && <Descriptions.Item label={t('proc.publishedAt')}>{formatDate(p.publishedAt)}</Descriptions.Item>}
          <Descriptions.Item label={t('proc.version')}>{formatNumber(p.version, lang)}</Descriptions.Item>
        </Descriptions>
      </Section>

      <Section id="sec-components" title={t('proc.components')}>
        <ScrollRegion label={t('proc.components')}>
          <Table rowKey={(_, i) => String(i)} columns={componentColumns} dataSource={c.components} pagination={false} size="small" />
        </ScrollRegion>
      </Section>

      <Section id="sec-fees" title={t('proc.fees')}>
        {fees.length === 0 ? (
          <p>{t('proc.noFee')}</p>
        ) : (
          <ScrollRegion label={t('proc.fees')}>
            <Table
              rowKey={(_, i) => String(i)}
              pagination={false}
              size="small"
              dataSource={fees}
              columns={[
                { title: t('proc.feeName'), dataIndex: 'name', key: 'name' },
                {
                  title: t('proc.feeAmount'),
                  key: 'amount',
                  align: 'right' as const,
                  render: (_: unknown, f: Content['fees'][number]) =>
                    f.amountVnd === null ? t('proc.feeVaries') : f.amountVnd === 0 ? t('proc.noFee') : formatMoney(f.amountVnd),
                },
                { title: t('proc.note'), key: 'note', render: (_: unknown, f: Content['fees'][number]) => f.note ?? '' },
              ]}
            />
          </ScrollRegion>
        )}
      </Section>

      <Section id="sec-results" title={t('proc.results')}>
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {c.results.map((r, i) => (
            <li key={i}>{r}</li>
          ))}
        </ul>
      </Section>

      <Section id="sec-conditions" title={t('proc.conditions')}>
        <p style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.conditions.trim() || t('proc.noConditions')}</p>
      </Section>

      <Section id="sec-legal" title={t('proc.legal')}>
        {c.legalBasis.length === 0 ? (
          <p>{t('common.none')}</p>
        ) : (
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {c.legalBasis.map((l, i) => (
              <li key={i}>
                <strong>{l.number}</strong> — {l.title}
                {l.issuedOn ? ` (${t('proc.legalIssued', { d: formatDate(l.issuedOn) })})` : ''}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </article>
  )
}
