import { useState } from 'react'
import { Alert, App, Button, Popconfirm, Table, Typography } from 'antd'
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import type { TrustAnchor } from '@congso/contracts'
import { del } from '../../../api/client.ts'
import { useApi } from '../../../api/hooks.ts'
import { useAuth } from '../../../auth/AuthContext.tsx'
import { useI18n } from '../../../i18n/index.tsx'
import { formatDateTime, formatNumber } from '../../../lib/format.ts'
import { useErrorHandler } from '../../../lib/forms.ts'
import { usePageTitle } from '../../../lib/usePageTitle.ts'
import { CsTag } from '../../../components/Tags.tsx'
import { ScrollRegion } from '../../../components/dossier/common.tsx'
import { formatVnDate, shortHash } from '../../../components/signatures/format.ts'
import { HashText } from '../../../components/signatures/parts.tsx'
import { hasAnyRole } from '../dossiers/access.ts'
import { TRUST_ADMIN_ROLES } from './access.ts'
import { AddTrustAnchorModal } from './AddTrustAnchorModal.tsx'

function Validity({ a }: { a: TrustAnchor }) {
  const { t } = useI18n()
  const now = Date.now()
  const state = now > Date.parse(a.notAfter) ? 'expired' : now < Date.parse(a.notBefore) ? 'notYetValid' : null
  return (
    <>
      <span style={{ whiteSpace: 'nowrap' }}>{formatVnDate(a.notBefore)}</span> –{' '}
      <span style={{ whiteSpace: 'nowrap' }}>{formatVnDate(a.notAfter)}</span>
      {state && (
        <div>
          <CsTag color="red">{t(state === 'expired' ? 'sig.anchor.expired' : 'sig.anchor.notYetValid')}</CsTag>
        </div>
      )}
    </>
  )
}

/** `/quan-tri/chung-thu-tin-cay`: the root CAs signatures are trusted under; officers read it, system admins change it. */
export default function TrustStorePage() {
  const { t, lang } = useI18n()
  const { me } = useAuth()
  const { message } = App.useApp()
  const onError = useErrorHandler()
  const canEdit = hasAnyRole(me, TRUST_ADMIN_ROLES)
  const list = useApi<{ items: TrustAnchor[] }>('/admin/trust-anchors')
  const [adding, setAdding] = useState(false)
  usePageTitle(t('sig.anchor.title'))

  const remove = async (a: TrustAnchor) => {
    try {
      await del(`/admin/trust-anchors/${encodeURIComponent(a.id)}`)
      void message.success(t('sig.anchor.deleted', { label: a.label }))
      list.reload()
    } catch (e) {
      onError(e)
    }
  }

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('sig.anchor.title')}
      </Typography.Title>
      <Typography.Paragraph className="cs-muted" style={{ maxWidth: 900 }}>
        {t('sig.anchor.intro')}
        {!canEdit && ` ${t('sig.anchor.readOnly')}`}
      </Typography.Paragraph>
      {canEdit && (
        <div className="cs-toolbar">
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>
            {t('sig.anchor.add')}
          </Button>
        </div>
      )}
      {list.error && <Alert type="error" showIcon message={list.error.localized} style={{ marginBottom: 12 }} />}
      <ScrollRegion label={t('sig.anchor.title')} minWidth={880}>
        <Table<TrustAnchor>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          data-testid="trust-anchors-table"
          locale={{ emptyText: t('sig.anchor.empty') }}
          pagination={{
            pageSize: 50,
            hideOnSinglePage: true,
            showSizeChanger: false,
            showTotal: (n) => t('common.total', { n: formatNumber(n, lang) }),
          }}
          columns={[
            { title: t('sig.anchor.label'), key: 'label', width: 150, render: (_, a) => <strong>{a.label}</strong> },
            {
              title: t('sig.anchor.subject'),
              key: 'subject',
              render: (_, a) => <span style={{ wordBreak: 'break-word' }}>{a.subject}</span>,
            },
            {
              title: t('sig.anchor.issuer'),
              key: 'issuer',
              render: (_, a) => <span style={{ wordBreak: 'break-word' }}>{a.issuer}</span>,
            },
            { title: t('sig.anchor.validity'), key: 'validity', width: 125, render: (_, a) => <Validity a={a} /> },
            {
              title: t('sig.anchor.sha256'),
              key: 'sha256',
              width: 175,
              render: (_, a) => (
                <span title={a.sha256}>
                  <HashText value={a.sha256} display={shortHash(a.sha256)} />
                </span>
              ),
            },
            { title: t('sig.anchor.createdAt'), key: 'createdAt', width: 110, render: (_, a) => formatDateTime(a.createdAt) },
            ...(canEdit
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 90,
                    render: (_: unknown, a: TrustAnchor) => (
                      <Popconfirm
                        title={t('sig.anchor.deleteConfirm')}
                        okText={t('common.delete')}
                        cancelText={t('common.cancel')}
                        okButtonProps={{ danger: true }}
                        onConfirm={() => remove(a)}
                      >
                        <Button
                          size="small"
                          danger
                          icon={<DeleteOutlined aria-hidden />}
                          aria-label={t('sig.anchor.deleteOf', { label: a.label })}
                        >
                          {t('common.delete')}
                        </Button>
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </ScrollRegion>
      {adding && (
        <AddTrustAnchorModal
          onClose={() => setAdding(false)}
          onAdded={() => {
            setAdding(false)
            list.reload()
          }}
        />
      )}
    </>
  )
}
