import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { authenticator } from 'otplib'

/** Repository root (this file is e2e/support/server.ts). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const WEB_INDEX = join(ROOT, 'apps/web/dist/index.html')

/** Shape of `<DATA_DIR>/demo-credentials.json`, written by the server's demo seed on first start. */
export interface DemoOfficer {
  username: string
  password: string
  roles: string[]
  agency: string
  totpSecret: string | null
}
export interface DemoCredentials {
  officers: DemoOfficer[]
  citizen: { login: string; password: string }
}

export interface TestServer {
  /** `http://localhost:<port>` — also the server's PUBLIC_URL, so the Origin check accepts the browser. */
  baseUrl: string
  dataDir: string
  credentials: DemoCredentials
  officer(username: string): DemoOfficer
  /**
   * A fresh TOTP code for an officer. The server accepts each 30-s step once per account, so if
   * this account already used the current step, waits for the next one.
   */
  totp(username: string): Promise<string>
  /** Server stdout/stderr so far (for diagnostics). */
  output(): string
  /**
   * Stops the server and starts it again on the same data and port with its clock moved by
   * `clockOffset` (libfaketime's syntax, e.g. '+3d'; Debian package faketime): how a test lets
   * deadlines pass without touching the data. Sessions may have expired: sign in again.
   */
  restart(opts?: { clockOffset?: string }): Promise<void>
  stop(): Promise<void>
}

const FAKETIME_LIB = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1'

const STEP_MS = 30_000
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      srv.close(() => resolve(port))
    })
  })
}

const WEB_INPUTS = ['apps/web/src', 'apps/web/index.html', 'apps/web/vite.config.ts', 'packages/contracts/src', 'packages/domain/src']

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const st = statSync(path)
  if (!st.isDirectory()) return st.mtimeMs
  let newest = st.mtimeMs
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules') continue
    newest = Math.max(newest, newestMtime(join(path, entry)))
  }
  return newest
}

/**
 * Builds the web app (the server serves `apps/web/dist`) when there is no build yet, when a source
 * file is newer than the build, or when E2E_REBUILD=1.
 */
export function ensureWebBuilt(): void {
  const built = existsSync(WEB_INDEX) ? statSync(WEB_INDEX).mtimeMs : 0
  const stale = built === 0 || WEB_INPUTS.some((p) => newestMtime(join(ROOT, p)) > built)
  if (!stale && process.env.E2E_REBUILD !== '1') return
  const res = spawnSync('npm', ['run', 'build', '--workspace', '@congso/web'], { cwd: ROOT, encoding: 'utf8', env: process.env })
  if (res.status !== 0 || !existsSync(WEB_INDEX)) {
    throw new Error(`web build failed (exit ${res.status}):\n${res.stdout}\n${res.stderr}`)
  }
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode} before /healthz answered:\n${output()}`)
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) })
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await sleep(250)
  }
  throw new Error(`server did not answer ${baseUrl}/healthz within ${timeoutMs} ms:\n${output()}`)
}

async function waitForFile(path: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (existsSync(path)) {
      const text = readFileSync(path, 'utf8')
      if (text.trim().endsWith('}')) return text
    }
    await sleep(100)
  }
  throw new Error(`${path} was not written within ${timeoutMs} ms`)
}

/**
 * Starts the real server (`node --import tsx apps/server/src/main.ts`) on a free port with a fresh
 * DATA_DIR, waits for /healthz and reads the demo credentials the first-start seed writes.
 */
export async function startServer(opts: { startTimeoutMs?: number } = {}): Promise<TestServer> {
  ensureWebBuilt()
  const port = await freePort()
  const baseUrl = `http://localhost:${port}`
  const dataDir = mkdtempSync(join(tmpdir(), 'congso-e2e-'))
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: baseUrl,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  }
  delete env.DATABASE_URL
  if (process.env.TEST_DATABASE_URL) env.DATABASE_URL = process.env.TEST_DATABASE_URL
  delete env.SEED_DEMO
  delete env.ROLES

  let log = ''
  const append = (chunk: Buffer) => {
    log += chunk.toString('utf8')
    if (log.length > 200_000) log = log.slice(-100_000)
  }
  const output = () => log
  const launch = (extra: NodeJS.ProcessEnv = {}) => {
    const c = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
      cwd: ROOT,
      env: { ...env, ...extra },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    c.stdout?.on('data', append)
    c.stderr?.on('data', append)
    return { child: c, exited: new Promise<void>((resolve) => c.once('exit', () => resolve())) }
  }
  let current = launch()
  const halt = async () => {
    const { child, exited } = current
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
      await exited
      clearTimeout(timer)
    }
  }
  const stop = async () => {
    await halt()
    rmSync(dataDir, { recursive: true, force: true })
  }
  const restart = async (o: { clockOffset?: string } = {}) => {
    await halt()
    if (o.clockOffset && !existsSync(FAKETIME_LIB)) throw new Error(`moving the clock needs ${FAKETIME_LIB} (apt-get install faketime)`)
    current = launch(o.clockOffset ? { LD_PRELOAD: FAKETIME_LIB, FAKETIME: o.clockOffset, FAKETIME_DONT_RESET: '1' } : {})
    await waitForHealth(baseUrl, current.child, output, opts.startTimeoutMs ?? 150_000)
  }

  try {
    await waitForHealth(baseUrl, current.child, output, opts.startTimeoutMs ?? 150_000)
    // The seed runs before the server listens, so the file is normally there already.
    const credentials = JSON.parse(await waitForFile(join(dataDir, 'demo-credentials.json'), 10_000)) as DemoCredentials
    const lastStep = new Map<string, number>()

    const officer = (username: string) => {
      const o = credentials.officers.find((x) => x.username === username)
      if (!o) throw new Error(`no demo officer "${username}" in demo-credentials.json`)
      return o
    }
    const totp = async (username: string) => {
      const o = officer(username)
      if (!o.totpSecret) throw new Error(`demo officer "${username}" has no TOTP secret`)
      let step = Math.floor(Date.now() / STEP_MS)
      const used = lastStep.get(username)
      if (used !== undefined && step <= used) {
        await sleep((used + 1) * STEP_MS - Date.now() + 250)
        step = Math.floor(Date.now() / STEP_MS)
      }
      // Avoid generating a code in the last moment of a step (it would still be accepted thanks to
      // the server's ±1 window, but keep the bookkeeping simple).
      if (STEP_MS - (Date.now() % STEP_MS) < 1_000) {
        await sleep(1_200)
        step = Math.floor(Date.now() / STEP_MS)
      }
      lastStep.set(username, step)
      return authenticator.generate(o.totpSecret)
    }
    return { baseUrl, dataDir, credentials, officer, totp, output, restart, stop }
  } catch (e) {
    await stop()
    throw e
  }
}
