import { useRef, useState } from 'react'
import { Alert, Button, Spin } from 'antd'
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons'
import { ApiError, uploadAttachment } from '../../api/client.ts'
import type { StoredFileT } from '../../api/types.ts'
import { useI18n } from '../../i18n/index.tsx'
import { ATTACHMENT_ACCEPT } from '../dossier/AttachmentUpload.tsx'
import { fileUrl, formatBytes } from '../dossier/common.tsx'

const MAX_BYTES = 10 * 1024 * 1024

interface Props {
  id?: string
  /** The stored file's id (the form value). */
  value?: string
  onChange?: (fileId: string | undefined) => void
  'aria-describedby'?: string
  'aria-invalid'?: boolean | 'true' | 'false'
}

/**
 * One result file as a form control: uploaded (`POST /files`, the server checks the type by content)
 * as soon as it is picked; the form value is the stored file's id. `data-state` on the wrapper
 * (`idle`, `uploading`, `done`, `error`) lets tests wait for the upload.
 */
export function ResultFileField({ id, onChange, ...aria }: Props) {
  const { t, lang } = useI18n()
  const input = useRef<HTMLInputElement>(null)
  const [file, setFile] = useState<StoredFileT>()
  const [uploading, setUploading] = useState<string>()
  const [problem, setProblem] = useState<string>()
  const state = uploading ? 'uploading' : problem ? 'error' : file ? 'done' : 'idle'

  const pick = async (picked: File | undefined) => {
    if (input.current) input.current.value = ''
    if (!picked) return
    setProblem(undefined)
    if (picked.size === 0) return setProblem(t('portal.file.empty'))
    if (picked.size > MAX_BYTES) return setProblem(t('portal.file.tooLarge', { max: '10 MB' }))
    setUploading(picked.name)
    try {
      const stored = await uploadAttachment<StoredFileT>(picked)
      setFile(stored)
      onChange?.(stored.id)
    } catch (e) {
      setProblem(e instanceof ApiError ? e.localized : t('common.error'))
    } finally {
      setUploading(undefined)
    }
  }

  return (
    <div data-testid="result-file" data-state={state}>
      <input
        ref={input}
        type="file"
        accept={ATTACHMENT_ACCEPT}
        style={{ display: 'none' }}
        tabIndex={-1}
        aria-hidden="true"
        data-testid="result-file-input"
        onChange={(e) => void pick(e.target.files?.[0])}
      />
      <Button id={id} icon={<UploadOutlined aria-hidden />} disabled={Boolean(uploading)} onClick={() => input.current?.click()} {...aria}>
        {file ? t('pr.f.replaceFile') : t('pr.f.chooseFile')}
      </Button>
      <div className="cs-muted" style={{ fontSize: 13, marginTop: 4 }}>
        {t('pr.f.fileHint')}
      </div>
      {file && (
        <div style={{ marginTop: 8 }} data-testid="result-file-name">
          <PaperClipOutlined aria-hidden />{' '}
          <a href={fileUrl(file.id)} target="_blank" rel="noreferrer">
            {file.fileName}
          </a>{' '}
          <span className="cs-muted">({formatBytes(file.sizeBytes, lang)})</span>
        </div>
      )}
      {uploading && (
        <div role="status" style={{ marginTop: 8 }}>
          <Spin size="small" /> <span>{t('pr.f.uploading', { name: uploading })}</span>
        </div>
      )}
      {problem && <Alert type="error" showIcon role="alert" style={{ marginTop: 8 }} data-testid="upload-error" message={problem} />}
    </div>
  )
}
