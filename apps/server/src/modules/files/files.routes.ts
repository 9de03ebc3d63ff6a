import { StoredFile } from '@congso/contracts'
import type { FastifyError, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { can } from '../../auth/policy.ts'
import type { AppContext } from '../../context.ts'
import { requestMeta, requireActor } from '../../http/auth-hooks.ts'
import { AppError } from '../../http/errors.ts'
import type { ZodApp } from '../../http/types.ts'
import { UPLOAD_CONTENT_TYPES } from './content-type.ts'
import { contentDisposition, decodeFileNameHeader } from './file-name.ts'
import {
  ATTACHMENT_MAX_BYTES,
  openAttachment,
  openTemplate,
  TEMPLATE_MAX_BYTES,
  uploadAttachment,
  uploadTemplate,
} from './files.service.ts'
import { canReadAttachment } from './attachment-access.ts'

const IdParams = z.strictObject({ id: z.uuid() })

/** Checked before the body is read: nobody without `catalog.edit` makes the server buffer 10 MB. */
async function requireCatalogEditor(req: FastifyRequest): Promise<void> {
  if (!can(requireActor(req), { kind: 'catalog.edit' })) throw new AppError('FORBIDDEN')
}

export async function filesRoutes(parent: ZodApp, ctx: AppContext): Promise<void> {
  const tags = ['files']

  // Own scope: the raw-body parsers and the error mapping serve these routes only.
  await parent.register(async (scope) => {
    const app = scope.withTypeProvider<ZodTypeProvider>()
    app.addContentTypeParser([...UPLOAD_CONTENT_TYPES], { parseAs: 'buffer', bodyLimit: TEMPLATE_MAX_BYTES }, (_req, body, done) =>
      done(null, body),
    )
    // Body-parser refusals in the words of this module; everything else goes to the app's handler.
    app.setErrorHandler((err: FastifyError) => {
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
        throw new AppError('FILE_TOO_LARGE', `tối đa ${Math.min(TEMPLATE_MAX_BYTES, ATTACHMENT_MAX_BYTES) / 1024 / 1024} MB`)
      if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') throw new AppError('FILE_TYPE_NOT_ALLOWED')
      throw err
    })

    app.post(
      '/admin/files/templates',
      {
        bodyLimit: TEMPLATE_MAX_BYTES,
        onRequest: requireCatalogEditor,
        schema: {
          tags,
          summary: 'Tải lên mẫu đơn, tờ khai của thủ tục',
          description:
            'Thân yêu cầu là nội dung tệp (không phải multipart); tên tệp trong tiêu đề `x-file-name` (UTF-8, mã hóa URI). ' +
            'Định dạng được xác định theo nội dung: PDF, DOC, DOCX, XLS, XLSX, PNG, JPEG; tối đa 10 MB.',
          response: { 201: StoredFile },
        },
      },
      async (req, reply) => {
        const body: unknown = req.body
        if (!Buffer.isBuffer(body)) throw new AppError('FILE_TYPE_NOT_ALLOWED')
        const file = await uploadTemplate(ctx, requestMeta(req), { fileName: decodeFileNameHeader(req.headers['x-file-name']), body })
        return reply.status(201).send(file)
      },
    )

    app.post(
      '/files',
      {
        bodyLimit: ATTACHMENT_MAX_BYTES,
        onRequest: async (req) => {
          requireActor(req)
        },
        schema: {
          tags,
          summary: 'Tải lên tệp đính kèm của hồ sơ',
          description:
            'Thân yêu cầu là nội dung tệp; tên tệp trong tiêu đề `x-file-name` (UTF-8, mã hóa URI). Định dạng xác định theo nội dung: ' +
            'PDF, JPEG, PNG, DOCX, XLSX; tối đa 10 MB một tệp. Tệp thuộc về người tải lên cho đến khi được đính kèm vào hồ sơ.',
          response: { 201: StoredFile },
        },
      },
      async (req, reply) => {
        const body: unknown = req.body
        if (!Buffer.isBuffer(body)) throw new AppError('ATTACHMENT_TYPE_NOT_ALLOWED')
        const file = await uploadAttachment(ctx, requestMeta(req), { fileName: decodeFileNameHeader(req.headers['x-file-name']), body })
        return reply.status(201).send(file)
      },
    )

    app.get('/files/:id', { schema: { tags, summary: 'Tải về tệp đính kèm của hồ sơ', params: IdParams } }, async (req, reply) => {
      const actor = requireActor(req)
      const { file, createdBy, stream } = await openAttachment(ctx, req.params.id)
      if (!(await canReadAttachment(ctx.database.db, actor, file.id, createdBy))) {
        stream.destroy()
        throw new AppError('NOT_FOUND', req.params.id)
      }
      return reply
        .type(file.contentType)
        .header('content-length', file.sizeBytes)
        .header('content-disposition', contentDisposition(file.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(stream)
    })

    app.get(
      '/files/templates/:id',
      { schema: { tags, summary: 'Tải về mẫu đơn, tờ khai (công khai)', params: IdParams } },
      async (req, reply) => {
        const { file, stream } = await openTemplate(ctx, req.params.id)
        return reply
          .type(file.contentType)
          .header('content-length', file.sizeBytes)
          .header('content-disposition', contentDisposition(file.fileName))
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'public, max-age=86400')
          .header('etag', `"${file.sha256}"`)
          .send(stream)
      },
    )
  })
}
