import { useState } from 'react'
import { Alert, App, Button, Form, Modal, Select, Typography } from 'antd'
import { useNavigate } from 'react-router-dom'
import type { ProcessList } from '@congso/contracts'
import { ApiError, get, post } from '../../../api/client.ts'
import { useAuth } from '../../../auth/AuthContext.tsx'
import { useT } from '../../../i18n/index.tsx'
import { useErrorHandler } from '../../../lib/forms.ts'
import { issuesOfBody, readImportFile, type EditorIssue, type ProcessView } from './processModel.ts'
import type { AgencyIndex } from './useAgencies.ts'

interface Picked {
  name: string
  body: { procedureCode: string; agencyCode: string | null; version?: number; definition: { steps?: unknown[] } }
}

/** The fields of an exported file the import takes (the request is strict: anything else is dropped). */
function pick(raw: Record<string, unknown>): Picked['body'] | null {
  const { procedureCode, agencyCode, version, definition } = raw
  if (typeof procedureCode !== 'string' || typeof definition !== 'object' || definition === null) return null
  return {
    procedureCode,
    agencyCode: typeof agencyCode === 'string' ? agencyCode : null,
    ...(typeof version === 'number' ? { version } : {}),
    definition,
  }
}

/**
 * "Nhập từ tệp JSON": a process file becomes the draft of its (procedure, agency) — the agency named
 * in the file or one chosen here. A process with problems is refused with its issues, and nothing
 * changes; when a draft exists already, the admin may replace it.
 */
export function ImportProcessModal({ open, onClose, agencies }: { open: boolean; onClose: () => void; agencies: AgencyIndex | null }) {
  const t = useT()
  const { message } = App.useApp()
  const onError = useErrorHandler()
  const navigate = useNavigate()
  const { me } = useAuth()
  const [file, setFile] = useState<Picked | null>(null)
  const [fileError, setFileError] = useState(false)
  const [agencyId, setAgencyId] = useState('')
  const [issues, setIssues] = useState<EditorIssue[] | null>(null)
  const [existingDraft, setExistingDraft] = useState<{ revision: number } | null>(null)
  const [busy, setBusy] = useState(false)

  const reset = () => {
    setFile(null)
    setFileError(false)
    setIssues(null)
    setExistingDraft(null)
    setAgencyId('')
  }

  const read = async (f: File | undefined) => {
    reset()
    if (!f) return
    const raw = readImportFile(await f.text())
    const body = raw ? pick(raw) : null
    if (!body) setFileError(true)
    else setFile({ name: f.name, body })
  }

  const target = () => (agencyId ? { agencyId } : {})

  const send = async (expectedRevision?: number) => {
    if (!file) return
    setBusy(true)
    setIssues(null)
    try {
      const saved = await post<ProcessView>('/admin/processes/import', {
        ...file.body,
        ...target(),
        ...(expectedRevision ? { expectedRevision } : {}),
      })
      void message.success(t('wf.import.done', { version: saved.version }))
      onClose()
      void navigate(`/quan-tri/quy-trinh/${saved.id}`)
    } catch (e) {
      if (e instanceof ApiError && e.code === 'PROCESS_INVALID') {
        setIssues(issuesOfBody(e.body) ?? [])
      } else if (e instanceof ApiError && e.code === 'PROCESS_DRAFT_EXISTS') {
        const id = agencyId || (file.body.agencyCode ? agencies?.byCode.get(file.body.agencyCode)?.id : undefined)
        const drafts = id
          ? await get<ProcessList>('/admin/processes', { procedureCode: file.body.procedureCode, agencyId: id, status: 'draft' })
          : null
        const draft = drafts?.items[0]
        if (draft) setExistingDraft({ revision: draft.revision })
        else onError(e)
      } else onError(e)
    } finally {
      setBusy(false)
    }
  }

  const agencyOptions = [
    { value: '', label: t('wf.import.agencyFromFile', { code: file?.body.agencyCode ?? '—' }) },
    ...(agencies?.inScope(me).map((a) => ({ value: a.id, label: a.name })) ?? []),
  ]

  return (
    <Modal
      open={open}
      title={t('wf.import.title')}
      onCancel={onClose}
      afterClose={reset}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="ok" type="primary" loading={busy} disabled={!file} onClick={() => void send()}>
          {t('wf.import.submit')}
        </Button>,
      ]}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('wf.import.intro')}</Typography.Paragraph>
      <Form layout="vertical" name="import-process">
        <Form.Item
          label={t('wf.import.file')}
          htmlFor="wf-import-file"
          extra={
            file
              ? t('wf.import.fileInfo', {
                  code: file.body.procedureCode,
                  steps: file.body.definition.steps?.length ?? 0,
                  version: file.body.version ?? '—',
                })
              : undefined
          }
        >
          <input id="wf-import-file" type="file" accept=".json,application/json" onChange={(e) => void read(e.target.files?.[0])} />
        </Form.Item>
        <Form.Item label={t('wf.import.agency')} htmlFor="wf-import-agency">
          <Select
            id="wf-import-agency"
            value={agencyId}
            onChange={setAgencyId}
            options={agencyOptions}
            showSearch
            optionFilterProp="label"
          />
        </Form.Item>
      </Form>
      {fileError && <Alert type="error" showIcon role="alert" message={t('wf.import.invalidFile')} />}
      {existingDraft && (
        <Alert
          type="warning"
          showIcon
          message={t('wf.import.draftExists')}
          action={
            <Button danger loading={busy} onClick={() => void send(existingDraft.revision)}>
              {t('wf.import.replace')}
            </Button>
          }
        />
      )}
      {issues && (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="import-issues"
          message={t('wf.import.failed', { n: issues.length })}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {issues.map((i, k) => (
                <li key={k}>{i.message}</li>
              ))}
            </ul>
          }
        />
      )}
    </Modal>
  )
}
