import type { ProcedureContent, SupplementItem } from '@congso/contracts'
import { nextStatus, type DossierEventType, type DossierStatus, type LifecycleContext } from '@congso/domain'
import type { Transaction } from 'kysely'
import { can, type DossierSubject } from '../../auth/policy.ts'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { AppError } from '../../http/errors.ts'
import type { Actor, RequestMeta } from '../../http/request-context.ts'
import { loadCalendar } from '../calendar/calendar.service.ts'
import { checkComponents, type ComponentInput } from './components.ts'
import { deadlineOf } from './deadline.service.ts'
import { noticeAfterCommit, type DossierChange } from './dossier-notices.ts'
import {
  agencyById,
  insertDossierFiles,
  insertEvent,
  listEvents,
  lockDossier,
  nextBookNo,
  updateProjection,
  type DossierRow,
} from './dossiers.repo.ts'
import { validateEForm } from './eform.ts'
import { writeAudit } from '../audit/audit.repo.ts'

type Deps = Pick<AppContext, 'database' | 'queue' | 'log' | 'config' | 'reference'>
type Tx = Transaction<DB>

/**
 * The dossier as the policy sees it: the place of receipt, the competent agency, the agency
 * processing it now (after a transfer) and the agencies whose opinion was asked.
 */
export async function dossierSubject(db: Tx | AppContext['database']['db'], d: DossierRow): Promise<DossierSubject> {
  const consulted = d.process_version_id
    ? await db.selectFrom('dossier_consultations').select('target_agency_id').where('dossier_id', '=', d.id).execute()
    : []
  const ids = [
    ...new Set([
      d.receiving_agency_id,
      d.agency_id,
      ...(d.processing_agency_id ? [d.processing_agency_id] : []),
      ...consulted.map((c) => c.target_agency_id),
    ]),
  ]
  const agencies = await Promise.all(ids.map((id) => agencyById(db, id)))
  return {
    agencies: agencies.flatMap((a) => (a ? [{ agencyId: a.id, ancestorIds: a.ancestor_ids }] : [])),
    applicantUserId: d.applicant_user_id,
  }
}

export interface Change {
  note?: string | null
  data?: Record<string, unknown>
  files?: { componentIndex: number; fileId: string }[]
  set?: Parameters<typeof updateProjection>[3]
}

type Rule = (actor: Actor, subject: DossierSubject) => boolean

/** What the lifecycle fold remembers for the next event: accepted, and processing started. */
export function lifecycleContext(d: DossierRow, events: readonly { type: string }[]): LifecycleContext {
  return { accepted: d.accepted_at !== null, started: events.some((e) => e.type === 'process_started') }
}

/**
 * Writes one event of a locked dossier whose version was checked: the event row, its files, the
 * audit row and the projection, all in the caller's transaction. The projection update repeats
 * the version check, so a concurrent writer can never be overwritten.
 */
export async function recordEvent(
  tx: Tx,
  meta: RequestMeta,
  d: DossierRow,
  e: Change & { type: DossierEventType; at: Date; from: DossierStatus; to: DossierStatus },
): Promise<number> {
  const actor = meta.actor
  if (!actor) throw new AppError('UNAUTHENTICATED')
  const seq = d.version + 1
  await insertEvent(tx, {
    dossier_id: d.id,
    seq,
    type: e.type,
    at: e.at,
    actor_id: actor.userId,
    actor_name: actor.fullName,
    actor_role: actor.kind === 'citizen' ? 'citizen' : (actor.roles[0] ?? null),
    actor_agency_id: actor.kind === 'officer' ? actor.agencyId : null,
    from_status: e.from,
    to_status: e.to,
    note: e.note ?? null,
    data: JSON.stringify({ ...e.data, requestId: meta.requestId }),
    attachment_ids: (e.files ?? []).map((f) => f.fileId),
  })
  await insertDossierFiles(tx, d.id, seq, e.files ?? [])
  await writeAudit(tx, meta, {
    action: `dossier.${e.type}`,
    subjectType: 'dossier',
    subjectId: d.code,
    details: { from: e.from, to: e.to, seq },
  })
  if (!(await updateProjection(tx, d.id, d.version, { status: e.to, ...e.set }))) throw new AppError('DOSSIER_VERSION_CONFLICT')
  return seq
}

/**
 * One dossier action: lock the row, check the version the actor saw, the rule and the lifecycle,
 * then write the event and the projection in one transaction, and queue the applicant's notice
 * after commit. `build` computes the change from the locked row and its events.
 */
async function act(
  ctx: Deps,
  meta: RequestMeta,
  code: string,
  expectedVersion: number,
  type: DossierEventType,
  allowed: Rule,
  build: (tx: Tx, d: DossierRow, events: Awaited<ReturnType<typeof listEvents>>, now: Date) => Promise<Change>,
): Promise<void> {
  const actor = meta.actor
  if (!actor) throw new AppError('UNAUTHENTICATED')
  const done = await ctx.database.db.transaction().execute(async (tx) => {
    const d = await lockDossier(tx, code)
    if (!d) throw new AppError('NOT_FOUND', code)
    const subject = await dossierSubject(tx, d)
    if (!can(actor, { kind: 'dossier.view', dossier: subject })) throw new AppError('NOT_FOUND', code)
    if (!allowed(actor, subject)) throw new AppError('FORBIDDEN')
    if (d.version !== expectedVersion) throw new AppError('DOSSIER_VERSION_CONFLICT')
    const events = await listEvents(tx, d.id)
    const from = d.status as DossierStatus
    const to = nextStatus(from, type, lifecycleContext(d, events))
    if (to === null) throw new AppError('DOSSIER_WRONG_STATE')
    const now = new Date()
    const change = await build(tx, d, events, now)
    await recordEvent(tx, meta, d, { type, at: now, from, to, ...change })
    return { d, now, data: change.data ?? {} }
  })
  const procedure = await ctx.reference.published(done.d.procedure_code)
  noticeAfterCommit(ctx, {
    code,
    type,
    at: done.now,
    data: done.data,
    procedureName: procedure?.content.name ?? done.d.procedure_code,
    applicant: done.d.applicant as DossierChange['applicant'],
  })
}

const receiver: Rule = (actor, dossier) => can(actor, { kind: 'dossier.receive', dossier })
const applicantOrReceiver: Rule = (actor, dossier) => actor.kind === 'citizen' || receiver(actor, dossier)

/** Due date after an event, from all events including the new one. */
async function dueAfter(tx: Tx, d: DossierRow, events: { type: string; at: Date; data: unknown }[]): Promise<Date | null> {
  const r = deadlineOf(d, events, await loadCalendar(tx, d.agency_id))
  return r ? new Date(r.deadline.dueAt) : null
}

/** Accept (tiếp nhận): the clock starts, the tracking book gets its number, the receipt is issued. */
export function acceptDossier(ctx: Deps, meta: RequestMeta, code: string, version: number, note?: string) {
  return act(ctx, meta, code, version, 'accepted', receiver, async (tx, d, events, now) => {
    const due = await dueAfter(tx, d, [...events, { type: 'accepted', at: now, data: {} }])
    const year = Number(new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 4))
    const bookNo = await nextBookNo(tx, d.receiving_agency_id, year)
    return {
      note: note ?? null,
      data: { dueAt: due?.toISOString() ?? null, bookYear: year, bookNo, documents: ['receipt'] },
      set: { accepted_at: now, due_at: due, book_year: year, book_no: bookNo },
    }
  })
}

/**
 * Supplement request (yêu cầu bổ sung, hoàn thiện): everything missing, listed once with reasons
 * (Decree 61/2018 art. 19). Before acceptance the clock has not started; after it, it stops.
 */
export function requestSupplement(ctx: Deps, meta: RequestMeta, code: string, version: number, items: SupplementItem[], note?: string) {
  return act(ctx, meta, code, version, 'supplement_requested', receiver, async () => ({
    note: note ?? null,
    data: { items, documents: ['supplement'] },
  }))
}

export function refuseDossier(ctx: Deps, meta: RequestMeta, code: string, version: number, reason: string) {
  return act(ctx, meta, code, version, 'refused', receiver, async (_tx, _d, _e, now) => ({
    note: reason,
    data: { reason, documents: ['refusal'] },
    set: { closed_at: now },
  }))
}

export function withdrawDossier(ctx: Deps, meta: RequestMeta, code: string, version: number, reason: string) {
  return act(ctx, meta, code, version, 'withdrawn', applicantOrReceiver, async (_tx, _d, _e, now) => ({
    note: reason,
    data: { reason },
    set: { closed_at: now },
  }))
}

/** Extension (gia hạn) by a leader: the due date moves by the working time given, with its reason. */
export function extendDossier(ctx: Deps, meta: RequestMeta, code: string, version: number, workingDays: number, reason: string) {
  const rule: Rule = (actor, dossier) => can(actor, { kind: 'dossier.extend', dossier })
  return act(ctx, meta, code, version, 'extended', rule, async (tx, d, events, now) => {
    const workingMinutes = Math.round(workingDays * 8 * 60)
    const data = { workingMinutes, workingDays, reason }
    const due = await dueAfter(tx, d, [...events, { type: 'extended', at: now, data }])
    return { note: reason, data: { ...data, dueAt: due?.toISOString() ?? null }, set: { due_at: due } }
  })
}

/** The applicant (or the counter on their behalf) hands in what was asked for. */
export function submitSupplement(
  ctx: Deps,
  meta: RequestMeta,
  code: string,
  input: { version: number; components: ComponentInput[]; formData?: Record<string, unknown>; note?: string },
) {
  return act(ctx, meta, code, input.version, 'supplement_submitted', applicantOrReceiver, async (tx, d, events, now) => {
    const actor = meta.actor as Actor
    const version = await tx
      .selectFrom('procedure_versions')
      .select('content')
      .where('id', '=', d.procedure_version_id)
      .executeTakeFirstOrThrow()
    const content = version.content as ProcedureContent
    const used = await tx
      .selectFrom('dossier_files as df')
      .innerJoin('stored_files as f', 'f.id', 'df.file_id')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('f.size_bytes'), eb.lit(0)).as('n'))
      .where('df.dossier_id', '=', d.id)
      .executeTakeFirstOrThrow()
    const files = await checkComponents(tx, actor, content, input.components, {
      requireAll: false,
      paperCounts: actor.kind === 'officer',
      alreadyBytes: Number(used.n),
    })
    if (files.length === 0 && !input.formData && !input.components.some((c) => c.paperCopies > 0)) {
      throw new AppError('DOSSIER_COMPONENT_MISSING', 'chưa có tệp bổ sung')
    }
    let formData: Record<string, unknown> | undefined
    if (input.formData) {
      const form = validateEForm(content.eForm.fields, { ...(d.form_data as Record<string, unknown>), ...input.formData })
      if (form.errors.length > 0) throw new AppError('DOSSIER_FORM_INVALID', undefined, form.errors)
      formData = form.data
    }
    const data = {
      components: input.components.map((c) => ({ index: c.index, originalSighted: c.originalSighted, paperCopies: c.paperCopies })),
      formChanged: formData !== undefined,
    }
    const due = d.accepted_at ? await dueAfter(tx, d, [...events, { type: 'supplement_submitted', at: now, data }]) : null
    return { note: input.note ?? null, data, files, set: { ...(due ? { due_at: due } : {}), ...(formData ? { form_data: formData } : {}) } }
  })
}
