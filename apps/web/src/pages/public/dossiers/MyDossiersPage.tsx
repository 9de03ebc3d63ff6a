import { useState } from 'react'
import { Alert, App, Button, Popconfirm, Space, Table, Typography } from 'antd'
import { Link, useNavigate, useSearchParams } from 'react-router-dom'
import { DossierStatusSchema } from '@congso/contracts'
import { del } from '../../../api/client.ts'
import { useApi } from '../../../api/hooks.ts'
import { useI18n } from '../../../i18n/index.tsx'
import { formatDateTime, formatNumber } from '../../../lib/format.ts'
import { useErrorHandler } from '../../../lib/forms.ts'
import { usePageTitle } from '../../../lib/usePageTitle.ts'
import { DeadlineFlagTag, DossierStatusTag } from '../../../components/dossier/DossierTags.tsx'
import { NativeSelect, ScrollRegion, Section, SignInGate } from '../../../components/dossier/common.tsx'
import type { DossierListT, DossierStatusT, DossierSummaryT, DraftT } from '../../../components/dossier/types.ts'

const PAGE_SIZE = 10

function Drafts() {
  const { t } = useI18n()
  const { message } = App.useApp()
  const onError = useErrorHandler()
  const navigate = useNavigate()
  const drafts = useApi<DraftT[]>('/me/drafts')
  const [deleting, setDeleting] = useState<string>()

  const remove = async (d: DraftT) => {
    setDeleting(d.id)
    try {
      await del(`/me/drafts/${encodeURIComponent(d.id)}`)
      void message.success(t('portal.my.draftDeleted'))
      drafts.reload()
    } catch (e) {
      onError(e)
    } finally {
      setDeleting(undefined)
    }
  }

  if (drafts.error) return <Alert type="error" showIcon message={drafts.error.localized} />
  const list = drafts.data ?? []
  if (!drafts.loading && list.length === 0) return null
  return (
    <Section id="my-drafts" title={t('portal.my.drafts')}>
      <ScrollRegion label={t('portal.my.drafts')} minWidth={560}>
        <Table<DraftT>
          rowKey="id"
          size="small"
          loading={drafts.loading}
          dataSource={list}
          pagination={false}
          columns={[
            { title: t('portal.procedure'), key: 'name', render: (_, d) => `${d.procedureName} (${d.procedureCode})` },
            { title: t('portal.my.updatedAt'), key: 'updated', render: (_, d) => formatDateTime(d.updatedAt), width: 160 },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 220,
              render: (_, d) => (
                <Space wrap>
                  <Button size="small" type="primary" onClick={() => void navigate(`/nop-ho-so/${encodeURIComponent(d.procedureCode)}`)}>
                    {t('portal.my.continue')}
                  </Button>
                  <Popconfirm
                    title={t('portal.my.deleteDraftConfirm')}
                    okText={t('common.delete')}
                    cancelText={t('common.cancel')}
                    okButtonProps={{ danger: true }}
                    onConfirm={() => remove(d)}
                  >
                    <Button
                      size="small"
                      danger
                      loading={deleting === d.id}
                      aria-label={t('portal.my.deleteDraftOf', { name: d.procedureName })}
                    >
                      {t('common.delete')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </ScrollRegion>
    </Section>
  )
}

function MyDossiers() {
  const { t, lang } = useI18n()
  const [params, setParams] = useSearchParams()
  const page = Math.max(1, Number(params.get('trang')) || 1)
  const parsedStatus = DossierStatusSchema.safeParse(params.get('trang-thai'))
  const status: DossierStatusT | undefined = parsedStatus.success ? parsedStatus.data : undefined
  const list = useApi<DossierListT>('/me/dossiers', { page, pageSize: PAGE_SIZE, status })

  const update = (next: { page?: number; status?: DossierStatusT | null }) => {
    const p = new URLSearchParams(params)
    if (next.status !== undefined) {
      if (next.status) p.set('trang-thai', next.status)
      else p.delete('trang-thai')
      p.delete('trang')
    }
    if (next.page !== undefined) {
      if (next.page > 1) p.set('trang', String(next.page))
      else p.delete('trang')
    }
    setParams(p)
  }

  return (
    <Section
      id="my-dossiers"
      title={t('portal.my.submitted')}
      extra={
        <span>
          <label htmlFor="status-filter" style={{ fontWeight: 600, marginRight: 8 }}>
            {t('common.status')}
          </label>
          <NativeSelect
            id="status-filter"
            value={status ?? ''}
            placeholder={t('common.all')}
            style={{ minWidth: 200, width: 'auto' }}
            onChange={(v) => update({ status: DossierStatusSchema.safeParse(v).data ?? null })}
            options={DossierStatusSchema.options.map((s) => ({ value: s, label: t(`dossierStatus.${s}`) }))}
          />
        </span>
      }
    >
      {list.error && <Alert type="error" showIcon message={list.error.localized} style={{ marginBottom: 12 }} />}
      {!list.loading && !list.error && list.data?.total === 0 ? (
        <p data-testid="my-dossiers-empty">{status ? t('portal.my.emptyStatus') : t('portal.my.empty')}</p>
      ) : (
        <ScrollRegion label={t('portal.my.submitted')} minWidth={900}>
          <Table<DossierSummaryT>
            rowKey="code"
            size="middle"
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t('portal.my.empty') }}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              hideOnSinglePage: true,
              showTotal: (n) => t('common.total', { n: formatNumber(n, lang) }),
              onChange: (p) => update({ page: p }),
            }}
            columns={[
              {
                title: t('dossier.code'),
                key: 'code',
                render: (_, d) => (
                  <Link to={`/tai-khoan/ho-so/${encodeURIComponent(d.code)}`} className="cs-mono">
                    {d.code}
                  </Link>
                ),
              },
              { title: t('portal.procedure'), dataIndex: 'procedureName', key: 'procedure' },
              { title: t('portal.agency'), dataIndex: 'agencyName', key: 'agency' },
              { title: t('portal.submittedAt'), key: 'submitted', render: (_, d) => formatDateTime(d.submittedAt), width: 140 },
              { title: t('common.status'), key: 'status', render: (_, d) => <DossierStatusTag status={d.status} /> },
              {
                title: t('portal.dueAt'),
                key: 'due',
                render: (_, d) => (d.dueAt ? formatDateTime(d.dueAt) : t('common.none')),
                width: 140,
              },
              { title: t('portal.flag'), key: 'flag', render: (_, d) => <DeadlineFlagTag flag={d.flag} /> },
            ]}
          />
        </ScrollRegion>
      )}
    </Section>
  )
}

/** `/tai-khoan/ho-so`: the citizen's dossiers and unfinished drafts. */
export default function MyDossiersPage() {
  const { t } = useI18n()
  usePageTitle(t('portal.nav.myDossiers'))
  return (
    <SignInGate citizenOnly>
      {() => (
        <div>
          <nav aria-label={t('proc.breadcrumb')} style={{ marginBottom: 12 }}>
            <Link to="/tai-khoan">{t('account.title')}</Link> / <span aria-current="page">{t('portal.nav.myDossiers')}</span>
          </nav>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, justifyContent: 'space-between', alignItems: 'baseline' }}>
            <Typography.Title level={1} style={{ fontSize: 26, marginTop: 0 }}>
              {t('portal.nav.myDossiers')}
            </Typography.Title>
            <Link to="/thu-tuc">{t('portal.my.findProcedure')}</Link>
          </div>
          <Drafts />
          <MyDossiers />
        </div>
      )}
    </SignInGate>
  )
}
