import { OutboxList, OutboxQuery } from '@congso/contracts'
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import { can } from '../../auth/policy.ts'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { requireActor } from '../../http/auth-hooks.ts'
import { AppError } from '../../http/errors.ts'
import type { ZodApp } from '../../http/types.ts'

/** `%`, `_` and the escape character itself match literally. */
const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

/** Newest first; `q` matches the recipient, the subject or the dossier code, case-insensitively. */
export async function listOutbox(db: Kysely<DB>, query: z.infer<typeof OutboxQuery>): Promise<z.infer<typeof OutboxList>> {
  const { page, pageSize, channel } = query
  const term = query.q?.trim()
  let q = db.selectFrom('outbox_messages')
  if (channel) q = q.where('channel', '=', channel)
  if (term) {
    const pattern = `%${likeLiteral(term)}%`
    q = q.where((eb) => eb.or([eb('recipient', 'ilike', pattern), eb('subject', 'ilike', pattern), eb('dossier_code', 'ilike', pattern)]))
  }
  const [rows, count] = await Promise.all([
    q
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return {
    items: rows.map((r) => ({
      id: r.id,
      channel: r.channel,
      recipient: r.recipient,
      subject: r.subject,
      body: r.body,
      dossierCode: r.dossier_code,
      createdAt: r.created_at.toISOString(),
    })),
    total: Number(count.n),
    page,
    pageSize,
  }
}

export async function outboxRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  const tags = ['notifications']
  app.get('/admin/outbox', { schema: { tags, querystring: OutboxQuery, response: { 200: OutboxList } } }, async (req) => {
    const actor = requireActor(req)
    if (!can(actor, { kind: 'outbox.read' })) throw new AppError('FORBIDDEN')
    return listOutbox(ctx.database.db, req.query)
  })
}
