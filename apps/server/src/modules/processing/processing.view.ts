import type { ProcessingActionName, ProcessingView, StoredFile } from '@congso/contracts'
import { applyProcessingEvent, deadlineFlag, forwardTargets, returnTargets, type ProcessingEvent, type StepDef } from '@congso/domain'
import { can } from '../../auth/policy.ts'
import type { AppContext } from '../../context.ts'
import { AppError } from '../../http/errors.ts'
import type { Actor } from '../../http/request-context.ts'
import { loadCalendar } from '../calendar/calendar.service.ts'
import { dossierSubject } from '../dossiers/actions.service.ts'
import { documentUrl } from '../dossiers/detail.service.ts'
import { findDossier, listEvents, type Db, type DossierRow } from '../dossiers/dossiers.repo.ts'
import { loadProcessing, type LoadedProcessing } from './processing.state.ts'
import { currentStep, permitted } from './processing.rules.ts'
import { stepDueAt } from './projection.ts'
import { RESULT_COMPONENT } from './processing.service.ts'

type Deps = Pick<AppContext, 'database' | 'reference'>

/** Trước hạn if handed on before the due day (Vietnam time), đúng hạn on or before the due instant, else quá hạn. */
export function handOverOutcome(leftAt: Date | null, dueAt: Date | null, now: Date): 'early' | 'on_time' | 'late' | null {
  if (!dueAt) return null
  if (!leftAt) return now.getTime() > dueAt.getTime() ? 'late' : null
  if (leftAt.getTime() > dueAt.getTime()) return 'late'
  const day = (t: Date) => new Date(t.getTime() + 7 * 3600_000).toISOString().slice(0, 10)
  return day(leftAt) < day(dueAt) ? 'early' : 'on_time'
}

async function names(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => x !== null))]
  if (wanted.length === 0) return new Map()
  const rows = await db.selectFrom('users').select(['id', 'full_name']).where('id', 'in', wanted).execute()
  return new Map(rows.map((r) => [r.id, r.full_name]))
}

/** Probes the reducer with the event an action would write: the view never offers what would be refused. */
function accepts(p: LoadedProcessing, e: ProcessingEvent): boolean {
  return applyProcessingEvent(p.state, e, p.resolver).ok
}

function allowedActions(
  actor: Actor,
  d: DossierRow,
  p: LoadedProcessing,
  counter: boolean,
  fwd: string[],
  ret: string[],
): ProcessingActionName[] {
  const at = new Date()
  const probes: Record<ProcessingActionName, () => boolean> = {
    start: () => d.status === 'accepted' && p.state.phase === 'not_started',
    assign: () => accepts(p, { type: 'assigned', at, unitId: null, userId: null }),
    reassign: () => p.state.assignee.userId !== null && accepts(p, { type: 'reassigned', at, unitId: null, userId: null, reason: 'x' }),
    forward: () => fwd.length > 0,
    return: () => ret.length > 0,
    consult: () =>
      accepts(p, { type: 'consult_requested', at, consultId: 'probe', targetAgencyId: null, targetUnitId: null, question: 'x', dueAt: at }),
    answer_consult: () => p.state.phase !== 'closed' && p.state.consultations.some((c) => c.answeredAt === null),
    transfer: () =>
      accepts(p, {
        type: 'transferred',
        at,
        agencyId: p.state.agencyId ?? '',
        processVersionId: p.state.processVersionId ?? '',
        stepId: p.resolver.definition(p.state.processVersionId ?? '')?.startStepId ?? '',
        reason: 'x',
      }),
    approve: () => accepts(p, { type: 'approved', at, opinion: 'x' }),
    refuse: () => accepts(p, { type: 'refused', at, reason: 'x' }),
    pause: () => accepts(p, { type: 'paused', at, reason: 'x' }),
    resume: () => accepts(p, { type: 'resumed', at }),
    apologize: () => p.state.phase !== 'not_started' && accepts(p, { type: 'apology_issued', at, newDueAt: at, reason: 'x' }),
    attach_result: () => accepts(p, { type: 'result_attached', at, fileId: 'probe' }),
    generate_result: () => accepts(p, { type: 'result_attached', at, fileId: 'probe' }),
    return_result: () => accepts(p, { type: 'result_returned', at, channel: 'counter' }),
    postal_status: () => d.return_channel === 'post' && accepts(p, { type: 'postal_status', at, status: 'delivered' }),
  }
  return (Object.keys(probes) as ProcessingActionName[]).filter((a) => permitted(a, actor, p, counter) && probes[a]())
}

/**
 * The processing of a dossier as one reader sees it: an officer of the agencies concerned (with
 * what they may do now), or the applicant (`citizen`: results, return and rating only).
 */
export async function processingView(ctx: Deps, actor: Actor, code: string): Promise<ProcessingView> {
  const db = ctx.database.db
  const d = await findDossier(db, code)
  if (!d) throw new AppError('NOT_FOUND', code)
  const events = await listEvents(db, d.id)
  const p = await loadProcessing(db, events, (d.form_data ?? {}) as Record<string, unknown>)
  const subject = await dossierSubject(db, d)
  const citizen = actor.kind === 'citizen'
  if (!can(actor, { kind: 'dossier.view', dossier: subject })) throw new AppError('NOT_FOUND', code)
  const now = new Date()
  const counter = can(actor, { kind: 'dossier.receive', dossier: subject })
  const def = p.state.processVersionId ? p.defs.get(p.state.processVersionId) : undefined
  const step = currentStep(p)
  const form = p.resolver.form
  const stepName = (versionId: string | null, id: string): string =>
    (versionId ? p.defs.get(versionId)?.steps.find((s) => s.id === id)?.name : undefined) ?? id
  const fwd =
    def && step && !citizen
      ? forwardTargets(def, step.id, form).filter((to) => accepts(p, { type: 'forwarded', at: now, toStepId: to, opinion: 'x' }))
      : []
  const ret =
    def && step && !citizen
      ? returnTargets(def, step.id).filter((to) => accepts(p, { type: 'returned', at: now, toStepId: to, reason: 'x' }))
      : []

  // Visits carry their agency, whose process version is the one in force when they were made.
  const versionAt = new Map<number, string | null>()
  let version: string | null = null
  for (const [i, v] of p.state.visits.entries()) {
    const started = events.find(
      (e) => (e.type === 'process_started' || e.type === 'transferred') && e.at.getTime() === v.enteredAt.getTime(),
    )
    if (started) version = ((started.data ?? {}) as { processVersionId?: string }).processVersionId ?? version
    versionAt.set(i, version)
  }
  const userNames = await names(db, [...p.state.visits.map((v) => v.userId), p.state.assignee.userId])
  const handlers = visitHandlers(events)
  const visits = await Promise.all(
    p.state.visits.map(async (v, i) => {
      const vId = versionAt.get(i) ?? null
      const s: StepDef | undefined = vId ? p.defs.get(vId)?.steps.find((x) => x.id === v.stepId) : undefined
      const dueAt = s ? await stepDueAt(db, v.agencyId, s, v.enteredAt) : null
      return {
        agencyId: v.agencyId,
        agencyName: (await ctx.reference.agencyById(v.agencyId))?.name ?? '',
        stepId: v.stepId,
        stepName: stepName(vId, v.stepId),
        enteredAt: v.enteredAt.toISOString(),
        leftAt: v.leftAt?.toISOString() ?? null,
        dueAt: dueAt?.toISOString() ?? null,
        // Who was given the step, else who actually handed it on.
        assigneeName: (v.userId ? userNames.get(v.userId) : undefined) ?? handlers[i] ?? null,
        exit: v.exit,
        outcome: handOverOutcome(v.leftAt, dueAt, now),
      }
    }),
  )
  const consultRows = await db.selectFrom('dossier_consultations').selectAll().where('dossier_id', '=', d.id).execute()
  const results = await resultFiles(db, d.id)
  const apologySeqs = events.filter((e) => e.type === 'apology_issued')
  const cfg = step && p.state.agencyId ? await loadCalendar(db, p.state.agencyId) : null
  const agency = p.state.agencyId ? await ctx.reference.agencyById(p.state.agencyId) : null
  return {
    started: p.state.phase !== 'not_started',
    processVersionId: p.state.processVersionId,
    agency: agency ? { id: agency.id, name: agency.name } : null,
    step:
      step && d.step_entered_at
        ? {
            id: step.id,
            name: step.name,
            kind: step.kind,
            role: step.role,
            enteredAt: d.step_entered_at.toISOString(),
            dueAt: d.step_due_at?.toISOString() ?? null,
            flag: d.step_due_at && cfg && p.state.phase === 'running' ? deadlineFlag(d.step_due_at, now, cfg) : null,
          }
        : null,
    assignee: {
      userId: p.state.assignee.userId,
      userName: p.state.assignee.userId ? (userNames.get(p.state.assignee.userId) ?? null) : null,
      unitId: p.state.assignee.unitId,
      unitName: p.state.assignee.unitId ? ((await ctx.reference.agencyById(p.state.assignee.unitId))?.name ?? null) : null,
    },
    decision: p.state.decision,
    consultations: await Promise.all(
      p.state.consultations.map(async (c) => {
        const row = consultRows.find((r) => r.consult_id === c.id)
        return {
          id: c.id,
          agencyName: c.targetAgencyId ? ((await ctx.reference.agencyById(c.targetAgencyId))?.name ?? '') : '',
          question: row?.question ?? '',
          askedAt: c.askedAt.toISOString(),
          dueAt: c.dueAt.toISOString(),
          answeredAt: c.answeredAt?.toISOString() ?? null,
          answer: row?.answer ?? null,
        }
      }),
    ),
    visits,
    results,
    apologies: p.state.apologies.map((a, i) => ({
      at: a.at.toISOString(),
      newDueAt: a.newDueAt.toISOString(),
      reason: a.reason,
      url: documentUrl(code, apologySeqs[i]?.seq ?? 0),
    })),
    returned: p.state.returned
      ? {
          at: p.state.returned.at.toISOString(),
          channel: p.state.returned.channel,
          postalTracking: p.state.returned.postalTracking,
          postalStatus: p.state.returned.postalStatus,
        }
      : null,
    rating: p.state.rating,
    allowedActions: citizen ? [] : allowedActions(actor, d, p, counter, fwd, ret),
    forwardTargets: fwd.map((id) => ({ id, name: stepName(p.state.processVersionId, id) })),
    returnTargets: ret.map((id) => ({ id, name: stepName(p.state.processVersionId, id) })),
    transferTargets: citizen ? [] : await transferTargets(ctx, d, p.state.agencyId),
    consultTargets: citizen ? [] : await consultTargets(db, p.state.agencyId),
    assignees: citizen || !p.state.agencyId ? [] : await assignees(db, p.state.agencyId),
    controlSheetUrl: `/api/v1/dossiers/${encodeURIComponent(code)}/control-sheet`,
  }
}

/** Events that end a step stay, in order: the i-th one ended the i-th visit. */
const LEAVES = new Set(['forwarded', 'returned', 'transferred', 'refused', 'result_returned'])

/** For each visit, the name of the officer whose action ended it (null while it is open). */
export function visitHandlers(events: readonly { type: string; actor_name: string | null }[]): (string | null)[] {
  const started = events.findIndex((e) => e.type === 'process_started')
  if (started < 0) return []
  return events
    .slice(started)
    .filter((e) => LEAVES.has(e.type))
    .map((e) => e.actor_name)
}

export async function resultFiles(db: Db, dossierId: string): Promise<StoredFile[]> {
  const rows = await db
    .selectFrom('dossier_files as df')
    .innerJoin('stored_files as f', 'f.id', 'df.file_id')
    .select(['f.id', 'f.file_name', 'f.content_type', 'f.size_bytes', 'f.sha256'])
    .where('df.dossier_id', '=', dossierId)
    .where('df.component_index', '=', RESULT_COMPONENT)
    .orderBy('df.created_at')
    .execute()
  return rows.map((r) => ({ id: r.id, fileName: r.file_name, contentType: r.content_type, sizeBytes: r.size_bytes, sha256: r.sha256 }))
}

/** Agencies implementing the procedure that have a published process: where a dossier can be transferred. */
async function transferTargets(ctx: Deps, d: DossierRow, current: string | null) {
  const procedure = await ctx.reference.published(d.procedure_code)
  if (!procedure) return []
  const rows = await ctx.database.db
    .selectFrom('process_versions as pv')
    .innerJoin('agencies as a', 'a.id', 'pv.agency_id')
    .select(['a.id', 'a.name', 'a.code'])
    .where('pv.procedure_code', '=', d.procedure_code)
    .where('pv.status', '=', 'published')
    .execute()
  return rows.filter((r) => r.id !== current && r.code && procedure.implementing.includes(r.code)).map((r) => ({ id: r.id, name: r.name }))
}

async function consultTargets(db: Db, current: string | null) {
  const rows = await db.selectFrom('agencies').select(['id', 'name']).where('kind', '<>', 'unit').orderBy('name').execute()
  return rows.filter((r) => r.id !== current).map((r) => ({ id: r.id, name: r.name }))
}

async function assignees(db: Db, agencyId: string) {
  const rows = await db
    .selectFrom('users as u')
    .leftJoin('agencies as unit', 'unit.id', 'u.unit_id')
    .select(['u.id', 'u.full_name', 'unit.name as unit_name'])
    .where('u.kind', '=', 'officer')
    .where('u.agency_id', '=', agencyId)
    .orderBy('u.full_name')
    .execute()
  return rows.map((r) => ({ userId: r.id, name: r.full_name, unitName: r.unit_name }))
}
