import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import type { AppContext } from '../context.ts'

/** /healthz: the process serves. /readyz: its dependencies answer (database, queue, storage, worker heartbeat). */
export function registerHealth(app: FastifyInstance, ctx: AppContext): void {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }))
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    const checks: Record<string, { ok: boolean; detail?: unknown }> = {}
    const run = async (name: string, fn: () => Promise<unknown>) => {
      try {
        checks[name] = { ok: true, detail: await fn() }
      } catch (e) {
        checks[name] = { ok: false, detail: (e as Error).message }
      }
    }
    await run('database', async () => {
      await sql`select 1`.execute(ctx.database.db)
      return ctx.database.kind
    })
    await run('queue', async () => {
      const h = await ctx.queue.health()
      if (!h.ok) throw new Error('job queue schema not installed')
      return h.pending
    })
    await run('storage', async () => {
      await ctx.storage.check()
      return ctx.storage.kind
    })
    // The worker heartbeat is reported, not required: a web-only process is ready without a worker.
    const beat = await ctx.database.db.selectFrom('heartbeats').select('beat_at').where('role', '=', 'worker').executeTakeFirst()
    const ok = Object.values(checks).every((c) => c.ok)
    return reply.status(ok ? 200 : 503).send({
      status: ok ? 'ready' : 'not_ready',
      checks,
      workerHeartbeatAt: beat?.beat_at.toISOString() ?? null,
    })
  })
}
