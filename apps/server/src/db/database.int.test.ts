import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabase, type TestDatabase } from '../../test/harness.ts'

let t: TestDatabase
beforeAll(async () => {
  t = await testDatabase()
})
afterAll(async () => {
  await t?.dispose()
})

describe('database', () => {
  it('fans notifications out to listeners (live updates across processes)', async () => {
    const received: string[] = []
    let allReceived!: () => void
    const done = new Promise<void>((resolve) => (allReceived = resolve))
    const stop = await t.database.listen('congso_test', (payload) => {
      received.push(payload)
      if (received.length === 2) allReceived()
    })
    await t.database.notify('congso_test', 'một')
    await t.database.notify('congso_test', 'two')
    await done
    await stop()
    expect(received).toEqual(['một', 'two'])
  })

  it('rolls back every statement of a failed transaction', async () => {
    await expect(
      t.database.db.transaction().execute(async (tx) => {
        await tx
          .insertInto('settings')
          .values({ key: 'tx.test', value: JSON.stringify(1) })
          .execute()
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    const row = await t.database.db.selectFrom('settings').select('key').where('key', '=', 'tx.test').executeTakeFirst()
    expect(row).toBeUndefined()
  })

  it('serialises concurrent transactions without interleaving (single embedded connection)', async () => {
    await t.database.db
      .insertInto('settings')
      .values({ key: 'counter', value: JSON.stringify(0) })
      .execute()
    const bump = () =>
      t.database.db.transaction().execute(async (tx) => {
        const row = await tx.selectFrom('settings').select('value').where('key', '=', 'counter').forUpdate().executeTakeFirstOrThrow()
        await new Promise((r) => setTimeout(r, 5))
        await tx
          .updateTable('settings')
          .set({ value: JSON.stringify((row.value as number) + 1) })
          .where('key', '=', 'counter')
          .execute()
      })
    await Promise.all(Array.from({ length: 20 }, bump))
    const { rows } = await sql<{ value: number }>`select value from settings where key = 'counter'`.execute(t.database.db)
    expect(rows[0]?.value).toBe(20)
  })

  it('returns calendar dates as strings and instants as Dates on both engines', async () => {
    const { rows } = await sql<{ d: unknown; ts: unknown }>`select '2025-07-01'::date as d, now() as ts`.execute(t.database.db)
    expect(rows[0]?.d).toBe('2025-07-01')
    expect(rows[0]?.ts).toBeInstanceOf(Date)
  })
})
