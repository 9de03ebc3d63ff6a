import { Spin, Typography } from 'antd'
import { Link, Navigate } from 'react-router-dom'
import { useT } from '../../i18n/index.tsx'
import { useAuth } from '../../auth/AuthContext.tsx'
import { usePageTitle } from '../../lib/usePageTitle.ts'
import { AccountSecurity, ProfileList, SectionCard, TotpStatusTag } from '../../components/AccountSecurity.tsx'
import { DocumentStoreList } from '../../components/dossier/DocumentStore.tsx'

/** `•••••••• 1234`: the CCCD with all but its last 4 digits hidden (only those reach the browser). */
function MaskedCitizenId({ last4 }: { last4: string }) {
  const t = useT()
  return (
    <span data-testid="citizen-id">
      <span aria-hidden="true" className="cs-mono">
        {'••••••••'}
        {last4}
      </span>
      <span className="visually-hidden">{t('account.citizenIdMasked', { last4: last4.split('').join(' ') })}</span>
    </span>
  )
}

/** `/tai-khoan`: the signed-in citizen's own account. */
export function CitizenAccountPage() {
  const t = useT()
  const { me, loading } = useAuth()
  usePageTitle(t('account.title'))

  if (loading) {
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin size="large" />
      </div>
    )
  }
  if (!me || me.stage !== 'ok') return <Navigate to="/dang-nhap" replace />
  if (me.kind === 'officer') return <Navigate to="/quan-tri/tai-khoan" replace />

  return (
    <div className="cs-account">
      <Typography.Title level={1} style={{ fontSize: 26, marginTop: 0 }}>
        {t('account.title')}
      </Typography.Title>
      <SectionCard id="account-dossiers" title={t('portal.nav.myDossiers')}>
        <p style={{ marginTop: 0 }}>{t('portal.account.myDossiersText')}</p>
        <Link to="/tai-khoan/ho-so" data-testid="account-my-dossiers">
          {t('portal.nav.myDossiers')}
        </Link>
      </SectionCard>
      <SectionCard id="account-documents" title={t('portal.store.title')}>
        <p style={{ marginTop: 0 }}>{t('portal.store.intro')}</p>
        <DocumentStoreList />
      </SectionCard>
      <SectionCard id="account-profile" title={t('account.profile')}>
        <ProfileList
          rows={[
            { label: t('account.fullName'), value: me.fullName },
            { label: t('account.citizenId'), value: me.citizenIdLast4 ? <MaskedCitizenId last4={me.citizenIdLast4} /> : null },
            { label: t('account.phone'), value: me.phone },
            { label: t('account.email'), value: me.email },
            { label: t('account.totp'), value: <TotpStatusTag on={me.totpEnabled} /> },
          ]}
        />
      </SectionCard>
      <AccountSecurity me={me} />
    </div>
  )
}
