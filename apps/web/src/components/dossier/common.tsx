import type { CSSProperties, ReactNode } from 'react'
import { Alert, Spin, Typography } from 'antd'
import { Navigate, useLocation } from 'react-router-dom'
import { useAuth } from '../../auth/AuthContext.tsx'
import type { Me } from '../../api/types.ts'
import { useI18n, type Lang } from '../../i18n/index.tsx'

export function PageSpinner() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin size="large" />
    </div>
  )
}

/** `/dang-nhap?next=<this page>`: the sign-in page comes back here afterwards. */
export function loginPath(location: { pathname: string; search: string }): string {
  return `/dang-nhap?next=${encodeURIComponent(location.pathname + location.search)}`
}

/**
 * Renders `children(me)` for a fully signed-in user; sends anyone else to the sign-in page with
 * `next` pointing back here. `citizenOnly` turns officers away with an explanation.
 */
export function SignInGate({ citizenOnly, children }: { citizenOnly?: boolean; children: (me: Me) => ReactNode }) {
  const { me, loading } = useAuth()
  const location = useLocation()
  const { t } = useI18n()
  if (loading) return <PageSpinner />
  if (!me || me.stage !== 'ok') return <Navigate to={loginPath(location)} replace />
  if (citizenOnly && me.kind !== 'citizen') {
    return <Alert type="warning" showIcon message={t('portal.citizenOnly')} description={t('portal.citizenOnlyText')} />
  }
  return <>{children(me)}</>
}

/** A white section with an `<h2>` title (same look as the procedure page's sections). */
export function Section({ id, title, children, extra }: { id: string; title: ReactNode; children: ReactNode; extra?: ReactNode }) {
  return (
    <section aria-labelledby={id} style={{ background: '#fff', borderRadius: 8, padding: 16, marginBottom: 16 }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'baseline', justifyContent: 'space-between' }}>
        <Typography.Title level={2} id={id} style={{ fontSize: 20, marginTop: 0 }}>
          {title}
        </Typography.Title>
        {extra}
      </div>
      {children}
    </section>
  )
}

/** A horizontally scrollable, keyboard-focusable wrapper for wide tables on small screens. */
export function ScrollRegion({ label, children, minWidth = 720 }: { label: string; children: ReactNode; minWidth?: number }) {
  const { t } = useI18n()
  return (
    <div role="region" aria-label={t('proc.tableRegion', { name: label })} tabIndex={0} style={{ overflowX: 'auto' }}>
      <div style={{ minWidth }}>{children}</div>
    </div>
  )
}

/** `1.234.567 byte` style sizes: "850 KB", "1,2 MB" (Vietnamese decimal comma in vi). */
export function formatBytes(n: number, lang: Lang): string {
  const locale = lang === 'vi' ? 'vi-VN' : 'en-US'
  const fmt = (v: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(v)
  if (n < 1024) return `${fmt(n)} B`
  if (n < 1024 * 1024) return `${fmt(n / 1024)} KB`
  return `${fmt(n / 1024 / 1024)} MB`
}

/** Working minutes shown as hours: 90 → "1,5". */
export function formatHours(minutes: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 2 }).format(minutes / 60)
}

/** Download address of a dossier attachment. */
export const fileUrl = (id: string) => `/api/v1/files/${encodeURIComponent(id)}`

/** A dossier code in large, monospaced type (easy to read out over the phone or copy). */
export function DossierCode({ code, size = 28 }: { code: string; size?: number }) {
  return (
    <span
      className="cs-mono"
      data-testid="dossier-code"
      style={{ fontSize: size, fontWeight: 700, letterSpacing: 0.5, wordBreak: 'break-all' }}
    >
      {code}
    </span>
  )
}

interface NativeSelectProps {
  id?: string
  value?: string
  onChange?: (value: string) => void
  options: readonly { value: string; label: string }[]
  /** The empty first option ("Chọn"); also what an optional field is cleared with. */
  placeholder: string
  style?: CSSProperties
  'aria-describedby'?: string
  'aria-required'?: boolean | 'true' | 'false'
  'aria-invalid'?: boolean | 'true' | 'false'
}

/**
 * A native `<select>` usable as an antd Form.Item control. On the public pages it replaces antd's
 * Select, which puts aria-required/aria-describedby on a role-less div (an axe violation) and is
 * harder to use with a screen reader or on a phone.
 */
export function NativeSelect({ id, value, onChange, options, placeholder, style, ...aria }: NativeSelectProps) {
  return (
    <select id={id} className="cs-select" value={value ?? ''} onChange={(e) => onChange?.(e.target.value)} style={style} {...aria}>
      <option value="">{placeholder}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  )
}
