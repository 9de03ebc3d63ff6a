/**
 * Submission throughput over HTTP against PostgreSQL, next to pgbench running the equivalent SQL
 * transaction on the same server in the same run. Not a test: it reports, it does not assert.
 *
 *   scripts/with-postgres.sh npm run bench:submit          (or DATABASE_URL=… with BENCH_ADMIN_URL)
 *
 * Environment: TEST_DATABASE_URL (from scripts/with-postgres.sh) — a database `bench_<random>` is
 * created on that server; BENCH_CLIENTS (32), BENCH_SECONDS (20), BENCH_WARMUP_SECONDS (3).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20)
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 3)
const adminUrl = process.env.TEST_DATABASE_URL ?? process.env.BENCH_ADMIN_URL
if (!adminUrl) {
  console.error('bench/submit: run under scripts/with-postgres.sh (TEST_DATABASE_URL) or set BENCH_ADMIN_URL')
  process.exit(64)
}

const withDb = (url: string, name: string) => {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

async function admin(sqlText: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl })
  await c.connect()
  try {
    await c.query(sqlText)
  } finally {
    await c.end()
  }
}

interface Http {
  port: number
  agent: Agent
  cookie: string
  csrf: string
}

function call(h: Http, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string; ms: number }>((resolve, reject) => {
    const started = process.hrtime.bigint()
    const payload = body === undefined ? undefined : JSON.stringify(body)
    const req = request(
      {
        host: '127.0.0.1',
        port: h.port,
        method,
        path: `/api/v1${path}`,
        agent: h.agent,
        headers: {
          cookie: h.cookie,
          'x-csrf-token': h.csrf,
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: Number(process.hrtime.bigint() - started) / 1e6,
          }),
        )
      },
    )
    req.on('error', reject)
    if (payload) req.write(payload)
    req.end()
  })
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0

/** The SQL a submission commits, as one pgbench transaction: idempotency key, code counter, dossier with its event, audit row, key answer. */
function pgbenchScript(agencyId: string, versionId: string, userId: string): string {
  return `\\set n random(1, 1000000000)
begin;
insert into idempotency_keys (scope, key, request_hash, status_code, response) values ('bench', 'k' || :n || '-' || :client_id || '-' || txid_current(), 'h', 0, '{}') on conflict do nothing;
insert into dossier_code_counters (agency_id, day, last_seq) values ('${agencyId}', current_date + 36500, 1) on conflict (agency_id, day) do update set last_seq = dossier_code_counters.last_seq + 1;
with d as (insert into dossiers (code, procedure_code, procedure_version_id, receiving_agency_id, agency_id, channel, applicant, applicant_phone_digits, applicant_id_number, applicant_name_search, form_data, sets, return_channel, processing_time, status, version, submitted_at, created_by)
  values ('bench-' || :client_id || '-' || txid_current() || '-' || :n, '1.001193', '${versionId}', '${agencyId}', '${agencyId}', 'counter', '{"fullName":"Nguyễn Văn A","idNumber":"001090012345","phone":"0912345678","address":"Số 1"}', '0912345678', '001090012345', 'nguyen van a', '{"hoTenTre":"Nguyễn Văn B"}', 1, 'counter', '{"value":1,"unit":"working_day"}', 'submitted', 1, now(), '${userId}') returning id)
insert into dossier_events (dossier_id, seq, type, actor_id, actor_name, actor_role, to_status, data)
  select id, 1, 'submitted', '${userId}', 'x', 'receiving_officer', 'submitted', '{}' from d;
insert into audit_log (actor_id, actor_roles, action, subject_type, subject_id, ip, user_agent, request_id, details)
  values ('${userId}', '{receiving_officer}', 'dossier.submit', 'dossier', 'bench', '127.0.0.1', 'pgbench', 'r', '{"channel":"counter"}');
update idempotency_keys set status_code = 201, response = '{"code":"x"}' where scope = 'bench' and key = 'k' || :n || '-' || :client_id || '-' || txid_current();
end;
`
}

async function main(): Promise<void> {
  const dbName = `bench_${randomBytes(5).toString('hex')}`
  await admin(`create database ${dbName}`)
  const dataDir = mkdtempSync(join(tmpdir(), 'congso-bench-'))
  const databaseUrl = withDb(adminUrl as string, dbName)
  const port = await freePort()
  // The server runs as in production, in its own process: the load generator must not share its event loop.
  const profile = process.env.BENCH_CPU_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE_DIR}`] : []
  const server = spawn(process.execPath, [...profile, '--import', 'tsx', join(ROOT, 'apps/server/src/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'true',
      ROLES: process.env.BENCH_ROLES ?? 'web,worker,cron',
      DATABASE_POOL_MAX: String(CLIENTS),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  try {
    await waitReady(port, server)
    const creds = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as {
      officers: { username: string; password: string }[]
    }
    const officer = creds.officers.find((o) => o.username === 'motcua.xa')
    if (!officer) throw new Error('demo officer motcua.xa not found')
    const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS })
    const h: Http = { port, agent, cookie: await sessionCookieOf(port, officer.username, officer.password), csrf: '' }
    h.csrf = (JSON.parse((await call(h, 'GET', '/auth/me')).body) as { csrfToken: string }).csrfToken

    const body = () => ({
      procedureCode: '1.001193',
      channel: 'counter',
      applicant: {
        fullName: 'Nguyễn Văn An',
        idNumber: '001090012345',
        phone: '0912345678',
        address: 'Số 1 đường Lê Lợi, phường Trung Tâm',
      },
      formData: {
        hoTenTre: 'Nguyễn Minh Khôi',
        ngaySinh: '2026-11-01',
        gioiTinh: 'nam',
        noiSinh: 'Bệnh viện Đa khoa tỉnh',
        queQuan: 'Tỉnh Demo',
        danToc: 'Kinh',
        quocTich: 'Việt Nam',
        hoTenMe: 'Trần Thị Mai',
        soDinhDanhMe: '001190012345',
        hoTenNguoiYeuCau: 'Nguyễn Văn An',
        soDinhDanhNguoiYeuCau: '001090012345',
        quanHeVoiNguoiDuocDangKy: 'cha',
        soDienThoai: '0912345678',
      },
      components: [
        { index: 0, paperCopies: 1, originalSighted: true },
        { index: 1, paperCopies: 1, originalSighted: true },
        { index: 4, paperCopies: 1, originalSighted: true },
      ],
      returnChannel: 'counter',
    })
    const probe = await call(h, 'POST', '/dossiers', body(), { 'idempotency-key': randomUUID() })
    if (probe.status !== 201) throw new Error(`submission failed: ${probe.status} ${probe.body}`)

    const run = async (seconds: number) => {
      const latencies: number[] = []
      let errors = 0
      const until = Date.now() + seconds * 1000
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          while (Date.now() < until) {
            const r = await call(h, 'POST', '/dossiers', body(), { 'idempotency-key': randomUUID() })
            if (r.status === 201) latencies.push(r.ms)
            else errors++
          }
        }),
      )
      return { latencies: latencies.sort((a, b) => a - b), errors }
    }
    await run(WARMUP)
    const http = await run(SECONDS)
    const httpRate = http.latencies.length / SECONDS

    const ids = await firstDossier(databaseUrl)
    const script = join(dataDir, 'submit.sql')
    writeFileSync(script, pgbenchScript(ids.receiving_agency_id, ids.procedure_version_id, ids.created_by ?? ''))
    const pgbench = pgbenchPath()
    // -l: one line per transaction ("client tx latency_us …"), for the same percentiles as the HTTP side
    const logPrefix = join(dataDir, 'pgbench')
    const out = execFileSync(
      pgbench,
      ['-n', '-c', String(CLIENTS), '-j', '2', '-T', String(SECONDS), '-l', `--log-prefix=${logPrefix}`, '-f', script, databaseUrl],
      { encoding: 'utf8', cwd: dataDir, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? 'NaN')
    const pgLat = readdirSync(dataDir)
      .filter((f) => f.startsWith('pgbench.'))
      .flatMap((f) => readFileSync(join(dataDir, f), 'utf8').split('\n'))
      .map((line) => Number(line.split(' ')[2]) / 1000)
      .filter((ms) => Number.isFinite(ms))
      .sort((a, b) => a - b)

    const report = {
      clients: CLIENTS,
      seconds: SECONDS,
      http: {
        submissions: http.latencies.length,
        errors: http.errors,
        perSecond: Math.round(httpRate * 10) / 10,
        p50ms: Math.round(quantile(http.latencies, 0.5) * 10) / 10,
        p99ms: Math.round(quantile(http.latencies, 0.99) * 10) / 10,
      },
      pgbench: {
        tps: Math.round(tps * 10) / 10,
        p50ms: Math.round(quantile(pgLat, 0.5) * 10) / 10,
        p99ms: Math.round(quantile(pgLat, 0.99) * 10) / 10,
      },
      ratio: Math.round((httpRate / tps) * 100) / 100,
    }
    console.log(JSON.stringify(report, null, 2))
    console.log(
      `\nHTTP submissions: ${report.http.perSecond}/s (p50 ${report.http.p50ms} ms, p99 ${report.http.p99ms} ms, ${report.http.errors} errors); ` +
        `pgbench equivalent transaction: ${report.pgbench.tps} tps (p50 ${report.pgbench.p50ms} ms, p99 ${report.pgbench.p99ms} ms); ratio ${report.ratio} (target ≥ 0.5, p99 ≤ 50 ms)`,
    )
    agent.destroy()
  } finally {
    server.kill('SIGTERM')
    await new Promise((r) => server.once('exit', r))
    rmSync(dataDir, { recursive: true, force: true })
    await admin(`drop database if exists ${dbName} with (force)`)
  }
}

const ROOT = fileURLToPath(new URL('../', import.meta.url))

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0))
    })
  })
}

async function waitReady(port: number, server: ChildProcess): Promise<void> {
  const until = Date.now() + 120_000
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`)
    const ok = await new Promise<boolean>((resolve) => {
      const req = request({ host: '127.0.0.1', port, path: '/readyz' }, (res) => {
        res.resume()
        resolve(res.statusCode === 200)
      })
      req.on('error', () => resolve(false))
      req.end()
    })
    if (ok) return
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error('server not ready after 120 s')
}

async function firstDossier(url: string) {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    const r = await c.query<{ receiving_agency_id: string; procedure_version_id: string; created_by: string | null }>(
      'select receiving_agency_id, procedure_version_id, created_by from dossiers limit 1',
    )
    const row = r.rows[0]
    if (!row) throw new Error('no dossier submitted')
    return row
  } finally {
    await c.end()
  }
}

function pgbenchPath(): string {
  try {
    return execFileSync('sh', ['-c', 'command -v pgbench || ls -d /usr/lib/postgresql/*/bin/pgbench | sort -V | tail -n 1'], {
      encoding: 'utf8',
    }).trim()
  } catch {
    throw new Error('pgbench not found (install PostgreSQL client tools)')
  }
}

/** Signs in and returns the session cookie (the JSON answer carries the CSRF token, the header the cookie). */
function sessionCookieOf(port: number, username: string, password: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify({ username, password })
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/v1/auth/officer/login',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        res.resume()
        const set = res.headers['set-cookie']?.[0]
        if (!set) reject(new Error('no session cookie'))
        else resolve(set.split(';')[0] ?? '')
      },
    )
    req.on('error', reject)
    req.write(payload)
    req.end()
  })
}

await main()
