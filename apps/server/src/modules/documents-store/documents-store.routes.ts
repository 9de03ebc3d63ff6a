import { CitizenDocumentList, StoredFile } from '@congso/contracts'
import { z } from 'zod'
import type { AppContext } from '../../context.ts'
import { requestMeta, requireActor } from '../../http/auth-hooks.ts'
import type { ZodApp } from '../../http/types.ts'
import { myDocuments, reuseDocument } from './documents-store.service.ts'

const IdParams = z.strictObject({ id: z.uuid() })

export async function documentsStoreRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  const tags = ['documents-store']

  app.get(
    '/me/documents',
    {
      schema: {
        tags,
        summary: 'Kho dữ liệu của công dân',
        description: 'Các kết quả giải quyết được trả bản điện tử cho công dân, mới nhất trước (tối đa 500).',
        response: { 200: CitizenDocumentList },
      },
    },
    async (req) => myDocuments(ctx, requireActor(req)),
  )

  app.post(
    '/me/documents/:id/use',
    {
      schema: {
        tags,
        summary: 'Dùng giấy tờ trong kho dữ liệu làm thành phần hồ sơ mới',
        description:
          'Tạo một tệp đính kèm mới (cùng nội dung) thuộc về công dân, dùng như tệp vừa tải lên qua `POST /api/v1/files`: ' +
          'tham chiếu theo id trong thành phần hồ sơ; mỗi tệp chỉ dùng cho một hồ sơ. Tối đa 10 MB.',
        params: IdParams,
        response: { 201: StoredFile },
      },
    },
    async (req, reply) => {
      requireActor(req)
      const file = await reuseDocument(ctx, requestMeta(req), req.params.id)
      return reply.status(201).send(file)
    },
  )
}
