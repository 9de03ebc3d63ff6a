import { AgencyOfficeHours, CalendarOverrideInput, CalendarSettings, CalendarYearQuery, CalendarYearView, Ok } from '@congso/contracts'
import type { FastifyRequest } from 'fastify'
import { z } from 'zod'
import { can } from '../../auth/policy.ts'
import type { AppContext } from '../../context.ts'
import { requestMeta, requireActor } from '../../http/auth-hooks.ts'
import { AppError } from '../../http/errors.ts'
import type { ZodApp } from '../../http/types.ts'
import { agencyOfficeHours } from './calendar.repo.ts'
import { calendarYear, removeOverride, saveAgencyOfficeHours, saveCalendarSettings, saveOverride } from './calendar.service.ts'

const DateParams = z.strictObject({ date: z.iso.date() })
const IdParams = z.strictObject({ id: z.uuid() })

function requireOfficer(req: FastifyRequest) {
  const actor = requireActor(req)
  if (actor.kind !== 'officer') throw new AppError('FORBIDDEN')
  return actor
}
function requireCalendarEditor(req: FastifyRequest) {
  if (!can(requireActor(req), { kind: 'calendar.edit' })) throw new AppError('FORBIDDEN')
}

/** The working calendar: every officer reads it (it explains due dates); only system admins change it. */
export async function calendarRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  const db = ctx.database.db
  const tags = ['calendar']

  app.get(
    '/admin/calendar',
    { schema: { tags, summary: 'Lịch làm việc của năm', querystring: CalendarYearQuery, response: { 200: CalendarYearView } } },
    async (req) => {
      requireOfficer(req)
      return calendarYear(db, req.query.year)
    },
  )
  app.put('/admin/calendar/settings', { schema: { tags, body: CalendarSettings, response: { 200: Ok } } }, async (req) => {
    requireCalendarEditor(req)
    await saveCalendarSettings(ctx, requestMeta(req), req.body)
    return { ok: true as const }
  })
  app.put(
    '/admin/calendar/overrides/:date',
    { schema: { tags, summary: 'Thêm/sửa ngày nghỉ bù, làm bù', params: DateParams, body: CalendarOverrideInput, response: { 200: Ok } } },
    async (req) => {
      requireCalendarEditor(req)
      await saveOverride(ctx, requestMeta(req), req.params.date, req.body)
      return { ok: true as const }
    },
  )
  app.delete('/admin/calendar/overrides/:date', { schema: { tags, params: DateParams, response: { 200: Ok } } }, async (req) => {
    requireCalendarEditor(req)
    await removeOverride(ctx, requestMeta(req), req.params.date)
    return { ok: true as const }
  })
  app.get('/admin/agencies/:id/office-hours', { schema: { tags, params: IdParams, response: { 200: AgencyOfficeHours } } }, async (req) => {
    requireOfficer(req)
    return { officeHours: (await agencyOfficeHours(db, req.params.id)) as z.infer<typeof AgencyOfficeHours>['officeHours'] }
  })
  app.put(
    '/admin/agencies/:id/office-hours',
    { schema: { tags, params: IdParams, body: AgencyOfficeHours, response: { 200: Ok } } },
    async (req) => {
      requireCalendarEditor(req)
      await saveAgencyOfficeHours(ctx, requestMeta(req), req.params.id, req.body.officeHours)
      return { ok: true as const }
    },
  )
}
