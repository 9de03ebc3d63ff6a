import { useState } from 'react'
import { Alert, App, Button, Drawer, Form, Input, Space, Table, Typography } from 'antd'
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons'
import { Link, useNavigate, useSearchParams } from 'react-router-dom'
import { ProcedureContent } from '@congso/contracts'
import { useI18n, useT } from '../../i18n/index.tsx'
import { post } from '../../api/client.ts'
import { useApi } from '../../api/hooks.ts'
import type { AdminProcedureRow, Paged } from '../../api/types.ts'
import { useErrorHandler, validateWith } from '../../lib/forms.ts'
import { formatNumber } from '../../lib/format.ts'
import { usePageTitle } from '../../lib/usePageTitle.ts'
import { StatusTag } from '../../components/Tags.tsx'
import { ImportModal } from './ImportModal.tsx'
import { ProcedureForm } from './ProcedureForm.tsx'
import { emptyContent, fromFormValues, type ProcedureFormValues } from './procedureFormModel.ts'

const PAGE_SIZE = 20

function CreateDrawer(props: { open: boolean; onClose: () => void }) {
  const t = useT()
  const { message } = App.useApp()
  const onError = useErrorHandler()
  const navigate = useNavigate()
  const [form] = Form.useForm<ProcedureFormValues>()
  const [busy, setBusy] = useState(false)

  const create = async () => {
    const rulesOk = await form.validateFields().then(
      () => true,
      () => false,
    )
    const content = rulesOk
      ? validateWith(ProcedureContent, fromFormValues(form.getFieldsValue(true) as Partial<ProcedureFormValues>), form)
      : null
    if (!content) {
      void message.error(t('common.formInvalid'))
      return
    }
    setBusy(true)
    try {
      await post('/admin/procedures', content)
      void message.success(t('padm.created'))
      props.onClose()
      void navigate(`/quan-tri/thu-tuc/${encodeURIComponent(content.code)}`)
    } catch (e) {
      onError(e, form)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Drawer
      open={props.open}
      onClose={props.onClose}
      title={t('padm.createTitle')}
      width="min(1000px, 100vw)"
      destroyOnHidden
      extra={
        <Button type="primary" loading={busy} onClick={() => void create()} data-testid="create-procedure-submit">
          {t('common.save')}
        </Button>
      }
    >
      <ProcedureForm form={form} initialValues={emptyContent()} codeEditable onFinish={() => void create()} />
    </Drawer>
  )
}

export default function ProceduresAdminPage() {
  const { t, lang } = useI18n()
  const [params, setParams] = useSearchParams()
  const q = params.get('q') ?? ''
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1)
  const list = useApi<Paged<AdminProcedureRow>>('/admin/procedures', { q, page, pageSize: PAGE_SIZE })
  const [creating, setCreating] = useState(false)
  const [importing, setImporting] = useState(false)
  usePageTitle(t('admin.procedures'))

  const setQuery = (next: { q?: string; page?: number }) => {
    const p = new URLSearchParams()
    const nq = next.q ?? q
    if (nq) p.set('q', nq)
    if (next.page && next.page > 1) p.set('page', String(next.page))
    setParams(p)
  }

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('admin.procedures')}
      </Typography.Title>
      <div className="cs-toolbar">
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="add-procedure">
          {t('padm.add')}
        </Button>
        <Button icon={<DownloadOutlined />} href="/api/v1/admin/catalog/export?format=json" download>
          {t('padm.exportJson')}
        </Button>
        <Button icon={<DownloadOutlined />} href="/api/v1/admin/catalog/export?format=xlsx" download>
          {t('padm.exportXlsx')}
        </Button>
        <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="import-open">
          {t('padm.import')}
        </Button>
      </div>
      <div role="search" style={{ maxWidth: 480, marginBottom: 16 }}>
        <label htmlFor="padm-q" className="visually-hidden">
          {t('padm.search')}
        </label>
        <Input.Search
          id="padm-q"
          defaultValue={q}
          key={q}
          placeholder={t('padm.search')}
          enterButton={t('search.button')}
          onSearch={(v) => setQuery({ q: v.trim(), page: 1 })}
          allowClear
        />
      </div>
      {list.error && <Alert type="error" showIcon message={list.error.localized} />}
      <Table<AdminProcedureRow>
        rowKey="code"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 900 }}
        pagination={{
          current: list.data?.page ?? page,
          pageSize: list.data?.pageSize ?? PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => t('common.total', { n: formatNumber(n, lang) }),
          onChange: (p) => setQuery({ page: p }),
        }}
        columns={[
          { title: t('proc.code'), dataIndex: 'code', key: 'code', width: 140 },
          {
            title: t('proc.name'),
            key: 'name',
            render: (_, r) => <Link to={`/quan-tri/thu-tuc/${encodeURIComponent(r.code)}`}>{r.name}</Link>,
          },
          { title: t('proc.field'), dataIndex: 'field', key: 'field' },
          {
            title: t('padm.publishedVersion'),
            key: 'pub',
            render: (_, r) => r.publishedVersion ?? t('common.none'),
          },
          { title: t('padm.draftVersion'), key: 'draft', render: (_, r) => r.draftVersion ?? t('common.none') },
          {
            title: t('common.status'),
            key: 'status',
            render: (_, r) => (
              <Space size={4} wrap>
                <StatusTag status={r.status} />
                {r.status === 'published' && r.draftVersion !== null && <StatusTag status="draft" />}
              </Space>
            ),
          },
        ]}
      />
      <CreateDrawer open={creating} onClose={() => setCreating(false)} />
      <ImportModal open={importing} onClose={() => setImporting(false)} onImported={() => list.reload()} />
    </>
  )
}
