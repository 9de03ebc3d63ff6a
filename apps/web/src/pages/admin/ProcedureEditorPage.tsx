import { useState } from 'react'
import { Alert, App, Button, Card, Form, Popconfirm, Skeleton, Space, Table, Typography } from 'antd'
import { Link, useParams } from 'react-router-dom'
import { ProcedureContent } from '@congso/contracts'
import { useT } from '../../i18n/index.tsx'
import { del, put } from '../../api/client.ts'
import { useApi } from '../../api/hooks.ts'
import type { ProcedureAdminViewT, ProcedureVersionRowT } from '../../api/types.ts'
import { useErrorHandler, validateWith } from '../../lib/forms.ts'
import { formatDate, formatDateTime } from '../../lib/format.ts'
import { usePageTitle } from '../../lib/usePageTitle.ts'
import { StatusTag } from '../../components/Tags.tsx'
import { NotFoundPage } from '../public/NotFoundPage.tsx'
import { ProcedureForm } from './ProcedureForm.tsx'
import { PublishModal } from './PublishModal.tsx'
import { fromFormValues, toFormValues, type ProcedureFormValues } from './procedureFormModel.ts'

export default function ProcedureEditorPage() {
  const { code = '' } = useParams()
  const t = useT()
  const { message } = App.useApp()
  const onError = useErrorHandler()
  const view = useApi<ProcedureAdminViewT>(`/admin/procedures/${encodeURIComponent(code)}`)
  const [form] = Form.useForm<ProcedureFormValues>()
  const [newVersion, setNewVersion] = useState(false)
  const [busy, setBusy] = useState(false)
  const [publishMode, setPublishMode] = useState<'publish' | 'abolish' | null>(null)
  const v = view.data
  usePageTitle(v ? (v.draft ?? v.published)?.name : t('admin.procedures'))

  if (view.error?.status === 404) {
    return (
      <NotFoundPage
        title={t('proc.notFound')}
        text={t('proc.notFoundText', { code })}
        back={{ to: '/quan-tri/thu-tuc', label: t('admin.procedures') }}
      />
    )
  }
  if (view.error) return <Alert type="error" showIcon message={view.error.localized} />
  if (!v) return <Skeleton active />

  const editing = v.draft ?? (newVersion ? v.published : null)
  const isAbolished = v.versions.some((r) => r.status === 'abolished') && !v.published
  const latest = v.draft ?? v.published

  const save = async () => {
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
      await put(`/admin/procedures/${encodeURIComponent(code)}/draft`, content)
      void message.success(t('ed.draftSaved'))
      setNewVersion(false)
      view.reload()
    } catch (e) {
      onError(e, form)
    } finally {
      setBusy(false)
    }
  }

  const deleteDraft = async () => {
    try {
      await del(`/admin/procedures/${encodeURIComponent(code)}/draft`)
      void message.success(t('ed.draftDeleted'))
      view.reload()
    } catch (e) {
      onError(e)
    }
  }

  const hasPublishedVersion = v.versions.some((r) => r.status === 'published' || r.status === 'superseded')

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {latest?.name ?? code}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <span>
          {t('proc.code')}: <strong>{code}</strong>
        </span>
        {v.published && <StatusTag status="published" />}
        {v.draft && <StatusTag status="draft" />}
        {isAbolished && <StatusTag status="abolished" />}
        {v.published && <Link to={`/thu-tuc/${encodeURIComponent(code)}`}>{t('ed.viewPublic')}</Link>}
      </Space>

      <div className="cs-toolbar">
        {editing && (
          <Button type="primary" loading={busy} onClick={() => void save()} data-testid="save-draft">
            {t('ed.saveDraft')}
          </Button>
        )}
        {!v.draft && v.published && !newVersion && (
          <Button type="primary" onClick={() => setNewVersion(true)} data-testid="new-version">
            {t('ed.newVersion')}
          </Button>
        )}
        {v.draft && (
          <Button onClick={() => setPublishMode('publish')} data-testid="publish">
            {t('ed.publish')}
          </Button>
        )}
        {v.draft && (
          <Popconfirm
            title={t('ed.deleteConfirm')}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            onConfirm={() => void deleteDraft()}
          >
            <Button danger data-testid="delete-draft">
              {t('ed.deleteDraft')}
            </Button>
          </Popconfirm>
        )}
        {newVersion && !v.draft && <Button onClick={() => setNewVersion(false)}>{t('common.cancel')}</Button>}
        {v.published && (
          <Button danger onClick={() => setPublishMode('abolish')} data-testid="abolish">
            {t('ed.abolish')}
          </Button>
        )}
      </div>

      {editing ? (
        <section aria-label={t('ed.editing')}>
          <ProcedureForm
            key={`${v.draft ? 'draft' : 'new'}-${v.versions.length}`}
            form={form}
            initialValues={toFormValues(editing)}
            codeEditable={false}
            onFinish={() => void save()}
          />
        </section>
      ) : (
        <Alert type="info" showIcon message={t('ed.noDraft')} style={{ marginBottom: 16 }} />
      )}

      <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('ed.versions')}</h2>} size="small">
        <Table<ProcedureVersionRowT>
          rowKey="id"
          dataSource={v.versions}
          pagination={false}
          size="small"
          scroll={{ x: 900 }}
          columns={[
            { title: t('proc.version'), dataIndex: 'version', key: 'version' },
            { title: t('common.status'), key: 'status', render: (_, r) => <StatusTag status={r.status} /> },
            { title: t('proc.name'), dataIndex: 'name', key: 'name' },
            {
              title: t('proc.publication'),
              key: 'publication',
              render: (_, r) =>
                r.publication
                  ? `${t(`pubKind.${r.publication.kind}`)}: ${t('proc.publicationText', { number: r.publication.number, date: formatDate(r.publication.date) })}`
                  : t('common.none'),
            },
            { title: t('ed.createdAt'), key: 'createdAt', render: (_, r) => formatDateTime(r.createdAt) },
            { title: t('ed.createdBy'), key: 'createdBy', render: (_, r) => r.createdBy ?? t('common.none') },
            { title: t('proc.publishedAt'), key: 'publishedAt', render: (_, r) => formatDateTime(r.publishedAt) },
          ]}
        />
      </Card>

      <PublishModal
        code={code}
        mode={publishMode}
        defaultKind={hasPublishedVersion ? 'amended' : 'new'}
        onClose={() => setPublishMode(null)}
        onDone={() => {
          void message.success(publishMode === 'abolish' ? t('ed.abolished') : t('ed.published'))
          setPublishMode(null)
          setNewVersion(false)
          view.reload()
        }}
      />
    </>
  )
}
