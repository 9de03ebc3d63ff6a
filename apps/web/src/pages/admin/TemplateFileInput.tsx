import { useState } from 'react'
import { App, Button, Form, Space, Upload } from 'antd'
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons'
import { api, templateFileUrl } from '../../api/client.ts'
import type { StoredFileT } from '../../api/types.ts'
import { useT } from '../../i18n/index.tsx'
import { useErrorHandler } from '../../lib/forms.ts'

const MAX_BYTES = 10 * 1024 * 1024
const ACCEPT = '.pdf,.doc,.docx,.xls,.xlsx,.png,.jpg,.jpeg'

/**
 * The template file (mẫu đơn, tờ khai) of one dossier component, as a form control: the value is
 * the stored file's id. Uploading sends the file raw (the server decides the type from its bytes)
 * and, when the component has no template name yet, fills it with the file name.
 */
export function TemplateFileInput(props: {
  /** Path of the component's `templateName` in the form. */
  namePath: (string | number)[]
  value?: string
  onChange?: (value: string | undefined) => void
  id?: string
  disabled?: boolean
}) {
  const t = useT()
  const form = Form.useFormInstance()
  const { message } = App.useApp()
  const onError = useErrorHandler()
  const [busy, setBusy] = useState(false)
  const [uploadedName, setUploadedName] = useState<string | null>(null)
  const templateName = Form.useWatch(props.namePath, form) as string | undefined

  const upload = async (file: File) => {
    if (file.size > MAX_BYTES) {
      void message.error(t('ed.templateTooLarge'))
      return
    }
    setBusy(true)
    try {
      const stored = await api<StoredFileT>('/admin/files/templates', {
        method: 'POST',
        body: file,
        contentType: file.type || 'application/octet-stream',
        headers: { 'x-file-name': encodeURIComponent(file.name) },
      })
      setUploadedName(stored.fileName)
      props.onChange?.(stored.id)
      if (!templateName?.trim()) form.setFieldValue(props.namePath, stored.fileName)
      void message.success(t('ed.templateUploaded', { name: stored.fileName }))
    } catch (e) {
      onError(e)
    } finally {
      setBusy(false)
    }
  }

  const picker = (
    <Upload
      accept={ACCEPT}
      showUploadList={false}
      disabled={busy ? true : props.disabled}
      beforeUpload={(file) => {
        void upload(file)
        return Upload.LIST_IGNORE
      }}
    >
      <Button id={props.id} icon={<UploadOutlined />} loading={busy}>
        {props.value ? t('ed.templateReplace') : t('ed.templateUpload')}
      </Button>
    </Upload>
  )

  if (!props.value) return picker
  const label = uploadedName ?? (templateName?.trim() || t('ed.templateCurrent'))
  return (
    <Space wrap>
      <a href={templateFileUrl(props.value)} target="_blank" rel="noopener noreferrer" data-testid="template-file-link">
        <PaperClipOutlined aria-hidden /> {label}
      </a>
      {picker}
      <Button
        icon={<DeleteOutlined />}
        danger
        disabled={props.disabled}
        aria-label={t('ed.templateRemove')}
        title={t('ed.templateRemove')}
        onClick={() => {
          setUploadedName(null)
          props.onChange?.(undefined)
        }}
      />
    </Space>
  )
}
