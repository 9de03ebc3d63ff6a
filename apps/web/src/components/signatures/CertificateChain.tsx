import { Descriptions, Typography } from 'antd'
import { useI18n } from '../../i18n/index.tsx'
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

/** Signer first, then its issuers up to the trust anchor. */
export function CertificateChain({ chain, headingLevel }: { chain: readonly CertificateInfoT[]; headingLevel: 3 | 4 | 5 }) {
  const { t } = useI18n()
  return (
    <div data-testid="certificate-chain">
      <Typography.Title level={headingLevel} style={{ fontSize: 16, marginTop: 16 }}>
        {t('sig.chain.title')}
      </Typography.Title>
      {chain.length === 0 && <p className="cs-muted">{t('sig.chain.empty')}</p>}
      <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {chain.map((cert, i) => (
          <li key={`${cert.sha256}-${i}`} style={{ marginBottom: 12 }} data-testid="certificate">
            <p style={{ margin: '0 0 4px', fontWeight: 600 }}>
              {i + 1}. {t(i === 0 ? 'sig.chain.signer' : 'sig.chain.ca')}
            </p>
            <CertificateFields cert={cert} />
          </li>
        ))}
      </ol>
    </div>
  )
}
