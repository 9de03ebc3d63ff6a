import type { z } from 'zod'
import type { CertificateInfo, RevocationStatus, SignatureReport, TrustStatus } from '@congso/contracts'
import { DATE_FORMAT } from '../../lib/format.ts'
import { vi } from '../../i18n/vi.ts'
import type { MessageKey, TFunction } from '../../i18n/index.tsx'
import type { TagColor } from '../Tags.tsx'

export type CertificateInfoT = z.infer<typeof CertificateInfo>
export type TrustStatusT = z.infer<typeof TrustStatus>
export type RevocationStatusT = z.infer<typeof RevocationStatus>

/** Vietnam has kept UTC+7 all year since 1975: signature times are shown in it whatever the browser's zone. */
const VN_OFFSET_MS = 7 * 60 * 60 * 1000
const pad = (n: number) => String(n).padStart(2, '0')

function vnParts(iso: string): Date | null {
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? null : new Date(ms + VN_OFFSET_MS)
}

/** `2025-03-14T01:02:03Z` → `14/03/2025 08:02:03` (Vietnam time). */
export function formatVnDateTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = vnParts(iso)
  if (!d) return iso
  return `${formatVnDate(iso)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
}

/** `2025-03-13T20:00:00Z` → `14/03/2025` (the date in Vietnam, the lib/format.ts `DD/MM/YYYY` layout). */
export function formatVnDate(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = vnParts(iso)
  if (!d) return iso
  return DATE_FORMAT.replace('DD', pad(d.getUTCDate()))
    .replace('MM', pad(d.getUTCMonth() + 1))
    .replace('YYYY', String(d.getUTCFullYear()))
}

/** The first and last hex digits of a fingerprint, for narrow columns (`3f9a12c4…e07b`). */
export const shortHash = (hex: string) => (hex.length > 20 ? `${hex.slice(0, 12)}…${hex.slice(-4)}` : hex)

const isMessageKey = (k: string): k is MessageKey => Object.hasOwn(vi, k)

/**
 * A validator code in a sentence of the UI language, or null when unknown. Codes may carry an argument
 * after the first colon (`page-content-changed:1`, `annotation-added:FreeText`), passed as `{arg}`; the
 * time-stamp's own checks come prefixed (`timestamp-chain-not-trusted`) and read "Dấu thời gian: …".
 */
export function describeCode(t: TFunction, code: string): string | null {
  const colon = code.indexOf(':')
  const base = colon < 0 ? code : code.slice(0, colon)
  const arg = colon < 0 ? '' : code.slice(colon + 1)
  const key = `sig.code.${base}`
  if (isMessageKey(key))
    return t(key, { arg })
      .replace(/\s*\(\)/g, '')
      .replace(/\s+\./g, '.')
      .trim()
  if (base.startsWith('timestamp-')) {
    const inner = describeCode(t, code.slice('timestamp-'.length))
    if (inner) return t('sig.timestamp.codeOf', { text: inner.charAt(0).toLocaleLowerCase() + inner.slice(1) })
  }
  return null
}

export const trustColor: Record<TrustStatusT, TagColor> = {
  trusted: 'green',
  untrusted: 'orange',
  expired: 'red',
  'not-yet-valid': 'red',
  'invalid-key-usage': 'red',
  revoked: 'red',
  unknown: 'grey',
}

export const revocationColor: Record<RevocationStatusT, TagColor> = {
  good: 'green',
  revoked: 'red',
  unknown: 'orange',
  'not-checked': 'grey',
}

/** Why an intact, unmodified document is still 'indeterminate': one reason per kind, in a stable order. */
export function indeterminateReasons(signatures: readonly SignatureReport[]): MessageKey[] {
  const found = new Set<MessageKey>()
  for (const s of signatures) {
    switch (s.trust) {
      case 'trusted':
        break
      case 'untrusted':
        found.add('sig.why.untrusted')
        break
      case 'expired':
      case 'not-yet-valid':
        found.add('sig.why.expired')
        break
      case 'invalid-key-usage':
        found.add('sig.why.keyUsage')
        break
      case 'revoked':
        found.add('sig.why.revoked')
        break
      case 'unknown':
        found.add('sig.why.unknownTrust')
        break
    }
    if (s.revocation === 'unknown') found.add('sig.why.revocationUnknown')
    if (s.revocation === 'revoked') found.add('sig.why.revoked')
    if (s.trust === 'trusted' && s.revocation !== 'unknown' && s.errors.length > 0) found.add('sig.why.other')
  }
  const order: MessageKey[] = [
    'sig.why.untrusted',
    'sig.why.expired',
    'sig.why.keyUsage',
    'sig.why.revoked',
    'sig.why.unknownTrust',
    'sig.why.revocationUnknown',
    'sig.why.other',
  ]
  return order.filter((k) => found.has(k))
}
