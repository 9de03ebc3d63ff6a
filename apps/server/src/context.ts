import type { Logger } from 'pino'
import type { Config } from './config.ts'
import type { Database } from './db/database.ts'
import type { Queue } from './jobs/queue.ts'
import type { ReferenceCache } from './modules/catalog/reference-cache.ts'
import type { Storage } from './storage/storage.ts'

/** What every module receives: configuration and the providers chosen by it. */
export interface AppContext {
  config: Config
  database: Database
  queue: Queue
  storage: Storage
  log: Logger
  /** Published procedures and agencies, cached per process and invalidated by the database. */
  reference: ReferenceCache
}
