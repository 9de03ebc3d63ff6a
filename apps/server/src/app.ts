import { randomUUID } from 'node:crypto'
import fastifyCookie from '@fastify/cookie'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppContext } from './context.ts'
import { registerAuthHooks } from './http/auth-hooks.ts'
import { registerErrorHandler } from './http/error-handler.ts'
import { registerStaticWeb } from './http/static-web.ts'
import { calendarRoutes } from './modules/calendar/calendar.routes.ts'
import { catalogRoutes } from './modules/catalog/catalog.routes.ts'
import { documentsStoreRoutes } from './modules/documents-store/documents-store.routes.ts'
import { dossiersRoutes } from './modules/dossiers/dossiers.routes.ts'
import { outboxRoutes } from './modules/notifications/outbox.routes.ts'
import { filesRoutes } from './modules/files/files.routes.ts'
import { identityRoutes } from './modules/identity/identity.routes.ts'
import { orgRoutes } from './modules/org/org.routes.ts'
import { processingRoutes } from './modules/processing/processing.routes.ts'
import { signaturesRoutes } from './modules/signatures/signatures.routes.ts'
import { workflowRoutes } from './modules/workflow/workflow.routes.ts'
import { registerHealth } from './ops/health.ts'
import { registerMetrics } from './ops/metrics.ts'

// Validation messages people read are Vietnamese; the English message is the error code's.
z.config(z.locales.vi())

export async function buildApp(ctx: AppContext, opts: { serveWeb?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    // pino's Logger is wider than Fastify's base logger; narrowing keeps route scopes on the default logger type
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    loggerInstance: ctx.log as FastifyBaseLogger,
    bodyLimit: ctx.config.bodyLimitBytes,
    trustProxy: process.env.TRUST_PROXY === 'true',
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    forceCloseConnections: 'idle',
    ajv: { customOptions: { removeAdditional: false } },
  })
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id)
    reply.header('x-content-type-options', 'nosniff')
    reply.header('referrer-policy', 'same-origin')
    if (!req.url.startsWith('/api/docs')) {
      reply.header('x-frame-options', 'DENY')
      reply.header(
        'content-security-policy',
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'",
      )
    }
  })

  await app.register(fastifyCookie)
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Congso API', version: '1', description: 'Nền tảng chính quyền số Congso — API công khai và quản trị' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'congso_sid' } } },
    },
    transform: jsonSchemaTransform,
  })
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' })
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger())

  registerErrorHandler(app)
  registerMetrics(app)
  registerHealth(app, ctx)
  registerAuthHooks(app, ctx)

  const api = app.withTypeProvider<ZodTypeProvider>()
  await api.register(
    async (scope) => {
      await identityRoutes(scope.withTypeProvider<ZodTypeProvider>(), ctx)
      await orgRoutes(scope.withTypeProvider<ZodTypeProvider>(), ctx)
      await catalogRoutes(scope.withTypeProvider<ZodTypeProvider>(), ctx)
      await filesRoutes(scope.withTypeProvider<ZodTypeProvider>(), ctx)
      await calendarRoutes(scope.withTypeProvider<ZodTypeProvider>(), ctx)
      await dossiersRoutes(scope.withTypeProvider<ZodTypeProvider>(), ctx)
      await outboxRoutes(scope.withTypeProvider<ZodTypeProvider>(), ctx)
      await signaturesRoutes(scope.withTypeProvider<ZodTypeProvider>(), ctx)
      await processingRoutes(scope.withTypeProvider<ZodTypeProvider>(), ctx)
      await workflowRoutes(scope.withTypeProvider<ZodTypeProvider>(), ctx)
      await documentsStoreRoutes(scope.withTypeProvider<ZodTypeProvider>(), ctx)
    },
    { prefix: '/api/v1' },
  )

  if (opts.serveWeb !== false) await registerStaticWeb(app)
  return app
}
