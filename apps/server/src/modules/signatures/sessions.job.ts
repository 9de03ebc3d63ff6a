import type { AppContext } from '../../context.ts'
import type { JobHandler, Schedule } from '../../jobs/queue.ts'
import { deleteSessions, expiredSessions } from './signatures.repo.ts'

export const PURGE_SESSIONS_JOB = 'signatures.purge-sessions'
export const signingSchedules: Schedule[] = [{ name: PURGE_SESSIONS_JOB, cron: '41 * * * *' }]

/** Prepared documents whose signer never answered are removed: the object first, then the row. */
export function signingJobs(ctx: Pick<AppContext, 'database' | 'storage'>): JobHandler[] {
  return [
    {
      name: PURGE_SESSIONS_JOB,
      async handle() {
        for (;;) {
          const batch = await expiredSessions(ctx.database.db, new Date(), 100)
          if (batch.length === 0) return
          for (const s of batch) await ctx.storage.delete(s.prepared_key)
          await deleteSessions(
            ctx.database.db,
            batch.map((s) => s.id),
          )
        }
      },
    },
  ]
}
