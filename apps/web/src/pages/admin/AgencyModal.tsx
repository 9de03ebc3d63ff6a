import { useEffect, useState } from 'react'
import { App, DatePicker, Form, Input, Modal, Select, Switch } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { AgencyCode, AgencyKind, CreateAgency, UpdateAgency } from '@congso/contracts'
import { useT } from '../../i18n/index.tsx'
import { patch, post } from '../../api/client.ts'
import type { Agency } from '../../api/types.ts'
import { useErrorHandler, validateWith, zodRule } from '../../lib/forms.ts'
import { DATE_FORMAT, ISO_DATE } from '../../lib/format.ts'

export type AgencyModalState = { mode: 'create'; parentId: string | null } | { mode: 'edit'; agency: Agency } | null

interface Values {
  name: string
  shortName?: string
  code?: string
  kind?: Agency['kind']
  parentId?: string | null
  address?: string
  phone?: string
  email?: string
  validFrom?: Dayjs | null
  validTo?: Dayjs | null
  active?: boolean
}

const orNull = (v: string | undefined | null) => (v && v.trim() ? v.trim() : null)
const dateOrNull = (d: Dayjs | null | undefined) => (d ? d.format(ISO_DATE) : null)

export function AgencyModal(props: { state: AgencyModalState; agencies: Agency[]; onClose: () => void; onSaved: () => void }) {
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
      const a = state.agency
      form.setFieldsValue({
        name: a.name,
        shortName: a.shortName ?? '',
        code: a.code ?? '',
        address: a.address ?? '',
        phone: a.phone ?? '',
        email: a.email ?? '',
        validFrom: a.validFrom ? dayjs(a.validFrom) : null,
        validTo: a.validTo ? dayjs(a.validTo) : null,
        active: a.active,
      })
    } else {
      form.setFieldsValue({ parentId: state.parentId, kind: state.parentId ? 'unit' : 'department' })
    }
  }, [state, form])

  const submit = async (v: Values) => {
    if (!state) return
    const common = {
      code: orNull(v.code),
      name: v.name,
      shortName: orNull(v.shortName),
      address: orNull(v.address),
      phone: orNull(v.phone),
      email: orNull(v.email),
      validFrom: dateOrNull(v.validFrom),
    }
    setBusy(true)
    try {
      if (state.mode === 'create') {
        const body = validateWith(CreateAgency, { ...common, kind: v.kind, parentId: v.parentId ?? null }, form)
        if (!body) return
        await post('/admin/agencies', body)
      } else {
        const body = validateWith(UpdateAgency, { ...common, validTo: dateOrNull(v.validTo), active: v.active ?? true }, form)
        if (!body) return
        await patch(`/admin/agencies/${state.agency.id}`, body)
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
      title={state?.mode === 'edit' ? t('org.editTitle') : t('org.createTitle')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
      width={640}
    >
      <Form noValidate form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="name" label={t('org.name')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="shortName" label={t('org.shortName')}>
          <Input />
        </Form.Item>
        <Form.Item name="code" label={t('org.code')} extra={t('org.codeHelp')} rules={[zodRule(AgencyCode)]}>
          <Input placeholder="000.00.01.H22" data-testid="agency-code-input" />
        </Form.Item>
        {state?.mode === 'create' && (
          <>
            <Form.Item name="kind" label={t('org.kind')} rules={[{ required: true }]}>
              <Select options={AgencyKind.options.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
            </Form.Item>
            <Form.Item name="parentId" label={t('org.parent')}>
              <Select
                showSearch
                optionFilterProp="label"
                options={[
                  { value: null, label: t('org.noParent') },
                  ...props.agencies.map((a) => ({ value: a.id, label: a.code ? `${a.name} (${a.code})` : a.name })),
                ]}
              />
            </Form.Item>
          </>
        )}
        <Form.Item name="address" label={t('org.address')}>
          <Input />
        </Form.Item>
        <Form.Item name="phone" label={t('org.phone')}>
          <Input type="tel" />
        </Form.Item>
        <Form.Item name="email" label={t('org.email')}>
          <Input type="email" />
        </Form.Item>
        <Form.Item name="validFrom" label={t('org.validFrom')}>
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
        </Form.Item>
        {state?.mode === 'edit' && (
          <>
            <Form.Item name="validTo" label={t('org.validTo')}>
              <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="active" label={t('org.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  )
}
