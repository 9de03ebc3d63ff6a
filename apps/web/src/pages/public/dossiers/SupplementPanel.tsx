import { useState } from 'react'
import { Alert, App, Button, Input, Typography } from 'antd'
import { SendOutlined } from '@ant-design/icons'
import { ApiError, post } from '../../../api/client.ts'
import type { StoredFileT } from '../../../api/types.ts'
import { useI18n } from '../../../i18n/index.tsx'
import { formatDateTime } from '../../../lib/format.ts'
import { localizeMessage } from '../../../lib/forms.ts'
import { AttachmentUpload } from '../../../components/dossier/AttachmentUpload.tsx'
import type { DossierDetailT, SubmitSupplementBody } from '../../../components/dossier/types.ts'

interface Props {
  dossier: DossierDetailT
  /** The detail changed (supplement accepted, or someone else changed it first): fetch it again. */
  onChanged: () => void
}

/**
 * The applicant's answer to an open supplement request: what is missing and why, one upload per
 * item that names a component, an optional note, and one submit (with the detail's `version`).
 */
export function SupplementPanel({ dossier, onChanged }: Props) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const request = dossier.openSupplement
  const [files, setFiles] = useState<Record<number, StoredFileT[]>>({})
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  if (!request) return null

  const componentName = (i: number | null) => (i === null ? undefined : dossier.components.find((c) => c.index === i)?.name)

  const submit = async () => {
    setError(undefined)
    // Items naming the same component share one entry.
    const byComponent = new Map<number, string[]>()
    request.items.forEach((item, i) => {
      if (item.componentIndex === null) return
      const ids = (files[i] ?? []).map((f) => f.id)
      if (ids.length > 0) byComponent.set(item.componentIndex, [...(byComponent.get(item.componentIndex) ?? []), ...ids])
    })
    if (byComponent.size === 0) {
      setError(t('portal.supp.noFiles'))
      return
    }
    const body: SubmitSupplementBody = {
      version: dossier.version,
      components: [...byComponent].map(([index, fileIds]) => ({ index, fileIds })),
      note: note.trim() || undefined,
    }
    setBusy(true)
    try {
      await post(`/dossiers/${encodeURIComponent(dossier.code)}/supplement`, body)
      void message.success(t('portal.supp.done'))
      setFiles({})
      setNote('')
      onChanged()
    } catch (e) {
      if (e instanceof ApiError && e.code === 'DOSSIER_VERSION_CONFLICT') {
        void message.warning({ content: t('portal.conflict'), duration: 8 })
        onChanged()
      } else if (e instanceof ApiError) {
        const extra = e.fields.map((f) => localizeMessage(f.message)).join(' ')
        setError(extra ? `${e.localized}: ${extra}` : e.localized)
      } else {
        setError(t('common.error'))
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <section
      aria-labelledby="supplement-title"
      data-testid="supplement-panel"
      style={{ background: '#fff7e6', border: '2px solid #d46b08', borderRadius: 8, padding: 16, marginBottom: 16 }}
    >
      <Typography.Title level={2} id="supplement-title" style={{ fontSize: 20, marginTop: 0 }}>
        {t('portal.supp.title')}
      </Typography.Title>
      <p>{t('portal.supp.intro', { date: formatDateTime(request.requestedAt) })}</p>
      <ol style={{ paddingLeft: 20 }}>
        {request.items.map((item, i) => {
          const comp = componentName(item.componentIndex)
          return (
            <li key={i} style={{ marginBottom: 16 }} data-testid={`supplement-item-${i}`}>
              <Typography.Title level={3} style={{ fontSize: 16, margin: '0 0 4px' }}>
                {item.name}
              </Typography.Title>
              {comp && comp !== item.name && <div className="cs-muted">{t('portal.supp.component', { name: comp })}</div>}
              <div style={{ margin: '4px 0 8px' }}>
                <strong>{t('portal.supp.reason')}:</strong> {item.reason}
              </div>
              {item.componentIndex === null ? (
                <div className="cs-muted">{t('portal.supp.noUpload')}</div>
              ) : (
                <AttachmentUpload
                  label={item.name}
                  testId={`supplement-${i}`}
                  files={files[i] ?? []}
                  disabled={busy}
                  fromStore
                  onChange={(next) => setFiles((prev) => ({ ...prev, [i]: next }))}
                />
              )}
            </li>
          )
        })}
      </ol>
      <label htmlFor="supplement-note" style={{ display: 'block', fontWeight: 600, marginBottom: 4 }}>
        {t('portal.supp.note')}
      </label>
      <Input.TextArea
        id="supplement-note"
        rows={2}
        maxLength={2000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        style={{ marginBottom: 12 }}
      />
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 12 }} data-testid="supplement-error" />}
      <Button
        type="primary"
        size="large"
        icon={<SendOutlined aria-hidden />}
        loading={busy}
        onClick={() => void submit()}
        data-testid="submit-supplement"
      >
        {t('portal.supp.submit')}
      </Button>
    </section>
  )
}
