import { resolve } from 'node:path'

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
  }
}
