import type { ProcessingInbox } from '@congso/contracts'
import { deadlineFlag, ProcessingEventType } from '@congso/domain'
import { AppError } from '../../http/errors.ts'
import type { Actor } from '../../http/request-context.ts'
import { loadCalendar } from '../calendar/calendar.service.ts'
import type { Db } from '../dossiers/dossiers.repo.ts'
import { base, columns, dueSoonLimit, summary, type Q } from '../dossiers/lists.service.ts'

export type ProcessingTab = 'todo' | 'due_soon' | 'overdue' | 'waiting' | 'done'
const TABS: ProcessingTab[] = ['todo', 'due_soon', 'overdue', 'waiting', 'done']
const LEADS = ['unit_head', 'agency_leader']

/**
 * The officer's processing inbox: what waits for them (assigned to them, or unassigned in a step of
 * their role; for leads, anything unassigned in their agency; opinions asked of their agency), what
 * is due soon or overdue among it, what their agency waits for, and what they handled.
 */
function tab(q: Q, t: ProcessingTab, actor: Actor, soon: Date, now: Date): Q {
  const agency = actor.agencyId!
  const lead = actor.roles.some((r) => LEADS.includes(r))
  const todo = (qb: Q) =>
    qb.where((eb) =>
      eb.or([
        eb.and([
          eb('d.processing_agency_id', '=', agency),
          eb('d.closed_at', 'is', null),
          eb('d.status', 'in', ['processing', 'result_ready']),
          eb.or([
            eb('d.assignee_user_id', '=', actor.userId),
            eb.and([eb('d.assignee_user_id', 'is', null), lead ? eb.lit(true) : eb('d.step_role', 'in', actor.roles)]),
          ]),
        ]),
        eb.exists(
          eb
            .selectFrom('dossier_consultations as c')
            .select('c.consult_id')
            .whereRef('c.dossier_id', '=', 'd.id')
            .where('c.target_agency_id', '=', agency)
            .where('c.answered_at', 'is', null),
        ),
      ]),
    )
  switch (t) {
    case 'todo':
      return todo(q)
    case 'due_soon':
      return todo(q).where('d.step_due_at', '>=', now).where('d.step_due_at', '<', soon)
    case 'overdue':
      return todo(q).where('d.step_due_at', '<', now)
    case 'waiting':
      return q
        .where('d.processing_agency_id', '=', agency)
        .where('d.closed_at', 'is', null)
        .where((eb) =>
          eb.or([
            eb('d.status', 'in', ['paused', 'supplement_requested']),
            eb.exists(
              eb
                .selectFrom('dossier_consultations as c')
                .select('c.consult_id')
                .whereRef('c.dossier_id', '=', 'd.id')
                .where('c.answered_at', 'is', null),
            ),
          ]),
        )
    case 'done':
      return q
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('dossier_events as e')
              .select('e.id')
              .whereRef('e.dossier_id', '=', 'd.id')
              .where('e.actor_id', '=', actor.userId)
              .where('e.type', 'in', [...ProcessingEventType]),
          ),
        )
        .where((eb) =>
          eb.or([eb('d.closed_at', 'is not', null), eb('d.assignee_user_id', 'is', null), eb('d.assignee_user_id', '<>', actor.userId)]),
        )
  }
}

export async function processingInbox(
  db: Db,
  actor: Actor,
  query: { tab: ProcessingTab; page: number; pageSize: number },
): Promise<ProcessingInbox> {
  if (actor.kind !== 'officer' || !actor.agencyId) throw new AppError('FORBIDDEN')
  const cfg = await loadCalendar(db, actor.agencyId)
  const now = new Date()
  const soon = dueSoonLimit(cfg, now)
  const q = tab(base(db), query.tab, actor, soon, now)
  const [rows, total] = await Promise.all([
    q
      .leftJoin('users as u', 'u.id', 'd.assignee_user_id')
      .select([...columns, 'd.step_name', 'd.step_due_at', 'u.full_name as assignee_name'])
      .orderBy('d.step_due_at', 'asc')
      .orderBy('d.submitted_at', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  const counts = Object.fromEntries(
    await Promise.all(
      TABS.map(async (t) => [
        t,
        Number(
          (
            await tab(base(db), t, actor, soon, now)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      ]),
    ),
  ) as ProcessingInbox['counts']
  return {
    items: rows.map((r) => ({
      ...summary(r, cfg, now),
      stepName: r.step_name,
      stepDueAt: r.step_due_at?.toISOString() ?? null,
      stepFlag: r.step_due_at && r.closed_at === null ? deadlineFlag(r.step_due_at, now, cfg) : null,
      assigneeName: r.assignee_name,
    })),
    total: Number(total.n),
    page: query.page,
    pageSize: query.pageSize,
    counts,
  }
}
