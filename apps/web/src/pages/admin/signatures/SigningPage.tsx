import { useEffect, useRef, useState, type ReactNode } from 'react'
import { Alert, Button, Space, Spin, Steps, Typography } from 'antd'
import { DownloadOutlined, FilePdfOutlined, ReloadOutlined, SignatureOutlined } from '@ant-design/icons'
import type { SealInfo, SignedFile, ValidationReport } from '@congso/contracts'
import { ApiError, uploadAttachment } from '../../../api/client.ts'
import { useApi } from '../../../api/hooks.ts'
import type { StoredFileT } from '../../../api/types.ts'
import { useAuth } from '../../../auth/AuthContext.tsx'
import { useI18n } from '../../../i18n/index.tsx'
import { usePageTitle } from '../../../lib/usePageTitle.ts'
import { fileUrl, formatBytes } from '../../../components/dossier/common.tsx'
import { PdfDropZone } from '../../../components/signatures/PdfDropZone.tsx'
import { SignatureReportView } from '../../../components/signatures/SignatureReportView.tsx'
import { hasAnyRole } from '../dossiers/access.ts'
import { revisionUrl, SEAL_ROLES } from './access.ts'
import { SealForm, SealInfoView } from './SealPanel.tsx'

/** `POST /files` takes up to 10 MB (ATTACHMENT_MAX_BYTES). */
const MAX_BYTES = 10 * 1024 * 1024

/** A white step section with an `<h2>` that takes focus when `focusKey` changes (after upload, after signing). */
function StepSection({
  id,
  title,
  children,
  focusKey,
  state,
}: {
  id: string
  title: string
  children: ReactNode
  focusKey?: string
  /** `data-attempt`/`data-state` of the section, for tests to wait on. */
  state?: { attempt: number; state: string }
}) {
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (focusKey) heading.current?.focus()
  }, [focusKey])
  return (
    <section
      aria-labelledby={id}
      data-testid={id}
      data-attempt={state?.attempt}
      data-state={state?.state}
      style={{ background: '#fff', borderRadius: 8, padding: 16, marginBottom: 16 }}
    >
      <Typography.Title level={2} id={id} ref={heading} tabIndex={-1} style={{ fontSize: 20, marginTop: 0 }}>
        {title}
      </Typography.Title>
      {children}
    </section>
  )
}

function SubHeading({ children }: { children: string }) {
  return (
    <Typography.Title level={3} style={{ fontSize: 17, marginTop: 20 }}>
      {children}
    </Typography.Title>
  )
}

function FileLine({ file }: { file: StoredFileT }) {
  const { lang } = useI18n()
  return (
    <span data-testid="source-file">
      <FilePdfOutlined aria-hidden /> <strong>{file.fileName}</strong>{' '}
      <span className="cs-muted">({formatBytes(file.sizeBytes, lang)})</span>
    </span>
  )
}

/** The current signatures of the chosen file (`GET /files/:id/signatures`). */
function CurrentReport({ file }: { file: StoredFileT }) {
  const { t } = useI18n()
  const report = useApi<ValidationReport>(`/files/${encodeURIComponent(file.id)}/signatures`)
  if (report.error) return <Alert type="error" showIcon message={report.error.localized} data-testid="current-report-error" />
  if (!report.data)
    return (
      <div role="status" style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
        <Spin /> <span>{t('sig.sign.loadingReport')}</span>
      </div>
    )
  return (
    <div data-testid="current-report">
      <SignatureReportView report={report.data} headingLevel={4} revisionHref={(n) => revisionUrl(file.id, n)} />
    </div>
  )
}

/**
 * `/quan-tri/ky-so`: an officer uploads a PDF, sees its signatures and the agency seal, and (clerk or
 * agency leader) seals it; the signed file is a new stored file, which can be sealed again.
 */
export default function SigningPage() {
  const { t, lang } = useI18n()
  const { me } = useAuth()
  const canSeal = hasAnyRole(me, SEAL_ROLES)
  // The seal belongs to the officer's agency; officers without one (a system admin) have none to show.
  const hasAgency = Boolean(me?.agencyId)
  const seal = useApi<SealInfo>(hasAgency ? '/signatures/seal' : null)
  const [source, setSource] = useState<StoredFileT | null>(null)
  const [signed, setSigned] = useState<SignedFile | null>(null)
  const [uploading, setUploading] = useState<string | null>(null)
  const [problem, setProblem] = useState<string>()
  const [attempt, setAttempt] = useState(0)
  usePageTitle(t('sig.sign.title'))
  const step = signed ? 2 : source ? 1 : 0

  const upload = async (file: File) => {
    setAttempt((n) => n + 1)
    setProblem(undefined)
    setUploading(file.name)
    try {
      setSource(await uploadAttachment<StoredFileT>(file))
      setSigned(null)
    } catch (e) {
      setProblem(e instanceof ApiError ? e.localized : t('common.error'))
    } finally {
      setUploading(null)
    }
  }
  const restart = () => {
    setSource(null)
    setSigned(null)
    setProblem(undefined)
  }

  return (
    <div style={{ maxWidth: 960 }}>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('sig.sign.title')}
      </Typography.Title>
      <Typography.Paragraph className="cs-muted">{t('sig.sign.intro')}</Typography.Paragraph>
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 16 }}
        items={[{ title: t('sig.sign.step.upload') }, { title: t('sig.sign.step.sign') }, { title: t('sig.sign.step.result') }]}
      />

      <StepSection
        id="sign-upload"
        title={t('sig.sign.uploadTitle')}
        state={{ attempt, state: uploading !== null ? 'busy' : problem ? 'error' : source ? 'done' : 'idle' }}
      >
        {source ? (
          <Space wrap>
            <span>{t('sig.sign.source')}:</span>
            <FileLine file={source} />
            <Button onClick={restart}>{t('sig.sign.chooseOther')}</Button>
          </Space>
        ) : (
          <>
            <PdfDropZone
              testId="sign-upload-zone"
              maxBytes={MAX_BYTES}
              text={t('sig.sign.drop')}
              hint={t('sig.sign.dropHint', { max: '10 MB' })}
              disabled={uploading !== null}
              onFile={(f) => void upload(f)}
              onReject={(m) => {
                setAttempt((n) => n + 1)
                setProblem(m)
              }}
            />
            <div role="status" aria-live="polite" style={{ marginTop: 12 }}>
              {uploading !== null && (
                <span data-testid="sign-uploading">
                  <Spin size="small" /> {t('sig.sign.uploading', { name: uploading })}
                </span>
              )}
            </div>
          </>
        )}
        {problem && (
          <Alert type="error" showIcon role="alert" message={problem} style={{ marginTop: 12 }} data-testid="sign-upload-problem" />
        )}
      </StepSection>

      {source && !signed && (
        <StepSection id="sign-check" title={t('sig.sign.checkTitle')} focusKey={source.id}>
          <SubHeading>{t('sig.sign.currentTitle')}</SubHeading>
          <CurrentReport key={source.id} file={source} />
          {hasAgency && (
            <>
              <SubHeading>{t('sig.sign.sealTitle')}</SubHeading>
              {seal.loading ? <Spin /> : <SealInfoView seal={seal} />}
            </>
          )}
          {canSeal ? (
            <>
              <SubHeading>{t('sig.sign.optionsTitle')}</SubHeading>
              <SealForm key={source.id} fileId={source.id} seal={seal} onSigned={setSigned} />
            </>
          ) : (
            <Alert type="info" showIcon message={t('sig.sign.notAllowed')} style={{ marginTop: 16 }} data-testid="sign-not-allowed" />
          )}
        </StepSection>
      )}

      {signed && (
        <StepSection id="sign-result" title={t('sig.sign.resultTitle')} focusKey={signed.file.id}>
          <Alert type="success" showIcon message={t('sig.sign.done')} style={{ marginBottom: 12 }} data-testid="sign-done" />
          <p>
            <a href={fileUrl(signed.file.id)} download={signed.file.fileName} data-testid="signed-download">
              <DownloadOutlined aria-hidden /> {t('sig.sign.download')}: {signed.file.fileName}
            </a>{' '}
            <span className="cs-muted">({formatBytes(signed.file.sizeBytes, lang)})</span>
          </p>
          <SubHeading>{t('sig.sign.signedReport')}</SubHeading>
          <div data-testid="signed-report">
            <SignatureReportView report={signed.report} headingLevel={4} revisionHref={(n) => revisionUrl(signed.file.id, n)} />
          </div>
          <Space wrap style={{ marginTop: 8 }}>
            {canSeal && (
              <Button
                type="primary"
                icon={<SignatureOutlined aria-hidden />}
                onClick={() => {
                  setSource(signed.file)
                  setSigned(null)
                }}
              >
                {t('sig.sign.signAgain')}
              </Button>
            )}
            <Button icon={<ReloadOutlined aria-hidden />} onClick={restart}>
              {t('sig.sign.newFile')}
            </Button>
          </Space>
          {canSeal && (
            <p className="cs-muted" style={{ marginTop: 8 }}>
              {t('sig.sign.signAgainHelp')}
            </p>
          )}
        </StepSection>
      )}
    </div>
  )
}
