import { useEffect, useRef, useState } from 'react'
import { Alert, Descriptions, Spin, Typography } from 'antd'
import type { VerificationResult } from '@congso/contracts'
import { ApiError, api } from '../../../api/client.ts'
import { useI18n } from '../../../i18n/index.tsx'
import { formatNumber } from '../../../lib/format.ts'
import { usePageTitle } from '../../../lib/usePageTitle.ts'
import { formatBytes } from '../../../components/dossier/common.tsx'
import { formatVnDateTime } from '../../../components/signatures/format.ts'
import { HashText } from '../../../components/signatures/parts.tsx'
import { PdfDropZone } from '../../../components/signatures/PdfDropZone.tsx'
import { SignatureReportView } from '../../../components/signatures/SignatureReportView.tsx'

/** The server's limit for `POST /signatures/verify` (VERIFY_MAX_BYTES). */
const MAX_BYTES = 20 * 1024 * 1024
const labelStyle = { width: '35%', fontWeight: 600, color: 'rgba(0,0,0,0.88)' }

interface Checked {
  fileName: string
  result: VerificationResult
}

function Result({ checked }: { checked: Checked }) {
  const { t, lang } = useI18n()
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [checked])
  const r = checked.result
  return (
    <section aria-labelledby="verify-result-title" data-testid="verify-result" style={{ marginTop: 24 }}>
      <Typography.Title level={2} id="verify-result-title" ref={heading} tabIndex={-1} style={{ fontSize: 22 }}>
        {t('sig.verify.resultTitle')}
      </Typography.Title>
      <Descriptions
        bordered
        size="small"
        column={1}
        styles={{ label: labelStyle }}
        style={{ marginBottom: 16, background: '#fff' }}
        data-testid="verify-file"
        items={[
          { key: 'file', label: t('sig.verify.file'), children: <span style={{ wordBreak: 'break-word' }}>{checked.fileName}</span> },
          {
            key: 'size',
            label: t('sig.verify.size'),
            children: t('sig.verify.sizeValue', { bytes: formatNumber(r.sizeBytes, lang), human: formatBytes(r.sizeBytes, lang) }),
          },
          { key: 'sha256', label: t('sig.verify.sha256'), children: <HashText value={r.sha256} /> },
          { key: 'checkedAt', label: t('sig.verify.checkedAt'), children: formatVnDateTime(r.checkedAt) },
        ]}
      />
      <SignatureReportView report={r.report} headingLevel={3} />
    </section>
  )
}

/** `/kiem-tra-chu-ky`: anyone checks the digital signatures of a PDF; the file is checked and discarded, never stored. */
export default function VerifySignaturePage() {
  const { t } = useI18n()
  const [busy, setBusy] = useState<string | null>(null)
  const [problem, setProblem] = useState<string>()
  const [checked, setChecked] = useState<Checked>()
  // Each pick is an attempt; `data-attempt`/`data-state` let tests wait for this attempt's outcome, not a previous one.
  const [attempt, setAttempt] = useState(0)
  usePageTitle(t('sig.verify.title'))
  const state = busy !== null ? 'busy' : problem ? 'error' : checked ? 'done' : 'idle'

  const verify = async (file: File) => {
    setAttempt((n) => n + 1)
    setBusy(file.name)
    setProblem(undefined)
    setChecked(undefined)
    try {
      const result = await api<VerificationResult>('/signatures/verify', { method: 'POST', body: file, contentType: 'application/pdf' })
      setChecked({ fileName: file.name, result })
    } catch (e) {
      setProblem(e instanceof ApiError ? e.localized : t('common.error'))
    } finally {
      setBusy(null)
    }
  }

  return (
    <div style={{ maxWidth: 900, margin: '0 auto' }}>
      <Typography.Title level={1} style={{ fontSize: 26, marginTop: 0 }}>
        {t('sig.verify.title')}
      </Typography.Title>
      <p>{t('sig.verify.intro')}</p>
      <Alert
        type="info"
        showIcon
        role="note"
        style={{ marginBottom: 16 }}
        message={t('sig.verify.privacy')}
        description={t('sig.verify.privacyText')}
        data-testid="verify-privacy"
      />
      <PdfDropZone
        testId="verify-upload"
        maxBytes={MAX_BYTES}
        text={t('sig.verify.drop')}
        hint={t('sig.verify.dropHint', { max: '20 MB' })}
        disabled={busy !== null}
        onFile={(f) => void verify(f)}
        onReject={(m) => {
          setAttempt((n) => n + 1)
          setChecked(undefined)
          setProblem(m)
        }}
      />
      <div
        role="status"
        aria-live="polite"
        style={{ marginTop: 16 }}
        data-testid="verify-outcome"
        data-attempt={attempt}
        data-state={state}
      >
        {busy !== null && (
          <div data-testid="verify-busy" style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
            <Spin /> <span>{t('sig.verify.checking', { name: busy })}</span>
          </div>
        )}
      </div>
      {problem && (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={t('sig.verify.failed')}
          description={problem}
          style={{ marginTop: 16 }}
          data-testid="verify-problem"
        />
      )}
      {checked && <Result checked={checked} />}
    </div>
  )
}
