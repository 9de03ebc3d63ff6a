import { useId, type ReactNode } from 'react'
import { Card, Descriptions, Typography } from 'antd'
import { FilePdfOutlined } from '@ant-design/icons'
import type { SignatureReport } from '@congso/contracts'
import { useI18n } from '../../i18n/index.tsx'
import { formatNumber } from '../../lib/format.ts'
import { CertificateChain } from './CertificateChain.tsx'
import { formatVnDateTime } from './format.ts'
import { CodeList, CodeText, SigTag, IntegrityTag, RevocationTag, TrustTag } from './parts.tsx'

const labelStyle = { width: '32%', fontWeight: 600, color: 'rgba(0,0,0,0.88)' }

export type HeadingLevel = 2 | 3 | 4

interface Props {
  signature: SignatureReport
  /** Revisions in the whole file (to count the updates made after this signature). */
  revisions: number
  headingLevel: HeadingLevel
  revisionHref?: (n: number, signature: SignatureReport) => string
}

function Coverage({ s, revisions }: { s: SignatureReport; revisions: number }) {
  const { t, lang } = useI18n()
  if (s.byteRange !== 'ok') return <>{t('sig.coverage.unknown')}</>
  if (s.coversWholeDocument) {
    return (
      <>
        <SigTag color="green">{t('sig.coverage.whole')}</SigTag>
        {s.revision > 0 && <div className="cs-muted">{t('sig.coverage.revision', { n: formatNumber(s.revision, lang) })}</div>}
      </>
    )
  }
  const counted = s.laterRevisions.filter((r) => r.revision > 0).length
  const n = Math.max(counted, revisions - s.revision, 1)
  return (
    <>
      <SigTag color={s.modifiedAfterSigning ? 'red' : 'blue'}>{t('sig.coverage.later', { n: formatNumber(n, lang) })}</SigTag>
      {s.revision > 0 && <div className="cs-muted">{t('sig.coverage.revision', { n: formatNumber(s.revision, lang) })}</div>}
      {!s.modifiedAfterSigning && <div>{t('sig.coverage.allAllowed')}</div>}
      <ul style={{ margin: '4px 0 0', paddingLeft: 20 }} data-testid="later-revisions">
        {s.laterRevisions.map((r, i) => (
          <li key={`${r.revision}-${i}`} data-allowed={r.allowed}>
            <strong>
              {r.revision > 0 ? t('sig.coverage.revisionN', { n: formatNumber(r.revision, lang) }) : t('sig.coverage.revisionUnknown')}
            </strong>{' '}
            <SigTag color={r.allowed ? 'green' : 'red'}>{t(r.allowed ? 'sig.coverage.allowed' : 'sig.coverage.notAllowed')}</SigTag>
            <CodeList codes={r.changes} />
          </li>
        ))}
      </ul>
    </>
  )
}

function Timestamp({ s }: { s: SignatureReport }) {
  const { t } = useI18n()
  const ts = s.timestamp
  if (!ts) return <span className="cs-muted">{t('sig.timestamp.none')}</span>
  return (
    <>
      <div>{t('sig.timestamp.value', { time: formatVnDateTime(ts.time), tsa: ts.tsaName ?? t('sig.timestamp.unknownTsa') })}</div>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginTop: 4 }}>
        <span data-status={ts.status}>
          <SigTag color={ts.status === 'valid' ? 'green' : 'red'}>
            {t(ts.status === 'valid' ? 'sig.timestamp.valid' : 'sig.timestamp.invalid')}
          </SigTag>
        </span>
        <TrustTag status={ts.trust} />
      </div>
      <CodeList codes={ts.errors} />
    </>
  )
}

/** One signature of a report: who, when, what it covers, and each check with its outcome. */
export function SignatureCard({ signature: s, revisions, headingLevel, revisionHref }: Props) {
  const { t } = useI18n()
  const n = s.index + 1
  const none = t('common.none')
  const titleId = useId()
  const items: { key: string; label: string; children: ReactNode }[] = [
    { key: 'signer', label: t('sig.field.signer'), children: s.signerName ?? none },
    { key: 'organization', label: t('sig.field.organization'), children: s.organization ?? none },
    { key: 'reason', label: t('sig.field.reason'), children: s.reason ?? none },
    { key: 'location', label: t('sig.field.location'), children: s.location ?? none },
    { key: 'signingTime', label: t('sig.field.signingTime'), children: s.signingTime ? formatVnDateTime(s.signingTime) : none },
    { key: 'timestamp', label: t('sig.field.timestamp'), children: <Timestamp s={s} /> },
    { key: 'coverage', label: t('sig.field.coverage'), children: <Coverage s={s} revisions={revisions} /> },
    { key: 'integrity', label: t('sig.field.integrity'), children: <IntegrityTag status={s.integrity} /> },
    {
      key: 'byteRange',
      label: t('sig.field.byteRange'),
      children:
        s.byteRange === 'ok' ? (
          <span data-status="ok">
            <SigTag color="green">{t('sig.byteRange.ok')}</SigTag>
          </span>
        ) : (
          <span data-status={s.byteRange}>
            <SigTag color="red">{t('sig.byteRange.bad')}</SigTag> <CodeText code={s.byteRange} />
          </span>
        ),
    },
    { key: 'trust', label: t('sig.field.trust'), children: <TrustTag status={s.trust} /> },
    { key: 'revocation', label: t('sig.field.revocation'), children: <RevocationTag status={s.revocation} /> },
  ]
  if (s.docMdp !== null) items.push({ key: 'docMdp', label: t('sig.field.docMdp'), children: t(`sig.docMdp.${s.docMdp}`) })
  if (s.subFilter) items.push({ key: 'format', label: t('sig.field.format'), children: <span className="cs-mono">{s.subFilter}</span> })
  if (s.errors.length > 0) items.push({ key: 'errors', label: t('sig.field.errors'), children: <CodeList codes={s.errors} /> })

  return (
    <Card
      style={{ marginBottom: 16 }}
      data-testid="signature-card"
      data-index={s.index}
      role="region"
      aria-labelledby={titleId}
      title={
        <Typography.Title level={headingLevel} id={titleId} className="cs-card-title" style={{ whiteSpace: 'normal' }}>
          {s.signerName ? t('sig.card.titleOf', { n, name: s.signerName }) : t('sig.card.title', { n })}
        </Typography.Title>
      }
    >
      <Descriptions bordered size="small" column={1} styles={{ label: labelStyle }} items={items} data-testid="signature-fields" />
      {revisionHref && s.byteRange === 'ok' && (
        <p style={{ margin: '12px 0 0' }}>
          <a
            href={revisionHref(n, s)}
            target="_blank"
            rel="noreferrer"
            aria-label={t('sig.viewRevisionOf', { n })}
            data-testid="revision-link"
          >
            <FilePdfOutlined aria-hidden /> {t('sig.viewRevision')}
          </a>
        </p>
      )}
      <CertificateChain chain={s.chain} />
    </Card>
  )
}
