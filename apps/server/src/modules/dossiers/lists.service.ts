import type { DossierSummary } from '@congso/contracts'
import { addWorkingMinutes, foldVietnamese, type CalendarConfig, type DossierStatus } from '@congso/domain'
import { sql } from 'kysely'
import { can } from '../../auth/policy.ts'
import { AppError } from '../../http/errors.ts'
import type { Actor } from '../../http/request-context.ts'
import { loadCalendar } from '../calendar/calendar.service.ts'
import { flagOf } from './deadline.service.ts'
import { agencyById, subtreeIds, type Db } from './dossiers.repo.ts'

export interface ListFilter {
  q?: string
  status?: DossierStatus
  channel?: 'online' | 'counter' | 'post'
  flag?: 'on_time' | 'due_soon' | 'overdue'
  procedureCode?: string
  from?: string
  to?: string
}
export type InboxBox = 'waiting_reception' | 'supplements_returned' | 'supplement_requested' | 'due_soon' | 'overdue'

export function base(db: Db) {
  return db
    .selectFrom('dossiers as d')
    .innerJoin('procedure_versions as v', 'v.id', 'd.procedure_version_id')
    .innerJoin('agencies as a', 'a.id', 'd.agency_id')
}
export type Q = ReturnType<typeof base>

export const columns = [
  'd.code',
  'd.status',
  'd.channel',
  'd.procedure_code',
  'v.name as procedure_name',
  'a.name as agency_name',
  'd.applicant',
  'd.submitted_at',
  'd.accepted_at',
  'd.due_at',
  'd.closed_at',
] as const

export type Row = {
  code: string
  status: string
  channel: 'online' | 'counter' | 'post'
  procedure_code: string
  procedure_name: string
  agency_name: string
  applicant: unknown
  submitted_at: Date
  accepted_at: Date | null
  due_at: Date | null
  closed_at: Date | null
}

export function summary(r: Row, cfg: CalendarConfig, now: Date): DossierSummary {
  return {
    code: r.code,
    status: r.status as DossierStatus,
    channel: r.channel,
    procedureCode: r.procedure_code,
    procedureName: r.procedure_name,
    agencyName: r.agency_name,
    applicantName: (r.applicant as { fullName?: string }).fullName ?? '',
    submittedAt: r.submitted_at.toISOString(),
    acceptedAt: r.accepted_at?.toISOString() ?? null,
    dueAt: r.due_at?.toISOString() ?? null,
    flag: flagOf(r, cfg, now),
  }
}

/** Due-soon boundary: the instant `dueSoonMinutes` working minutes from now on the province calendar. */
export function dueSoonLimit(cfg: CalendarConfig, now: Date): Date {
  return addWorkingMinutes(now, cfg.dueSoonMinutes ?? 480, cfg)
}

function applyFilter(q: Q, f: ListFilter, cfg: CalendarConfig, now: Date): Q {
  if (f.q) {
    const term = f.q.trim()
    const folded = foldVietnamese(term)
    q = q.where((eb) =>
      eb.or([
        eb('d.code', 'ilike', `%${term}%`),
        eb('d.applicant_id_number', '=', term),
        eb('d.applicant_phone_digits', 'like', `%${term.replace(/\D/g, '') || '-'}%`),
        eb('d.applicant_name_search', 'like', `%${folded}%`),
      ]),
    )
  }
  if (f.status) q = q.where('d.status', '=', f.status)
  if (f.channel) q = q.where('d.channel', '=', f.channel)
  if (f.procedureCode) q = q.where('d.procedure_code', '=', f.procedureCode)
  if (f.from) q = q.where('d.submitted_at', '>=', new Date(`${f.from}T00:00:00+07:00`))
  if (f.to) q = q.where('d.submitted_at', '<', new Date(new Date(`${f.to}T00:00:00+07:00`).getTime() + 86_400_000))
  if (f.flag) {
    q = q.where('d.status', '=', 'accepted').where('d.closed_at', 'is', null)
    const soon = dueSoonLimit(cfg, now)
    if (f.flag === 'overdue') q = q.where('d.due_at', '<', now)
    else if (f.flag === 'due_soon') q = q.where('d.due_at', '>=', now).where('d.due_at', '<', soon)
    else q = q.where('d.due_at', '>=', soon)
  }
  return q
}

async function page(q: Q, cfg: CalendarConfig, now: Date, pageNo: number, pageSize: number, order: 'due' | 'submitted' = 'submitted') {
  const [rows, count] = await Promise.all([
    q
      .select([...columns])
      .$if(order === 'due', (qb) => qb.orderBy('d.due_at', 'asc'))
      .orderBy('d.submitted_at', 'desc')
      .limit(pageSize)
      .offset((pageNo - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { items: rows.map((r) => summary(r, cfg, now)), total: Number(count.n), page: pageNo, pageSize }
}

/** "Hồ sơ của tôi": the citizen's own dossiers. */
export async function myDossiers(db: Db, actor: Actor, f: ListFilter & { page: number; pageSize: number }) {
  const cfg = await loadCalendar(db, null)
  const q = applyFilter(base(db).where('d.applicant_user_id', '=', actor.userId), f, cfg, new Date())
  return page(q, cfg, new Date(), f.page, f.pageSize)
}

/** The officer's jurisdiction: dossiers received by, or to be decided by, an agency of their subtree. */
async function scoped(db: Db, actor: Actor): Promise<Q> {
  if (actor.kind !== 'officer' || !actor.agencyId) throw new AppError('FORBIDDEN')
  const home = await agencyById(db, actor.agencyId)
  if (!home || !can(actor, { kind: 'dossier.book', agency: { agencyId: home.id, ancestorIds: home.ancestor_ids } }))
    throw new AppError('FORBIDDEN')
  const ids = await subtreeIds(db, actor.agencyId)
  return base(db).where((eb) => eb.or([eb('d.agency_id', 'in', ids), eb('d.receiving_agency_id', 'in', ids)]))
}

/** The tracking book (Sổ theo dõi hồ sơ), filterable. */
export async function trackingBook(db: Db, actor: Actor, f: ListFilter & { page: number; pageSize: number }) {
  const cfg = await loadCalendar(db, actor.agencyId)
  const now = new Date()
  return page(applyFilter(await scoped(db, actor), f, cfg, now), cfg, now, f.page, f.pageSize)
}

/** Every row of the book for the export (capped: a province exports a period, not its whole history). */
export async function trackingBookRows(db: Db, actor: Actor, f: ListFilter, limit = 20_000) {
  const cfg = await loadCalendar(db, actor.agencyId)
  const now = new Date()
  const rows = await applyFilter(await scoped(db, actor), f, cfg, now)
    .select([...columns, 'd.book_no', 'd.sets', 'd.return_channel'])
    .orderBy('d.submitted_at', 'asc')
    .limit(limit)
    .execute()
  return rows.map((r) => ({
    ...summary(r as Row, cfg, now),
    bookNo: r.book_no,
    sets: r.sets,
    applicant: r.applicant as Record<string, string>,
  }))
}

function inboxQuery(q: Q, box: InboxBox, cfg: CalendarConfig, now: Date): Q {
  switch (box) {
    case 'waiting_reception':
      return q.where('d.status', '=', 'submitted')
    case 'supplement_requested':
      return q.where('d.status', '=', 'supplement_requested')
    case 'supplements_returned':
      // dossiers whose last event is a supplement from the applicant, waiting for the officer
      return q
        .where('d.closed_at', 'is', null)
        .where(
          sql<boolean>`(select e.type from dossier_events e where e.dossier_id = d.id order by e.seq desc limit 1) = 'supplement_submitted'`,
        )
    case 'due_soon':
      return applyFilter(q, { flag: 'due_soon' }, cfg, now)
    case 'overdue':
      return applyFilter(q, { flag: 'overdue' }, cfg, now)
    default: {
      const unreachable: never = box
      return unreachable
    }
  }
}

export async function inbox(db: Db, actor: Actor, box: InboxBox, pageNo: number, pageSize: number) {
  const cfg = await loadCalendar(db, actor.agencyId)
  const now = new Date()
  const q = inboxQuery(await scoped(db, actor), box, cfg, now)
  return page(q, cfg, now, pageNo, pageSize, box === 'due_soon' || box === 'overdue' ? 'due' : 'submitted')
}

export async function inboxCounts(db: Db, actor: Actor) {
  const cfg = await loadCalendar(db, actor.agencyId)
  const now = new Date()
  const q = await scoped(db, actor)
  const count = async (box: InboxBox) =>
    Number(
      (
        await inboxQuery(q, box, cfg, now)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  return {
    waitingReception: await count('waiting_reception'),
    supplementsReturned: await count('supplements_returned'),
    supplementRequested: await count('supplement_requested'),
    dueSoon: await count('due_soon'),
    overdue: await count('overdue'),
  }
}

/** Counter intake: find an applicant by citizen ID, phone or name among citizen accounts and earlier dossiers. */
export async function searchApplicants(db: Db, actor: Actor, term: string) {
  if (actor.kind !== 'officer' || !actor.roles.includes('receiving_officer')) throw new AppError('FORBIDDEN')
  const digits = term.replace(/\D/g, '')
  const users = await db
    .selectFrom('users')
    .select(['id', 'full_name', 'citizen_id', 'phone', 'email'])
    .where('kind', '=', 'citizen')
    .where('citizen_id', 'is not', null)
    .where((eb) =>
      eb.or([
        eb('citizen_id', '=', term.trim()),
        ...(digits.length >= 6 ? [eb('phone', 'like', `%${digits}%`)] : []),
        eb(sql<string>`lower(full_name)`, 'like', `%${term.trim().toLowerCase()}%`),
      ]),
    )
    .limit(10)
    .execute()
  // The address is not on the account; take it from the applicant's latest dossier when there is one.
  const out = []
  for (const u of users) {
    const last = await db
      .selectFrom('dossiers')
      .select('applicant')
      .where('applicant_id_number', '=', u.citizen_id ?? '')
      .orderBy('submitted_at', 'desc')
      .limit(1)
      .executeTakeFirst()
    const a = (last?.applicant ?? {}) as { address?: string }
    out.push({
      userId: u.id,
      fullName: u.full_name,
      idNumber: u.citizen_id ?? '',
      phone: u.phone,
      email: u.email,
      address: a.address ?? null,
    })
  }
  return out
}
