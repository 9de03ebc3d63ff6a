import type { FastifyError, FastifyInstance } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import { AppError, errorBody } from './errors.ts'

function issuePath(instancePath: string, prefix: string): string {
  const p = instancePath.replace(/^\//, '').replace(/\//g, '.')
  return p ? `${prefix}.${p}` : prefix
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) {
      if (err.status >= 500) req.log.error({ err }, 'application error')
      return reply.status(err.status).send({ ...errorBody(err.code, err.detail, err.fields), ...(err.extra ?? {}) })
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const prefix = err.validationContext ?? 'body'
      const fields = err.validation.map((v) => {
        const path = issuePath(v.instancePath, prefix)
        return { path, message: `Trường "${path}": ${v.message}` }
      })
      return reply.status(400).send(errorBody('VALIDATION_FAILED', fields.map((f) => f.message).join('; '), fields))
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.status(413).send(errorBody('BODY_TOO_LARGE'))
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.status(415).send(errorBody('UNSUPPORTED_MEDIA_TYPE'))
    if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return reply.status(400).send(errorBody('VALIDATION_FAILED', 'JSON không hợp lệ'))
    }
    if (err.statusCode === 429) return reply.status(429).send(errorBody('RATE_LIMITED'))
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send(errorBody('VALIDATION_FAILED', err.message))
    }
    req.log.error({ err }, 'unhandled error')
    return reply.status(500).send(errorBody('INTERNAL'))
  })
  app.setNotFoundHandler((req, reply) => reply.status(404).send(errorBody('NOT_FOUND', req.url.split('?')[0])))
}
