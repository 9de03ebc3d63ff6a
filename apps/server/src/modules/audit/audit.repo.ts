import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../db/schema.ts'
import type { RequestMeta } from '../../http/request-context.ts'

export interface AuditRecord {
  action: string
  subjectType: string
  subjectId: string | null
  details?: Record<string, unknown>
}

/** Writes the audit row inside the caller's transaction, so the change and its record commit together. */
export async function writeAudit(tx: Kysely<DB> | Transaction<DB>, meta: RequestMeta, rec: AuditRecord): Promise<void> {
  await tx
    .insertInto('audit_log')
    .values({
      actor_id: meta.actor?.userId ?? null,
      actor_roles: meta.actor?.roles ?? [],
      action: rec.action,
      subject_type: rec.subjectType,
      subject_id: rec.subjectId,
      ip: meta.ip,
      user_agent: meta.userAgent,
      request_id: meta.requestId,
      details: JSON.stringify(rec.details ?? {}),
    })
    .execute()
}

export async function listAudit(db: Kysely<DB>, page: number, pageSize: number, agencyScope: string | null) {
  let q = db.selectFrom('audit_log as a').leftJoin('users as u', 'u.id', 'a.actor_id')
  if (agencyScope) {
    q = q
      .leftJoin('agencies as ag', 'ag.id', 'u.agency_id')
      .where((eb) => eb.or([eb('ag.id', '=', agencyScope), eb(eb.val(agencyScope), '=', eb.fn.any('ag.ancestor_ids'))]))
  }
  const [rows, count] = await Promise.all([
    q
      .select([
        'a.id',
        'a.at',
        'a.actor_id',
        'u.full_name',
        'a.action',
        'a.subject_type',
        'a.subject_id',
        'a.ip',
        'a.request_id',
        'a.details',
      ])
      .orderBy('a.at', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return {
    total: Number(count.n),
    items: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorId: r.actor_id,
      actorName: r.full_name,
      action: r.action,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      ip: r.ip,
      requestId: r.request_id,
      details: r.details,
    })),
  }
}
