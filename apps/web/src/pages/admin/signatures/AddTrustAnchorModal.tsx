import { useState } from 'react'
import { App, Button, Form, Input, Modal, Upload } from 'antd'
import { UploadOutlined } from '@ant-design/icons'
import { TrustAnchorInput, type TrustAnchor } from '@congso/contracts'
import { ApiError, post } from '../../../api/client.ts'
import { useI18n } from '../../../i18n/index.tsx'
import { useErrorHandler, useRevalidateOnLangChange, validateWith } from '../../../lib/forms.ts'

interface Values {
  label: string
  certificate: string
}

const MAX_CHARS = 20_000
const INLINE_CODES = new Set(['TRUST_ANCHOR_INVALID', 'TRUST_ANCHOR_DUPLICATE'])

/**
 * A certificate file as the API takes it: PEM (or base64) text as it is, binary DER as base64.
 * Returns null when the file is too large to be a certificate.
 */
export async function readCertificateFile(file: Blob): Promise<string | null> {
  if (file.size > MAX_CHARS) return null
  const bytes = new Uint8Array(await file.arrayBuffer())
  const text = new TextDecoder('utf-8').decode(bytes)
  if (text.includes('-----BEGIN')) return text.trim()
  if (/^[A-Za-z0-9+/=\s]+$/.test(text)) return text.replace(/\s+/g, '')
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  const b64 = btoa(binary)
  return b64.length > MAX_CHARS ? null : b64
}

/** "Thêm chứng thư gốc": a name and the certificate, from a .cer/.crt/.pem/.der file or pasted PEM. */
export function AddTrustAnchorModal({ onClose, onAdded }: { onClose: () => void; onAdded: (anchor: TrustAnchor) => void }) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const onError = useErrorHandler()
  const [form] = Form.useForm<Values>()
  const [saving, setSaving] = useState(false)
  const [fileNote, setFileNote] = useState<string>()
  useRevalidateOnLangChange(form)

  const pick = async (file: File) => {
    setFileNote(undefined)
    try {
      const content = await readCertificateFile(file)
      if (content === null) {
        form.setFields([{ name: 'certificate', errors: [t('sig.anchor.fileTooLarge', { name: file.name })] }])
        return
      }
      form.setFields([{ name: 'certificate', value: content, errors: [] }])
      if (!form.getFieldValue('label')) form.setFieldValue('label', file.name.replace(/\.(cer|crt|pem|der)$/i, ''))
      setFileNote(t('sig.anchor.fileRead', { name: file.name }))
    } catch {
      form.setFields([{ name: 'certificate', errors: [t('sig.anchor.fileUnreadable', { name: file.name })] }])
    }
  }

  const save = async () => {
    const v = await form.validateFields()
    const body = validateWith(TrustAnchorInput, { label: v.label.trim(), certificate: v.certificate.trim() }, form)
    if (!body) return
    setSaving(true)
    try {
      const anchor = await post<TrustAnchor>('/admin/trust-anchors', body)
      void message.success(t('sig.anchor.added', { label: anchor.label }))
      onAdded(anchor)
    } catch (e) {
      if (e instanceof ApiError && INLINE_CODES.has(e.code)) form.setFields([{ name: 'certificate', errors: [e.localized] }])
      else onError(e, form)
    } finally {
      setSaving(false)
    }
  }

  return (
    <Modal
      open
      title={t('sig.anchor.add')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void save().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      width={680}
    >
      <Form<Values> form={form} layout="vertical" preserve={false} initialValues={{ label: '', certificate: '' }}>
        <Form.Item
          name="label"
          label={t('sig.anchor.label')}
          extra={t('sig.anchor.labelHelp')}
          rules={[{ required: true, whitespace: true, message: t('sig.anchor.labelRequired') }, { max: 200 }]}
        >
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('sig.anchor.file')} extra={fileNote ? <span role="status">{fileNote}</span> : undefined}>
          <Upload
            accept=".cer,.crt,.pem,.der,application/pkix-cert,application/x-x509-ca-cert,application/x-pem-file"
            showUploadList={false}
            maxCount={1}
            beforeUpload={(file) => {
              void pick(file)
              return Upload.LIST_IGNORE
            }}
          >
            <Button icon={<UploadOutlined aria-hidden />} data-testid="anchor-file">
              {t('sig.anchor.chooseFile')}
            </Button>
          </Upload>
        </Form.Item>
        <Form.Item
          name="certificate"
          label={t('sig.anchor.pem')}
          extra={t('sig.anchor.pemHelp')}
          rules={[
            { required: true, whitespace: true, message: t('sig.anchor.pemRequired') },
            { min: 100, max: MAX_CHARS, message: t('sig.anchor.pemLength') },
          ]}
        >
          <Input.TextArea rows={8} spellCheck={false} className="cs-mono" style={{ fontSize: 12 }} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
