import { useRef, useState } from 'react'
import { Alert, Button, Spin } from 'antd'
import { DeleteOutlined, FolderOpenOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons'
import { ApiError, uploadAttachment } from '../../api/client.ts'
import type { StoredFileT } from '../../api/types.ts'
import { useI18n } from '../../i18n/index.tsx'
import { fileUrl, formatBytes } from './common.tsx'
import { DocumentStorePicker } from './DocumentStore.tsx'

/** The types the server accepts for attachments (it checks the content, this only guides the picker). */
export const ATTACHMENT_ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx'
const MAX_BYTES = 10 * 1024 * 1024
const MAX_FILES = 20

interface Refusal {
  key: number
  fileName: string
  message: string
}

interface Props {
  /** The component (or supplement item) the files are for — names the button and the list for screen readers. */
  label: string
  files: StoredFileT[]
  onChange: (next: StoredFileT[]) => void
  /** `data-testid` prefix, e.g. `component-2`. */
  testId: string
  disabled?: boolean
  /** Shows each file as a download link (files already stored are readable by their owner). */
  linkFiles?: boolean
  /** Offers "Chọn từ kho dữ liệu": a copy of a document from the citizen's store, added like an upload. */
  fromStore?: boolean
}

/**
 * Several files for one dossier component: each is uploaded as soon as it is picked (the server
 * checks its type by content), listed with its name and size, and can be removed. A refused file
 * shows the server's reason (e.g. a renamed executable) until dismissed.
 */
export function AttachmentUpload({ label, files, onChange, testId, disabled, linkFiles, fromStore }: Props) {
  const { t, lang } = useI18n()
  const input = useRef<HTMLInputElement>(null)
  const [pending, setPending] = useState<string[]>([])
  const [refusals, setRefusals] = useState<Refusal[]>([])
  const [picking, setPicking] = useState(false)
  // The latest list, so uploads finishing one after another each append to it.
  const latest = useRef(files)
  latest.current = files

  const refuse = (fileName: string, message: string) => setRefusals((r) => [...r, { key: Date.now() + Math.random(), fileName, message }])

  const pick = async (list: FileList | null) => {
    if (!list || list.length === 0) return
    const picked = Array.from(list)
    if (input.current) input.current.value = ''
    for (const file of picked) {
      if (latest.current.length >= MAX_FILES) {
        refuse(file.name, t('portal.file.tooMany', { n: MAX_FILES }))
        continue
      }
      if (file.size > MAX_BYTES) {
        refuse(file.name, t('portal.file.tooLarge', { max: '10 MB' }))
        continue
      }
      if (file.size === 0) {
        refuse(file.name, t('portal.file.empty'))
        continue
      }
      setPending((p) => [...p, file.name])
      try {
        const stored = await uploadAttachment<StoredFileT>(file)
        latest.current = [...latest.current, stored]
        onChange(latest.current)
      } catch (e) {
        refuse(file.name, e instanceof ApiError ? e.localized : t('common.error'))
      } finally {
        setPending((p) => {
          const i = p.indexOf(file.name)
          return i < 0 ? p : [...p.slice(0, i), ...p.slice(i + 1)]
        })
      }
    }
  }

  const addFromStore = (stored: StoredFileT) => {
    latest.current = [...latest.current, stored]
    onChange(latest.current)
  }

  return (
    <div data-testid={testId}>
      <input
        ref={input}
        type="file"
        multiple
        accept={ATTACHMENT_ACCEPT}
        style={{ display: 'none' }}
        tabIndex={-1}
        aria-hidden="true"
        data-testid={`${testId}-input`}
        onChange={(e) => void pick(e.target.files)}
      />
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        <Button
          icon={<UploadOutlined aria-hidden />}
          disabled={disabled}
          onClick={() => input.current?.click()}
          aria-label={t('portal.file.chooseFor', { name: label })}
        >
          {t('portal.file.choose')}
        </Button>
        {fromStore && (
          <Button
            icon={<FolderOpenOutlined aria-hidden />}
            disabled={disabled || files.length >= MAX_FILES}
            onClick={() => setPicking(true)}
            aria-label={t('portal.store.chooseFor', { name: label })}
            data-testid={`${testId}-from-store`}
          >
            {t('portal.store.choose')}
          </Button>
        )}
      </div>
      {picking && <DocumentStorePicker label={label} onPicked={addFromStore} onClose={() => setPicking(false)} />}
      <div className="cs-muted" style={{ fontSize: 13, marginTop: 4 }}>
        {t('portal.file.hint')}
      </div>
      {files.length > 0 && (
        <ul aria-label={t('portal.file.listOf', { name: label })} style={{ listStyle: 'none', margin: '8px 0 0', padding: 0 }}>
          {files.map((f) => (
            <li key={f.id} style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap', padding: '2px 0' }}>
              <PaperClipOutlined aria-hidden />
              {linkFiles ? (
                <a href={fileUrl(f.id)} target="_blank" rel="noreferrer">
                  {f.fileName}
                </a>
              ) : (
                <span>{f.fileName}</span>
              )}
              <span className="cs-muted">({formatBytes(f.sizeBytes, lang)})</span>
              <Button
                size="small"
                type="text"
                danger
                disabled={disabled}
                icon={<DeleteOutlined aria-hidden />}
                aria-label={t('portal.file.remove', { name: f.fileName })}
                onClick={() => onChange(files.filter((x) => x.id !== f.id))}
              />
            </li>
          ))}
        </ul>
      )}
      {pending.length > 0 && (
        <div role="status" style={{ marginTop: 8 }}>
          <Spin size="small" /> <span>{t('portal.file.uploading', { name: pending.join(', ') })}</span>
        </div>
      )}
      {refusals.map((r) => (
        <Alert
          key={r.key}
          type="error"
          showIcon
          role="alert"
          closable
          style={{ marginTop: 8 }}
          data-testid="upload-error"
          message={t('portal.file.refused', { name: r.fileName })}
          description={r.message}
          onClose={() => setRefusals((list) => list.filter((x) => x.key !== r.key))}
        />
      ))}
    </div>
  )
}
