import {
  Ok,
  SealInfo,
  SealRequest,
  SignedFile,
  SigningSession,
  SigningSessionComplete,
  SigningSessionInput,
  TrustAnchor,
  TrustAnchorInput,
  TrustAnchorList,
  ValidationReport,
  VerificationResult,
} from '@congso/contracts'
import type { FastifyError, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { can } from '../../auth/policy.ts'
import type { AppContext } from '../../context.ts'
import { requestMeta, requireActor } from '../../http/auth-hooks.ts'
import { AppError } from '../../http/errors.ts'
import type { ZodApp } from '../../http/types.ts'
import { contentDisposition } from '../files/file-name.ts'
import { demoCrlRoute } from './demo-crl.ts'
import { sealInfo } from './seal-info.ts'
import { completeSigningSession, sealFile, startSigningSession } from './signing.service.ts'
import { addTrustAnchor, removeTrustAnchor, trustAnchors } from './trust-store.service.ts'
import { fileReport, fileSignedRevision, VERIFY_MAX_BYTES, verifyUpload } from './verification.service.ts'

const IdParams = z.strictObject({ id: z.uuid() })
const RevisionParams = z.strictObject({ id: z.uuid(), index: z.coerce.number().int().min(1).max(100) })

function requireTrustAdmin(req: FastifyRequest) {
  if (!can(requireActor(req), { kind: 'signature.trust.manage' })) throw new AppError('FORBIDDEN')
}
function requireOfficer(req: FastifyRequest) {
  const actor = requireActor(req)
  if (actor.kind !== 'officer') throw new AppError('FORBIDDEN')
  return actor
}

export async function signaturesRoutes(parent: ZodApp, ctx: AppContext): Promise<void> {
  const tags = ['signatures']
  demoCrlRoute(parent, ctx)

  parent.get(
    '/admin/trust-anchors',
    { schema: { tags, summary: 'Danh sách chứng thư gốc tin cậy', response: { 200: TrustAnchorList } } },
    async (req) => {
      requireOfficer(req)
      return { items: await trustAnchors(ctx) }
    },
  )
  parent.post(
    '/admin/trust-anchors',
    { schema: { tags, summary: 'Thêm chứng thư gốc tin cậy (CA)', body: TrustAnchorInput, response: { 201: TrustAnchor } } },
    async (req, reply) => {
      requireTrustAdmin(req)
      return reply.status(201).send(await addTrustAnchor(ctx, requestMeta(req), req.body))
    },
  )
  parent.delete('/admin/trust-anchors/:id', { schema: { tags, params: IdParams, response: { 200: Ok } } }, async (req) => {
    requireTrustAdmin(req)
    await removeTrustAnchor(ctx, requestMeta(req), req.params.id)
    return { ok: true as const }
  })

  parent.get(
    '/signatures/seal',
    { schema: { tags, summary: 'Con dấu số của cơ quan người dùng', response: { 200: SealInfo } } },
    async (req) => sealInfo(ctx, requireOfficer(req)),
  )
  parent.post(
    '/signatures/seal',
    { schema: { tags, summary: 'Ký số bằng chứng thư số của cơ quan (đóng dấu)', body: SealRequest, response: { 201: SignedFile } } },
    async (req, reply) => reply.status(201).send(await sealFile(ctx, requestMeta(req), requireOfficer(req), req.body)),
  )
  parent.post(
    '/signatures/sessions',
    {
      schema: {
        tags,
        summary: 'Chuẩn bị ký số bằng thiết bị ký (USB token) hoặc dịch vụ ký từ xa',
        description: 'Máy chủ chuẩn bị tài liệu và chỉ trả về giá trị băm SHA-256 để thiết bị ký; khóa bí mật không rời thiết bị.',
        body: SigningSessionInput,
        response: { 201: SigningSession },
      },
    },
    async (req, reply) => reply.status(201).send(await startSigningSession(ctx, requestMeta(req), requireOfficer(req), req.body)),
  )
  parent.post(
    '/signatures/sessions/:id/complete',
    {
      schema: {
        tags,
        summary: 'Gắn chữ ký (CMS) trả về từ thiết bị ký',
        params: IdParams,
        body: SigningSessionComplete,
        response: { 201: SignedFile },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await completeSigningSession(ctx, requestMeta(req), requireOfficer(req), req.params.id, req.body.cms)),
  )

  parent.get(
    '/files/:id/signatures',
    { schema: { tags, summary: 'Kết quả kiểm tra chữ ký số của tệp', params: IdParams, response: { 200: ValidationReport } } },
    async (req) => fileReport(ctx, requireActor(req), req.params.id),
  )
  parent.get(
    '/files/:id/signatures/:index/revision',
    { schema: { tags, summary: 'Bản tài liệu tại thời điểm chữ ký thứ n được ký', params: RevisionParams } },
    async (req, reply) => {
      const { fileName, bytes } = await fileSignedRevision(ctx, requireActor(req), req.params.id, req.params.index - 1)
      return reply
        .type('application/pdf')
        .header('content-disposition', contentDisposition(fileName))
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(bytes))
    },
  )

  // Own scope: the public check takes the raw PDF as its body.
  await parent.register(async (scope) => {
    const app = scope.withTypeProvider<ZodTypeProvider>()
    app.addContentTypeParser(
      ['application/pdf', 'application/octet-stream'],
      { parseAs: 'buffer', bodyLimit: VERIFY_MAX_BYTES },
      (_req, body, done) => done(null, body),
    )
    app.setErrorHandler((err: FastifyError) => {
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw new AppError('FILE_TOO_LARGE', `tối đa ${VERIFY_MAX_BYTES / 1024 / 1024} MB`)
      if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') throw new AppError('SIGNATURE_NOT_PDF')
      throw err
    })
    app.post(
      '/signatures/verify',
      {
        bodyLimit: VERIFY_MAX_BYTES,
        schema: {
          tags,
          summary: 'Kiểm tra chữ ký số của tệp PDF (công khai, không lưu tệp)',
          description: 'Thân yêu cầu là nội dung tệp PDF (application/pdf), tối đa 20 MB.',
          response: { 200: VerificationResult },
        },
      },
      async (req) => {
        const body: unknown = req.body
        if (!Buffer.isBuffer(body)) throw new AppError('SIGNATURE_NOT_PDF')
        return verifyUpload(ctx, req.ip, body)
      },
    )
  })
}
