import type { CreatedDossier, DossierDetail } from '@congso/contracts'
import type { z } from 'zod'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditRows, client, createOfficer, errorOf, signIn, startTestApp, type Session, type TestApp } from '../../../test/harness.ts'
import { intakeWorld, onlineBody, submit, type IntakeWorld } from '../../../test/dossier-fixtures.ts'

let t: TestApp
let w: IntakeWorld
let admin: Session

beforeAll(async () => {
  t = await startTestApp()
  w = await intakeWorld(t, { processingTime: { value: 10, unit: 'working_day' } })
  const a = await createOfficer(t.ctx, { roles: ['system_admin'], agencyId: w.province.id, totp: true })
  admin = await signIn(t.app, a.username, a.password, a.totpSecret)
})
afterAll(() => t.close())

const vnDate = (iso: string) => new Date(new Date(iso).getTime() + 7 * 3600_000).toISOString().slice(0, 10)

/** The first weekday strictly between two instants that is a working day on the calendar. */
async function workingDayBetween(fromIso: string, toIso: string): Promise<string> {
  const year = Number(vnDate(fromIso).slice(0, 4))
  const view = (await client(t.app, admin).get(`/admin/calendar?year=${year}`)).json<{
    specialDays: { date: string; working: boolean }[]
  }>()
  const off = new Set(view.specialDays.filter((d) => !d.working).map((d) => d.date))
  const d = new Date(`${vnDate(fromIso)}T00:00:00Z`)
  for (;;) {
    d.setUTCDate(d.getUTCDate() + 1)
    const iso = d.toISOString().slice(0, 10)
    if (iso >= vnDate(toIso)) throw new Error('no working day in between')
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6 && !off.has(iso)) return iso
  }
}

describe('working calendar administration', () => {
  it('shows a year with its statutory holidays, lunar ones included', async () => {
    const res = await client(t.app, w.officer).get('/admin/calendar?year=2027')
    expect(res.statusCode, res.body).toBe(200)
    const view = res.json<{ statutoryHolidays: { date: string; name: string }[]; workingDays: number }>()
    const dates = view.statutoryHolidays.map((h) => h.date)
    expect(dates).toEqual(expect.arrayContaining(['2027-01-01', '2027-02-06', '2027-04-16', '2027-04-30', '2027-05-01', '2027-09-02']))
    expect(view.workingDays).toBeGreaterThan(240)
    expect(view.workingDays).toBeLessThan(255)
  })

  it('lets only a system admin change it, and audits the change', async () => {
    const body = { date: '2027-02-12', kind: 'day_off', name: 'Nghỉ bù theo Thông báo số 01/TB-BNV (thử)' }
    const officer = await client(t.app, w.officer).put('/admin/calendar/overrides/2027-02-12', body)
    expect(officer.statusCode).toBe(403)
    const res = await client(t.app, admin).put('/admin/calendar/overrides/2027-02-12', body)
    expect(res.statusCode, res.body).toBe(200)
    expect(await auditRows(t.ctx, 'calendar.override.save', '2027-02-12')).toHaveLength(1)
    const view = (await client(t.app, admin).get('/admin/calendar?year=2027')).json<{ specialDays: { date: string; kind: string }[] }>()
    expect(view.specialDays).toContainEqual(expect.objectContaining({ date: '2027-02-12', kind: 'day_off' }))
    const mismatch = await client(t.app, admin).put('/admin/calendar/overrides/2027-02-13', body)
    expect(errorOf(mismatch).code).toBe('VALIDATION_FAILED')
    expect((await client(t.app, admin).delete('/admin/calendar/overrides/2027-02-12')).statusCode).toBe(200)
    expect((await client(t.app, admin).delete('/admin/calendar/overrides/2027-02-12')).statusCode).toBe(404)
  })

  it('moves the due date of a running dossier by one day when a working day becomes a day off', async () => {
    const api = client(t.app, w.citizen)
    const res = await submit(api, await onlineBody(api, w))
    const code = res.json<z.infer<typeof CreatedDossier>>().code
    const officer = client(t.app, w.officer)
    const before = (await officer.get(`/dossiers/${code}`)).json<DossierDetail>()
    const accepted = (await officer.post(`/dossiers/${code}/accept`, { version: before.version })).json<DossierDetail>()
    const dueBefore = accepted.dueAt ?? ''
    const day = await workingDayBetween(accepted.acceptedAt ?? '', dueBefore)

    const put = await client(t.app, admin).put(`/admin/calendar/overrides/${day}`, { date: day, kind: 'day_off', name: 'Nghỉ thêm (thử)' })
    expect(put.statusCode, put.body).toBe(200)
    // recomputed by the worker after the change
    await expect
      .poll(async () => (await officer.get(`/dossiers/${code}`)).json<DossierDetail>().dueAt, { timeout: 20_000, interval: 250 })
      .not.toBe(dueBefore)
    const dueAfter = (await officer.get(`/dossiers/${code}`)).json<DossierDetail>().dueAt ?? ''
    const explanation = (await officer.get(`/dossiers/${code}/deadline`)).json<{ steps: { date: string; kind: string }[] }>()
    expect(explanation.steps.find((s) => s.date === day)?.kind).toBe('day_off')
    // exactly one working day later (8 working hours): same clock time on a later working day
    expect(new Date(dueAfter).getTime()).toBeGreaterThan(new Date(dueBefore).getTime())
    expect(dueAfter.slice(11, 16)).toBe(new Date(dueBefore).toISOString().slice(11, 16))

    await client(t.app, admin).delete(`/admin/calendar/overrides/${day}`)
    await expect
      .poll(async () => new Date((await officer.get(`/dossiers/${code}`)).json<DossierDetail>().dueAt ?? '').getTime(), { timeout: 20_000 })
      .toBe(new Date(dueBefore).getTime())
  })
})
