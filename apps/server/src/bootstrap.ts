import { join } from 'node:path'
import pino, { type Logger } from 'pino'
import type { Config } from './config.ts'
import type { AppContext } from './context.ts'
import { openDatabase, type Database } from './db/database.ts'
import { migrate } from './db/migrate.ts'
import { maintenanceJobs, maintenanceSchedules } from './jobs/maintenance.ts'
import { calendarChangedJob } from './modules/dossiers/deadline.service.ts'
import { notificationJobs } from './modules/notifications/notify.job.ts'
import { escalationJobs, escalationSchedules } from './modules/processing/escalation.job.ts'
import { signingJobs, signingSchedules } from './modules/signatures/sessions.job.ts'
import { createQueue } from './jobs/queue.ts'
import { referenceCache } from './modules/catalog/reference-cache.ts'
import { diskStorage } from './storage/disk-storage.ts'
import { s3Storage } from './storage/s3-storage.ts'
import type { Storage } from './storage/storage.ts'

export function createStorage(config: Config): Storage {
  return config.storage.kind === 's3' ? s3Storage(config.storage) : diskStorage(join(config.dataDir, 'files'))
}

/**
 * Opens the database (embedded in DATA_DIR unless DATABASE_URL is set), applies migrations, starts
 * the job queue with the roles of this process. Shared by the server entry point and the tests.
 */
export async function createContext(config: Config, opts: { log?: Logger; database?: Database } = {}): Promise<AppContext> {
  const log = opts.log ?? pino({ level: config.logLevel, base: { service: 'congso' } })
  const database = opts.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }))
  try {
    const { applied } = await migrate(database)
    if (applied.length > 0) log.info({ applied }, 'migrations applied')
    const worker = config.roles.includes('worker')
    const cron = config.roles.includes('cron')
    const queue = await createQueue(database, log, { worker, cron, retryDelaySeconds: config.jobRetryDelaySeconds })
    const reference = await referenceCache(database)
    const ctx: AppContext = { config, database, queue, storage: createStorage(config), log, reference }
    await queue.start({
      work: [...notificationJobs(ctx), ...maintenanceJobs(database), calendarChangedJob(ctx), ...signingJobs(ctx), ...escalationJobs(ctx)],
      schedules: [...maintenanceSchedules, ...signingSchedules, ...escalationSchedules],
    })
    return ctx
  } catch (e) {
    await database.close()
    throw e
  }
}

export async function closeContext(ctx: AppContext): Promise<void> {
  await ctx.queue.stop()
  await ctx.reference.stop()
  await ctx.database.close()
}
