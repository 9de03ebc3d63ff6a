import { useState } from 'react'
import { Alert, Result, Space, Typography } from 'antd'
import { Link, useLocation, useParams } from 'react-router-dom'
import { useApi } from '../../../api/hooks.ts'
import { useI18n } from '../../../i18n/index.tsx'
import { formatDateTime } from '../../../lib/format.ts'
import { usePageTitle } from '../../../lib/usePageTitle.ts'
import { DeadlineFlagTag, DossierStatusTag } from '../../../components/dossier/DossierTags.tsx'
import { DossierTimeline } from '../../../components/dossier/DossierTimeline.tsx'
import { DeadlinePanel } from '../../../components/dossier/DeadlinePanel.tsx'
import { DossierCode, PageSpinner, Section } from '../../../components/dossier/common.tsx'
import { ProcessingPanel } from '../../../components/processing/ProcessingPanel.tsx'
import { PROCESSING_STATUSES } from '../../../components/processing/types.ts'
import { useAuth } from '../../../auth/AuthContext.tsx'
import { BOOK_ROLES, hasAnyRole, PROCESSING_ROLES } from './access.ts'
import { DecisionActions, type DecisionKind } from './DecisionActions.tsx'
import { ApplicantSection, ComponentsSection, EFormSection, InfoSection } from './DossierSections.tsx'
import type { DossierDetailT } from './types.ts'

/** The newest document of a kind issued by the dossier's events (e.g. the receipt of the acceptance). */
export function latestDocument(d: DossierDetailT, kind: string): string | null {
  for (let i = d.events.length - 1; i >= 0; i--) {
    const doc = d.events[i]?.documents.find((x) => x.kind === kind)
    if (doc) return doc.url
  }
  return null
}

type Outcome = { kind: DecisionKind; docUrl: string | null; dueAt: string | null }

const OUTCOME_DOC = { accept: 'receipt', supplement: 'supplement', refuse: 'refusal', extend: null } as const

function OpenSupplement({ d }: { d: DossierDetailT }) {
  const { t } = useI18n()
  if (!d.openSupplement) return null
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      message={t('officer.view.openSupplement', { date: formatDateTime(d.openSupplement.requestedAt) })}
      description={
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {d.openSupplement.items.map((it, i) => (
            <li key={i}>
              <strong>{it.name}</strong>: {it.reason}
            </li>
          ))}
        </ul>
      }
    />
  )
}

function OutcomeNotice({ outcome, onClose }: { outcome: Outcome; onClose: () => void }) {
  const { t } = useI18n()
  return (
    <Alert
      type="success"
      showIcon
      closable
      onClose={onClose}
      role="status"
      style={{ marginBottom: 16 }}
      data-testid="decision-outcome"
      message={t(`officer.done.${outcome.kind}`)}
      description={
        <>
          {outcome.kind === 'accept' && outcome.dueAt && <div>{t('officer.done.dueAt', { date: formatDateTime(outcome.dueAt) })}</div>}
          {outcome.docUrl && (
            <a href={outcome.docUrl} target="_blank" rel="noreferrer" data-testid="decision-document">
              {t(outcome.kind === 'accept' ? 'officer.done.openReceipt' : 'officer.done.openDocument')}
            </a>
          )}
        </>
      }
    />
  )
}

function Detail({ d, reload }: { d: DossierDetailT; reload: () => void }) {
  const { t } = useI18n()
  const { me } = useAuth()
  const location = useLocation()
  // Processing officers without the reception inbox come from "Hồ sơ cần xử lý".
  const fromProcessing = !hasAnyRole(me, BOOK_ROLES) && hasAnyRole(me, PROCESSING_ROLES)
  const showProcessing = (PROCESSING_STATUSES as readonly string[]).includes(d.status)
  const created = (location.state as { created?: boolean } | null)?.created === true && d.status === 'submitted'
  const [outcome, setOutcome] = useState<Outcome | null>(null)

  return (
    <article>
      <nav aria-label={t('proc.breadcrumb')} style={{ marginBottom: 12 }}>
        {fromProcessing ? (
          <Link to="/quan-tri/xu-ly">{t('pr.inbox.title')}</Link>
        ) : (
          <Link to="/quan-tri/ho-so">{t('officer.inbox.title')}</Link>
        )}{' '}
        / <span aria-current="page">{d.code}</span>
      </nav>
      <div className="cs-muted">{t('dossier.code')}</div>
      <Typography.Title level={1} style={{ margin: '0 0 8px', fontSize: 24 }}>
        <DossierCode code={d.code} size={24} />
      </Typography.Title>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between', marginBottom: 16 }}>
        <Space wrap data-testid="dossier-status">
          <DossierStatusTag status={d.status} />
          <DeadlineFlagTag flag={d.flag} />
          <span>{d.procedureName}</span>
        </Space>
        <DecisionActions
          dossier={d}
          onConflict={reload}
          onDone={(next, kind) => {
            const docKind = OUTCOME_DOC[kind]
            const docUrl = docKind ? latestDocument(next, docKind) : null
            setOutcome({ kind, docUrl, dueAt: next.dueAt })
            // The receipt is printed for the applicant at once; the link below stays if a pop-up blocker stops this.
            if (kind === 'accept' && docUrl) window.open(docUrl, '_blank', 'noopener')
            reload()
          }}
        />
      </div>

      {created && !outcome && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('officer.view.createdHint')} />}
      {outcome && <OutcomeNotice outcome={outcome} onClose={() => setOutcome(null)} />}
      <OpenSupplement d={d} />
      {showProcessing && <ProcessingPanel dossier={d} onChanged={reload} />}

      <ApplicantSection d={d} />
      <InfoSection d={d}>
        <DeadlinePanel key={d.version} code={d.code} />
      </InfoSection>
      <EFormSection d={d} />
      <ComponentsSection d={d} />
      <Section id="officer-timeline" title={t('dossier.timeline')}>
        <DossierTimeline events={d.events} />
      </Section>
    </article>
  )
}

function Loader({ code }: { code: string }) {
  const { t } = useI18n()
  const d = useApi<DossierDetailT>(`/dossiers/${encodeURIComponent(code)}`)
  usePageTitle(t('officer.view.title', { code }))
  if (d.error && (d.error.status === 404 || d.error.status === 403)) {
    return (
      <Result
        status={d.error.status === 403 ? '403' : '404'}
        title={t(d.error.status === 403 ? 'officer.view.forbidden' : 'officer.view.notFound', { code })}
        extra={<Link to="/quan-tri/ho-so">{t('officer.view.backToInbox')}</Link>}
      />
    )
  }
  if (d.error) return <Alert type="error" showIcon message={d.error.localized} />
  if (!d.data) return <PageSpinner />
  return <Detail d={d.data} reload={d.reload} />
}

/** `/quan-tri/ho-so/:code`: one dossier as the officer sees it, with the decisions they may take. */
export default function OfficerDossierPage() {
  const { code = '' } = useParams()
  return <Loader key={code} code={code} />
}
