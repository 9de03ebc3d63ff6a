import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import type { Database } from './database.ts'

const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url))
// Arbitrary constant: serialises concurrent starters on one PostgreSQL server.
const MIGRATION_LOCK = 727_102_016

export interface MigrationResult {
  applied: string[]
}

/**
 * Applies the ordered `NNNN_name.sql` files not yet recorded in `schema_migrations`, each in its own
 * transaction. A recorded migration whose file changed is an error: migrations are append-only.
 */
export async function migrate(database: Database): Promise<MigrationResult> {
  const files = readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
  await database.exec(`create table if not exists schema_migrations (
    version text primary key, checksum text not null, applied_at timestamptz not null default now())`)
  const applied: string[] = []
  await database.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn)
    try {
      const done = new Map(
        (await conn.selectFrom('schema_migrations').select(['version', 'checksum']).execute()).map((r) => [r.version, r.checksum]),
      )
      for (const file of files) {
        const text = readFileSync(MIGRATIONS_DIR + file, 'utf8')
        const checksum = createHash('sha256').update(text).digest('hex')
        const version = file.replace(/\.sql$/, '')
        const prior = done.get(version)
        if (prior === checksum) continue
        if (prior) throw new Error(`Migration ${file} was changed after it was applied; add a new migration instead`)
        await conn.transaction().execute(async (tx) => {
          await sql.raw(text).execute(tx)
          await tx.insertInto('schema_migrations').values({ version, checksum }).execute()
        })
        applied.push(version)
      }
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn)
    }
  })
  return { applied }
}
