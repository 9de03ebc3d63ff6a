import { sql } from 'kysely'
import type { Database } from '../db/database.ts'
import type { JobHandler, Schedule } from './queue.ts'

export const HEARTBEAT_JOB = 'system.heartbeat'
export const PURGE_JOB = 'system.purge-expired'
/** How long an idempotency key's answer is kept for replays. */
export const IDEMPOTENCY_KEEP_MS = 7 * 86_400_000
export const CHECKPOINT_JOB = 'system.checkpoint'

export const maintenanceSchedules: Schedule[] = [
  { name: HEARTBEAT_JOB, cron: '* * * * *' },
  { name: PURGE_JOB, cron: '17 * * * *' },
  { name: CHECKPOINT_JOB, cron: '*/5 * * * *' },
]

export function maintenanceJobs(database: Database): JobHandler[] {
  const db = database.db
  return [
    {
      // the worker proves it is alive by processing a job the cron role scheduled: /readyz reads it
      name: HEARTBEAT_JOB,
      async handle() {
        await db
          .insertInto('heartbeats')
          .values({ role: 'worker', beat_at: new Date() })
          .onConflict((oc) => oc.column('role').doUpdateSet({ beat_at: sql`excluded.beat_at` }))
          .execute()
      },
    },
    {
      name: PURGE_JOB,
      async handle() {
        const now = new Date()
        await db.deleteFrom('sessions').where('expires_at', '<', now).execute()
        await db
          .deleteFrom('rate_limits')
          .where('window_start', '<', new Date(now.getTime() - 86_400_000))
          .execute()
        await db
          .deleteFrom('oidc_states')
          .where('created_at', '<', new Date(now.getTime() - 3_600_000))
          .execute()
        // A client retries within minutes; a week covers a phone that was off for days.
        await db
          .deleteFrom('idempotency_keys')
          .where('created_at', '<', new Date(now.getTime() - IDEMPOTENCY_KEEP_MS))
          .execute()
      },
    },
    {
      // bounds what a power loss can take from the embedded database (see ADR 0003)
      name: CHECKPOINT_JOB,
      async handle() {
        await database.checkpoint()
      },
    },
  ]
}
