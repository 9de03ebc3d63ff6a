import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import { AppError } from '../http/errors.ts'

/**
 * Fixed-window counter kept in the database, so every web process behind a load balancer shares it.
 * One upsert per hit; throws RATE_LIMITED past `limit` hits in `windowMs`.
 */
export async function hitRateLimit(db: Kysely<DB>, key: string, limit: number, windowMs: number): Promise<void> {
  const windowStart = new Date(Math.floor(Date.now() / windowMs) * windowMs)
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: windowStart, hits: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql<number>`case when rate_limits.window_start = excluded.window_start then rate_limits.hits + 1 else 1 end`,
        window_start: sql<Date>`excluded.window_start`,
      }),
    )
    .returning('hits')
    .executeTakeFirstOrThrow()
  if (row.hits > limit) throw new AppError('RATE_LIMITED')
}
