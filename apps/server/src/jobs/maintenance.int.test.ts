import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabase, type TestDatabase } from '../../test/harness.ts'
import { IDEMPOTENCY_KEEP_MS, maintenanceJobs, PURGE_JOB } from './maintenance.ts'

let tdb: TestDatabase

beforeAll(async () => {
  tdb = await testDatabase()
})
afterAll(() => tdb.dispose())

describe('purge of expired rows', () => {
  it('drops idempotency answers older than the replay window and keeps recent ones', async () => {
    const db = tdb.database.db
    const old = new Date(Date.now() - IDEMPOTENCY_KEEP_MS - 60_000)
    await db
      .insertInto('idempotency_keys')
      .values([
        { scope: 's', key: 'old-key-1', request_hash: 'h', status_code: 201, response: '{}', created_at: old },
        { scope: 's', key: 'new-key-1', request_hash: 'h', status_code: 201, response: '{}' },
      ])
      .execute()
    const purge = maintenanceJobs(tdb.database).find((j) => j.name === PURGE_JOB)
    await purge?.handle({})
    const keys = (await db.selectFrom('idempotency_keys').select('key').execute()).map((r) => r.key)
    expect(keys).toEqual(['new-key-1'])
  })
})
