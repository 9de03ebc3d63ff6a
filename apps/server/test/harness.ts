import { randomBytes, randomInt } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import pg from 'pg'
import pino from 'pino'
import { authenticator } from 'otplib'
import { inject } from 'vitest'
import type { AgencyKind, Me, Role } from '@congso/contracts'
import { buildApp } from '../src/app.ts'
import { hashPassword } from '../src/auth/passwords.ts'
import { SESSION_COOKIE } from '../src/auth/sessions.ts'
import { createContext } from '../src/bootstrap.ts'
import { loadConfig, type Config } from '../src/config.ts'
import type { AppContext } from '../src/context.ts'
import { openDatabase, type Database } from '../src/db/database.ts'
import { migrate } from '../src/db/migrate.ts'
import { currentTotp, newTotpSecret } from '../src/modules/identity/totp.ts'
import { TEST_DATABASE_PREFIX, withDatabaseName } from './postgres-url.ts'

export { currentTotp, newTotpSecret }

// ---------------------------------------------------------------------------------------------
// Databases
// ---------------------------------------------------------------------------------------------

export interface TestDatabase {
  database: Database
  /** The connection string on PostgreSQL; null for the embedded database. */
  url: string | null
  /** Closes the connection and, on PostgreSQL, drops the database. */
  dispose(): Promise<void>
}

/**
 * A fresh, migrated database for one test file: a PostgreSQL database cloned from the template the
 * global setup migrated (when TEST_DATABASE_URL is set), else an in-memory PGlite.
 */
export async function testDatabase(): Promise<TestDatabase> {
  const server = inject('testPostgres')
  if (!server) {
    const database = await openDatabase({ databaseUrl: null, dataDir: null })
    await migrate(database)
    return { database, url: null, dispose: () => database.close() }
  }
  const name = `${TEST_DATABASE_PREFIX}${randomBytes(6).toString('hex')}`
  const ident = pg.escapeIdentifier(name)
  await adminQuery(server.adminUrl, async (c) => {
    // CREATE DATABASE … TEMPLATE fails while another session copies the same template: retry briefly
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(`create database ${ident} template ${pg.escapeIdentifier(server.template)}`)
        return
      } catch (e) {
        if (attempt >= 20 || !/being accessed by other users/.test((e as Error).message)) throw e
        await new Promise((r) => setTimeout(r, 100 + randomInt(200)))
      }
    }
  })
  const url = withDatabaseName(server.adminUrl, name)
  const database = await openDatabase({ databaseUrl: url, dataDir: null })
  return {
    database,
    url,
    dispose: async () => {
      await database.close()
      await adminQuery(server.adminUrl, (c) => c.query(`drop database if exists ${ident} with (force)`))
    },
  }
}

async function adminQuery<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

// ---------------------------------------------------------------------------------------------
// The application
// ---------------------------------------------------------------------------------------------

export interface TestApp {
  app: FastifyInstance
  ctx: AppContext
  config: Config
  /** Set when the database is a PostgreSQL database (the URL), null on the embedded one. */
  databaseUrl: string | null
  close(): Promise<void>
}

export interface TestAppOptions {
  /** Extra environment for `loadConfig` (e.g. OIDC_ISSUER, PUBLIC_URL). */
  env?: Record<string, string>
  /**
   * Another web process on the same database: on PostgreSQL a second connection pool, on the
   * embedded database the same handle (PGlite has one connection). Its close leaves the database open.
   */
  shareDatabaseWith?: TestApp
}

const testLog = () => pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' })

/**
 * The server as one process runs it (`ROLES=web,worker,cron`), on its own database, files in a
 * temporary DATA_DIR, the web bundle not served. Requests go through `app.inject` (or a real port
 * after `app.listen`).
 */
export async function startTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'congso-test-'))
  const config = loadConfig({
    DATA_DIR: dataDir,
    ROLES: 'web,worker,cron',
    SEED_DEMO: 'false',
    LOG_LEVEL: 'silent',
    PUBLIC_URL: 'http://localhost',
    ...opts.env,
  })
  let owned: TestDatabase | null = null
  let database: Database
  let databaseUrl: string | null
  const other = opts.shareDatabaseWith
  if (other?.databaseUrl) {
    database = await openDatabase({ databaseUrl: other.databaseUrl, dataDir: null })
    databaseUrl = other.databaseUrl
  } else if (other) {
    database = { ...other.ctx.database, close: async () => {} }
    databaseUrl = null
  } else {
    owned = await testDatabase()
    database = owned.database
    databaseUrl = owned.url
  }
  const ctx = await createContext(config, { database, log: testLog() })
  const app = await buildApp(ctx, { serveWeb: false })
  await app.ready()
  let closed = false
  return {
    app,
    ctx,
    config,
    databaseUrl,
    async close() {
      if (closed) return
      closed = true
      await app.close()
      await ctx.queue.stop()
      await ctx.reference.stop()
      if (owned) await owned.dispose()
      else await database.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

// ---------------------------------------------------------------------------------------------
// Factories: data inserted directly, each test builds its own tenant
// ---------------------------------------------------------------------------------------------

const digits = (n: number) => Array.from({ length: n }, () => randomInt(1, 10)).join('')

/** A random, well-formed agency identification code (QCVN 102:2016), every level used. */
export function randomAgencyCode(): string {
  return `${digits(3)}.${digits(2)}.${digits(2)}.H${digits(2)}`
}

export interface TestAgency {
  id: string
  code: string | null
  name: string
  kind: AgencyKind
  ancestorIds: string[]
}

export async function createAgency(
  ctx: AppContext,
  opts: { kind?: AgencyKind; parentId?: string | null; code?: string | null; name?: string } = {},
): Promise<TestAgency> {
  const db = ctx.database.db
  const kind = opts.kind ?? (opts.parentId ? 'department' : 'province')
  const parent = opts.parentId
    ? await db.selectFrom('agencies').select(['id', 'ancestor_ids']).where('id', '=', opts.parentId).executeTakeFirstOrThrow()
    : null
  const code = opts.code !== undefined ? opts.code : kind === 'unit' ? null : randomAgencyCode()
  const name = opts.name ?? `Cơ quan thử ${randomBytes(3).toString('hex')}`
  const ancestorIds = parent ? [...parent.ancestor_ids, parent.id] : []
  const row = await db
    .insertInto('agencies')
    .values({
      code,
      name,
      short_name: null,
      kind,
      parent_id: parent?.id ?? null,
      ancestor_ids: ancestorIds,
      address: null,
      phone: null,
      email: null,
      valid_from: null,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { id: row.id, code, name, kind, ancestorIds }
}

export interface TestOfficer {
  id: string
  username: string
  password: string
  totpSecret: string | null
  roles: Role[]
  agencyId: string
}

export async function createOfficer(
  ctx: AppContext,
  opts: {
    roles: Role[]
    agencyId: string
    unitId?: string | null
    totp?: boolean
    mustChangePassword?: boolean
    username?: string
    password?: string
  },
): Promise<TestOfficer> {
  const username = opts.username ?? `officer.${randomBytes(4).toString('hex')}`
  const password = opts.password ?? `Pw${randomBytes(6).toString('hex')}9`
  const totpSecret = opts.totp ? newTotpSecret() : null
  const row = await ctx.database.db
    .insertInto('users')
    .values({
      kind: 'officer',
      username,
      full_name: `Cán bộ ${username}`,
      email: `${username}@test.congso.vn`,
      phone: null,
      citizen_id: null,
      organization_name: null,
      tax_code: null,
      agency_id: opts.agencyId,
      unit_id: opts.unitId ?? null,
      roles: opts.roles,
      password_hash: await hashPassword(password),
      totp_secret: totpSecret,
      totp_enabled: totpSecret !== null,
      must_change_password: opts.mustChangePassword ?? false,
      locked_until: null,
      oidc_issuer: null,
      oidc_subject: null,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { id: row.id, username, password, totpSecret, roles: opts.roles, agencyId: opts.agencyId }
}

/** A structurally valid 12-digit citizen ID (province 001, born 1990), unique enough per call. */
export function randomCitizenId(): string {
  return `001090${digits(6)}`
}

/** A mobile number in national form, 09 + 8 digits. */
export function randomPhone(): string {
  return `09${digits(8)}`
}

// ---------------------------------------------------------------------------------------------
// Sessions and requests
// ---------------------------------------------------------------------------------------------

export interface Session {
  /** `congso_sid=<token>`, ready for a Cookie header. */
  cookie: string
  csrf: string
  me: Me
}

/** A distinct client address per sign-in, so the per-address rate limits never trip in tests. */
export function randomIp(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`
}

export function sessionCookie(res: LightMyRequestResponse): string | null {
  const c = res.cookies.find((k) => k.name === SESSION_COOKIE)
  return c && c.value ? `${SESSION_COOKIE}=${c.value}` : null
}

/** A TOTP code for the step after the current one: a second sign-in within 30 s is not a replay. */
function nextStepTotp(secret: string): string {
  const next = authenticator.clone({ epoch: Date.now() + 30_000 })
  return next.generate(secret)
}

/**
 * Signs an officer in through the API, passing the TOTP step when the account has one. Throws
 * with the response when the server refuses. The returned session may still be at a stage other
 * than `ok` (`totp_setup`, `password_change`): tests assert on `me.stage`.
 */
export async function signIn(app: FastifyInstance, username: string, password: string, totpSecret?: string | null): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/officer/login',
    payload: { username, password },
    remoteAddress: randomIp(),
  })
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`)
  const cookie = sessionCookie(res)
  if (!cookie) throw new Error('sign-in set no session cookie')
  let me = res.json<Me>()
  if (me.stage === 'totp_required') {
    if (!totpSecret) throw new Error(`${username} needs a TOTP code`)
    for (const code of [currentTotp(totpSecret), nextStepTotp(totpSecret)]) {
      const v = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/totp/verify',
        headers: { cookie, 'x-csrf-token': me.csrfToken },
        payload: { code },
        remoteAddress: randomIp(),
      })
      if (v.statusCode === 200) {
        me = v.json<Me>()
        break
      }
      if (v.statusCode !== 401) throw new Error(`TOTP step of ${username} failed: ${v.statusCode} ${v.body}`)
    }
    if (me.stage === 'totp_required') throw new Error(`TOTP step of ${username} refused twice`)
  }
  return { cookie, csrf: me.csrfToken, me }
}

export async function signInCitizen(app: FastifyInstance, login: string, password: string): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/citizen/login',
    payload: { login, password },
    remoteAddress: randomIp(),
  })
  if (res.statusCode !== 200) throw new Error(`citizen sign-in failed: ${res.statusCode} ${res.body}`)
  const me = res.json<Me>()
  return { cookie: sessionCookie(res)!, csrf: me.csrfToken, me }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface Client {
  request(method: Method, url: string, body?: unknown, extra?: Partial<InjectOptions>): Promise<LightMyRequestResponse>
  get(url: string, extra?: Partial<InjectOptions>): Promise<LightMyRequestResponse>
  post(url: string, body?: unknown, extra?: Partial<InjectOptions>): Promise<LightMyRequestResponse>
  put(url: string, body?: unknown, extra?: Partial<InjectOptions>): Promise<LightMyRequestResponse>
  patch(url: string, body?: unknown, extra?: Partial<InjectOptions>): Promise<LightMyRequestResponse>
  delete(url: string, extra?: Partial<InjectOptions>): Promise<LightMyRequestResponse>
}

/**
 * Requests as a browser with this session sends them: the session cookie and the CSRF token
 * header. Paths are relative to `/api/v1` unless they start with `/api/` or another root path.
 */
export function client(app: FastifyInstance, session?: Session | null): Client {
  const request = async (method: Method, url: string, body?: unknown, extra: Partial<InjectOptions> = {}) => {
    const path = url.startsWith('/api/') || url.startsWith('/healthz') || url.startsWith('/readyz') ? url : `/api/v1${url}`
    const headers: Record<string, string> = {}
    if (session) {
      headers.cookie = session.cookie
      headers['x-csrf-token'] = session.csrf
    }
    return app.inject({
      method,
      url: path,
      ...(body !== undefined ? { payload: body as InjectOptions['payload'] } : {}),
      ...extra,
      headers: { ...headers, ...(extra.headers ?? {}) },
    })
  }
  return {
    request,
    get: (url, extra) => request('GET', url, undefined, extra),
    post: (url, body, extra) => request('POST', url, body ?? {}, extra),
    put: (url, body, extra) => request('PUT', url, body, extra),
    patch: (url, body, extra) => request('PATCH', url, body, extra),
    delete: (url, extra) => request('DELETE', url, undefined, extra),
  }
}

/** The error envelope of a failed response. */
export function errorOf(res: LightMyRequestResponse): { code: string; message: string; fields?: { path: string; message: string }[] } {
  return res.json<{ error: { code: string; message: string; fields?: { path: string; message: string }[] } }>().error
}

/** Audit rows of an action (optionally for one subject), oldest first. */
export async function auditRows(ctx: AppContext, action: string, subjectId?: string) {
  let q = ctx.database.db.selectFrom('audit_log').selectAll().where('action', '=', action)
  if (subjectId) q = q.where('subject_id', '=', subjectId)
  return q.orderBy('at').execute()
}
