import { Space, Typography } from 'antd'
import { useT } from '../../i18n/index.tsx'
import { useAuth } from '../../auth/AuthContext.tsx'
import { usePageTitle } from '../../lib/usePageTitle.ts'
import { CsTag } from '../../components/Tags.tsx'
import { AccountSecurity, ProfileList, SectionCard, TotpStatusTag } from '../../components/AccountSecurity.tsx'

/** `/quan-tri/tai-khoan`: the signed-in officer's own account (AdminLayout guarantees an officer). */
export default function AccountPage() {
  const t = useT()
  const { me } = useAuth()
  usePageTitle(t('account.title'))
  if (!me) return null

  return (
    <div className="cs-account">
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('account.title')}
      </Typography.Title>
      <SectionCard id="account-profile" title={t('account.profile')}>
        <ProfileList
          rows={[
            { label: t('account.fullName'), value: me.fullName },
            { label: t('account.username'), value: me.username },
            { label: t('account.email'), value: me.email },
            { label: t('account.agency'), value: me.agencyName },
            {
              label: t('account.roles'),
              value:
                me.roles.length > 0 ? (
                  <Space size={[4, 4]} wrap>
                    {me.roles.map((r) => (
                      <CsTag key={r} color="blue">
                        {t(`role.${r}`)}
                      </CsTag>
                    ))}
                  </Space>
                ) : null,
            },
            { label: t('account.totp'), value: <TotpStatusTag on={me.totpEnabled} /> },
          ]}
        />
      </SectionCard>
      <AccountSecurity me={me} />
    </div>
  )
}
