import { useState } from 'react'
import { Alert, App, Button, Modal, Table, Upload } from 'antd'
import { UploadOutlined } from '@ant-design/icons'
import { useI18n } from '../../i18n/index.tsx'
import { formatNumber } from '../../lib/format.ts'
import { ApiError, api } from '../../api/client.ts'
import type { ImportReportT } from '../../api/types.ts'
import { useErrorHandler } from '../../lib/forms.ts'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
type ImportError = ImportReportT['errors'][number]

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null
/** The 422 body is the error shape plus `report`; accept it at the top level or inside `error`. */
function reportOf(body: unknown): ImportReportT | null {
  if (!isRecord(body)) return null
  const r = isRecord(body.report) ? body.report : isRecord(body.error) && isRecord(body.error.report) ? body.error.report : null
  return r && Array.isArray(r.errors) ? (r as unknown as ImportReportT) : null
}

export function ImportModal(props: { open: boolean; onClose: () => void; onImported: () => void }) {
  const { t, lang } = useI18n()
  const { message } = App.useApp()
  const onError = useErrorHandler()
  const [busy, setBusy] = useState(false)
  const [errors, setErrors] = useState<ImportError[]>([])
  const [summary, setSummary] = useState<string>()

  const doImport = async (file: File) => {
    const name = file.name.toLowerCase()
    const format = name.endsWith('.json') ? 'json' : name.endsWith('.xlsx') ? 'xlsx' : null
    if (!format) {
      void message.error(t('padm.importBadType'))
      return
    }
    setBusy(true)
    setErrors([])
    setSummary(undefined)
    try {
      const report = await api<ImportReportT>('/admin/catalog/import', {
        method: 'POST',
        query: { format },
        body: file,
        contentType: format === 'json' ? 'application/json' : XLSX,
      })
      setSummary(t(report.imported === 1 ? 'padm.importDoneOne' : 'padm.importDone', { n: formatNumber(report.imported, lang) }))
      setErrors(report.errors ?? [])
      void message.success(t(report.imported === 1 ? 'padm.importDoneOne' : 'padm.importDone', { n: formatNumber(report.imported, lang) }))
      props.onImported()
    } catch (e) {
      const report = e instanceof ApiError ? reportOf(e.body) : null
      if (report) {
        setErrors([...report.errors].sort((a, b) => a.row - b.row))
        setSummary(e instanceof ApiError ? e.localized : undefined)
      } else onError(e)
    } finally {
      setBusy(false)
    }
  }

  const close = () => {
    setErrors([])
    setSummary(undefined)
    props.onClose()
  }

  return (
    <Modal
      open={props.open}
      title={t('padm.importTitle')}
      onCancel={close}
      footer={<Button onClick={close}>{t('common.close')}</Button>}
      width={760}
    >
      <p>{t('padm.importHelp')}</p>
      <Upload
        accept=".json,.xlsx,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        showUploadList={false}
        beforeUpload={(file) => {
          void doImport(file)
          return false
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy} data-testid="import-choose">
          {t('padm.importChoose')}
        </Button>
      </Upload>
      {summary && (
        <Alert
          style={{ marginTop: 16 }}
          type={errors.length > 0 ? 'error' : 'success'}
          showIcon
          message={summary}
          data-testid="import-summary"
        />
      )}
      {errors.length > 0 && (
        <Table<ImportError>
          style={{ marginTop: 16 }}
          data-testid="import-errors"
          rowKey={(r, i) => `${r.row}-${r.field}-${i ?? 0}`}
          dataSource={errors}
          size="small"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 600 }}
          columns={[
            { title: t('padm.row'), dataIndex: 'row', key: 'row', width: 80 },
            { title: t('padm.errField'), dataIndex: 'field', key: 'field', width: 200 },
            { title: t('padm.errMessage'), dataIndex: 'message', key: 'message' },
          ]}
        />
      )}
    </Modal>
  )
}
