import {
  AgencyOverview,
  AgencyOverviewQuery,
  Ok,
  ProcessingAction,
  ProcessingInbox,
  ProcessingInboxQuery,
  ProcessingView,
  RateDossier,
} from '@congso/contracts'
import { z } from 'zod'
import type { AppContext } from '../../context.ts'
import { requestMeta, requireActor } from '../../http/auth-hooks.ts'
import type { ZodApp } from '../../http/types.ts'
import { contentDisposition } from '../files/file-name.ts'
import { controlSheetPdf } from './control-sheet.service.ts'
import { processingInbox } from './inbox.service.ts'
import { agencyOverview } from './overview.service.ts'
import { processDossier, rateDossier } from './processing.service.ts'
import { processingView } from './processing.view.ts'

const CodeParams = z.strictObject({ code: z.string().min(5).max(60) })

export async function processingRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  const tags = ['processing']
  const db = ctx.database.db

  app.get(
    '/dossiers/:code/processing',
    { schema: { tags, summary: 'Quá trình giải quyết hồ sơ', params: CodeParams, response: { 200: ProcessingView } } },
    async (req) => processingView(ctx, requireActor(req), req.params.code),
  )
  app.post(
    '/dossiers/:code/processing',
    {
      schema: {
        tags,
        summary: 'Xử lý hồ sơ theo quy trình nội bộ',
        description:
          'Một thao tác (chuyển xử lý, phân công, chuyển bước, trả lại, xin ý kiến, liên thông, phê duyệt, từ chối, tạm dừng, xin lỗi, trả kết quả…) kèm `version` của hồ sơ.',
        params: CodeParams,
        body: ProcessingAction,
        response: { 200: ProcessingView },
      },
    },
    async (req) => {
      const actor = requireActor(req)
      await processDossier(ctx, requestMeta(req), req.params.code, req.body)
      return processingView(ctx, actor, req.params.code)
    },
  )
  app.get(
    '/dossiers/:code/control-sheet',
    { schema: { tags, summary: 'Phiếu kiểm soát quá trình giải quyết hồ sơ (PDF)', params: CodeParams } },
    async (req, reply) => {
      const { fileName, pdf } = await controlSheetPdf(ctx, requireActor(req), req.params.code)
      return reply
        .type('application/pdf')
        .header('content-disposition', contentDisposition(fileName))
        .header('cache-control', 'private, no-store')
        .send(pdf)
    },
  )
  app.get('/me/dossiers/:code/processing', { schema: { tags, params: CodeParams, response: { 200: ProcessingView } } }, async (req) =>
    processingView(ctx, requireActor(req), req.params.code),
  )
  app.post(
    '/me/dossiers/:code/rating',
    { schema: { tags, summary: 'Đánh giá mức độ hài lòng', params: CodeParams, body: RateDossier, response: { 200: Ok } } },
    async (req) => {
      await rateDossier(ctx, requestMeta(req), req.params.code, req.body)
      return { ok: true as const }
    },
  )
  app.get(
    '/processing/inbox',
    { schema: { tags, summary: 'Hồ sơ cần xử lý', querystring: ProcessingInboxQuery, response: { 200: ProcessingInbox } } },
    async (req) => processingInbox(db, requireActor(req), req.query),
  )
  app.get(
    '/processing/overview',
    {
      schema: {
        tags,
        summary: 'Tình hình giải quyết hồ sơ của cơ quan',
        querystring: AgencyOverviewQuery,
        response: { 200: AgencyOverview },
      },
    },
    async (req) => agencyOverview(db, requireActor(req), req.query),
  )
}
