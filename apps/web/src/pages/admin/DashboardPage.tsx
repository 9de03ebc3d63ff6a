import { Card, Col, Row, Statistic, Typography } from 'antd'
import { useI18n } from '../../i18n/index.tsx'
import { useApi } from '../../api/hooks.ts'
import { useAuth } from '../../auth/AuthContext.tsx'
import type { Agency, FieldCountT, OrgSettingsT } from '../../api/types.ts'
import { usePageTitle } from '../../lib/usePageTitle.ts'
import { InboxCountsCard } from './dossiers/InboxCountsCard.tsx'

export default function DashboardPage() {
  const { t, lang } = useI18n()
  // Statistic groups digits itself: vi-VN 1.234, en 1,234 (as formatNumber does elsewhere).
  const groupSeparator = lang === 'vi' ? '.' : ','
  const { me } = useAuth()
  const settings = useApi<OrgSettingsT>('/org/settings')
  const fields = useApi<FieldCountT[]>('/catalog/fields')
  const agencies = useApi<Agency[]>('/admin/agencies')
  usePageTitle(t('admin.dashboard'))
  const published = fields.data?.reduce((s, f) => s + f.count, 0)

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('admin.dashboard')}
      </Typography.Title>
      <Typography.Paragraph>
        {t('admin.welcome', { name: me?.fullName ?? '' })}
        {me && me.roles.length > 0 && (
          <>
            {' '}
            ({t('admin.roles')}: {me.roles.map((r) => t(`role.${r}`)).join(', ')})
          </>
        )}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} sm={12} lg={6}>
          <Card>
            <Statistic title={t('admin.province')} value={settings.data?.provinceName ?? '…'} />
          </Card>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Card>
            <Statistic
              title={t('admin.govLevels')}
              value={settings.data ? t(settings.data.governmentLevels === 2 ? 'gov.2' : 'gov.3') : '…'}
              valueStyle={{ fontSize: 16 }}
            />
          </Card>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Card>
            <Statistic title={t('admin.publishedCount')} value={published ?? '…'} groupSeparator={groupSeparator} />
          </Card>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Card>
            <Statistic title={t('admin.org')} value={agencies.data?.length ?? '…'} groupSeparator={groupSeparator} />
          </Card>
        </Col>
      </Row>
      <InboxCountsCard />
    </>
  )
}
