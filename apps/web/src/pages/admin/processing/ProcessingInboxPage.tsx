import { Alert, Badge, Result, Space, Table, Tabs, Typography, type TableColumnsType } from 'antd'
import { Link } from 'react-router-dom'
import { useApi } from '../../../api/hooks.ts'
import { useI18n } from '../../../i18n/index.tsx'
import { formatDateTime, formatNumber } from '../../../lib/format.ts'
import { usePageTitle } from '../../../lib/usePageTitle.ts'
import { useUrlFilters } from '../../../lib/useUrlFilters.ts'
import { useLoadState } from '../../../lib/useLoadState.ts'
import { DeadlineFlagTag, DossierStatusTag } from '../../../components/dossier/DossierTags.tsx'
import {
  PROCESSING_TABS,
  type ProcessingInboxItemT,
  type ProcessingInboxT,
  type ProcessingTabT,
} from '../../../components/processing/types.ts'
import { officerDossierPath } from '../dossiers/DossierTable.tsx'
import { useRefreshOnReturn } from '../dossiers/useRefreshOnReturn.ts'

const PAGE_SIZE = 20
const TAB_COLOR: Record<ProcessingTabT, string> = {
  todo: '#0a52a3',
  due_soon: '#ad4e00',
  overdue: '#c0161f',
  waiting: '#595959',
  done: '#595959',
}
const isTab = (v: string | null): v is ProcessingTabT => PROCESSING_TABS.some((x) => x === v)

/** `/quan-tri/xu-ly`: "Hồ sơ cần xử lý", the processing officer's inbox (tab and page kept in the address). */
export default function ProcessingInboxPage() {
  const { t, lang } = useI18n()
  const [params, update] = useUrlFilters<'tab'>()
  const tabParam = params.get('tab')
  const tab: ProcessingTabT = isTab(tabParam) ? tabParam : 'todo'
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1)
  const list = useApi<ProcessingInboxT>('/processing/inbox', { tab, page, pageSize: PAGE_SIZE })
  const loadState = useLoadState(`${tab}:${page}`, list)
  usePageTitle(t('pr.inbox.title'))
  useRefreshOnReturn(list.reload)

  const columns: TableColumnsType<ProcessingInboxItemT> = [
    {
      title: t('dossier.code'),
      key: 'code',
      width: 220,
      render: (_, d) => (
        <Link to={officerDossierPath(d.code)} className="cs-mono" style={{ wordBreak: 'break-all' }}>
          {d.code}
        </Link>
      ),
    },
    {
      title: t('officer.col.procedure'),
      key: 'procedure',
      width: 280,
      render: (_, d) => (
        <div>
          <div>{d.procedureName}</div>
          <div className="cs-muted" style={{ fontSize: 13 }}>
            {d.procedureCode}
          </div>
        </div>
      ),
    },
    { title: t('officer.col.applicant'), key: 'applicant', dataIndex: 'applicantName', width: 160 },
    {
      title: t('pr.col.step'),
      key: 'step',
      width: 200,
      render: (_, d) => (
        <Space direction="vertical" size={2}>
          <span>{d.stepName ?? t('common.none')}</span>
          <DossierStatusTag status={d.status} />
        </Space>
      ),
    },
    {
      title: t('pr.col.assignee'),
      key: 'assignee',
      width: 150,
      render: (_, d) => d.assigneeName ?? <span className="cs-muted">{t('pr.unassigned')}</span>,
    },
    {
      title: t('pr.col.stepDue'),
      key: 'stepDue',
      width: 150,
      render: (_, d) => (
        <Space direction="vertical" size={2}>
          <span>{d.stepDueAt ? formatDateTime(d.stepDueAt) : t('common.none')}</span>
          <DeadlineFlagTag flag={d.stepFlag} />
        </Space>
      ),
    },
    {
      title: t('pr.col.dueAt'),
      key: 'dueAt',
      width: 150,
      render: (_, d) => (
        <Space direction="vertical" size={2}>
          <span>{d.dueAt ? formatDateTime(d.dueAt) : t('common.none')}</span>
          <DeadlineFlagTag flag={d.flag} />
        </Space>
      ),
    },
  ]

  if (list.error?.status === 403) {
    return (
      <div data-testid="forbidden">
        <Result status="403" title={t('pr.forbidden')} />
      </div>
    )
  }

  const data = list.data
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('pr.inbox.title')}
      </Typography.Title>
      <Typography.Paragraph className="cs-muted">{t('pr.inbox.intro')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        aria-label={t('pr.inbox.tabs')}
        onChange={(k) => update({ tab: k === 'todo' ? '' : k })}
        items={PROCESSING_TABS.map((k) => {
          const n = data?.counts[k]
          return {
            key: k,
            label: (
              <span data-testid={`processing-tab-${k}`} data-count={n ?? ''}>
                {t(`pr.tab.${k}`)} <Badge count={n ?? 0} showZero overflowCount={9999} color={n ? TAB_COLOR[k] : '#595959'} />
              </span>
            ),
          }
        })}
      />
      <Typography.Paragraph className="cs-muted" style={{ marginTop: -4 }}>
        {t(`pr.tab.${tab}.help`)}
      </Typography.Paragraph>
      {list.error && <Alert type="error" showIcon message={list.error.localized} style={{ marginBottom: 12 }} />}
      <div data-testid="processing-inbox" data-state={loadState} data-tab={tab} data-page={page}>
        <Table<ProcessingInboxItemT>
          rowKey="code"
          size="middle"
          loading={list.loading}
          dataSource={data?.items ?? []}
          columns={columns}
          scroll={data?.items.length ? { x: 1310 } : undefined}
          locale={{ emptyText: t('pr.inbox.empty') }}
          pagination={{
            current: data?.page ?? page,
            pageSize: data?.pageSize ?? PAGE_SIZE,
            total: data?.total ?? 0,
            showSizeChanger: false,
            hideOnSinglePage: true,
            onChange: (p) => update({ page: String(p) }),
            showTotal: (n) => t('common.total', { n: formatNumber(n, lang) }),
          }}
        />
      </div>
    </>
  )
}
