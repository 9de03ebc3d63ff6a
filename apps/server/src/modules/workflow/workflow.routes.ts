import {
  ProcessCheckInput,
  ProcessCheckResult,
  ProcessDraftInput,
  ProcessImportInput,
  ProcessList,
  ProcessListQuery,
  ProcessPublishInput,
  ProcessValidationFailure,
  ProcessVersionView,
} from '@congso/contracts'
import { z } from 'zod'
import type { AppContext } from '../../context.ts'
import { requestMeta, requireActor } from '../../http/auth-hooks.ts'
import type { ZodApp } from '../../http/types.ts'
import { contentDisposition } from '../files/file-name.ts'
import {
  checkProcess,
  discardProcessDraft,
  exportProcess,
  getProcess,
  importProcess,
  listProcesses,
  publishProcess,
  saveProcessDraft,
} from './workflow.service.ts'

const IdParams = z.strictObject({ id: z.uuid() })
const RevisionQuery = z.strictObject({ expectedRevision: z.coerce.number().int().positive().optional() })

/**
 * Internal processes (quy trình nội bộ) per procedure and implementing agency. Reading is for the
 * agency's staff, writing for its admins (`workflow.view` / `workflow.edit`, decided in the
 * service once the agency is known). A definition that cannot be published is answered with
 * `PROCESS_INVALID` (422), its issues as field errors, and nothing is written.
 */
export async function workflowRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  const db = ctx.database.db
  const tags = ['workflow']
  const written = { 200: ProcessVersionView, 422: ProcessValidationFailure }

  app.get(
    '/admin/processes',
    { schema: { tags, summary: 'Danh sách phiên bản quy trình nội bộ', querystring: ProcessListQuery, response: { 200: ProcessList } } },
    async (req) => listProcesses(db, requireActor(req), req.query),
  )
  app.get(
    '/admin/processes/:id',
    { schema: { tags, summary: 'Một phiên bản quy trình nội bộ', params: IdParams, response: { 200: ProcessVersionView } } },
    async (req) => getProcess(db, requireActor(req), req.params.id),
  )
  app.post(
    '/admin/processes/check',
    {
      schema: {
        tags,
        summary: 'Kiểm tra quy trình (không lưu)',
        description: 'Trả về mọi lỗi của quy trình so với thời hạn giải quyết và các phòng của cơ quan; không ghi gì.',
        body: ProcessCheckInput,
        response: { 200: ProcessCheckResult },
      },
    },
    async (req) => checkProcess(db, requireActor(req), req.body),
  )
  app.put(
    '/admin/processes/draft',
    {
      schema: {
        tags,
        summary: 'Tạo hoặc thay bản dự thảo quy trình',
        description: 'Không có expectedRevision: chỉ tạo khi chưa có bản dự thảo. Có: thay bản dự thảo nếu chưa ai sửa kể từ revision đó.',
        body: ProcessDraftInput,
        response: written,
      },
    },
    async (req) => {
      requireActor(req)
      return saveProcessDraft(ctx, requestMeta(req), req.body)
    },
  )
  app.post(
    '/admin/processes/import',
    { schema: { tags, summary: 'Nhập quy trình từ tệp JSON thành bản dự thảo', body: ProcessImportInput, response: written } },
    async (req) => {
      requireActor(req)
      return importProcess(ctx, requestMeta(req), req.body)
    },
  )
  app.post(
    '/admin/processes/:id/publish',
    {
      schema: {
        tags,
        summary: 'Ban hành bản dự thảo quy trình',
        description: 'Bản đang áp dụng chuyển thành hết hiệu lực; hồ sơ đang xử lý vẫn theo phiên bản đã gắn.',
        params: IdParams,
        body: ProcessPublishInput.optional(),
        response: written,
      },
    },
    async (req) => {
      requireActor(req)
      return publishProcess(ctx, requestMeta(req), req.params.id, req.body?.expectedRevision)
    },
  )
  app.delete(
    '/admin/processes/:id',
    { schema: { tags, summary: 'Hủy bản dự thảo quy trình', params: IdParams, querystring: RevisionQuery } },
    async (req, reply) => {
      requireActor(req)
      await discardProcessDraft(ctx, requestMeta(req), req.params.id, req.query.expectedRevision)
      return reply.status(204).send()
    },
  )
  app.get(
    '/admin/processes/:id/export',
    { schema: { tags, summary: 'Xuất quy trình ra tệp JSON', params: IdParams } },
    async (req, reply) => {
      const { fileName, ...file } = await exportProcess(db, requireActor(req), req.params.id)
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', contentDisposition(fileName))
        .header('cache-control', 'private, no-store')
        .send(JSON.stringify(file, null, 2))
    },
  )
}
