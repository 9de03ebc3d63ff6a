import { Typography } from 'antd'
import { useI18n } from '../../i18n/index.tsx'
import type { ReactNode } from 'react'
import type { TagColor } from '../Tags.tsx'
import { describeCode, revocationColor, trustColor, type RevocationStatusT, type TrustStatusT } from './format.ts'

/** The app's high-contrast tag (components/Tags.tsx), allowed to wrap: some statuses are whole sentences. */
export function SigTag({ color, children }: { color: TagColor; children: ReactNode }) {
  return (
    <span className={`cs-tag cs-tag-${color}`} style={{ whiteSpace: 'normal' }}>
      {children}
    </span>
  )
}

/** Status tags: colour and words (never colour alone); `data-status` carries the machine value for tests. */
export function TrustTag({ status }: { status: TrustStatusT }) {
  const { t } = useI18n()
  return (
    <span data-status={status}>
      <SigTag color={trustColor[status]}>{t(`sig.trust.${status}`)}</SigTag>
    </span>
  )
}

export function RevocationTag({ status }: { status: RevocationStatusT }) {
  const { t } = useI18n()
  return (
    <span data-status={status}>
      <SigTag color={revocationColor[status]}>{t(`sig.revocation.${status}`)}</SigTag>
    </span>
  )
}

export function IntegrityTag({ status }: { status: 'ok' | 'failed' }) {
  const { t } = useI18n()
  return (
    <span data-status={status}>
      <SigTag color={status === 'ok' ? 'green' : 'red'}>{t(status === 'ok' ? 'sig.integrity.ok' : 'sig.integrity.failed')}</SigTag>
    </span>
  )
}

/** One validator code: its sentence followed by the code itself (small, for support), or the bare code when unknown. */
export function CodeText({ code }: { code: string }) {
  const { t } = useI18n()
  const text = describeCode(t, code)
  if (!text) return <code data-code={code}>{code}</code>
  return (
    <span data-code={code}>
      {text}{' '}
      <code className="cs-muted" style={{ fontSize: 12 }}>
        {code}
      </code>
    </span>
  )
}

export function CodeList({ codes, label }: { codes: readonly string[]; label?: string }) {
  if (codes.length === 0) return null
  return (
    <ul aria-label={label} style={{ margin: 0, paddingLeft: 20 }} data-testid="signature-codes">
      {codes.map((c, i) => (
        <li key={`${c}-${i}`}>
          <CodeText code={c} />
        </li>
      ))}
    </ul>
  )
}

/** A fingerprint in monospace, wrapping anywhere, with a copy button (`data-hash` keeps the full value for tests). */
export function HashText({ value, display }: { value: string; display?: string }) {
  const { t } = useI18n()
  return (
    <span data-hash={value}>
      <Typography.Text
        className="cs-mono"
        style={{ wordBreak: 'break-all' }}
        copyable={{ text: value, tooltips: [t('sig.copy'), t('sig.copied')] }}
      >
        {display ?? value}
      </Typography.Text>
    </span>
  )
}
