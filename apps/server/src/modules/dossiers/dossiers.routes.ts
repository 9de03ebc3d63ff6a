import {
  AcceptDossier,
  ApplicantMatch,
  ApplicantSearchQuery,
  CreateDossier,
  CreatedDossier,
  DeadlineExplanation,
  DossierDetail,
  DossierList,
  DossierListQuery,
  Draft,
  ExtendDossier,
  InboxCounts,
  InboxQuery,
  Ok,
  PageQuery,
  RefuseDossier,
  RequestSupplement,
  SaveDraft,
  SubmitSupplement,
  TrackingQuery,
  TrackingView,
  WithdrawDossier,
  DossierStatusSchema,
} from '@congso/contracts'
import { z } from 'zod'
import type { AppContext } from '../../context.ts'
import { requestMeta, requireActor } from '../../http/auth-hooks.ts'
import { idempotencyKey } from '../../http/idempotency.ts'
import type { ZodApp } from '../../http/types.ts'
import { contentDisposition } from '../files/file-name.ts'
import { acceptDossier, extendDossier, refuseDossier, requestSupplement, submitSupplement, withdrawDossier } from './actions.service.ts'
import { dossierDeadline, dossierDetail } from './detail.service.ts'
import { renderDossierDocument } from './documents.service.ts'
import { deleteDraft, dropDraftAfterSubmit, listDrafts, saveDraft } from './drafts.service.ts'
import { inbox, inboxCounts, myDossiers, searchApplicants, trackingBook, trackingBookRows } from './lists.service.ts'
import { submitDossier } from './submit.service.ts'
import { trackDossier } from './tracking.service.ts'
import { trackingBookXlsx } from './tracking-book.xlsx.ts'

const CodeParams = z.strictObject({ code: z.string().min(5).max(80) })
const DocParams = CodeParams.extend({ seq: z.coerce.number().int().min(1).max(100_000) })
const IdParams = z.strictObject({ id: z.uuid() })
const IdempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .optional()
    .meta({ description: 'Khóa chống nộp trùng (8–128 ký tự), bắt buộc: thiếu thì lỗi IDEMPOTENCY_KEY_REQUIRED' }),
})
const BookQuery = DossierListQuery.omit({ page: true, pageSize: true })

export async function dossiersRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  const db = ctx.database.db
  const tags = ['dossiers']

  app.post(
    '/dossiers',
    {
      schema: {
        tags,
        summary: 'Nộp hồ sơ (trực tuyến, tại quầy hoặc qua bưu chính)',
        description:
          'Tệp đính kèm tải lên trước qua `POST /api/v1/files` rồi tham chiếu theo id. Bắt buộc tiêu đề `Idempotency-Key`: ' +
          'gửi lại cùng khóa trả về kết quả lần đầu và không tạo hồ sơ mới; cùng khóa với nội dung khác bị từ chối.',
        headers: IdempotencyHeader,
        body: CreateDossier,
        response: { 201: CreatedDossier },
      },
    },
    async (req, reply) => {
      requireActor(req)
      const meta = requestMeta(req)
      const result = await submitDossier(ctx, meta, idempotencyKey(req), req.body)
      if (!result.replayed && meta.actor?.kind === 'citizen') await dropDraftAfterSubmit(db, meta.actor.userId, req.body.procedureCode)
      if (result.replayed) void reply.header('idempotent-replayed', 'true')
      return reply.status(201).send(result.body)
    },
  )

  app.get('/dossiers/:code', { schema: { tags, params: CodeParams, response: { 200: DossierDetail } } }, async (req) =>
    dossierDetail(db, requireActor(req), req.params.code),
  )
  app.get(
    '/dossiers/:code/deadline',
    { schema: { tags, summary: 'Thời hạn giải quyết và cách tính từng ngày', params: CodeParams, response: { 200: DeadlineExplanation } } },
    async (req) => dossierDeadline(db, requireActor(req), req.params.code),
  )
  app.get(
    '/dossiers/:code/documents/:seq.pdf',
    { schema: { tags, summary: 'Tải phiếu/giấy đã cấp (PDF)', params: DocParams } },
    async (req, reply) => {
      const doc = await renderDossierDocument(ctx, requireActor(req), req.params.code, req.params.seq)
      return reply
        .type('application/pdf')
        .header('content-disposition', contentDisposition(doc.fileName))
        .header('cache-control', 'private, no-store')
        .send(doc.pdf)
    },
  )

  const action = <S extends z.ZodType>(
    path: string,
    summary: string,
    body: S,
    run: (req: { params: { code: string }; body: z.infer<S> }, meta: ReturnType<typeof requestMeta>) => Promise<void>,
  ) =>
    app.post(path, { schema: { tags, summary, params: CodeParams, body, response: { 200: DossierDetail } } }, async (req) => {
      const actor = requireActor(req)
      const r = req as unknown as { params: { code: string }; body: z.infer<S> }
      await run(r, requestMeta(req))
      return dossierDetail(db, actor, r.params.code)
    })

  action('/dossiers/:code/accept', 'Tiếp nhận hồ sơ, cấp giấy hẹn', AcceptDossier, (r, m) =>
    acceptDossier(ctx, m, r.params.code, r.body.version, r.body.note),
  )
  action('/dossiers/:code/supplement-request', 'Yêu cầu bổ sung, hoàn thiện hồ sơ', RequestSupplement, (r, m) =>
    requestSupplement(ctx, m, r.params.code, r.body.version, r.body.items, r.body.note),
  )
  action('/dossiers/:code/refuse', 'Từ chối tiếp nhận hồ sơ', RefuseDossier, (r, m) =>
    refuseDossier(ctx, m, r.params.code, r.body.version, r.body.reason),
  )
  action('/dossiers/:code/extend', 'Gia hạn thời gian giải quyết', ExtendDossier, (r, m) =>
    extendDossier(ctx, m, r.params.code, r.body.version, r.body.workingDays, r.body.reason),
  )
  action('/dossiers/:code/supplement', 'Nộp bổ sung hồ sơ', SubmitSupplement, (r, m) => submitSupplement(ctx, m, r.params.code, r.body))
  action('/dossiers/:code/withdraw', 'Rút hồ sơ', WithdrawDossier, (r, m) =>
    withdrawDossier(ctx, m, r.params.code, r.body.version, r.body.reason),
  )

  app.get(
    '/tracking/:code',
    {
      schema: {
        tags,
        summary: 'Tra cứu tiến độ hồ sơ (công khai)',
        description: 'Cần mã hồ sơ và 4 số cuối số điện thoại hoặc số CCCD của người nộp. Không trả về thông tin cá nhân.',
        params: CodeParams,
        querystring: TrackingQuery,
        response: { 200: TrackingView },
      },
    },
    async (req) => trackDossier(db, req.ip, req.params.code, req.query.factor),
  )

  app.get(
    '/me/dossiers',
    {
      schema: { tags, querystring: PageQuery.extend({ status: DossierStatusSchema.optional() }).strict(), response: { 200: DossierList } },
    },
    async (req) => myDossiers(db, requireActor(req), req.query),
  )
  app.get('/me/drafts', { schema: { tags, response: { 200: z.array(Draft) } } }, async (req) => {
    requireActor(req)
    return listDrafts(db, requestMeta(req))
  })
  app.put('/me/drafts', { schema: { tags, summary: 'Lưu nháp hồ sơ', body: SaveDraft, response: { 200: Draft } } }, async (req) => {
    requireActor(req)
    return saveDraft(ctx, requestMeta(req), req.body)
  })
  app.delete('/me/drafts/:id', { schema: { tags, params: IdParams, response: { 200: Ok } } }, async (req) => {
    requireActor(req)
    await deleteDraft(db, requestMeta(req), req.params.id)
    return { ok: true as const }
  })

  app.get('/officer/inbox/counts', { schema: { tags, response: { 200: InboxCounts } } }, async (req) => inboxCounts(db, requireActor(req)))
  app.get('/officer/inbox', { schema: { tags, querystring: InboxQuery, response: { 200: DossierList } } }, async (req) =>
    inbox(db, requireActor(req), req.query.box, req.query.page, req.query.pageSize),
  )
  app.get(
    '/officer/dossiers',
    { schema: { tags, summary: 'Sổ theo dõi hồ sơ', querystring: DossierListQuery, response: { 200: DossierList } } },
    async (req) => trackingBook(db, requireActor(req), req.query),
  )
  app.get(
    '/officer/dossiers.xlsx',
    { schema: { tags, summary: 'Xuất Sổ theo dõi hồ sơ ra Excel', querystring: BookQuery } },
    async (req, reply) => {
      const actor = requireActor(req)
      const rows = await trackingBookRows(db, actor, req.query)
      const period = [req.query.from, req.query.to].filter(Boolean).join(' – ')
      const xlsx = await trackingBookXlsx(rows, period ? `Kỳ: ${period}` : `Xuất ngày ${new Date().toISOString().slice(0, 10)}`)
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition('so-theo-doi-ho-so.xlsx'))
        .send(xlsx)
    },
  )
  app.get(
    '/officer/applicants',
    { schema: { tags, querystring: ApplicantSearchQuery, response: { 200: z.array(ApplicantMatch) } } },
    async (req) => searchApplicants(db, requireActor(req), req.query.q),
  )
}
