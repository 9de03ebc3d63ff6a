import { Alert, Typography } from 'antd'
import { Link, useParams } from 'react-router-dom'
import { useApi } from '../../../api/hooks.ts'
import type { Me, ProcedureDetail } from '../../../api/types.ts'
import { useI18n } from '../../../i18n/index.tsx'
import { usePageTitle } from '../../../lib/usePageTitle.ts'
import { NotFoundPage } from '../NotFoundPage.tsx'
import { PageSpinner, SignInGate } from '../../../components/dossier/common.tsx'
import { NotOnlineNotice } from './NotOnlineNotice.tsx'
import { SubmitWizard } from './SubmitWizard.tsx'
import type { DraftT } from '../../../components/dossier/types.ts'

function SubmitContent({ code, me }: { code: string; me: Me }) {
  const { t } = useI18n()
  const proc = useApi<ProcedureDetail>(`/procedures/${encodeURIComponent(code)}`)
  const drafts = useApi<DraftT[]>('/me/drafts')
  const p = proc.data

  if (proc.error?.status === 404) {
    return (
      <NotFoundPage
        title={t('proc.notFound')}
        text={t('proc.notFoundText', { code })}
        back={{ to: '/thu-tuc', label: t('proc.backToSearch') }}
      />
    )
  }
  if (proc.error) return <Alert type="error" showIcon message={proc.error.localized} />
  if (proc.loading || drafts.loading || !p) return <PageSpinner />

  const blocked = p.status === 'abolished' || p.onlineType === 'none'
  return (
    <article>
      <nav aria-label={t('proc.breadcrumb')} style={{ marginBottom: 12 }}>
        <Link to="/">{t('nav.home')}</Link> / <Link to={`/thu-tuc/${encodeURIComponent(p.code)}`}>{p.code}</Link> /{' '}
        <span aria-current="page">{t('portal.sub.title')}</span>
      </nav>
      <Typography.Title level={1} style={{ fontSize: 26, marginBottom: 4 }}>
        {t('portal.sub.title')}
      </Typography.Title>
      <p style={{ fontSize: 17, marginTop: 0 }} data-testid="procedure-name">
        {p.name} <span className="cs-muted">({p.code})</span>
      </p>
      {drafts.error && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('portal.sub.draftsUnavailable')} />}
      {blocked ? (
        <NotOnlineNotice procedure={p} />
      ) : (
        <>
          {p.onlineType === 'partial' && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              message={t('onlineLong.partial')}
              description={t('portal.sub.partialText')}
            />
          )}
          <SubmitWizard procedure={p} me={me} draft={drafts.data?.find((d) => d.procedureCode === p.code)} />
        </>
      )}
    </article>
  )
}

/** `/nop-ho-so/:procedureCode`: online submission for a signed-in citizen. */
export default function SubmitDossierPage() {
  const { procedureCode = '' } = useParams()
  const { t } = useI18n()
  usePageTitle(t('portal.sub.title'))
  return <SignInGate citizenOnly>{(me) => <SubmitContent key={procedureCode} code={procedureCode} me={me} />}</SignInGate>
}
