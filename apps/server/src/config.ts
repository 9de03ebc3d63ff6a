import { resolve } from 'node:path'
import { DEFAULT_DOSSIER_CODE_PATTERN } from '@congso/domain'

export type ProcessRole = 'web' | 'worker' | 'cron'

export interface Config {
  port: number
  host: string
  dataDir: string
  databaseUrl: string | null
  roles: ProcessRole[]
  logLevel: string
  publicUrl: string
  secureCookies: boolean
  seedDemo: boolean
  bodyLimitBytes: number
  storage: { kind: 'disk' } | { kind: 's3'; bucket: string; region: string; endpoint: string | undefined; forcePathStyle: boolean }
  oidc: { issuer: string; clientId: string; clientSecret: string; label: string; citizenIdClaim: string } | null
  provinceName: string
  /** Dossier code pattern (Circular 01/2018 art. 19 by default); see `formatDossierCode`. */
  dossierCodePattern: string
  /** First retry delay of a failed job; later ones double (see jobs/queue.ts). */
  jobRetryDelaySeconds: number
  /** Outgoing e-mail: through SMTP when `smtpUrl` is set, else captured to the outbox (admin › outbox). */
  mail: { smtpUrl: string | null; from: string }
  /** SMS provider; `log` logs and captures to the outbox. A gateway plugs in through `SmsProvider`. */
  sms: { provider: SmsProviderKind }
  signing: {
    /** Agency seals: `<agency code>.p12`, its passphrase in SEAL_PASSPHRASE_<CODE> or `<code>.p12.pass`, its image `<code>.seal.png`. */
    sealDir: string
    /** RFC 3161 time-stamp authority; signatures are PAdES B-T when set, B-B otherwise. */
    tsaUrl: string | null
    /** CRL/OCSP checks when validating; `false` reports revocation as not checked. */
    revocation: boolean
  }
}

export type SmsProviderKind = 'log'
const SMS_PROVIDERS: readonly SmsProviderKind[] = ['log']

/** Never echoes the value: an SMTP URL usually carries a password. */
function parseSmtpUrl(raw: string | undefined): string | null {
  if (!raw) return null
  let protocol: string
  try {
    protocol = new URL(raw).protocol
  } catch {
    throw new Error('SMTP_URL: not a valid URL (expected smtp://user:password@host:587 or smtps://user:password@host:465)')
  }
  if (protocol !== 'smtp:' && protocol !== 'smtps:') {
    throw new Error(`SMTP_URL: unsupported scheme "${protocol}" (expected smtp:// or smtps://)`)
  }
  return raw
}

function parseHttpUrl(name: string, raw: string | undefined): string | null {
  if (!raw) return null
  let protocol: string
  try {
    protocol = new URL(raw).protocol
  } catch {
    throw new Error(`${name}: not a valid URL`)
  }
  if (protocol !== 'http:' && protocol !== 'https:') throw new Error(`${name}: expected an http:// or https:// URL`)
  return raw
}

function parseSmsProvider(raw: string | undefined): SmsProviderKind {
  if (!raw) return 'log'
  if (!SMS_PROVIDERS.includes(raw as SmsProviderKind)) {
    throw new Error(`SMS_PROVIDER: unknown provider "${raw}" (available: ${SMS_PROVIDERS.join(', ')})`)
  }
  return raw as SmsProviderKind
}

const ROLES: readonly ProcessRole[] = ['web', 'worker', 'cron']

function parseRoles(raw: string | undefined): ProcessRole[] {
  if (!raw) return [...ROLES]
  const roles = raw.split(',').map((r) => r.trim())
  for (const r of roles) {
    if (!ROLES.includes(r as ProcessRole)) throw new Error(`ROLES: unknown role "${r}" (expected web, worker, cron)`)
  }
  return roles as ProcessRole[]
}

/** The pattern must keep codes unique: the agency, the full date and the sequence are required. */
function parseCodePattern(raw: string | undefined): string {
  if (!raw) return DEFAULT_DOSSIER_CODE_PATTERN
  const ok = raw.includes('{agency}') && /\{seq:\d\}/.test(raw) && raw.includes('{mm}') && raw.includes('{dd}') && /\{yy(yy)?\}/.test(raw)
  if (!ok) throw new Error(`DOSSIER_CODE_PATTERN: "${raw}" must contain {agency}, {yy} or {yyyy}, {mm}, {dd} and {seq:N}`)
  return raw
}

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name}: expected a whole number ≥ 1, got "${raw}"`)
  return n
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT: invalid value "${env.PORT}"`)
  const publicUrl = env.PUBLIC_URL ?? `http://localhost:${port}`
  const oidcIssuer = env.OIDC_ISSUER
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || null,
    roles: parseRoles(env.ROLES),
    logLevel: env.LOG_LEVEL ?? 'info',
    publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    seedDemo: env.SEED_DEMO !== 'false',
    bodyLimitBytes: Number(env.BODY_LIMIT_BYTES ?? 1_048_576),
    storage: env.S3_BUCKET
      ? {
          kind: 's3',
          bucket: env.S3_BUCKET,
          region: env.S3_REGION ?? 'us-east-1',
          endpoint: env.S3_ENDPOINT,
          forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
        }
      : { kind: 'disk' },
    oidc: oidcIssuer
      ? {
          issuer: oidcIssuer,
          clientId: env.OIDC_CLIENT_ID ?? '',
          clientSecret: env.OIDC_CLIENT_SECRET ?? '',
          label: env.OIDC_LABEL ?? 'VNeID',
          citizenIdClaim: env.OIDC_CITIZEN_ID_CLAIM ?? 'citizen_id',
        }
      : null,
    provinceName: env.PROVINCE_NAME ?? 'Tỉnh Demo',
    dossierCodePattern: parseCodePattern(env.DOSSIER_CODE_PATTERN),
    jobRetryDelaySeconds: positiveInt('JOB_RETRY_DELAY_SECONDS', env.JOB_RETRY_DELAY_SECONDS, 30),
    mail: { smtpUrl: parseSmtpUrl(env.SMTP_URL), from: env.MAIL_FROM || 'Congso <no-reply@congso.local>' },
    sms: { provider: parseSmsProvider(env.SMS_PROVIDER) },
    signing: {
      sealDir: resolve(env.SEAL_DIR ?? resolve(env.DATA_DIR ?? './data', 'seals')),
      tsaUrl: parseHttpUrl('TSA_URL', env.TSA_URL),
      revocation: env.SIGNATURE_REVOCATION !== 'off',
    },
  }
}
