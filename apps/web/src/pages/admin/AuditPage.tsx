import { Alert, Table, Typography } from 'antd'
import { useSearchParams } from 'react-router-dom'
import { useI18n } from '../../i18n/index.tsx'
import { useApi } from '../../api/hooks.ts'
import type { AuditEntryT, Paged } from '../../api/types.ts'
import { formatDateTime, formatNumber } from '../../lib/format.ts'
import { usePageTitle } from '../../lib/usePageTitle.ts'

const PAGE_SIZE = 50

export default function AuditPage() {
  const { t, lang } = useI18n()
  const [params, setParams] = useSearchParams()
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1)
  const list = useApi<Paged<AuditEntryT>>('/admin/audit', { page, pageSize: PAGE_SIZE })
  usePageTitle(t('admin.audit'))

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('admin.audit')}
      </Typography.Title>
      {list.error && <Alert type="error" showIcon message={list.error.localized} />}
      <Table<AuditEntryT>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        size="small"
        scroll={{ x: 1100 }}
        pagination={{
          current: list.data?.page ?? page,
          pageSize: list.data?.pageSize ?? PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => t('common.total', { n: formatNumber(n, lang) }),
          onChange: (p) => setParams(p > 1 ? { page: String(p) } : {}),
        }}
        expandable={{
          rowExpandable: (r) => Object.keys(r.details ?? {}).length > 0,
          expandedRowRender: (r) => (
            <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{JSON.stringify(r.details, null, 2)}</pre>
          ),
        }}
        columns={[
          { title: t('audit.at'), key: 'at', width: 150, render: (_, r) => formatDateTime(r.at) },
          { title: t('audit.actor'), key: 'actor', render: (_, r) => r.actorName ?? t('audit.system') },
          { title: t('audit.action'), dataIndex: 'action', key: 'action' },
          {
            title: t('audit.subject'),
            key: 'subject',
            render: (_, r) => (r.subjectId ? `${r.subjectType}: ${r.subjectId}` : r.subjectType),
          },
          { title: t('audit.ip'), key: 'ip', render: (_, r) => r.ip ?? t('common.none') },
          {
            title: t('audit.requestId'),
            key: 'requestId',
            render: (_, r) => <code style={{ fontSize: 12 }}>{r.requestId ?? t('common.none')}</code>,
          },
        ]}
      />
    </>
  )
}
