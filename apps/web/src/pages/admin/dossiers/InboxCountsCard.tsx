import { Card, Col, Row, Statistic, Typography } from 'antd'
import { Link } from 'react-router-dom'
import { useApi } from '../../../api/hooks.ts'
import { useAuth } from '../../../auth/AuthContext.tsx'
import { useI18n } from '../../../i18n/index.tsx'
import { BOOK_ROLES, hasAnyRole } from './access.ts'
import { INBOX_TABS } from './inboxTabs.ts'
import type { InboxCountsT } from './types.ts'

/** Dashboard card: the reception inbox counts, each linking to its tab (only for roles that see the inbox). */
export function InboxCountsCard() {
  const { t, lang } = useI18n()
  const { me } = useAuth()
  const show = hasAnyRole(me, BOOK_ROLES) && me?.agencyId !== null
  const counts = useApi<InboxCountsT>(show ? '/officer/inbox/counts' : null)
  if (!show || counts.error) return null
  return (
    <Card
      style={{ marginTop: 16 }}
      title={
        <Typography.Title level={2} className="cs-card-title">
          {t('officer.dash.title')}
        </Typography.Title>
      }
      extra={<Link to="/quan-tri/ho-so">{t('officer.dash.open')}</Link>}
      data-testid="inbox-counts"
    >
      <Row gutter={[16, 16]}>
        {INBOX_TABS.map((b) => (
          <Col key={b.box} xs={12} sm={8} lg={4}>
            <Link to={b.box === 'waiting_reception' ? '/quan-tri/ho-so' : `/quan-tri/ho-so?box=${b.box}`}>
              <Statistic
                title={t(b.label)}
                value={counts.data?.[b.count] ?? '…'}
                groupSeparator={lang === 'vi' ? '.' : ','}
                valueStyle={{ color: counts.data?.[b.count] && (b.box === 'due_soon' || b.box === 'overdue') ? b.color : undefined }}
              />
            </Link>
          </Col>
        ))}
      </Row>
    </Card>
  )
}
