import { useMemo, useState } from 'react'
import { Alert, App, Button, Form, Result, Select, Space, Table, Typography } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { useSearchParams } from 'react-router-dom'
import { useT } from '../../i18n/index.tsx'
import { post } from '../../api/client.ts'
import { useApi } from '../../api/hooks.ts'
import type { Agency, Staff } from '../../api/types.ts'
import { useAuth } from '../../auth/AuthContext.tsx'
import { useErrorHandler } from '../../lib/forms.ts'
import { formatDate } from '../../lib/format.ts'
import { usePageTitle } from '../../lib/usePageTitle.ts'
import { CsTag } from '../../components/Tags.tsx'
import { ResetPasswordModal, StaffModal, type StaffModalState } from './StaffModals.tsx'

const isLocked = (s: Staff) => s.lockedUntil !== null && new Date(s.lockedUntil).getTime() > Date.now()

export default function StaffPage() {
  const t = useT()
  const { me } = useAuth()
  const { message } = App.useApp()
  const onError = useErrorHandler()
  const [params, setParams] = useSearchParams()
  const agencyId = params.get('agency') ?? me?.agencyId ?? null
  const agencies = useApi<Agency[]>('/admin/agencies')
  const staff = useApi<Staff[]>(agencyId ? `/admin/agencies/${agencyId}/staff` : null)
  const [modal, setModal] = useState<StaffModalState>(null)
  const [resetFor, setResetFor] = useState<Staff | null>(null)
  usePageTitle(t('admin.staff'))

  const units = useMemo(() => (agencies.data ?? []).filter((a) => a.parentId === agencyId && a.kind === 'unit'), [agencies.data, agencyId])

  const unlock = async (s: Staff) => {
    try {
      await post(`/admin/staff/${s.id}/unlock`)
      void message.success(t('staff.unlockDone'))
      staff.reload()
    } catch (e) {
      onError(e)
    }
  }

  const forbidden = staff.error?.status === 403

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('admin.staff')}
      </Typography.Title>
      <Form layout="vertical" style={{ maxWidth: 560 }}>
        <Form.Item label={t('staff.pickAgency')} htmlFor="staff-agency">
          <Select
            id="staff-agency"
            showSearch
            optionFilterProp="label"
            value={agencyId ?? undefined}
            placeholder={t('staff.pickHint')}
            loading={agencies.loading}
            onChange={(v: string) => setParams({ agency: v })}
            options={(agencies.data ?? [])
              .filter((a) => a.kind !== 'unit')
              .map((a) => ({ value: a.id, label: a.code ? `${a.name} (${a.code})` : a.name }))}
          />
        </Form.Item>
      </Form>

      {!agencyId && <Alert type="info" showIcon message={t('staff.pickHint')} />}
      {forbidden && (
        <div data-testid="forbidden">
          <Result status="403" title={t('staff.forbidden')} />
        </div>
      )}
      {staff.error && !forbidden && <Alert type="error" showIcon message={staff.error.localized} />}

      {agencyId && !staff.error && (
        <>
          <div className="cs-toolbar">
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal({ mode: 'create' })}>
              {t('staff.add')}
            </Button>
          </div>
          <Table<Staff>
            rowKey="id"
            loading={staff.loading}
            dataSource={staff.data ?? []}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: 1000 }}
            columns={[
              { title: t('staff.username'), dataIndex: 'username', key: 'username' },
              { title: t('staff.fullName'), dataIndex: 'fullName', key: 'fullName' },
              { title: t('staff.unit'), key: 'unit', render: (_, s) => s.unitName ?? t('common.none') },
              {
                title: t('staff.roles'),
                key: 'roles',
                render: (_, s) => (
                  <Space size={[4, 4]} wrap>
                    {s.roles.map((r) => (
                      <CsTag key={r} color="blue">
                        {t(`role.${r}`)}
                      </CsTag>
                    ))}
                  </Space>
                ),
              },
              {
                title: t('common.status'),
                key: 'status',
                render: (_, s) => (
                  <Space size={4} wrap>
                    {s.disabled ? <CsTag color="grey">{t('staff.isDisabled')}</CsTag> : <CsTag color="green">{t('staff.ok')}</CsTag>}
                    {isLocked(s) && <CsTag color="red">{t('staff.locked')}</CsTag>}
                  </Space>
                ),
              },
              { title: t('staff.totp'), key: 'totp', render: (_, s) => (s.totpEnabled ? t('common.yes') : t('common.no')) },
              { title: t('staff.createdAt'), key: 'createdAt', render: (_, s) => formatDate(s.createdAt) },
              {
                title: t('common.actions'),
                key: 'actions',
                render: (_, s) => (
                  <Space wrap>
                    <Button size="small" onClick={() => setModal({ mode: 'edit', staff: s })}>
                      {t('common.edit')}
                    </Button>
                    <Button size="small" onClick={() => setResetFor(s)}>
                      {t('staff.resetPw')}
                    </Button>
                    <Button size="small" danger={isLocked(s)} onClick={() => void unlock(s)}>
                      {t('staff.unlock')}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        </>
      )}
      {agencyId && (
        <StaffModal
          state={modal}
          agencyId={agencyId}
          units={units}
          onClose={() => setModal(null)}
          onSaved={() => {
            setModal(null)
            staff.reload()
          }}
        />
      )}
      <ResetPasswordModal staff={resetFor} onClose={() => setResetFor(null)} />
    </>
  )
}
