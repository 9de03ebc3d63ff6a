import { useEffect, useState } from 'react'
import { Alert, Input, Result, Table, Typography } from 'antd'
import { Link } from 'react-router-dom'
import type { z } from 'zod'
import type { OutboxList, OutboxMessage } from '@congso/contracts'
import { useApi } from '../../api/hooks.ts'
import { useAuth } from '../../auth/AuthContext.tsx'
import { useI18n } from '../../i18n/index.tsx'
import { formatDateTime, formatNumber } from '../../lib/format.ts'
import { usePageTitle } from '../../lib/usePageTitle.ts'
import { CsTag } from '../../components/Tags.tsx'
import { hasAnyRole, OUTBOX_ROLES } from './dossiers/access.ts'
import { officerDossierPath } from './dossiers/DossierTable.tsx'
import { useUrlFilters } from '../../lib/useUrlFilters.ts'

type Message = z.infer<typeof OutboxMessage>
type List = z.infer<typeof OutboxList>
const PAGE_SIZE = 20

function Outbox() {
  const { t, lang } = useI18n()
  const [params, update] = useUrlFilters<string>()
  const channel = params.get('channel') ?? ''
  const q = params.get('q') ?? ''
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1)
  const [keyword, setKeyword] = useState(q)
  useEffect(() => setKeyword(q), [q])
  const list = useApi<List>('/admin/outbox', { channel, q, page, pageSize: PAGE_SIZE })

  return (
    <>
      <section aria-label={t('officer.outbox.filters')}>
        <form className="cs-filters" role="search" onSubmit={(e) => e.preventDefault()}>
          <div>
            <label htmlFor="outbox-channel">{t('officer.outbox.channel')}</label>
            <select id="outbox-channel" className="cs-select" value={channel} onChange={(e) => update({ channel: e.target.value })}>
              <option value="">{t('common.all')}</option>
              <option value="email">{t('officer.outbox.email')}</option>
              <option value="sms">{t('officer.outbox.sms')}</option>
            </select>
          </div>
          <div style={{ gridColumn: 'span 2' }}>
            <label htmlFor="outbox-q">{t('officer.outbox.search')}</label>
            <Input.Search
              id="outbox-q"
              value={keyword}
              onChange={(e) => setKeyword(e.target.value)}
              onSearch={(v) => update({ q: v.trim() })}
              enterButton={t('search.button')}
              placeholder={t('officer.outbox.searchPlaceholder')}
              autoComplete="off"
              allowClear
            />
          </div>
        </form>
      </section>
      {list.error && <Alert type="error" showIcon message={list.error.localized} style={{ marginBottom: 12 }} />}
      <Table<Message>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('officer.outbox.empty') }}
        expandable={{
          expandedRowRender: (m) => (
            <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', margin: 0, fontFamily: 'inherit' }} data-testid="outbox-body">
              {m.body}
            </pre>
          ),
        }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          hideOnSinglePage: true,
          onChange: (p) => update({ page: String(p) }),
          showTotal: (n) => t('common.total', { n: formatNumber(n, lang) }),
        }}
        columns={[
          { title: t('officer.outbox.at'), key: 'at', width: 150, render: (_, m) => formatDateTime(m.createdAt) },
          {
            title: t('officer.outbox.channel'),
            key: 'channel',
            width: 100,
            render: (_, m) => <CsTag color={m.channel === 'email' ? 'blue' : 'green'}>{t(`officer.outbox.${m.channel}`)}</CsTag>,
          },
          { title: t('officer.outbox.recipient'), key: 'recipient', dataIndex: 'recipient', width: 220 },
          {
            title: t('officer.outbox.subject'),
            key: 'subject',
            render: (_, m) => m.subject ?? <span className="cs-muted">{m.body.length > 90 ? `${m.body.slice(0, 90)}…` : m.body}</span>,
          },
          {
            title: t('dossier.code'),
            key: 'dossier',
            width: 230,
            render: (_, m) =>
              m.dossierCode ? (
                <Link to={officerDossierPath(m.dossierCode)} className="cs-mono">
                  {m.dossierCode}
                </Link>
              ) : (
                t('common.none')
              ),
          },
        ]}
      />
    </>
  )
}

/** `/quan-tri/hop-thu-di`: e-mails and SMS captured while no SMTP server or SMS gateway is configured (system admins). */
export default function OutboxPage() {
  const { t } = useI18n()
  const { me } = useAuth()
  usePageTitle(t('officer.outbox.title'))
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('officer.outbox.title')}
      </Typography.Title>
      <Typography.Paragraph className="cs-muted">{t('officer.outbox.intro')}</Typography.Paragraph>
      {hasAnyRole(me, OUTBOX_ROLES) ? (
        <Outbox />
      ) : (
        <div data-testid="forbidden">
          <Result status="403" title={t('common.forbidden')} />
        </div>
      )}
    </>
  )
}
