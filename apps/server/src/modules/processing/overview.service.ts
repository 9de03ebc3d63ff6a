import type { AgencyOverview } from '@congso/contracts'
import { sql } from 'kysely'
import { can } from '../../auth/policy.ts'
import { AppError } from '../../http/errors.ts'
import type { Actor } from '../../http/request-context.ts'
import { loadCalendar } from '../calendar/calendar.service.ts'
import { agencyById, type Db } from '../dossiers/dossiers.repo.ts'
import { base, columns, summary } from '../dossiers/lists.service.ts'

const vnDay = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10)
/** 00:00 of a Vietnamese calendar day as an instant. */
const vnStart = (day: string) => new Date(`${day}T00:00:00+07:00`)

/**
 * The leaders' view of one agency, live from the projection: dossiers in progress by step, the
 * overdue list, and the period's on-time rate (a result handed over after its appointment, or
 * after an apology letter, counts as late) with the applicants' average rating.
 */
export async function agencyOverview(db: Db, actor: Actor, q: { agencyId?: string; from?: string; to?: string }): Promise<AgencyOverview> {
  const agencyId = q.agencyId ?? actor.agencyId
  if (actor.kind !== 'officer' || !agencyId) throw new AppError('FORBIDDEN')
  const agency = await agencyById(db, agencyId)
  if (!agency || !can(actor, { kind: 'dossier.book', agency: { agencyId: agency.id, ancestorIds: agency.ancestor_ids } }))
    throw new AppError('FORBIDDEN')
  if (!actor.roles.some((r) => r === 'agency_leader' || r === 'unit_head' || r === 'system_admin')) throw new AppError('FORBIDDEN')
  const now = new Date()
  const to = q.to ?? vnDay(now)
  const from = q.from ?? `${to.slice(0, 8)}01`
  const end = new Date(vnStart(to).getTime() + 86_400_000)
  const cfg = await loadCalendar(db, agencyId)
  const open = base(db).where('d.processing_agency_id', '=', agencyId).where('d.closed_at', 'is', null)
  const [byStep, overdue, done] = await Promise.all([
    open
      .where('d.step_name', 'is not', null)
      .select((eb) => [
        'd.step_name',
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>(eb.case().when('d.step_due_at', '<', now).then(1).else(0).end()).as('late'),
      ])
      .groupBy('d.step_name')
      .orderBy('d.step_name')
      .execute(),
    open
      .where('d.due_at', '<', now)
      .select([...columns])
      .orderBy('d.due_at')
      .limit(100)
      .execute(),
    db
      .selectFrom('dossiers as d')
      .select((eb) => [
        eb.fn.countAll<number>().as('completed'),
        eb.fn.sum<number>(eb.case().when('d.completed_late', '=', false).then(1).else(0).end()).as('on_time'),
        eb.fn.sum<number>(eb.case().when('d.completed_late', '=', true).then(1).else(0).end()).as('late'),
        sql<string | null>`avg(d.rating)`.as('avg_rating'),
        eb.fn.count<number>('d.rating').as('ratings'),
      ])
      .where('d.processing_agency_id', '=', agencyId)
      .where('d.completed_at', '>=', vnStart(from))
      .where('d.completed_at', '<', end)
      .executeTakeFirstOrThrow(),
  ])
  const completed = Number(done.completed)
  const onTime = Number(done.on_time ?? 0)
  return {
    agency: { id: agency.id, name: agency.name },
    period: { from, to },
    byStep: byStep.map((r) => ({ stepName: r.step_name ?? '', count: Number(r.n), overdue: Number(r.late ?? 0) })),
    overdue: overdue.map((r) => summary(r, cfg, now)),
    completed,
    onTime,
    late: Number(done.late ?? 0),
    onTimeRate: completed > 0 ? onTime / completed : null,
    averageRating: done.avg_rating === null ? null : Math.round(Number(done.avg_rating) * 100) / 100,
    ratings: Number(done.ratings),
  }
}
