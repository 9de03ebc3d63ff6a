import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../src/db/database.ts'

/**
 * The embedded database as operators run it: real `node apps/server/src/main.ts` processes on a
 * DATA_DIR, killed and restarted. What the server acknowledged must survive a SIGKILL; a second
 * server on the same directory must refuse to start; SIGTERM must finish in-flight requests.
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const TIMEOUT = 240_000

interface ServerProcess {
  proc: ChildProcess
  port: number
  url: string
  output: () => string
  stderr: () => string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

const running = new Set<ChildProcess>()
const dirs: string[] = []

afterEach(() => {
  // a failed test must not leave servers behind
  for (const p of running) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL')
  running.clear()
})
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

function tempDataDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'congso-durability-'))
  dirs.push(d)
  return d
}

async function freePort(): Promise<number> {
  const s = createServer()
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  const { port } = s.address() as AddressInfo
  await new Promise<void>((r) => s.close(() => r()))
  return port
}

/** `via: 'npm-start'` runs the README's command (preflight, web build, server) instead of the server alone. */
async function spawnServer(dataDir: string, port?: number, via: 'server' | 'npm-start' = 'server'): Promise<ServerProcess> {
  const p = port ?? (await freePort())
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(p),
    HOST: '127.0.0.1',
    SEED_DEMO: 'false',
    TRUST_PROXY: 'true',
    LOG_LEVEL: 'info',
  }
  // always the embedded database, whatever the test run is configured with
  delete env.DATABASE_URL
  delete env.TEST_DATABASE_URL
  delete env.S3_BUCKET
  delete env.OIDC_ISSUER
  const [command, args] = via === 'npm-start' ? ['npm', ['start']] : [process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts']]
  const proc = spawn(command, args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(proc)
  let out = ''
  let err = ''
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()))
  proc.stderr?.on('data', (d: Buffer) => (err += d.toString()))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => {
      running.delete(proc)
      resolve({ code, signal })
    }),
  )
  return { proc, port: p, url: `http://127.0.0.1:${p}`, output: () => out + err, stderr: () => err, exited }
}

async function waitReady(s: ServerProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let gone = false
  void s.exited.then(() => (gone = true))
  while (Date.now() < deadline) {
    if (gone) throw new Error(`server exited before it was ready:\n${s.output()}`)
    try {
      const res = await fetch(`${s.url}/readyz`)
      if (res.status === 200) return
      await res.body?.cancel()
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`server not ready after ${timeoutMs} ms:\n${s.output()}`)
}

let ipCounter = 0
/** A distinct client address per request (the server trusts X-Forwarded-For here): no rate limit trips. */
const nextIp = () => {
  ipCounter++
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`
}

let seq = Math.floor(Math.random() * 400_000)
function registration() {
  seq++
  const n = String(seq).padStart(6, '0')
  return {
    fullName: `Công dân thử ${n}`,
    citizenId: `001090${n}`, // province 001, 20th-century male, born 1990
    phone: `09${String(seq).padStart(8, '0')}`,
    email: `cd${n}@durability.test`,
    password: 'MatKhau12345',
  }
}

async function register(s: ServerProcess, body: ReturnType<typeof registration>): Promise<number> {
  const res = await fetch(`${s.url}/api/v1/auth/citizen/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': nextIp() },
    body: JSON.stringify(body),
  })
  await res.body?.cancel()
  return res.status
}

async function citizenLogin(s: ServerProcess, login: string, password: string): Promise<number> {
  const res = await fetch(`${s.url}/api/v1/auth/citizen/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': nextIp() },
    body: JSON.stringify({ login, password }),
  })
  await res.body?.cancel()
  return res.status
}

/** Opens the (stopped) server's database directly and returns the registered citizens and their audit rows. */
async function inspect(dataDir: string) {
  const database = await openDatabase({ databaseUrl: null, dataDir })
  try {
    const users = await database.db.selectFrom('users').select(['id', 'citizen_id']).where('kind', '=', 'citizen').execute()
    const audits = await database.db
      .selectFrom('audit_log')
      .select('subject_id')
      .where('action', '=', 'identity.citizen.register')
      .execute()
    return {
      citizenIds: new Set(users.map((u) => u.citizen_id)),
      userIds: new Set(users.map((u) => u.id)),
      auditSubjects: new Set(audits.map((a) => a.subject_id)),
    }
  } finally {
    await database.close()
  }
}

async function stop(s: ServerProcess) {
  s.proc.kill('SIGTERM')
  return s.exited
}

describe('embedded database durability', () => {
  it(
    'keeps every acknowledged registration through a SIGKILL',
    async () => {
      const dataDir = tempDataDir()
      const first = await spawnServer(dataDir)
      await waitReady(first)

      const acknowledged: string[] = []
      let attempted = 0
      let failed = 0
      let killed = false
      const KILL_AFTER = 40
      const worker = async () => {
        while (!killed) {
          const body = registration()
          attempted++
          try {
            const status = await register(first, body)
            if (status === 201) acknowledged.push(body.citizenId)
            else failed++
          } catch {
            failed++ // the connection died with the process: not acknowledged
          }
          if (acknowledged.length >= KILL_AFTER && !killed) {
            killed = true
            first.proc.kill('SIGKILL') // other workers still have requests in flight
          }
        }
      }
      await Promise.all(Array.from({ length: 8 }, worker))
      const exit = await first.exited
      expect(exit.signal).toBe('SIGKILL')

      const second = await spawnServer(dataDir)
      await waitReady(second)
      // the restarted server serves the acknowledged accounts (a sample through the API)
      const sample = acknowledged.filter((_, i) => i % 4 === 0)
      const logins = await Promise.all(sample.map((id) => citizenLogin(second, id, 'MatKhau12345')))
      expect(
        logins.every((s) => s === 200),
        `logins: ${logins.join(',')}`,
      ).toBe(true)
      const stopped = await stop(second)
      expect(stopped.code, second.output()).toBe(0)

      // then every one of them, and each with its audit row, straight from the data directory
      const found = await inspect(dataDir)
      const missing = acknowledged.filter((id) => !found.citizenIds.has(id))
      const withoutAudit = [...found.userIds].filter((id) => !found.auditSubjects.has(id))
      console.log(
        `durability: ${attempted} registrations sent, ${acknowledged.length} acknowledged, ${failed} failed or cut by SIGKILL; ` +
          `${found.citizenIds.size} present after restart (${found.citizenIds.size - acknowledged.length} committed but unacknowledged), ${missing.length} missing`,
      )
      expect(missing).toEqual([])
      expect(withoutAudit).toEqual([])
      expect(found.citizenIds.size).toBeGreaterThanOrEqual(acknowledged.length)
    },
    TIMEOUT,
  )

  it(
    'refuses a second server on the same data directory',
    async () => {
      const dataDir = tempDataDir()
      const first = await spawnServer(dataDir)
      await waitReady(first)
      // both the README's `npm start` (refuses before rebuilding the web app) and the server itself
      for (const via of ['npm-start', 'server'] as const) {
        const second = await spawnServer(dataDir, undefined, via)
        const exit = await second.exited
        expect(exit.code, second.output()).toBe(2)
        expect(second.stderr()).toContain('đang được tiến trình')
        expect(second.stderr()).toContain(String(first.proc.pid))
      }
      // the first server is untouched: still serving, still holding the lock
      expect((await fetch(`${first.url}/healthz`)).status).toBe(200)
      expect(readFileSync(join(dataDir, 'congso.lock'), 'utf8').trim()).toBe(String(first.proc.pid))
      expect((await stop(first)).code).toBe(0)
    },
    TIMEOUT,
  )

  it(
    'finishes in-flight requests on SIGTERM, exits 0 and keeps the data',
    async () => {
      const dataDir = tempDataDir()
      const server = await spawnServer(dataDir)
      await waitReady(server)
      const bodies = Array.from({ length: 10 }, registration)
      let signalled = false
      let completedAfterSignal = 0
      const results = await Promise.all(
        bodies.map(async (b) => {
          let status: number
          try {
            status = await register(server, b)
          } catch {
            status = 0 // not connected before the listener closed: never acknowledged
          }
          if (signalled) {
            if (status === 201) completedAfterSignal++
          } else {
            // the first answer: the others are in flight (or about to be) — stop the server now
            signalled = true
            server.proc.kill('SIGTERM')
          }
          return status
        }),
      )
      const exit = await server.exited
      console.log(
        `graceful shutdown: ${results.length} requests, ${completedAfterSignal} completed after SIGTERM, ` +
          `statuses ${results.join(',')}, exit ${exit.code}`,
      )
      // in flight: completed (201); arrived after the close began: refused cleanly (503) or not connected
      expect(
        results.every((r) => r === 201 || r === 503 || r === 0),
        results.join(','),
      ).toBe(true)
      expect(completedAfterSignal).toBeGreaterThan(0)
      expect(exit.code, server.output()).toBe(0)
      expect(server.output()).toContain('shutdown complete')

      const found = await inspect(dataDir)
      expect(bodies.filter((b, i) => results[i] === 201 && !found.citizenIds.has(b.citizenId))).toEqual([])
      expect(bodies.filter((b, i) => results[i] !== 201 && found.citizenIds.has(b.citizenId))).toEqual([])
      // the lock was released: the next server starts
      const again = await spawnServer(dataDir)
      await waitReady(again)
      expect(await citizenLogin(again, bodies[results.indexOf(201)]!.email, 'MatKhau12345')).toBe(200)
      expect((await stop(again)).code).toBe(0)
    },
    TIMEOUT,
  )
})
