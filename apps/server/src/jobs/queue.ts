import PgBoss from 'pg-boss'
import type { Logger } from 'pino'
import type { Database } from '../db/database.ts'

export interface JobHandler {
  name: string
  handle(data: unknown): Promise<void>
}

export interface Schedule {
  name: string
  cron: string
}

export interface QueueHealth {
  ok: boolean
  installed: boolean
  pending: Record<string, number>
}

export interface Queue {
  send(name: string, data: object, opts?: { singletonKey?: string }): Promise<string | null>
  /** Several jobs in one statement (e.g. a notice's e-mail and SMS). */
  sendMany(jobs: { name: string; data: object }[]): Promise<void>
  /** worker role: process jobs; cron role: own the schedules. */
  start(opts: { work: JobHandler[]; schedules: Schedule[] }): Promise<void>
  health(): Promise<QueueHealth>
  stop(): Promise<void>
}

/**
 * The job queue is pg-boss (ADR 0004) in the platform's own database. It talks through the
 * Database's query function, so on the embedded database it shares PGlite's single connection and
 * mutex, and on PostgreSQL it shares the pool.
 */
/**
 * Retries with exponential back-off from `retryDelaySeconds` (30 s by default): ten attempts span
 * about eight hours, so a notice survives an SMTP or SMS gateway outage of a morning.
 */
const RETRY_LIMIT = 10

/** Jobs fetched per poll by each worker. */
const WORK_BATCH = 20

export async function createQueue(
  database: Database,
  log: Logger,
  opts: { worker: boolean; cron: boolean; retryDelaySeconds: number },
): Promise<Queue> {
  const RETRY = { retryLimit: RETRY_LIMIT, retryDelay: opts.retryDelaySeconds, retryBackoff: true } as const
  const boss = new PgBoss({
    db: { executeSql: (text, values) => database.query(text, values) },
    schema: 'pgboss',
    supervise: opts.worker || opts.cron,
    schedule: opts.cron,
    migrate: true,
  })
  boss.on('error', (err) => log.error({ err }, 'job queue error'))
  await boss.start()
  const names = new Set<string>()
  const ensureQueue = async (name: string) => {
    if (names.has(name)) return
    if (!(await boss.getQueue(name))) await boss.createQueue(name)
    names.add(name)
  }
  return {
    async send(name, data, sendOpts) {
      await ensureQueue(name)
      return boss.send(name, data, {
        ...RETRY,
        ...(sendOpts?.singletonKey ? { singletonKey: sendOpts.singletonKey } : {}),
      })
    },
    async sendMany(jobs) {
      if (jobs.length === 0) return
      for (const name of new Set(jobs.map((j) => j.name))) await ensureQueue(name)
      await boss.insert(jobs.map((j) => ({ name: j.name, data: j.data, ...RETRY })))
    },
    async start({ work, schedules }) {
      if (opts.worker) {
        for (const h of work) {
          await ensureQueue(h.name)
          // Batches: one fetch and one completion per batch instead of per job. A job that throws is
          // failed on its own (and retried); the batch's completion then skips it (it is no longer active).
          await boss.work(h.name, { pollingIntervalSeconds: 2, batchSize: WORK_BATCH }, async (jobs) => {
            for (const job of jobs) {
              try {
                await h.handle(job.data)
              } catch (err) {
                log.warn({ err, job: job.id, name: h.name }, 'job failed, will be retried')
                await boss.fail(h.name, job.id, { message: err instanceof Error ? err.message : String(err) })
              }
            }
          })
        }
      }
      if (opts.cron) {
        for (const s of schedules) {
          await ensureQueue(s.name)
          await boss.schedule(s.name, s.cron, {}, { tz: 'Asia/Ho_Chi_Minh' })
        }
      }
    },
    async health() {
      const installed = Boolean(await boss.isInstalled())
      const pending: Record<string, number> = {}
      for (const n of names) pending[n] = await boss.getQueueSize(n)
      return { ok: installed, installed, pending }
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 })
    },
  }
}
