import { useEffect, useState } from 'react'
import { App, Form, Input, Modal, Select, Switch } from 'antd'
import { CreateStaff, OfficerRole, ResetPassword, UpdateStaff } from '@congso/contracts'
import { useT } from '../../i18n/index.tsx'
import { patch, post } from '../../api/client.ts'
import type { Agency, RoleT, Staff } from '../../api/types.ts'
import { useErrorHandler, validateWith } from '../../lib/forms.ts'

export type StaffModalState = { mode: 'create' } | { mode: 'edit'; staff: Staff } | null

interface Values {
  username?: string
  fullName: string
  email?: string
  phone?: string
  unitId?: string | null
  roles: RoleT[]
  password?: string
  disabled?: boolean
}

const orNull = (v: string | undefined | null) => (v && v.trim() ? v.trim() : null)

export function StaffModal(props: { state: StaffModalState; agencyId: string; units: Agency[]; onClose: () => void; onSaved: () => void }) {
  const t = useT()
  const { message } = App.useApp()
  const onError = useErrorHandler()
  const [form] = Form.useForm<Values>()
  const [busy, setBusy] = useState(false)
  const { state } = props

  useEffect(() => {
    if (!state) return
    form.resetFields()
    if (state.mode === 'edit') {
      const s = state.staff
      form.setFieldsValue({
        fullName: s.fullName,
        email: s.email ?? '',
        phone: s.phone ?? '',
        unitId: s.unitId,
        roles: s.roles,
        disabled: s.disabled,
      })
    } else {
      form.setFieldsValue({ unitId: null, roles: ['processing_officer'] })
    }
  }, [state, form])

  const submit = async (v: Values) => {
    if (!state) return
    const common = {
      fullName: v.fullName,
      email: orNull(v.email),
      phone: orNull(v.phone),
      unitId: v.unitId ?? null,
      roles: v.roles,
    }
    setBusy(true)
    try {
      if (state.mode === 'create') {
        const body = validateWith(
          CreateStaff,
          { ...common, username: v.username ?? '', agencyId: props.agencyId, password: v.password ?? '' },
          form,
        )
        if (!body) return
        await post('/admin/staff', body)
      } else {
        const body = validateWith(UpdateStaff, { ...common, disabled: v.disabled ?? false }, form)
        if (!body) return
        await patch(`/admin/staff/${state.staff.id}`, body)
      }
      void message.success(t('common.saved'))
      props.onSaved()
    } catch (e) {
      onError(e, form)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal
      open={state !== null}
      title={state?.mode === 'edit' ? t('staff.editTitle') : t('staff.createTitle')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form noValidate form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        {state?.mode === 'create' && (
          <Form.Item name="username" label={t('staff.username')} rules={[{ required: true }]}>
            <Input autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item name="fullName" label={t('staff.fullName')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="email" label={t('staff.email')}>
          <Input type="email" />
        </Form.Item>
        <Form.Item name="phone" label={t('staff.phone')}>
          <Input type="tel" />
        </Form.Item>
        <Form.Item name="unitId" label={t('staff.unit')}>
          <Select options={[{ value: null, label: t('staff.noUnit') }, ...props.units.map((u) => ({ value: u.id, label: u.name }))]} />
        </Form.Item>
        <Form.Item name="roles" label={t('staff.roles')} rules={[{ required: true }]}>
          <Select mode="multiple" options={OfficerRole.options.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </Form.Item>
        {state?.mode === 'create' && (
          <Form.Item name="password" label={t('staff.password')} extra={t('register.passwordHelp')} rules={[{ required: true }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        {state?.mode === 'edit' && (
          <Form.Item name="disabled" label={t('staff.disabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  )
}

export function ResetPasswordModal(props: { staff: Staff | null; onClose: () => void }) {
  const t = useT()
  const { message } = App.useApp()
  const onError = useErrorHandler()
  const [form] = Form.useForm<{ newPassword: string }>()
  const [busy, setBusy] = useState(false)

  const submit = async (v: { newPassword: string }) => {
    if (!props.staff) return
    const body = validateWith(ResetPassword, v, form)
    if (!body) return
    setBusy(true)
    try {
      await post(`/admin/staff/${props.staff.id}/reset-password`, body)
      void message.success(t('staff.resetDone'))
      props.onClose()
    } catch (e) {
      onError(e, form)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal
      open={props.staff !== null}
      title={t('staff.resetTitle', { name: props.staff?.fullName ?? '' })}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={t('staff.resetPw')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} preserve={false}>
        <Form.Item name="newPassword" label={t('staff.newPassword')} extra={t('register.passwordHelp')} rules={[{ required: true }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
