import { useState } from 'react'
import { Alert, Button, Empty, Modal, Table } from 'antd'
import { DownloadOutlined } from '@ant-design/icons'
import type { CitizenDocument } from '@congso/contracts'
import { ApiError, post } from '../../api/client.ts'
import { useApi } from '../../api/hooks.ts'
import type { StoredFileT } from '../../api/types.ts'
import { useI18n } from '../../i18n/index.tsx'
import { formatDateTime } from '../../lib/format.ts'
import { fileUrl, formatBytes, ScrollRegion } from './common.tsx'

const STORE_PATH = '/me/documents'

/** The document's file, as a download link (the citizen reads their own results at `/api/v1/files/:id`). */
function DocumentFile({ doc }: { doc: CitizenDocument }) {
  const { t, lang } = useI18n()
  return (
    <span>
      <a href={fileUrl(doc.fileId)} download aria-label={t('portal.store.download', { name: doc.fileName })}>
        <DownloadOutlined aria-hidden /> {doc.fileName}
      </a>{' '}
      <span className="cs-muted">({formatBytes(doc.sizeBytes, lang)})</span>
    </span>
  )
}

/**
 * "Kho dữ liệu của tôi": results returned electronically, kept for the citizen (newest first), each
 * downloadable. Shown in the citizen's account.
 */
export function DocumentStoreList() {
  const { t } = useI18n()
  const docs = useApi<CitizenDocument[]>(STORE_PATH)
  if (docs.error) return <Alert type="error" showIcon message={docs.error.localized} />
  const list = docs.data ?? []
  if (!docs.loading && list.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('portal.store.empty')} data-testid="document-store-empty" />
  }
  return (
    <ScrollRegion label={t('portal.store.title')} minWidth={560}>
      <Table<CitizenDocument>
        rowKey="id"
        size="small"
        loading={docs.loading}
        dataSource={list}
        pagination={list.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        data-testid="document-store"
        columns={[
          { title: t('portal.store.document'), key: 'title', render: (_, d) => d.title },
          { title: t('portal.store.file'), key: 'file', render: (_, d) => <DocumentFile doc={d} /> },
          { title: t('portal.store.addedAt'), key: 'at', width: 160, render: (_, d) => formatDateTime(d.createdAt) },
        ]}
      />
    </ScrollRegion>
  )
}

interface PickerProps {
  /** The dossier component the chosen document is for. */
  label: string
  onPicked: (file: StoredFileT) => void
  onClose: () => void
}

/**
 * "Chọn từ kho dữ liệu": lists the citizen's documents; choosing one makes a new attachment with the
 * same content (`POST /me/documents/:id/use`), handed back like an uploaded file.
 */
export function DocumentStorePicker({ label, onPicked, onClose }: PickerProps) {
  const { t } = useI18n()
  const docs = useApi<CitizenDocument[]>(STORE_PATH)
  const [busy, setBusy] = useState<string>()
  const [problem, setProblem] = useState<string>()
  const list = docs.data ?? []

  const pick = async (doc: CitizenDocument) => {
    setBusy(doc.id)
    setProblem(undefined)
    try {
      const file = await post<StoredFileT>(`${STORE_PATH}/${encodeURIComponent(doc.id)}/use`)
      onPicked(file)
      onClose()
    } catch (e) {
      setProblem(e instanceof ApiError ? e.localized : t('common.error'))
    } finally {
      setBusy(undefined)
    }
  }

  return (
    <Modal
      open
      title={t('portal.store.pickTitle')}
      footer={<Button onClick={onClose}>{t('common.close')}</Button>}
      onCancel={onClose}
      width={720}
    >
      <div data-testid="document-store-picker">
        <p style={{ marginTop: 0 }}>{t('portal.store.pickIntro', { name: label })}</p>
        {docs.error && <Alert type="error" showIcon message={docs.error.localized} />}
        {!docs.error && !docs.loading && list.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('portal.store.empty')} />
        ) : (
          <ScrollRegion label={t('portal.store.title')} minWidth={520}>
            <Table<CitizenDocument>
              rowKey="id"
              size="small"
              loading={docs.loading}
              dataSource={list}
              pagination={list.length > 8 ? { pageSize: 8, showSizeChanger: false } : false}
              columns={[
                { title: t('portal.store.document'), key: 'title', render: (_, d) => d.title },
                { title: t('portal.store.file'), key: 'file', render: (_, d) => <DocumentFile doc={d} /> },
                {
                  title: t('common.actions'),
                  key: 'pick',
                  width: 100,
                  render: (_, d) => (
                    <Button
                      size="small"
                      type="primary"
                      loading={busy === d.id}
                      disabled={busy !== undefined && busy !== d.id}
                      aria-label={t('portal.store.pickOf', { name: d.title })}
                      data-testid="document-store-pick"
                      onClick={() => void pick(d)}
                    >
                      {t('portal.store.pick')}
                    </Button>
                  ),
                },
              ]}
            />
          </ScrollRegion>
        )}
        {problem && <Alert type="error" showIcon role="alert" style={{ marginTop: 8 }} message={problem} />}
      </div>
    </Modal>
  )
}
