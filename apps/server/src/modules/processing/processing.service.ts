import { randomUUID } from 'node:crypto'
import type { ProcessingAction } from '@congso/contracts'
import {
  applyProcessingEvent,
  computeDeadline,
  nextStatus,
  type DossierStatus,
  type ProcessingEvent,
  type ProcessingRefusal,
  type ProcessingState,
} from '@congso/domain'
import type { Transaction } from 'kysely'
import { can } from '../../auth/policy.ts'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { AppError } from '../../http/errors.ts'
import type { Actor, RequestMeta } from '../../http/request-context.ts'
import { loadCalendar } from '../calendar/calendar.service.ts'
import { dossierSubject, lifecycleContext, recordEvent, type Change } from '../dossiers/actions.service.ts'
import { noticeAfterCommit, type DossierChange } from '../dossiers/dossier-notices.ts'
import { findDossier, listEvents, lockDossier, type DossierRow, type ProjectionChange } from '../dossiers/dossiers.repo.ts'
import { sealFile } from '../signatures/signing.service.ts'
import { publishedProcessRow } from '../workflow/workflow.repo.ts'
import { loadDefinition, loadProcessing, eventData, type LoadedProcessing } from './processing.state.ts'
import { permitted } from './processing.rules.ts'
import { generateResultFile } from './result-document.ts'
import { projectionOf } from './projection.ts'

type Deps = Pick<AppContext, 'database' | 'queue' | 'log' | 'config' | 'reference' | 'storage'>
type Tx = Transaction<DB>

/** Why the workflow refused, in the officer's words. */
export const REFUSAL_VI: Record<ProcessingRefusal, string> = {
  'not-started': 'hồ sơ chưa được chuyển xử lý',
  'already-started': 'hồ sơ đã được chuyển xử lý',
  closed: 'hồ sơ đã kết thúc',
  waiting: 'hồ sơ đang tạm dừng hoặc chờ bổ sung',
  'not-paused': 'hồ sơ không tạm dừng',
  'not-waiting-supplement': 'hồ sơ không chờ bổ sung',
  'step-not-allowed': 'quy trình không cho chuyển đến bước này',
  'not-an-approval-step': 'bước hiện tại không phải bước phê duyệt',
  'not-the-result-step': 'chỉ trả kết quả ở bước trả kết quả',
  'decision-pending': 'hồ sơ chưa được phê duyệt',
  'already-decided': 'hồ sơ đã có quyết định',
  'result-missing': 'chưa có kết quả giải quyết',
  'consult-unknown': 'không có yêu cầu xin ý kiến này',
  'consult-answered': 'yêu cầu xin ý kiến đã được trả lời',
  'consult-open': 'còn yêu cầu xin ý kiến chưa được trả lời',
  'consult-id-taken': 'yêu cầu xin ý kiến bị trùng',
  'not-returned': 'kết quả chưa được trả',
  'not-by-post': 'kết quả không trả qua bưu chính',
  'already-rated': 'hồ sơ đã được đánh giá',
  'score-invalid': 'mức đánh giá từ 1 đến 5',
  'process-mismatch': 'quy trình của hồ sơ không khớp',
}

/** The working time of `days` from `from` on the agency's calendar. */
async function workingDue(db: Tx, agencyId: string, from: Date, value: number, unit: 'working_day' | 'working_hour'): Promise<Date> {
  const cfg = await loadCalendar(db, agencyId)
  return new Date(computeDeadline({ acceptedAt: from, duration: { value, unit }, now: from }, cfg).dueAt)
}

interface Built {
  event: ProcessingEvent
  note?: string | null
  data?: Record<string, unknown>
  files?: Change['files']
  set?: ProjectionChange
  after?: (tx: Tx) => Promise<void>
}

/** Turns an officer's request into the event it means, after checking who may ask for it. */
async function build(tx: Tx, ctx: Deps, actor: Actor, d: DossierRow, p: LoadedProcessing, input: Prepared, now: Date): Promise<Built> {
  const subject = await dossierSubject(tx, d)
  if (!permitted(input.action, actor, p, can(actor, { kind: 'dossier.receive', dossier: subject }))) throw new AppError('FORBIDDEN')
  switch (input.action) {
    case 'start': {
      const row = await publishedProcessRow(tx, d.procedure_code, d.agency_id)
      if (!row) throw new AppError('PROCESS_NOT_FOUND', 'cơ quan giải quyết chưa ban hành quy trình nội bộ cho thủ tục này')
      const def = await loadDefinition(tx, row.id)
      if (def) p.defs.set(row.id, def)
      return {
        event: { type: 'process_started', at: now, agencyId: d.agency_id, processVersionId: row.id, stepId: def?.startStepId ?? '' },
        note: 'Chuyển hồ sơ đến cơ quan giải quyết',
      }
    }
    case 'assign':
    case 'reassign': {
      if (input.userId) await assertOfficerOf(tx, input.userId, p.state.agencyId)
      const base = { at: now, unitId: input.unitId ?? null, userId: input.userId }
      return input.action === 'assign'
        ? { event: { type: 'assigned', ...base } }
        : { event: { type: 'reassigned', ...base, reason: input.reason }, note: input.reason }
    }
    case 'forward':
      if (input.userId) await assertOfficerOf(tx, input.userId, p.state.agencyId)
      return {
        event: { type: 'forwarded', at: now, toStepId: input.toStepId, opinion: input.opinion, userId: input.userId ?? null },
        note: input.opinion,
      }
    case 'return':
      return { event: { type: 'returned', at: now, toStepId: input.toStepId, reason: input.reason }, note: input.reason }
    case 'consult': {
      if (input.targetAgencyId === p.state.agencyId) throw new AppError('PROCESSING_NOT_ALLOWED', 'không xin ý kiến chính cơ quan mình')
      const target = await ctx.reference.agencyById(input.targetAgencyId)
      if (!target) throw new AppError('NOT_FOUND', input.targetAgencyId)
      const consultId = randomUUID()
      const dueAt = await workingDue(tx, target.id, now, input.workingDays, 'working_day')
      return {
        event: {
          type: 'consult_requested',
          at: now,
          consultId,
          targetAgencyId: target.id,
          targetUnitId: null,
          question: input.question,
          dueAt,
        },
        note: input.question,
        data: { agencyName: target.name },
        after: async (t) => {
          await t
            .insertInto('dossier_consultations')
            .values({
              consult_id: consultId,
              dossier_id: d.id,
              target_agency_id: target.id,
              question: input.question,
              asked_by: actor.userId,
              asked_at: now,
              due_at: dueAt,
            })
            .execute()
        },
      }
    }
    case 'answer_consult': {
      // Only the agency asked answers its own question.
      const c = p.state.consultations.find((x) => x.id === input.consultId)
      if (c && c.targetAgencyId !== actor.agencyId) throw new AppError('FORBIDDEN')
      return {
        event: { type: 'consult_answered', at: now, consultId: input.consultId, answer: input.answer },
        note: input.answer,
        after: async (t) => {
          await t
            .updateTable('dossier_consultations')
            .set({ answered_at: now, answered_by: actor.userId, answer: input.answer })
            .where('consult_id', '=', input.consultId)
            .execute()
        },
      }
    }
    case 'transfer': {
      const target = await ctx.reference.agencyById(input.agencyId)
      const procedure = await ctx.reference.published(d.procedure_code)
      if (!target || !target.code || !procedure?.implementing.includes(target.code) || target.id === p.state.agencyId)
        throw new AppError('PROCESS_AGENCY_NOT_IMPLEMENTING', target?.name ?? input.agencyId)
      const row = await publishedProcessRow(tx, d.procedure_code, target.id)
      if (!row) throw new AppError('PROCESS_NOT_FOUND', `${target.name} chưa ban hành quy trình nội bộ cho thủ tục này`)
      const def = await loadDefinition(tx, row.id)
      if (def) p.defs.set(row.id, def)
      return {
        event: {
          type: 'transferred',
          at: now,
          agencyId: target.id,
          processVersionId: row.id,
          stepId: def?.startStepId ?? '',
          reason: input.reason,
        },
        note: input.reason,
        data: { agencyName: target.name },
      }
    }
    case 'approve':
      return { event: { type: 'approved', at: now, opinion: input.opinion }, note: input.opinion }
    case 'refuse':
      return {
        event: { type: 'refused', at: now, reason: input.reason },
        note: input.reason,
        data: { documents: ['refusal'] },
      }
    case 'pause':
      return { event: { type: 'paused', at: now, reason: input.reason }, note: input.reason }
    case 'resume':
      return { event: { type: 'resumed', at: now } }
    case 'apologize': {
      const newDueAt = new Date(input.newDueAt)
      if (newDueAt.getTime() <= now.getTime() || (d.due_at && newDueAt.getTime() <= d.due_at.getTime()))
        throw new AppError('VALIDATION_FAILED', 'ngày hẹn mới phải sau ngày hẹn cũ và sau thời điểm hiện tại', [
          { path: 'body.newDueAt', message: 'Ngày hẹn mới phải sau ngày hẹn cũ' },
        ])
      return {
        event: { type: 'apology_issued', at: now, newDueAt, reason: input.reason },
        note: input.reason,
        data: { documents: ['apology'], previousDueAt: d.due_at?.toISOString() ?? null, dueAt: newDueAt.toISOString() },
        set: { due_at: newDueAt, apologized: true },
      }
    }
    case 'attach_result': {
      const file = await tx
        .selectFrom('stored_files as f')
        .leftJoin('dossier_files as df', 'df.file_id', 'f.id')
        .select(['f.id', 'df.id as linked'])
        .where('f.id', '=', input.fileId)
        .where('f.created_by', '=', actor.userId)
        .where('f.purpose', 'in', ['dossier_attachment', 'signed_document'])
        .executeTakeFirst()
      if (!file || file.linked) throw new AppError('PROCESSING_RESULT_INVALID')
      return {
        event: { type: 'result_attached', at: now, fileId: input.fileId },
        files: [{ componentIndex: RESULT_COMPONENT, fileId: input.fileId }],
      }
    }
    case 'return_result': {
      const channel = d.return_channel
      if (channel === 'post' && !input.postalTracking)
        throw new AppError('VALIDATION_FAILED', 'cần số hiệu bưu gửi', [{ path: 'body.postalTracking', message: 'Cần số hiệu bưu gửi' }])
      const late = Boolean(d.apologized) || (d.due_at !== null && now.getTime() > d.due_at.getTime())
      return {
        event: { type: 'result_returned', at: now, channel, postalTracking: channel === 'post' ? (input.postalTracking ?? null) : null },
        data: { late },
        set: { completed_at: now, completed_late: late, closed_at: now },
        after: async (t) => {
          if (channel !== 'online' || !d.applicant_user_id) return
          // Kho dữ liệu: an electronic result stays with the citizen for reuse in later dossiers.
          const procedure = await ctx.reference.published(d.procedure_code)
          for (const fileId of p.state.results) {
            await t
              .insertInto('citizen_documents')
              .values({
                user_id: d.applicant_user_id,
                file_id: fileId,
                title: `Kết quả: ${procedure?.content.name ?? d.procedure_code} (${d.code})`,
                dossier_id: d.id,
                procedure_code: d.procedure_code,
              })
              .onConflict((oc) => oc.columns(['user_id', 'file_id']).doNothing())
              .execute()
          }
        },
      }
    }
    case 'postal_status': {
      return { event: { type: 'postal_status', at: now, status: input.status } }
    }
    default: {
      const unreachable: never = input
      return unreachable
    }
  }
}

/** An action as the workflow sees it: a generated result is an attached one. */
type Prepared = Exclude<ProcessingAction, { action: 'generate_result' }>

/**
 * A generated result is rendered and stored first; a result to be sealed is signed first (a new
 * stored file, audited). Either way the action becomes the attachment of that file.
 */
async function prepareResult(ctx: Deps, meta: RequestMeta, actor: Actor, code: string, request: ProcessingAction): Promise<Prepared> {
  if (request.action !== 'attach_result' && request.action !== 'generate_result') return request
  let fileId: string
  if (request.action === 'generate_result') {
    const db = ctx.database.db
    const d = await findDossier(db, code)
    if (!d) throw new AppError('NOT_FOUND', code)
    const p = await loadProcessing(db, await listEvents(db, d.id), (d.form_data ?? {}) as Record<string, unknown>)
    if (!permitted('generate_result', actor, p, false)) throw new AppError('FORBIDDEN')
    if (p.state.decision !== 'approved') throw new AppError('PROCESSING_NOT_ALLOWED', REFUSAL_VI['decision-pending'])
    fileId = (await generateResultFile(ctx, meta, actor, d, p.state.agencyId ?? d.agency_id)).id
  } else fileId = request.fileId
  if (request.seal) fileId = (await sealFile(ctx, meta, actor, { fileId, reason: `Kết quả giải quyết hồ sơ ${code}` })).file.id
  return { action: 'attach_result', version: request.version, fileId }
}

/** Dossier components hold the applicant's files from 0; results are filed under this index. */
export const RESULT_COMPONENT = -1

async function assertOfficerOf(tx: Tx, userId: string, agencyId: string | null): Promise<void> {
  const u = await tx
    .selectFrom('users')
    .select('id')
    .where('id', '=', userId)
    .where('kind', '=', 'officer')
    .where('agency_id', '=', agencyId)
    .executeTakeFirst()
  if (!u) throw new AppError('PROCESSING_NOT_ALLOWED', 'cán bộ được phân công không thuộc cơ quan đang xử lý hồ sơ')
}

/**
 * One processing action: lock the dossier, check the version the officer saw and who may act,
 * apply the event with the workflow reducer (a refusal changes nothing), then write the event, the
 * projection and their side tables in one transaction; the applicant's notice is queued after.
 */
export async function processDossier(ctx: Deps, meta: RequestMeta, code: string, request: ProcessingAction): Promise<void> {
  const actor = meta.actor
  if (!actor || actor.kind !== 'officer') throw new AppError('FORBIDDEN')
  const input = await prepareResult(ctx, meta, actor, code, request)
  const done = await ctx.database.db.transaction().execute(async (tx) => {
    const d = await lockDossier(tx, code)
    if (!d) throw new AppError('NOT_FOUND', code)
    const subject = await dossierSubject(tx, d)
    const events = await listEvents(tx, d.id)
    const form = (d.form_data ?? {}) as Record<string, unknown>
    const p = await loadProcessing(tx, events, form)
    if (!can(actor, { kind: 'dossier.view', dossier: subject })) throw new AppError('NOT_FOUND', code)
    if (d.version !== input.version) throw new AppError('DOSSIER_VERSION_CONFLICT')
    const now = new Date()
    const b = await build(tx, ctx, actor, d, p, input, now)
    const applied = applyProcessingEvent(p.state, b.event, p.resolver)
    if (!applied.ok) throw new AppError('PROCESSING_NOT_ALLOWED', REFUSAL_VI[applied.refusal])
    const from = d.status as DossierStatus
    const to = nextStatus(from, b.event.type, lifecycleContext(d, events))
    if (to === null) throw new AppError('DOSSIER_WRONG_STATE')
    const projection = await projectionOf(tx, applied.state, p.defs, b.event, d)
    await recordEvent(tx, meta, d, {
      type: b.event.type,
      at: now,
      from,
      to,
      note: b.note ?? null,
      data: { ...eventData(b.event), ...b.data },
      ...(b.files ? { files: b.files } : {}),
      set: {
        ...projection,
        ...b.set,
        ...(applied.state.decision === 'refused' ? { closed_at: now, completed_at: now, completed_late: false } : {}),
      },
    })
    await b.after?.(tx)
    return { d, event: b.event, data: { ...eventData(b.event), ...b.data } }
  })
  const procedure = await ctx.reference.published(done.d.procedure_code)
  noticeAfterCommit(ctx, {
    code,
    type: done.event.type,
    at: done.event.at,
    data: done.data,
    procedureName: procedure?.content.name ?? done.d.procedure_code,
    applicant: done.d.applicant as DossierChange['applicant'],
  })
}

export type { ProcessingState }

/** The applicant rates the service once the result was handed over (Decision 766's satisfaction index). */
export async function rateDossier(
  ctx: Deps,
  meta: RequestMeta,
  code: string,
  input: { score: number; comment?: string | undefined },
): Promise<void> {
  const actor = meta.actor
  if (!actor || actor.kind !== 'citizen') throw new AppError('FORBIDDEN')
  await ctx.database.db.transaction().execute(async (tx) => {
    const d = await lockDossier(tx, code)
    if (!d || d.applicant_user_id !== actor.userId) throw new AppError('NOT_FOUND', code)
    const events = await listEvents(tx, d.id)
    const p = await loadProcessing(tx, events, (d.form_data ?? {}) as Record<string, unknown>)
    const event: ProcessingEvent = { type: 'rated', at: new Date(), score: input.score, comment: input.comment ?? null }
    const applied = applyProcessingEvent(p.state, event, p.resolver)
    if (!applied.ok) throw new AppError('RATING_NOT_ALLOWED', REFUSAL_VI[applied.refusal])
    const from = d.status as DossierStatus
    const to = nextStatus(from, 'rated', lifecycleContext(d, events))
    if (to === null) throw new AppError('RATING_NOT_ALLOWED')
    await recordEvent(tx, meta, d, {
      type: 'rated',
      at: event.at,
      from,
      to,
      note: input.comment ?? null,
      data: eventData(event),
      set: { rating: input.score },
    })
  })
}
