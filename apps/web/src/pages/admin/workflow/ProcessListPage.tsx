import { useState } from 'react'
import { Alert, Button, Col, Form, Row, Select, Space, Table, Typography } from 'antd'
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons'
import { Link } from 'react-router-dom'
import type { ProcessList, ProcessVersionStatus } from '@congso/contracts'
import { useApi } from '../../../api/hooks.ts'
import { useAuth } from '../../../auth/AuthContext.tsx'
import { useI18n } from '../../../i18n/index.tsx'
import { formatDate, formatNumber } from '../../../lib/format.ts'
import { useLoadState } from '../../../lib/useLoadState.ts'
import { usePageTitle } from '../../../lib/usePageTitle.ts'
import { useUrlFilters } from '../../../lib/useUrlFilters.ts'
import { ProcessStatusTag } from '../../../components/workflow/ProcessStatusTag.tsx'
import { ProcedureSelect } from '../dossiers/ProcedureSelect.tsx'
import { canEditProcesses } from './access.ts'
import { CreateProcessModal } from './CreateProcessModal.tsx'
import { ImportProcessModal } from './ImportProcessModal.tsx'
import { useAgencies } from './useAgencies.ts'

const PAGE_SIZE = 20
const STATUSES: readonly ProcessVersionStatus[] = ['draft', 'published', 'superseded']
type Row = ProcessList['items'][number]

/** `/quan-tri/quy-trinh`: the versions of the internal processes, by procedure, agency and status; create, import, export. */
export default function ProcessListPage() {
  const { t, lang } = useI18n()
  const { me } = useAuth()
  const [params, update, clear] = useUrlFilters<'procedure' | 'agency' | 'status'>()
  const procedure = params.get('procedure') ?? undefined
  const agency = params.get('agency') ?? undefined
  const statusParam = params.get('status')
  const status = STATUSES.find((s) => s === statusParam)
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1)
  const query = { procedureCode: procedure, agencyId: agency, status, page, pageSize: PAGE_SIZE }
  const list = useApi<ProcessList>('/admin/processes', query)
  const state = useLoadState(JSON.stringify(query), list)
  const agencies = useAgencies()
  const [creating, setCreating] = useState(false)
  const [importing, setImporting] = useState(false)
  const canEdit = canEditProcesses(me)
  usePageTitle(t('wf.list.title'))

  const agencyOptions = [
    { value: '', label: t('wf.list.allAgencies') },
    ...(agencies.index?.inScope(me).map((a) => ({ value: a.id, label: a.name })) ?? []),
  ]
  const items = list.data?.items ?? []
  const nameOf = (r: Row) => r.procedureName ?? r.procedureCode

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('wf.list.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 900 }}>
        {t('wf.list.intro')}
      </Typography.Paragraph>
      {canEdit ? (
        <div className="cs-toolbar">
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
            {t('wf.create')}
          </Button>
          <Button icon={<UploadOutlined aria-hidden />} onClick={() => setImporting(true)}>
            {t('wf.import')}
          </Button>
        </div>
      ) : (
        <Alert type="info" showIcon message={t('wf.list.readOnly')} style={{ marginBottom: 16 }} />
      )}

      <Form layout="vertical" role="search" aria-label={t('wf.list.filters')} name="process-filters">
        <Row gutter={12} align="bottom">
          <Col xs={24} md={10}>
            <Form.Item label={t('wf.list.procedure')} htmlFor="wf-filter-procedure">
              <ProcedureSelect
                id="wf-filter-procedure"
                value={procedure}
                currentName={items.find((r) => r.procedureCode === procedure)?.procedureName ?? undefined}
                onChange={(code) => update({ procedure: code })}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={7}>
            <Form.Item label={t('wf.list.agency')} htmlFor="wf-filter-agency">
              <Select
                id="wf-filter-agency"
                value={agency ?? ''}
                options={agencyOptions}
                onChange={(v: string) => update({ agency: v })}
                showSearch
                optionFilterProp="label"
              />
            </Form.Item>
          </Col>
          <Col xs={16} md={4}>
            <Form.Item label={t('wf.list.status')} htmlFor="wf-filter-status">
              <Select
                id="wf-filter-status"
                value={status ?? ''}
                options={[
                  { value: '', label: t('wf.list.allStatuses') },
                  ...STATUSES.map((s) => ({ value: s, label: t(`wf.status.${s}`) })),
                ]}
                onChange={(v: string) => update({ status: v })}
              />
            </Form.Item>
          </Col>
          <Col xs={8} md={3}>
            <Form.Item>
              <Button onClick={clear} disabled={!procedure && !agency && !status}>
                {t('wf.list.clear')}
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>

      {list.error && <Alert type="error" showIcon message={list.error.localized} style={{ marginBottom: 16 }} />}
      <div data-testid="process-list" data-state={state}>
        <Table<Row>
          rowKey="id"
          loading={list.loading}
          dataSource={items}
          scroll={{ x: 1000 }}
          locale={{ emptyText: t('wf.list.empty') }}
          pagination={{
            current: list.data?.page ?? page,
            pageSize: list.data?.pageSize ?? PAGE_SIZE,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (n) => t('common.total', { n: formatNumber(n, lang) }),
            onChange: (p) => update({ page: String(p) }),
          }}
          columns={[
            {
              title: t('wf.list.procedure'),
              key: 'procedure',
              render: (_, r) => (
                <>
                  <Link to={`/quan-tri/quy-trinh/${r.id}`}>{nameOf(r)}</Link>
                  <div>
                    <Typography.Text type="secondary">{r.procedureCode}</Typography.Text>
                  </div>
                </>
              ),
            },
            { title: t('wf.list.agency'), dataIndex: 'agencyName', key: 'agency', width: 200 },
            { title: t('wf.list.version'), dataIndex: 'version', key: 'version', width: 100 },
            { title: t('wf.list.status'), key: 'status', width: 140, render: (_, r) => <ProcessStatusTag status={r.status} /> },
            { title: t('wf.list.steps'), dataIndex: 'stepCount', key: 'steps', width: 90 },
            {
              title: t('wf.list.publishedAt'),
              key: 'publishedAt',
              width: 130,
              render: (_, r) => (r.publishedAt ? formatDate(r.publishedAt) : t('common.none')),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 190,
              render: (_, r) => (
                <Space size={4} wrap>
                  <Link to={`/quan-tri/quy-trinh/${r.id}`} aria-label={t('wf.list.openOf', { version: r.version, name: nameOf(r) })}>
                    {t('wf.list.open')}
                  </Link>
                  <Button
                    type="link"
                    size="small"
                    icon={<DownloadOutlined aria-hidden />}
                    href={`/api/v1/admin/processes/${r.id}/export`}
                    download
                    aria-label={t('wf.list.exportOf', { version: r.version, name: nameOf(r) })}
                  >
                    {t('wf.list.export')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </div>
      <CreateProcessModal open={creating} onClose={() => setCreating(false)} agencies={agencies.index} />
      <ImportProcessModal open={importing} onClose={() => setImporting(false)} agencies={agencies.index} />
    </>
  )
}
