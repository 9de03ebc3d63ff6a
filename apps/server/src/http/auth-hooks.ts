import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { loadSession, SESSION_COOKIE, type LoadedSession } from '../auth/sessions.ts'
import type { AppContext } from '../context.ts'
import { AppError } from './errors.ts'
import type { Actor, RequestMeta } from './request-context.ts'

declare module 'fastify' {
  interface FastifyRequest {
    session: LoadedSession | null
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Loads the session from its cookie and enforces CSRF protection on state-changing requests:
 * a signed-in request must echo the session's CSRF token in `X-CSRF-Token`, and any browser
 * request must come from our own origin (SameSite=Lax cookies are the first line).
 */
export function registerAuthHooks(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('session', null)
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return
    const token = req.cookies[SESSION_COOKIE]
    req.session = token ? await loadSession(ctx.database.db, token) : null
    if (SAFE_METHODS.has(req.method)) return
    const origin = req.headers.origin
    if (origin && origin !== new URL(ctx.config.publicUrl).origin && origin !== `${req.protocol}://${req.host}`) {
      throw new AppError('CSRF_FAILED', 'Origin')
    }
    if (req.session && req.headers['x-csrf-token'] !== req.session.csrfToken) throw new AppError('CSRF_FAILED')
  })
}

export function requestMeta(req: FastifyRequest): RequestMeta {
  return {
    actor: req.session?.stage === 'ok' ? req.session.actor : null,
    ip: req.ip,
    userAgent: req.headers['user-agent'] ?? null,
    requestId: String(req.id),
  }
}

/** The signed-in actor (all sign-in steps done), or 401. */
export function requireActor(req: FastifyRequest): Actor {
  const s = req.session
  if (!s) throw new AppError('UNAUTHENTICATED')
  if (s.stage !== 'ok') throw new AppError('AUTH_STAGE')
  return s.actor
}

export function requireSession(req: FastifyRequest): LoadedSession {
  if (!req.session) throw new AppError('UNAUTHENTICATED')
  return req.session
}

export type Reply = FastifyReply
