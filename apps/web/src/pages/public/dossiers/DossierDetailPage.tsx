import type { ReactNode } from 'react'
import { Alert, Descriptions, Grid, Space, Typography } from 'antd'
import dayjs from 'dayjs'
import { Link, useParams } from 'react-router-dom'
import { useApi } from '../../../api/hooks.ts'
import { DossierFileList } from '../../../components/dossier/DossierFileList.tsx'
import { useI18n } from '../../../i18n/index.tsx'
import { DATE_FORMAT, formatDateTime, formatNumber } from '../../../lib/format.ts'
import { usePageTitle } from '../../../lib/usePageTitle.ts'
import { DeadlineFlagTag, DossierStatusTag } from '../../../components/dossier/DossierTags.tsx'
import { DossierTimeline } from '../../../components/dossier/DossierTimeline.tsx'
import { CsTag } from '../../../components/Tags.tsx'
import { NotFoundPage } from '../NotFoundPage.tsx'
import { DossierCode, PageSpinner, Section, SignInGate } from '../../../components/dossier/common.tsx'
import { DeadlinePanel } from '../../../components/dossier/DeadlinePanel.tsx'
import { SupplementPanel } from './SupplementPanel.tsx'
import type { DossierDetailT } from '../../../components/dossier/types.ts'
import { WithdrawAction } from './WithdrawAction.tsx'
import { CitizenResultSection } from './CitizenResultSection.tsx'

type EField = DossierDetailT['eForm']['fields'][number]

type Options = Map<string, string>

function formValue(f: EField, v: unknown, yes: string, no: string, options: Options | undefined): string {
  if (v === undefined || v === null || v === '') return ''
  if (typeof v === 'boolean') return v ? yes : no
  if (typeof v === 'string' && options?.has(v)) return options.get(v) ?? v
  if (f.type === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return dayjs(v).format(DATE_FORMAT)
  if (typeof v === 'string' || typeof v === 'number') return String(v)
  return JSON.stringify(v)
}

const processingUnit = (u: string) => (u === 'working_hour' || u === 'day' ? u : 'working_day')

function StatusNotice({ d }: { d: DossierDetailT }) {
  const { t } = useI18n()
  switch (d.status) {
    case 'submitted':
      return <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('portal.view.notice.submitted')} />
    case 'accepted':
      return (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('portal.view.notice.accepted', { date: d.dueAt ? formatDateTime(d.dueAt) : t('common.none') })}
        />
      )
    case 'refused':
      return <Alert type="error" showIcon style={{ marginBottom: 16 }} message={t('portal.view.notice.refused')} />
    case 'withdrawn':
      return <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('portal.view.notice.withdrawn')} />
    case 'processing':
      return (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('pr.citizen.notice.processing', { date: d.dueAt ? formatDateTime(d.dueAt) : t('common.none') })}
        />
      )
    case 'paused':
      return <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('pr.citizen.notice.paused')} />
    case 'result_ready':
      return <Alert type="success" showIcon style={{ marginBottom: 16 }} message={t('pr.citizen.notice.result_ready')} />
    case 'completed':
      return <Alert type="success" showIcon style={{ marginBottom: 16 }} message={t('pr.citizen.notice.completed')} />
    case 'supplement_requested':
      return null
  }
}

function Detail({ d, reload }: { d: DossierDetailT; reload: () => void }) {
  const { t, lang } = useI18n()
  const screens = Grid.useBreakpoint()
  const labelStyle = { width: screens.md === false ? undefined : '32%', fontWeight: 600, color: 'rgba(0,0,0,0.88)' }
  const canWithdraw = d.allowedActions.includes('withdraw')
  const canSupplement = d.allowedActions.includes('submit_supplement')
  const item = (label: string, value: ReactNode) => <Descriptions.Item label={label}>{value}</Descriptions.Item>
  // Select fields show the option labels of the dossier's own (pinned) procedure version.
  const options = new Map(d.eForm.fields.map((f) => [f.key, new Map((f.options ?? []).map((o) => [o.value, o.label]))]))

  return (
    <article>
      <nav aria-label={t('proc.breadcrumb')} style={{ marginBottom: 12 }}>
        <Link to="/tai-khoan">{t('account.title')}</Link> / <Link to="/tai-khoan/ho-so">{t('portal.nav.myDossiers')}</Link> /{' '}
        <span aria-current="page">{d.code}</span>
      </nav>
      <div className="cs-muted">{t('dossier.code')}</div>
      <Typography.Title level={1} style={{ margin: '0 0 8px', fontSize: 26 }}>
        <DossierCode code={d.code} />
      </Typography.Title>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between', marginBottom: 16 }}>
        <Space wrap data-testid="dossier-status">
          <DossierStatusTag status={d.status} />
          <DeadlineFlagTag flag={d.flag} />
          <span>{d.procedureName}</span>
        </Space>
        {canWithdraw && <WithdrawAction dossier={d} onChanged={reload} />}
      </div>

      <StatusNotice d={d} />
      {canSupplement && <SupplementPanel dossier={d} onChanged={reload} />}
      <CitizenResultSection key={d.version} d={d} />

      <Section id="dossier-info" title={t('portal.view.info')}>
        <Descriptions
          bordered
          column={1}
          size="small"
          layout={screens.md === false ? 'vertical' : 'horizontal'}
          styles={{ label: labelStyle }}
          style={{ marginBottom: 16 }}
        >
          {item(t('portal.procedure'), <Link to={`/thu-tuc/${encodeURIComponent(d.procedureCode)}`}>{d.procedureName}</Link>)}
          {item(t('portal.agency'), d.agencyName)}
          {item(t('portal.view.channel'), t(`dossierChannel.${d.channel}`))}
          {item(t('portal.submittedAt'), formatDateTime(d.submittedAt))}
          {item(t('portal.acceptedAt'), formatDateTime(d.acceptedAt) || t('common.none'))}
          {item(
            t('portal.dueAt'),
            d.dueAt ? (
              <strong style={{ fontSize: 18 }} data-testid="due-at">
                {formatDateTime(d.dueAt)}
              </strong>
            ) : (
              t('portal.view.noDueYet')
            ),
          )}
          {item(t('proc.time'), `${formatNumber(d.processingTime.value, lang)} ${t(`unit.${processingUnit(d.processingTime.unit)}`)}`)}
          {item(
            t('portal.sub.returnChannel'),
            <>
              {t(`returnChannel.${d.returnChannel}`)}
              {d.returnChannel === 'post' && d.returnAddress && <div className="cs-muted">{d.returnAddress}</div>}
            </>,
          )}
        </Descriptions>
        <DeadlinePanel key={d.version} code={d.code} />
      </Section>

      {d.eForm.fields.length > 0 && (
        <Section id="dossier-form" title={t('portal.sub.eForm')}>
          <Descriptions
            bordered
            column={1}
            size="small"
            layout={screens.md === false ? 'vertical' : 'horizontal'}
            styles={{ label: labelStyle }}
          >
            {d.eForm.fields.map((f) => (
              <Descriptions.Item key={f.key} label={f.label}>
                {formValue(f, d.formData[f.key], t('common.yes'), t('common.no'), options.get(f.key)) || t('common.none')}
              </Descriptions.Item>
            ))}
          </Descriptions>
        </Section>
      )}

      <Section id="dossier-components" title={t('proc.components')}>
        <ol style={{ paddingLeft: 20, margin: 0 }}>
          {d.components.map((c) => (
            <li key={c.index} style={{ marginBottom: 12 }} data-testid={`dossier-component-${c.index}`}>
              <div>
                {c.name} {c.required && <CsTag color="red">{t('portal.sub.required')}</CsTag>}{' '}
                <span className="cs-muted">
                  ({t(`compForm.${c.form}`)}, {t('portal.sub.quantity', { n: formatNumber(c.quantity, lang) })})
                </span>
              </div>
              <div style={{ marginTop: 4 }}>
                <DossierFileList files={c.files} empty={t('portal.sub.noFiles')} />
              </div>
            </li>
          ))}
        </ol>
      </Section>

      <Section id="dossier-timeline" title={t('dossier.timeline')}>
        <DossierTimeline events={d.events} />
      </Section>
    </article>
  )
}

function DetailLoader({ code }: { code: string }) {
  const { t } = useI18n()
  const d = useApi<DossierDetailT>(`/dossiers/${encodeURIComponent(code)}`)
  usePageTitle(d.data ? t('portal.view.title', { code: d.data.code }) : t('portal.view.titlePlain'))
  if (d.error && (d.error.status === 404 || d.error.status === 403)) {
    return (
      <NotFoundPage
        title={t('portal.view.notFound')}
        text={t('portal.view.notFoundText', { code })}
        back={{ to: '/tai-khoan/ho-so', label: t('portal.nav.myDossiers') }}
      />
    )
  }
  if (d.error) return <Alert type="error" showIcon message={d.error.localized} />
  // Keep showing the dossier while it is fetched again after an action.
  if (!d.data) return <PageSpinner />
  return <Detail d={d.data} reload={d.reload} />
}

/** `/tai-khoan/ho-so/:code`: one of the citizen's dossiers. */
export default function DossierDetailPage() {
  const { code = '' } = useParams()
  return <SignInGate>{() => <DetailLoader key={code} code={code} />}</SignInGate>
}
