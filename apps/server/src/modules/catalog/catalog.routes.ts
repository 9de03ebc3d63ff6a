import {
  AdminProcedureList,
  AdminProcedureQuery,
  CatalogExportQuery,
  CatalogImportQuery,
  FieldCount,
  ImportReport,
  ProcedureAdminView,
  ProcedureContent,
  ProcedureDetail,
  ProcedureSearchQuery,
  ProcedureSearchResult,
  PublicationDecision,
} from '@congso/contracts'
import type { FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { can, type Action } from '../../auth/policy.ts'
import type { AppContext } from '../../context.ts'
import { requestMeta, requireActor } from '../../http/auth-hooks.ts'
import { AppError } from '../../http/errors.ts'
import type { ZodApp } from '../../http/types.ts'
import { searchProcedures } from './catalog.search.ts'
import {
  abolishProcedure,
  createProcedure,
  deleteDraft,
  exportPublished,
  getAdminView,
  getPublicDetail,
  importCatalog,
  listAdmin,
  listFieldCounts,
  publishProcedure,
  saveDraft,
} from './catalog.service.ts'
import { catalogToXlsx, xlsxToCatalog } from './catalog.xlsx.ts'

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const IMPORT_BODY_LIMIT = 10 * 1024 * 1024
const CodeParams = z.strictObject({ code: z.string().trim().min(1).max(30) })

/** Authenticated, and allowed every action listed; 403 otherwise. */
function authorize(req: FastifyRequest, ...actions: Action[]) {
  const actor = requireActor(req)
  if (!actions.every((a) => can(actor, a))) throw new AppError('FORBIDDEN')
  return requestMeta(req)
}

export async function catalogRoutes(parent: ZodApp, ctx: AppContext): Promise<void> {
  const db = ctx.database.db
  const tags = ['catalog']

  // Own scope: the spreadsheet body parser serves the import route only, not the other modules.
  await parent.register(async (scope) => {
    const app = scope.withTypeProvider<ZodTypeProvider>()
    app.addContentTypeParser(XLSX_TYPE, { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, (_req, body, done) => done(null, body))

    // ------------------------------------------------------------ public
    app.get('/procedures', { schema: { tags, querystring: ProcedureSearchQuery, response: { 200: ProcedureSearchResult } } }, async (req) =>
      searchProcedures(db, req.query),
    )
    app.get('/procedures/:code', { schema: { tags, params: CodeParams, response: { 200: ProcedureDetail } } }, async (req) =>
      getPublicDetail(db, req.params.code),
    )
    app.get('/catalog/fields', { schema: { tags, response: { 200: z.array(FieldCount) } } }, async () => listFieldCounts(db))

    // ------------------------------------------------------------ admin: versions and publication
    app.get(
      '/admin/procedures',
      { schema: { tags, querystring: AdminProcedureQuery, response: { 200: AdminProcedureList } } },
      async (req) => {
        authorize(req, { kind: 'catalog.edit' })
        return listAdmin(db, req.query.q, req.query.page, req.query.pageSize)
      },
    )
    app.get('/admin/procedures/:code', { schema: { tags, params: CodeParams, response: { 200: ProcedureAdminView } } }, async (req) => {
      authorize(req, { kind: 'catalog.edit' })
      return getAdminView(db, req.params.code)
    })
    app.post(
      '/admin/procedures',
      { schema: { tags, body: ProcedureContent, response: { 201: ProcedureAdminView } } },
      async (req, reply) => {
        const meta = authorize(req, { kind: 'catalog.edit' })
        return reply.status(201).send(await createProcedure(db, meta, req.body))
      },
    )
    app.put(
      '/admin/procedures/:code/draft',
      { schema: { tags, params: CodeParams, body: ProcedureContent, response: { 200: ProcedureAdminView } } },
      async (req) => saveDraft(db, authorize(req, { kind: 'catalog.edit' }), req.params.code, req.body),
    )
    app.delete('/admin/procedures/:code/draft', { schema: { tags, params: CodeParams } }, async (req, reply) => {
      await deleteDraft(db, authorize(req, { kind: 'catalog.edit' }), req.params.code)
      return reply.status(204).send()
    })
    app.post(
      '/admin/procedures/:code/publish',
      { schema: { tags, params: CodeParams, body: PublicationDecision, response: { 200: ProcedureAdminView } } },
      async (req) => publishProcedure(db, authorize(req, { kind: 'catalog.publish' }), req.params.code, req.body),
    )
    app.post(
      '/admin/procedures/:code/abolish',
      { schema: { tags, params: CodeParams, body: PublicationDecision, response: { 200: ProcedureAdminView } } },
      async (req) => abolishProcedure(db, authorize(req, { kind: 'catalog.publish' }), req.params.code, req.body),
    )

    // ------------------------------------------------------------ admin: import / export
    app.get('/admin/catalog/export', { schema: { tags, querystring: CatalogExportQuery } }, async (req, reply) => {
      authorize(req, { kind: 'catalog.transfer' })
      const items = await exportPublished(db)
      const day = new Date().toISOString().slice(0, 10)
      if (req.query.format === 'json') {
        return reply.header('content-disposition', `attachment; filename="thu-tuc-${day}.json"`).send(items)
      }
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="thu-tuc-${day}.xlsx"`)
        .send(await catalogToXlsx(items))
    })
    app.post(
      '/admin/catalog/import',
      { bodyLimit: IMPORT_BODY_LIMIT, schema: { tags, querystring: CatalogImportQuery, response: { 200: ImportReport } } },
      async (req) => {
        const q = req.query
        const publish = q.publish === 'true'
        const meta = authorize(req, { kind: 'catalog.transfer' }, ...(publish ? [{ kind: 'catalog.publish' } as const] : []))
        const body: unknown = req.body
        const format = q.format ?? (Buffer.isBuffer(body) ? 'xlsx' : 'json')
        const decision = publish
          ? { number: q.decisionNumber ?? '', date: q.decisionDate ?? '', signer: q.decisionSigner ?? '' }
          : undefined
        if (format === 'xlsx') {
          if (!Buffer.isBuffer(body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', XLSX_TYPE)
          const parsed = await xlsxToCatalog(body).catch(() => {
            throw new AppError('VALIDATION_FAILED', 'Không đọc được tệp Excel')
          })
          return importCatalog(db, meta, parsed.items, { publish: decision, locate: parsed.locate, errors: parsed.errors })
        }
        if (!Array.isArray(body)) throw new AppError('VALIDATION_FAILED', 'Tệp JSON phải là một mảng thủ tục')
        return importCatalog(db, meta, body, { publish: decision })
      },
    )
  })
}
