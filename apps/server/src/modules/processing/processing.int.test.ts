import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DossierDetail, ProcessingInbox, ProcessingView } from '@congso/contracts'
import { standardProcess, statusFromEvents, type DossierEventType } from '@congso/domain'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  client,
  createAgency,
  createOfficer,
  errorOf,
  signIn,
  startTestApp,
  type Session,
  type TestAgency,
  type TestApp,
} from '../../../test/harness.ts'
import { escalate } from './escalation.job.ts'
import { intakeProcedure, onlineBody, publish, publishProcess, registerCitizen, submit, upload } from '../../../test/dossier-fixtures.ts'

let t: TestApp
let province: TestAgency
let commune: TestAgency
let dept: TestAgency
let unit: TestAgency
let citizen: Awaited<ReturnType<typeof registerCitizen>>
const c: Record<string, Session> = {}
const s: Record<string, Session> = {}
const procedure = intakeProcedure({ processingTime: { value: 10, unit: 'working_day' } })

async function officer(agency: TestAgency, role: Parameters<typeof createOfficer>[1]['roles'][number], unitId?: string) {
  const o = await createOfficer(t.ctx, { roles: [role], agencyId: agency.id, ...(unitId ? { unitId } : {}) })
  return { ...(await signIn(t.app, o.username, o.password)), userId: o.id }
}

beforeAll(async () => {
  t = await startTestApp()
  province = await createAgency(t.ctx, { kind: 'province', name: 'Tỉnh Thử' })
  commune = await createAgency(t.ctx, { kind: 'commune', parentId: province.id, name: 'UBND Phường Một' })
  dept = await createAgency(t.ctx, { kind: 'department', parentId: province.id, name: 'Sở Tư pháp Thử' })
  unit = await createAgency(t.ctx, { kind: 'unit', parentId: dept.id, name: 'Phòng Hành chính tư pháp' })
  const proc = { ...procedure, agencyCodes: [commune.code!, dept.code!] }
  Object.assign(procedure, proc)
  await publish(t, proc)
  await publishProcess(t, procedure.code, commune.id, standardProcess())
  await publishProcess(t, procedure.code, dept.id, standardProcess({ specialistUnitId: unit.id }))
  for (const role of ['receiving_officer', 'processing_officer', 'unit_head', 'agency_leader', 'clerk'] as const) {
    c[role] = await officer(commune, role)
    s[role] = await officer(dept, role, role === 'processing_officer' || role === 'unit_head' ? unit.id : undefined)
  }
  citizen = await registerCitizen(t)
}, 60_000)
afterAll(() => t?.close())

type Who = Session & { userId?: string }

async function newDossier(returnChannel: 'online' | 'counter' | 'post' = 'online'): Promise<string> {
  const api = client(t.app, citizen)
  const world = { procedure, commune } as unknown as Parameters<typeof onlineBody>[1]
  const body = await onlineBody(api, world, {
    returnChannel,
    agencyCode: commune.code,
    ...(returnChannel === 'post' ? { returnAddress: 'Số 12 đường Lê Lợi, phường Một' } : {}),
  })
  const res = await submit(api, body)
  expect(res.statusCode, res.body).toBe(201)
  const code = res.json<{ code: string }>().code
  const accepted = await client(t.app, c.receiving_officer).post(`/dossiers/${code}/accept`, { version: 1 })
  expect(accepted.statusCode, accepted.body).toBe(200)
  return code
}

async function version(code: string): Promise<number> {
  return (await client(t.app, c.receiving_officer).get(`/dossiers/${code}`)).json<DossierDetail>().version
}

async function act(who: Who, code: string, body: Record<string, unknown>) {
  return client(t.app, who).post(`/dossiers/${code}/processing`, { version: await version(code), ...body })
}

async function ok(who: Who, code: string, body: Record<string, unknown>): Promise<ProcessingView> {
  const res = await act(who, code, body)
  expect(res.statusCode, `${String(body.action)}: ${res.body}`).toBe(200)
  return res.json<ProcessingView>()
}

async function eventTypes(code: string): Promise<DossierEventType[]> {
  const rows = await t.ctx.database.db
    .selectFrom('dossier_events as e')
    .innerJoin('dossiers as d', 'd.id', 'e.dossier_id')
    .select('e.type')
    .where('d.code', '=', code)
    .orderBy('e.seq')
    .execute()
  return rows.map((r) => r.type as DossierEventType)
}

async function statusOf(code: string): Promise<string> {
  const d = await t.ctx.database.db.selectFrom('dossiers').select('status').where('code', '=', code).executeTakeFirstOrThrow()
  // The projection always equals the fold of the events.
  expect(statusFromEvents((await eventTypes(code)).map((type) => ({ type })))).toBe(d.status)
  return d.status
}

describe('running a dossier through the internal process', () => {
  it('specialist → unit head → leader approval → clerk → electronic result → the citizen rates it', async () => {
    const code = await newDossier('online')
    let v = await ok(c.receiving_officer!, code, { action: 'start' })
    expect(v.step).toMatchObject({ id: 'tham-dinh', name: 'Thẩm định hồ sơ' })
    expect(await statusOf(code)).toBe('processing')

    const inbox = (await client(t.app, c.processing_officer).get('/processing/inbox?tab=todo')).json<ProcessingInbox>()
    expect(inbox.items.map((i) => i.code)).toContain(code)
    expect(inbox.counts.todo).toBeGreaterThanOrEqual(1)

    v = await ok(c.unit_head!, code, { action: 'assign', userId: (c.processing_officer as Who).userId })
    expect(v.assignee.userName).toMatch(/^Cán bộ /)
    // Only the assignee (or a lead) moves it on; a specialist of another agency cannot even see it.
    expect((await act(s.processing_officer!, code, { action: 'forward', toStepId: 'kiem-tra', opinion: 'Đủ điều kiện' })).statusCode).toBe(
      404,
    )
    expect(errorOf(await act(c.processing_officer!, code, { action: 'forward', toStepId: 'phe-duyet', opinion: 'Bỏ qua bước' })).code).toBe(
      'PROCESSING_NOT_ALLOWED',
    )
    v = await ok(c.processing_officer!, code, { action: 'forward', toStepId: 'kiem-tra', opinion: 'Hồ sơ đủ điều kiện' })
    v = await ok(c.unit_head!, code, { action: 'forward', toStepId: 'phe-duyet', opinion: 'Trình lãnh đạo' })
    expect(v.allowedActions).toEqual(expect.arrayContaining(['approve', 'refuse', 'return']))
    expect(v.allowedActions).not.toContain('forward')
    expect(errorOf(await act(c.agency_leader!, code, { action: 'forward', toStepId: 'phat-hanh', opinion: 'Chưa duyệt' })).code).toBe(
      'PROCESSING_NOT_ALLOWED',
    )
    v = await ok(c.agency_leader!, code, { action: 'approve', opinion: 'Đồng ý cấp' })
    expect(await statusOf(code)).toBe('result_ready')
    v = await ok(c.agency_leader!, code, { action: 'forward', toStepId: 'phat-hanh', opinion: 'Giao văn thư phát hành' })
    const result = await upload(client(t.app, c.clerk), 'trich-luc-khai-sinh.pdf')
    v = await ok(c.clerk!, code, { action: 'attach_result', fileId: result.id })
    expect(v.results.map((f) => f.id)).toEqual([result.id])
    v = await ok(c.clerk!, code, { action: 'forward', toStepId: 'tra-ket-qua', opinion: 'Chuyển trả kết quả' })
    v = await ok(c.receiving_officer!, code, { action: 'return_result' })
    expect(v.returned).toMatchObject({ channel: 'online' })
    expect(await statusOf(code)).toBe('completed')

    // The citizen downloads the result, finds it in the document store, rates once.
    const mine = (await client(t.app, citizen).get(`/me/dossiers/${code}/processing`)).json<ProcessingView>()
    expect(mine.results[0]?.id).toBe(result.id)
    expect(mine.allowedActions).toEqual([])
    expect((await client(t.app, citizen).get(`/files/${result.id}`)).statusCode).toBe(200)
    const store = await t.ctx.database.db.selectFrom('citizen_documents').selectAll().where('user_id', '=', citizen.me.id).execute()
    expect(store.map((r) => r.file_id)).toContain(result.id)
    expect((await client(t.app, citizen).post(`/me/dossiers/${code}/rating`, { score: 5, comment: 'Nhanh, đúng hẹn' })).statusCode).toBe(
      200,
    )
    expect(errorOf(await client(t.app, citizen).post(`/me/dossiers/${code}/rating`, { score: 1 })).code).toBe('RATING_NOT_ALLOWED')
    const row = await t.ctx.database.db
      .selectFrom('dossiers')
      .select(['rating', 'completed_late'])
      .where('code', '=', code)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ rating: 5, completed_late: false })

    // Every hand-over is a row of the control sheet.
    const sheet = await client(t.app, c.agency_leader).get(`/dossiers/${code}/control-sheet`)
    expect(sheet.statusCode).toBe(200)
    const dir = mkdtempSync(join(tmpdir(), 'congso-sheet-'))
    writeFileSync(join(dir, 's.pdf'), sheet.rawPayload)
    const text = execFileSync('pdftotext', ['-layout', join(dir, 's.pdf'), '-'], { encoding: 'utf8' })
    expect(text).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH')
    expect(text).toContain(code)
    for (const step of ['Thẩm định hồ sơ', 'Lãnh đạo phê duyệt, ký', 'Tổ chức, cá nhân']) expect(text.replace(/\s+/g, ' ')).toContain(step)
    expect(v.visits.map((x) => x.stepId)).toEqual(['tham-dinh', 'kiem-tra', 'phe-duyet', 'phat-hanh', 'tra-ket-qua'])
    expect(v.visits.every((x) => x.outcome === 'early' || x.outcome === 'on_time')).toBe(true)
  })

  it('commune → department (liên thông), continued on the department’s process, returned by post with a tracking number', async () => {
    const code = await newDossier('post')
    await ok(c.receiving_officer!, code, { action: 'start' })
    const view = (await client(t.app, c.processing_officer).get(`/dossiers/${code}/processing`)).json<ProcessingView>()
    expect(view.transferTargets).toEqual([{ id: dept.id, name: dept.name }])
    expect(
      errorOf(await act(c.processing_officer!, code, { action: 'transfer', agencyId: province.id, reason: 'Sai thẩm quyền' })).code,
    ).toBe('PROCESS_AGENCY_NOT_IMPLEMENTING')
    let v = await ok(c.processing_officer!, code, { action: 'transfer', agencyId: dept.id, reason: 'Thuộc thẩm quyền cấp tỉnh' })
    expect(v.agency).toEqual({ id: dept.id, name: dept.name })
    expect(v.step?.id).toBe('tham-dinh')
    // The department's staff now see and move it; the commune's specialist no longer can.
    expect((await act(c.processing_officer!, code, { action: 'forward', toStepId: 'kiem-tra', opinion: 'x x x' })).statusCode).toBe(403)
    for (const [who, to] of [
      [s.processing_officer, 'kiem-tra'],
      [s.unit_head, 'phe-duyet'],
    ] as const)
      await ok(who!, code, { action: 'forward', toStepId: to, opinion: 'Đủ điều kiện' })
    await ok(s.agency_leader!, code, { action: 'approve', opinion: 'Đồng ý' })
    await ok(s.agency_leader!, code, { action: 'forward', toStepId: 'phat-hanh', opinion: 'Phát hành' })
    const result = await upload(client(t.app, s.clerk), 'quyet-dinh.pdf')
    await ok(s.clerk!, code, { action: 'attach_result', fileId: result.id })
    v = await ok(s.clerk!, code, { action: 'forward', toStepId: 'tra-ket-qua', opinion: 'Trả kết quả qua bưu chính' })
    expect(errorOf(await act(c.receiving_officer!, code, { action: 'return_result' })).code).toBe('VALIDATION_FAILED')
    v = await ok(c.receiving_officer!, code, { action: 'return_result', postalTracking: 'EL123456789VN' })
    expect(v.returned).toMatchObject({ channel: 'post', postalTracking: 'EL123456789VN' })
    v = await ok(c.receiving_officer!, code, { action: 'postal_status', status: 'delivered' })
    expect(v.returned?.postalStatus).toBe('delivered')
    expect(new Set(v.visits.map((x) => x.agencyId))).toEqual(new Set([commune.id, dept.id]))
    expect(v.visits[0]).toMatchObject({ agencyId: commune.id, exit: 'transferred' })
    expect(await statusOf(code)).toBe('completed')
  })

  it('asks another agency’s opinion, which blocks moving on until it is answered', async () => {
    const code = await newDossier()
    await ok(c.receiving_officer!, code, { action: 'start' })
    let v = await ok(c.processing_officer!, code, {
      action: 'consult',
      targetAgencyId: dept.id,
      question: 'Đề nghị xác minh nơi cư trú của người mẹ',
      workingDays: 2,
    })
    const consult = v.consultations[0]!
    expect(consult).toMatchObject({ agencyName: dept.name, answeredAt: null })
    expect(errorOf(await act(c.processing_officer!, code, { action: 'forward', toStepId: 'kiem-tra', opinion: 'Chuyển' })).code).toBe(
      'PROCESSING_NOT_ALLOWED',
    )
    const waiting = (await client(t.app, c.processing_officer).get('/processing/inbox?tab=waiting')).json<ProcessingInbox>()
    expect(waiting.items.map((i) => i.code)).toContain(code)
    const theirs = (await client(t.app, s.processing_officer).get('/processing/inbox?tab=todo')).json<ProcessingInbox>()
    expect(theirs.items.map((i) => i.code)).toContain(code)
    v = await ok(s.processing_officer!, code, {
      action: 'answer_consult',
      consultId: consult.id,
      answer: 'Đã xác minh: thường trú tại địa phương',
    })
    expect(v.consultations[0]).toMatchObject({ answer: 'Đã xác minh: thường trú tại địa phương' })
    await ok(c.processing_officer!, code, { action: 'forward', toStepId: 'kiem-tra', opinion: 'Đã có ý kiến, chuyển kiểm tra' })
  })

  it('a late dossier gets the apology letter with a new appointment, and counts as late', async () => {
    const code = await newDossier('counter')
    await ok(c.receiving_officer!, code, { action: 'start' })
    const due = (await client(t.app, c.receiving_officer).get(`/dossiers/${code}`)).json<DossierDetail>().dueAt!
    expect(errorOf(await act(c.processing_officer!, code, { action: 'apologize', newDueAt: due, reason: 'Chậm xác minh' })).code).toBe(
      'FORBIDDEN',
    )
    const newDue = new Date(new Date(due).getTime() + 3 * 86_400_000).toISOString()
    expect(errorOf(await act(c.agency_leader!, code, { action: 'apologize', newDueAt: due, reason: 'Chậm xác minh' })).code).toBe(
      'VALIDATION_FAILED',
    )
    const v = await ok(c.agency_leader!, code, { action: 'apologize', newDueAt: newDue, reason: 'Chờ kết quả xác minh của Công an phường' })
    expect(v.apologies).toHaveLength(1)
    const pdf = await client(t.app, c.agency_leader).get(v.apologies[0]!.url.replace('/api/v1', ''))
    expect(pdf.statusCode).toBe(200)
    expect(pdf.headers['content-type']).toBe('application/pdf')
    const d = await t.ctx.database.db
      .selectFrom('dossiers')
      .select(['due_at', 'apologized'])
      .where('code', '=', code)
      .executeTakeFirstOrThrow()
    expect(d).toEqual({ due_at: new Date(newDue), apologized: true })
  })

  it('refuses what the role or the process does not allow, and changes nothing', async () => {
    const code = await newDossier()
    expect((await act(c.processing_officer!, code, { action: 'start' })).statusCode).toBe(403)
    await ok(c.receiving_officer!, code, { action: 'start' })
    expect(errorOf(await act(c.receiving_officer!, code, { action: 'start' })).code).toBe('PROCESSING_NOT_ALLOWED')
    const before = await eventTypes(code)
    expect(errorOf(await act(c.processing_officer!, code, { action: 'approve', opinion: 'Không phải bước duyệt' })).code).toBe(
      'PROCESSING_NOT_ALLOWED',
    )
    expect(
      (await act(c.clerk!, code, { action: 'forward', toStepId: 'kiem-tra', opinion: 'Không phải việc của văn thư' })).statusCode,
    ).toBe(403)
    const stale = await client(t.app, c.processing_officer).post(`/dossiers/${code}/processing`, {
      version: (await version(code)) - 1,
      action: 'forward',
      toStepId: 'kiem-tra',
      opinion: 'Phiên bản cũ',
    })
    expect(errorOf(stale).code).toBe('DOSSIER_VERSION_CONFLICT')
    expect(await eventTypes(code)).toEqual(before)
  })
})

describe('result from the procedure’s template', () => {
  it('is generated from the dossier once approved, attached, and readable by the applicant', async () => {
    const code = await newDossier('online')
    await ok(c.receiving_officer!, code, { action: 'start' })
    expect(errorOf(await act(c.unit_head!, code, { action: 'generate_result' })).code).toBe('PROCESSING_NOT_ALLOWED')
    await ok(c.processing_officer!, code, { action: 'forward', toStepId: 'kiem-tra', opinion: 'Đủ điều kiện' })
    await ok(c.unit_head!, code, { action: 'forward', toStepId: 'phe-duyet', opinion: 'Trình ký' })
    await ok(c.agency_leader!, code, { action: 'approve', opinion: 'Đồng ý' })
    const v = await ok(c.agency_leader!, code, { action: 'generate_result' })
    expect(v.results).toHaveLength(1)
    expect(v.results[0]?.fileName).toBe(`ket-qua-${code}.pdf`)
    const file = await client(t.app, citizen).get(`/files/${v.results[0]!.id}`)
    expect(file.statusCode).toBe(200)
    const dir = mkdtempSync(join(tmpdir(), 'congso-result-'))
    writeFileSync(join(dir, 'r.pdf'), file.rawPayload)
    const text = execFileSync('pdftotext', [join(dir, 'r.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
    expect(text).toContain(procedure.results[0]!.toUpperCase())
    expect(text).toContain(code)
    expect(text).toContain('Nguyễn Minh Khôi')
  })
})

describe('escalation (cron role)', () => {
  it('tells the unit head when a step is due soon and the leader once it is overdue, once each', async () => {
    const code = await newDossier()
    await ok(c.receiving_officer!, code, { action: 'start' })
    const d = await t.ctx.database.db
      .selectFrom('dossiers')
      .select(['id', 'step_due_at', 'step_entered_at'])
      .where('code', '=', code)
      .executeTakeFirstOrThrow()
    const levels = async () =>
      (await t.ctx.database.db.selectFrom('dossier_escalations').select('level').where('dossier_id', '=', d.id).execute())
        .map((r) => r.level)
        .sort()
    // The clock is moved, not the data: an hour before the step's due time, then a day after it.
    await escalate(t.ctx, new Date(d.step_due_at!.getTime() - 3_600_000))
    expect(await levels()).toEqual(['due_soon'])
    await escalate(t.ctx, new Date(d.step_due_at!.getTime() + 86_400_000))
    await escalate(t.ctx, new Date(d.step_due_at!.getTime() + 2 * 86_400_000))
    expect(await levels()).toEqual(['due_soon', 'overdue'])
    const view = (await client(t.app, c.agency_leader).get(`/dossiers/${code}/processing`)).json<ProcessingView>()
    expect(view.visits[0]?.outcome).toBe(null)
  })
})

describe('concurrency', () => {
  it('50 parallel actions on one version: exactly one accepted transition, the others told', async () => {
    const code = await newDossier()
    await ok(c.receiving_officer!, code, { action: 'start' })
    const v0 = await version(code)
    const before = (await eventTypes(code)).length
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        client(t.app, c.unit_head).post(`/dossiers/${code}/processing`, {
          version: v0,
          action: i % 2 === 0 ? 'forward' : 'assign',
          ...(i % 2 === 0 ? { toStepId: 'kiem-tra', opinion: `Chuyển lần ${i}` } : { userId: (c.processing_officer as Who).userId }),
        }),
      ),
    )
    const accepted = results.filter((r) => r.statusCode === 200)
    expect(accepted).toHaveLength(1)
    expect(results.filter((r) => r.statusCode === 409).every((r) => errorOf(r).code === 'DOSSIER_VERSION_CONFLICT')).toBe(true)
    expect(results.filter((r) => r.statusCode !== 200)).toHaveLength(49)
    expect((await eventTypes(code)).length).toBe(before + 1)
    expect(await version(code)).toBe(v0 + 1)
    await statusOf(code)
  })
})
