import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { Mutex } from './mutex.ts'
import { PGliteDialect } from './pglite-dialect.ts'
import { acquireDataDirLock } from './embedded-lock.ts'
import { fsyncTree } from './fsync-tree.ts'
import type { DB } from './schema.ts'

// Both drivers return timestamptz as Date and date as a 'YYYY-MM-DD' string.
const DATE_OID = 1082
pg.types.setTypeParser(DATE_OID, (v: string) => v)

export interface Database {
  readonly kind: 'embedded' | 'postgres'
  readonly db: Kysely<DB>
  /** Runs a script of several statements (migrations). */
  exec(script: string): Promise<void>
  /** Raw parameterised query outside Kysely (the job queue adapter). */
  query<R>(text: string, values?: unknown[]): Promise<{ rows: R[] }>
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>
  notify(channel: string, payload: string): Promise<void>
  /** CHECKPOINT and, for the embedded database, flush its files to disk. */
  checkpoint(): Promise<void>
  close(): Promise<void>
}

export interface OpenOptions {
  databaseUrl: string | null
  /** Embedded database directory; null = in memory (tests). */
  dataDir: string | null
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openEmbedded(opts.dataDir)
}

async function openEmbedded(dataDir: string | null): Promise<Database> {
  const release = dataDir ? acquireDataDirLock(dataDir) : () => {}
  const pgdata = dataDir ? join(dataDir, 'pgdata') : undefined
  let client: PGlite
  try {
    client = await PGlite.create({
      ...(pgdata ? { dataDir: pgdata } : {}),
      extensions: { pg_trgm },
      // calendar dates stay 'YYYY-MM-DD' strings, as with node-postgres below: a date has no time zone
      parsers: { [DATE_OID]: (v: string) => v },
    })
  } catch (e) {
    release()
    throw e
  }
  const mutex = new Mutex()
  const db = new Kysely<DB>({ dialect: new PGliteDialect(client, mutex) })
  const checkpoint = async () => {
    await mutex.run(() => client.exec('checkpoint'))
    if (pgdata) fsyncTree(pgdata)
  }
  return {
    kind: 'embedded',
    db,
    exec: (script) => mutex.run(async () => void (await client.exec(script))),
    query: <R>(text: string, values: unknown[] = []) =>
      mutex.run(async () => {
        // pg-boss sends multi-statement scripts without parameters: PGlite runs those through exec.
        if (values.length === 0 && text.includes(';')) {
          const results = await client.exec(text)
          return { rows: (results.at(-1)?.rows ?? []) as R[] }
        }
        return { rows: (await client.query<R>(text, values)).rows }
      }),
    listen: async (channel, onPayload) => {
      const unlisten = await mutex.run(() => client.listen(channel, onPayload))
      return () => mutex.run(() => unlisten())
    },
    notify: (channel, payload) => mutex.run(async () => void (await client.query('select pg_notify($1, $2)', [channel, payload]))),
    checkpoint,
    close: async () => {
      try {
        await checkpoint()
        await db.destroy()
        await client.close()
        if (pgdata) fsyncTree(pgdata)
      } finally {
        release()
      }
    },
  }
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_MAX ?? 10) })
  pool.on('error', () => {
    // idle client errors (server restart) are recovered by the pool on next checkout
  })
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
  let listener: pg.Client | null = null
  const handlers = new Map<string, Set<(payload: string) => void>>()
  return {
    kind: 'postgres',
    db,
    exec: async (script) => void (await pool.query(script)),
    query: async <R>(text: string, values: unknown[] = []) => ({ rows: (await pool.query(text, values)).rows as R[] }),
    listen: async (channel, onPayload) => {
      if (!listener) {
        listener = new pg.Client({ connectionString: url })
        await listener.connect()
        listener.on('notification', (msg) => handlers.get(msg.channel)?.forEach((h) => h(msg.payload ?? '')))
      }
      let set = handlers.get(channel)
      if (!set) {
        set = new Set()
        handlers.set(channel, set)
        await listener.query(`listen ${pg.escapeIdentifier(channel)}`)
      }
      set.add(onPayload)
      return async () => void set.delete(onPayload)
    },
    notify: async (channel, payload) => void (await pool.query('select pg_notify($1, $2)', [channel, payload])),
    checkpoint: async () => {
      // On a server, checkpoints are the server's business (and need superuser); nothing to do.
    },
    close: async () => {
      await listener?.end()
      await db.destroy()
    },
  }
}
