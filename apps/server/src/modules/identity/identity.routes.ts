import type { FastifyReply } from 'fastify'
import {
  ChangePassword,
  CitizenLogin,
  CitizenRegistration,
  Me,
  Ok,
  OfficerLogin,
  OidcConfigPublic,
  TotpCode,
  TotpSetup,
} from '@congso/contracts'
import { z } from 'zod'
import { loadSession, SESSION_COOKIE, SESSION_MAX_MS } from '../../auth/sessions.ts'
import type { AppContext } from '../../context.ts'
import { requestMeta, requireSession } from '../../http/auth-hooks.ts'
import { AppError } from '../../http/errors.ts'
import type { ZodApp } from '../../http/types.ts'
import {
  beginTotpSetup,
  changePassword,
  citizenLogin,
  describeMe,
  enableTotp,
  logout,
  officerLogin,
  registerCitizen,
  verifyTotpStep,
} from './identity.service.ts'
import { finishOidc, startOidc } from './oidc.service.ts'

export async function identityRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  const db = ctx.database.db
  const tags = ['identity']

  const setCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.config.secureCookies,
      path: '/',
      maxAge: SESSION_MAX_MS / 1000,
    })

  const signedIn = async (reply: FastifyReply, token: string) => {
    setCookie(reply, token)
    const session = await loadSession(db, token)
    if (!session) throw new AppError('INTERNAL')
    return describeMe(db, session)
  }

  app.get('/auth/me', { schema: { tags, response: { 200: Me } } }, async (req) => describeMe(db, requireSession(req)))

  app.post('/auth/officer/login', { schema: { tags, body: OfficerLogin, response: { 200: Me } } }, async (req, reply) => {
    const { token } = await officerLogin(db, requestMeta(req), req.body.username, req.body.password)
    return signedIn(reply, token)
  })
  app.post('/auth/citizen/login', { schema: { tags, body: CitizenLogin, response: { 200: Me } } }, async (req, reply) => {
    const { token } = await citizenLogin(db, requestMeta(req), req.body.login, req.body.password)
    return signedIn(reply, token)
  })
  app.post('/auth/citizen/register', { schema: { tags, body: CitizenRegistration, response: { 201: Me } } }, async (req, reply) => {
    const { token } = await registerCitizen(db, ctx.queue, requestMeta(req), req.body)
    return reply.status(201).send(await signedIn(reply, token))
  })
  app.post('/auth/totp/verify', { schema: { tags, body: TotpCode, response: { 200: Me } } }, async (req) => {
    const session = requireSession(req)
    await verifyTotpStep(db, { ...requestMeta(req), actor: session.actor }, session, req.body.code)
    return describeMe(db, (await loadSession(db, req.cookies[SESSION_COOKIE] ?? '')) ?? session)
  })
  app.post('/auth/totp/setup', { schema: { tags, response: { 200: TotpSetup } } }, async (req) => beginTotpSetup(db, requireSession(req)))
  app.post('/auth/totp/enable', { schema: { tags, body: TotpCode, response: { 200: Me } } }, async (req) => {
    const session = requireSession(req)
    await enableTotp(db, { ...requestMeta(req), actor: session.actor }, session, req.body.code)
    return describeMe(db, (await loadSession(db, req.cookies[SESSION_COOKIE] ?? '')) ?? session)
  })
  app.post('/auth/password', { schema: { tags, body: ChangePassword, response: { 200: Me } } }, async (req) => {
    const session = requireSession(req)
    await changePassword(db, { ...requestMeta(req), actor: session.actor }, session, req.body.currentPassword, req.body.newPassword)
    return describeMe(db, (await loadSession(db, req.cookies[SESSION_COOKIE] ?? '')) ?? session)
  })
  app.post('/auth/logout', { schema: { tags, response: { 200: Ok } } }, async (req, reply) => {
    const session = requireSession(req)
    await logout(db, { ...requestMeta(req), actor: session.actor }, session)
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return { ok: true as const }
  })

  app.get('/auth/oidc', { schema: { tags, response: { 200: OidcConfigPublic } } }, async () => ({
    enabled: ctx.config.oidc !== null,
    label: ctx.config.oidc?.label ?? '',
  }))
  app.get(
    '/auth/oidc/start',
    { schema: { tags, querystring: z.strictObject({ returnTo: z.string().max(300).optional() }) } },
    async (req, reply) => reply.redirect(await startOidc(db, ctx.config, req.query.returnTo ?? '/')),
  )
  app.get('/auth/oidc/callback', { schema: { tags, querystring: z.record(z.string(), z.string()) } }, async (req, reply) => {
    const url = new URL(req.url, ctx.config.publicUrl)
    const { token, returnTo } = await finishOidc(db, ctx.config, requestMeta(req), url)
    setCookie(reply, token)
    return reply.redirect(returnTo)
  })
}
