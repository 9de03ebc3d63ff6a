import {
  Agency,
  CreateAgency,
  Ok,
  OrgSettings,
  ResetPassword,
  Staff,
  UpdateAgency,
  UpdateOrgSettings,
  CreateStaff,
  UpdateStaff,
  Paged,
  AuditEntry,
  PageQuery,
} from '@congso/contracts'
import { z } from 'zod'
import { can } from '../../auth/policy.ts'
import type { AppContext } from '../../context.ts'
import { requestMeta, requireActor } from '../../http/auth-hooks.ts'
import { AppError } from '../../http/errors.ts'
import type { ZodApp } from '../../http/types.ts'
import { listAudit } from '../audit/audit.repo.ts'
import { createAgency, getOrgSettings, listVisibleAgencies, publicAgencies, updateAgency, updateGovernmentLevels } from './org.service.ts'
import { createStaff, listStaff, resetStaffPassword, unlockStaff, updateStaff } from './staff.service.ts'

const IdParams = z.strictObject({ id: z.uuid() })

export async function orgRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  const db = ctx.database.db
  const tags = ['org']

  app.get('/org/settings', { schema: { tags, response: { 200: OrgSettings } } }, async () => getOrgSettings(db, ctx.config.provinceName))
  app.get('/agencies', { schema: { tags, response: { 200: z.array(Agency) } } }, async () => publicAgencies(db))

  app.put('/admin/org/settings', { schema: { tags, body: UpdateOrgSettings, response: { 200: OrgSettings } } }, async (req) => {
    requireActor(req)
    return updateGovernmentLevels(db, requestMeta(req), req.body.governmentLevels, ctx.config.provinceName)
  })
  app.get('/admin/agencies', { schema: { tags, response: { 200: z.array(Agency) } } }, async (req) => {
    requireActor(req)
    return listVisibleAgencies(db, requestMeta(req))
  })
  app.post('/admin/agencies', { schema: { tags, body: CreateAgency, response: { 201: Agency } } }, async (req, reply) => {
    requireActor(req)
    return reply.status(201).send(await createAgency(db, requestMeta(req), req.body))
  })
  app.patch('/admin/agencies/:id', { schema: { tags, params: IdParams, body: UpdateAgency, response: { 200: Agency } } }, async (req) => {
    requireActor(req)
    return updateAgency(db, requestMeta(req), req.params.id, req.body)
  })
  app.get('/admin/agencies/:id/staff', { schema: { tags, params: IdParams, response: { 200: z.array(Staff) } } }, async (req) => {
    requireActor(req)
    return listStaff(db, requestMeta(req), req.params.id)
  })
  app.post('/admin/staff', { schema: { tags, body: CreateStaff, response: { 201: Staff } } }, async (req, reply) => {
    requireActor(req)
    return reply.status(201).send(await createStaff(db, requestMeta(req), req.body))
  })
  app.patch('/admin/staff/:id', { schema: { tags, params: IdParams, body: UpdateStaff, response: { 200: Staff } } }, async (req) => {
    requireActor(req)
    return updateStaff(db, requestMeta(req), req.params.id, req.body)
  })
  app.post(
    '/admin/staff/:id/reset-password',
    { schema: { tags, params: IdParams, body: ResetPassword, response: { 200: Ok } } },
    async (req) => {
      requireActor(req)
      await resetStaffPassword(db, requestMeta(req), req.params.id, req.body.newPassword)
      return { ok: true as const }
    },
  )
  app.post('/admin/staff/:id/unlock', { schema: { tags, params: IdParams, response: { 200: Ok } } }, async (req) => {
    requireActor(req)
    await unlockStaff(db, requestMeta(req), req.params.id)
    return { ok: true as const }
  })
  app.get('/admin/audit', { schema: { tags, querystring: PageQuery.strict(), response: { 200: Paged(AuditEntry) } } }, async (req) => {
    const actor = requireActor(req)
    if (!can(actor, { kind: 'audit.read' })) throw new AppError('FORBIDDEN')
    const scope = actor.roles.includes('system_admin') ? null : actor.agencyId
    const { items, total } = await listAudit(db, req.query.page, req.query.pageSize, scope)
    return { items, total, page: req.query.page, pageSize: req.query.pageSize }
  })
}
