import { Alert, Badge, Button, Result, Tabs, Typography } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { useNavigate, useSearchParams } from 'react-router-dom'
import { useApi } from '../../../api/hooks.ts'
import { useAuth } from '../../../auth/AuthContext.tsx'
import { useI18n, type MessageKey } from '../../../i18n/index.tsx'
import { usePageTitle } from '../../../lib/usePageTitle.ts'
import { hasAnyRole, INTAKE_ROLES } from './access.ts'
import { DossierTable } from './DossierTable.tsx'
import { INBOX_TABS } from './inboxTabs.ts'
import type { DossierListT, InboxBox, InboxCountsT } from './types.ts'
import { useRefreshOnReturn } from './useRefreshOnReturn.ts'

const isBox = (v: string | null): v is InboxBox => INBOX_TABS.some((b) => b.box === v)

/** `/quan-tri/ho-so`: the one-stop officer's reception inbox (Tiếp nhận hồ sơ). */
export default function ReceptionInboxPage() {
  const { t } = useI18n()
  const { me } = useAuth()
  const navigate = useNavigate()
  const [params, setParams] = useSearchParams()
  const boxParam = params.get('box')
  const box: InboxBox = isBox(boxParam) ? boxParam : 'waiting_reception'
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1)
  const counts = useApi<InboxCountsT>('/officer/inbox/counts')
  const list = useApi<DossierListT>('/officer/inbox', { box, page })
  usePageTitle(t('officer.inbox.title'))
  useRefreshOnReturn(() => {
    counts.reload()
    list.reload()
  })

  const forbidden = list.error?.status === 403 || counts.error?.status === 403
  const current = INBOX_TABS.find((b) => b.box === box)

  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('officer.inbox.title')}
        </Typography.Title>
        {hasAnyRole(me, INTAKE_ROLES) && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => void navigate('/quan-tri/ho-so/tiep-nhan-moi')}>
            {t('officer.intake.title')}
          </Button>
        )}
      </div>
      {forbidden ? (
        <div data-testid="forbidden">
          <Result status="403" title={t('officer.forbidden')} />
        </div>
      ) : (
        <>
          {counts.error && <Alert type="error" showIcon message={counts.error.localized} style={{ marginBottom: 12 }} />}
          <Tabs
            activeKey={box}
            onChange={(k) => setParams(k === 'waiting_reception' ? {} : { box: k })}
            items={INBOX_TABS.map((b) => {
              const n = counts.data?.[b.count]
              return {
                key: b.box,
                label: (
                  <span data-testid={`inbox-tab-${b.box}`}>
                    {t(b.label)} <Badge count={n ?? 0} showZero overflowCount={9999} color={n ? b.color : '#595959'} />
                  </span>
                ),
              }
            })}
          />
          {current && (
            <Typography.Paragraph className="cs-muted" style={{ marginTop: -4 }}>
              {t(`${current.label}.help` as MessageKey)}
            </Typography.Paragraph>
          )}
          {list.error && <Alert type="error" showIcon message={list.error.localized} style={{ marginBottom: 12 }} />}
          <DossierTable
            data={list.data}
            loading={list.loading}
            onPage={(p) => {
              const next = new URLSearchParams(params)
              next.set('page', String(p))
              setParams(next)
            }}
          />
        </>
      )}
    </>
  )
}
