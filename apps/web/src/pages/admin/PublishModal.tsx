import { useEffect, useState } from 'react'
import { Button, DatePicker, Form, Input, Modal, Select } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { PublicationDecision } from '@congso/contracts'
import { useT } from '../../i18n/index.tsx'
import { post } from '../../api/client.ts'
import { useErrorHandler, validateWith } from '../../lib/forms.ts'
import { DATE_FORMAT, ISO_DATE } from '../../lib/format.ts'

type Kind = PublicationDecision['kind']
interface Values {
  kind: Kind
  number: string
  date: Dayjs | null
  signer: string
}

/** Publication (or abolition) decision dialog; `mode` picks the endpoint and the allowed kinds. */
export function PublishModal(props: {
  code: string
  mode: 'publish' | 'abolish' | null
  defaultKind: Kind
  onClose: () => void
  onDone: () => void
}) {
  const t = useT()
  const onError = useErrorHandler()
  const [form] = Form.useForm<Values>()
  const [busy, setBusy] = useState(false)
  const abolish = props.mode === 'abolish'

  useEffect(() => {
    if (props.mode) {
      form.resetFields()
      form.setFieldsValue({ kind: abolish ? 'abolished' : props.defaultKind, date: dayjs() })
    }
  }, [props.mode, abolish, props.defaultKind, form])

  const submit = async (v: Values) => {
    const body = validateWith(
      PublicationDecision,
      { kind: v.kind, number: v.number ?? '', date: v.date ? v.date.format(ISO_DATE) : '', signer: v.signer ?? '' },
      form,
    )
    if (!body) return
    setBusy(true)
    try {
      await post(`/admin/procedures/${encodeURIComponent(props.code)}/${abolish ? 'abolish' : 'publish'}`, body)
      props.onDone()
    } catch (e) {
      onError(e, form)
    } finally {
      setBusy(false)
    }
  }

  const kinds: Kind[] = abolish ? ['abolished'] : ['new', 'amended', 'replaced']
  return (
    <Modal
      open={props.mode !== null}
      title={abolish ? t('ed.abolishTitle') : t('ed.publishTitle')}
      onCancel={props.onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={props.onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="ok" type="primary" danger={abolish} loading={busy} onClick={() => form.submit()} data-testid="publication-submit">
          {abolish ? t('ed.abolish') : t('ed.publish')}
        </Button>,
      ]}
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="kind" label={t('ed.pubKind')} rules={[{ required: true }]}>
          <Select disabled={abolish} options={kinds.map((k) => ({ value: k, label: t(`pubKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="number" label={t('ed.pubNumber')} extra={t('ed.pubNumberHelp')} rules={[{ required: true }]}>
          <Input data-testid="publication-number" />
        </Form.Item>
        <Form.Item name="date" label={t('ed.pubDate')} rules={[{ required: true }]}>
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} data-testid="publication-date" />
        </Form.Item>
        <Form.Item name="signer" label={t('ed.pubSigner')} rules={[{ required: true }]}>
          <Input data-testid="publication-signer" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
