import { Descriptions } from 'antd'
import { useI18n } from '../../i18n/index.tsx'
import { formatNumber } from '../../lib/format.ts'
import { formatVnDate, type CertificateInfoT } from './format.ts'
import { HashText } from './parts.tsx'

const labelStyle = { width: '32%', fontWeight: 600, color: 'rgba(0,0,0,0.88)' }

/** The fields of one certificate (also used for the agency seal's certificate). */
export function CertificateFields({ cert, testId }: { cert: CertificateInfoT; testId?: string }) {
  const { t } = useI18n()
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      styles={{ label: labelStyle }}
      data-testid={testId}
      items={[
        { key: 'cn', label: t('sig.cert.commonName'), children: cert.commonName },
        { key: 'o', label: t('sig.cert.organization'), children: cert.organization ?? t('common.none') },
        { key: 'subject', label: t('sig.cert.subject'), children: <span style={{ wordBreak: 'break-word' }}>{cert.subject}</span> },
        { key: 'issuer', label: t('sig.cert.issuer'), children: <span style={{ wordBreak: 'break-word' }}>{cert.issuer}</span> },
        { key: 'serial', label: t('sig.cert.serial'), children: <span className="cs-mono">{cert.serialNumber}</span> },
        {
          key: 'validity',
          label: t('sig.cert.validity'),
          children: t('sig.cert.validityRange', { from: formatVnDate(cert.notBefore), to: formatVnDate(cert.notAfter) }),
        },
        { key: 'sha256', label: t('sig.cert.sha256'), children: <HashText value={cert.sha256} /> },
      ]}
    />
  )
}

/** Signer first, then its issuers up to the trust anchor; folded (a native disclosure, keyboard-usable) to keep cards short. */
export function CertificateChain({ chain }: { chain: readonly CertificateInfoT[] }) {
  const { t, lang } = useI18n()
  if (chain.length === 0)
    return (
      <p className="cs-muted" style={{ margin: '12px 0 0' }}>
        {t('sig.chain.empty')}
      </p>
    )
  return (
    <details data-testid="certificate-chain" style={{ marginTop: 12 }}>
      <summary style={{ cursor: 'pointer', padding: '4px 0' }}>
        <strong>{t('sig.chain.title')}</strong>{' '}
        <span className="cs-muted">({t('sig.chain.count', { n: formatNumber(chain.length, lang) })})</span>
      </summary>
      <ol style={{ listStyle: 'none', margin: '8px 0 0', padding: 0 }}>
        {chain.map((cert, i) => (
          <li key={`${cert.sha256}-${i}`} style={{ marginBottom: 12 }} data-testid="certificate">
            <p style={{ margin: '0 0 4px', fontWeight: 600 }}>
              {i + 1}. {t(i === 0 ? 'sig.chain.signer' : 'sig.chain.ca')}
            </p>
            <CertificateFields cert={cert} />
          </li>
        ))}
      </ol>
    </details>
  )
}
