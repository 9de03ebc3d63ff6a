import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CreatedDossier, DossierDetail, TrackingView } from '@congso/contracts'
import { sql } from 'kysely'
import type { z } from 'zod'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditRows, client, createOfficer, errorOf, randomIp, signIn, startTestApp, type TestApp } from '../../../test/harness.ts'
import { intakeWorld, onlineBody, submit, upload, type IntakeWorld } from '../../../test/dossier-fixtures.ts'

let t: TestApp
let w: IntakeWorld

beforeAll(async () => {
  t = await startTestApp()
  w = await intakeWorld(t)
})
afterAll(() => t.close())

const citizen = () => client(t.app, w.citizen)
const officer = () => client(t.app, w.officer)

async function newDossier(): Promise<string> {
  const res = await submit(citizen(), await onlineBody(citizen(), w))
  expect(res.statusCode, res.body).toBe(201)
  return res.json<z.infer<typeof CreatedDossier>>().code
}
const detail = async (code: string) => (await officer().get(`/dossiers/${code}`)).json<DossierDetail>()

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'congso-pdf-'))
  writeFileSync(join(dir, 'f.pdf'), pdf)
  return execFileSync('pdftotext', ['-layout', join(dir, 'f.pdf'), '-'], { encoding: 'utf8' })
}

describe('reception decisions', () => {
  it('runs supplement request → citizen supplement → acceptance with a receipt and an appointment', async () => {
    const code = await newDossier()
    let d = await detail(code)
    expect(d.allowedActions).toEqual(expect.arrayContaining(['accept', 'request_supplement', 'refuse']))

    const items = [{ componentIndex: 1, name: 'Giấy chứng sinh', reason: 'Bản chụp bị mờ' }]
    const req = await officer().post(`/dossiers/${code}/supplement-request`, { version: d.version, items })
    expect(req.statusCode, req.body).toBe(200)
    d = req.json<DossierDetail>()
    expect(d.status).toBe('supplement_requested')
    expect(d.openSupplement?.items).toEqual(items)

    const supplementDoc = d.events.at(-1)?.documents[0]
    expect(supplementDoc?.kind).toBe('supplement')
    const pdf = await citizen().get(supplementDoc?.url ?? '')
    expect(pdf.statusCode).toBe(200)
    expect(pdf.headers['content-type']).toBe('application/pdf')
    const text = pdfText(pdf.rawPayload)
    expect(text).toContain(`${code}/HDHS`)
    expect(text).toContain('Bản chụp bị mờ')

    // the citizen sees what to add and sends it
    const mine = (await citizen().get(`/dossiers/${code}`)).json<DossierDetail>()
    expect(mine.allowedActions).toContain('submit_supplement')
    const file = await upload(citizen(), 'giay-chung-sinh-ro.pdf')
    const sup = await citizen().post(`/dossiers/${code}/supplement`, {
      version: mine.version,
      components: [{ index: 1, fileIds: [file.id] }],
    })
    expect(sup.statusCode, sup.body).toBe(200)
    expect(sup.json<DossierDetail>().status).toBe('submitted')

    // the officer's inbox shows it among the supplements returned
    const box = (await officer().get('/officer/inbox?box=supplements_returned')).json<{ items: { code: string }[] }>()
    expect(box.items.map((i) => i.code)).toContain(code)

    d = await detail(code)
    const acc = await officer().post(`/dossiers/${code}/accept`, { version: d.version })
    expect(acc.statusCode, acc.body).toBe(200)
    d = acc.json<DossierDetail>()
    expect(d.status).toBe('accepted')
    expect(d.dueAt).not.toBeNull()
    expect(d.bookNumber).toBeGreaterThan(0)
    expect(new Date(d.dueAt ?? 0).getTime()).toBeGreaterThan(new Date(d.acceptedAt ?? 0).getTime())

    const receipt = d.events.at(-1)?.documents.find((x) => x.kind === 'receipt')
    const rpdf = await citizen().get(receipt?.url ?? '')
    expect(rpdf.statusCode).toBe(200)
    const rtext = pdfText(rpdf.rawPayload)
    expect(rtext).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ')
    expect(rtext).toContain(code)
    expect(rtext).toContain('Nguyễn Thị Hồng Nhung')
    expect(rtext).toContain('3 ngày làm việc')
    const due = new Date(new Date(d.dueAt ?? '').getTime() + 7 * 3600_000)
    const dd = `${String(due.getUTCDate()).padStart(2, '0')}/${String(due.getUTCMonth() + 1).padStart(2, '0')}/${due.getUTCFullYear()}`
    expect(rtext).toContain(dd)

    // the applicant is told by e-mail and SMS (captured by the development outbox)
    await expect
      .poll(
        async () =>
          (
            await t.ctx.database.db
              .selectFrom('outbox_messages')
              .select(['channel', 'subject', 'body'])
              .where('dossier_code', '=', code)
              .execute()
          )
            .map((m) => (m.channel === 'email' ? m.subject : m.body.slice(0, 40)))
            .sort(),
        { timeout: 20_000, interval: 250 },
      )
      .toEqual(
        expect.arrayContaining([
          `Hồ sơ ${code} đã được tiếp nhận`,
          `Hồ sơ ${code} cần bổ sung, hoàn thiện`,
          `Ho so ${code} da duoc tiep nhan.`.slice(0, 40),
        ]),
      )

    // every due date is explainable
    const dl = await citizen().get(`/dossiers/${code}/deadline`)
    expect(dl.statusCode, dl.body).toBe(200)
    const explanation = dl.json<{ dueAt: string; totalWorkingMinutes: number; steps: { minutesCounted: number }[] }>()
    expect(new Date(explanation.dueAt).getTime()).toBe(new Date(d.dueAt ?? '').getTime())
    expect(explanation.totalWorkingMinutes).toBe(3 * 8 * 60)
    expect(explanation.steps.reduce((s, x) => s + x.minutesCounted, 0)).toBe(3 * 8 * 60)
  })

  it('refuses a stale version and a decision in the wrong state, changing nothing', async () => {
    const code = await newDossier()
    const d = await detail(code)
    const stale = await officer().post(`/dossiers/${code}/accept`, { version: d.version - 1 })
    expect(stale.statusCode).toBe(409)
    expect(errorOf(stale).code).toBe('DOSSIER_VERSION_CONFLICT')
    const refused = await officer().post(`/dossiers/${code}/refuse`, { version: d.version, reason: 'Không thuộc thẩm quyền giải quyết' })
    expect(refused.statusCode, refused.body).toBe(200)
    const after = refused.json<DossierDetail>()
    const again = await officer().post(`/dossiers/${code}/accept`, { version: after.version })
    expect(again.statusCode).toBe(409)
    expect(errorOf(again).code).toBe('DOSSIER_WRONG_STATE')
    expect((await detail(code)).version).toBe(after.version)
    const doc = after.events.at(-1)?.documents[0]
    expect(pdfText((await citizen().get(doc?.url ?? '')).rawPayload)).toContain('Không thuộc thẩm quyền giải quyết')
  })

  it('lets two officers race on one dossier: one wins, the other is told', async () => {
    const code = await newDossier()
    const d = await detail(code)
    const [a, b] = await Promise.all([
      officer().post(`/dossiers/${code}/accept`, { version: d.version }),
      officer().post(`/dossiers/${code}/refuse`, { version: d.version, reason: 'Hồ sơ không hợp lệ' }),
    ])
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409])
    const events = (await detail(code)).events
    expect(events).toHaveLength(2)
  })

  it('hides dossiers from officers of other agencies and from other citizens', async () => {
    const code = await newDossier()
    const stranger = await createOfficer(t.ctx, { roles: ['receiving_officer'], agencyId: await otherAgency() })
    const s = await signIn(t.app, stranger.username, stranger.password)
    const res = await client(t.app, s).get(`/dossiers/${code}`)
    expect(res.statusCode).toBe(404)
    const act = await client(t.app, s).post(`/dossiers/${code}/accept`, { version: 1 })
    expect(act.statusCode).toBe(404)
  })

  it('lets the citizen withdraw before processing, and never after', async () => {
    const code = await newDossier()
    const mine = (await citizen().get(`/dossiers/${code}`)).json<DossierDetail>()
    const res = await citizen().post(`/dossiers/${code}/withdraw`, { version: mine.version, reason: 'Nộp nhầm thủ tục' })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json<DossierDetail>().status).toBe('withdrawn')
    const again = await citizen().post(`/dossiers/${code}/withdraw`, { version: mine.version + 1, reason: 'Nộp nhầm thủ tục' })
    expect(errorOf(again).code).toBe('DOSSIER_WRONG_STATE')
  })
})

async function otherAgency(): Promise<string> {
  const { createAgency } = await import('../../../test/harness.ts')
  const p = await createAgency(t.ctx, { kind: 'province', name: 'Tỉnh Khác' })
  return (await createAgency(t.ctx, { kind: 'commune', parentId: p.id, name: 'Xã Khác' })).id
}

describe('public tracking', () => {
  it('shows status, timeline and appointment without personal data, with the phone or ID digits', async () => {
    const code = await newDossier()
    const d = await detail(code)
    await officer().post(`/dossiers/${code}/accept`, { version: d.version })
    const anon = client(t.app)
    const byPhone = await anon.get(`/tracking/${code}?factor=${w.citizen.phone.slice(-4)}`, { remoteAddress: randomIp() })
    expect(byPhone.statusCode, byPhone.body).toBe(200)
    const view = byPhone.json<TrackingView>()
    expect(view).toMatchObject({ code, status: 'accepted', procedureName: 'Đăng ký khai sinh' })
    expect(view.dueAt).not.toBeNull()
    expect(view.timeline.map((e) => e.type)).toEqual(['submitted', 'accepted'])
    expect(byPhone.body).not.toContain('Nguyễn Thị Hồng Nhung')
    expect(byPhone.body).not.toContain(w.citizen.phone)
    expect(byPhone.body).not.toContain(w.citizen.citizenId)
    const byId = await anon.get(`/tracking/${code}?factor=${w.citizen.citizenId.slice(-4)}`, { remoteAddress: randomIp() })
    expect(byId.statusCode).toBe(200)
  })

  it('answers a wrong factor and an unknown code alike, and limits guessing per code', async () => {
    const code = await newDossier()
    const anon = client(t.app)
    const wrongFactor = String((Number(w.citizen.phone.slice(-4)) + 1) % 10000).padStart(4, '0')
    const idTail = w.citizen.citizenId.slice(-4)
    const factor = wrongFactor === idTail ? '0000' : wrongFactor
    const wrong = await anon.get(`/tracking/${code}?factor=${factor}`, { remoteAddress: randomIp() })
    const unknown = await anon.get(`/tracking/${code.slice(0, -4)}9999?factor=${w.citizen.phone.slice(-4)}`, { remoteAddress: randomIp() })
    expect(wrong.statusCode).toBe(404)
    expect(unknown.statusCode).toBe(404)
    expect(wrong.body).toBe(unknown.body)
    let limited = 0
    for (let i = 0; i < 12; i++) {
      const r = await anon.get(`/tracking/${code}?factor=${String(i).padStart(4, '0')}`, { remoteAddress: randomIp() })
      if (r.statusCode === 429) limited++
    }
    expect(limited).toBeGreaterThan(0)
  })
})

describe('history', () => {
  it('keeps the event list append-only, for the application itself', async () => {
    const db = t.ctx.database.db
    await expect(sql`update dossier_events set note = 'sửa' where seq = 1`.execute(db)).rejects.toThrow(/append-only/)
    await expect(sql`delete from dossier_events where seq = 1`.execute(db)).rejects.toThrow(/append-only/)
    await expect(sql`truncate dossier_events cascade`.execute(db)).rejects.toThrow(/append-only/)
  })

  it('records actor, role, agency, time and before/after status on every event', async () => {
    const code = await newDossier()
    const d = await detail(code)
    await officer().post(`/dossiers/${code}/accept`, { version: d.version, note: 'Đủ thành phần' })
    const rows = await t.ctx.database.db
      .selectFrom('dossier_events as e')
      .innerJoin('dossiers as d', 'd.id', 'e.dossier_id')
      .select(['e.type', 'e.actor_id', 'e.actor_role', 'e.actor_agency_id', 'e.from_status', 'e.to_status', 'e.note', 'e.at'])
      .where('d.code', '=', code)
      .orderBy('e.seq')
      .execute()
    expect(rows.map((r) => [r.type, r.actor_role, r.from_status, r.to_status])).toEqual([
      ['submitted', 'citizen', null, 'submitted'],
      ['accepted', 'receiving_officer', 'submitted', 'accepted'],
    ])
    expect(rows[1]?.actor_agency_id).toBe(w.commune.id)
    expect(rows[1]?.note).toBe('Đủ thành phần')
    // and the central audit log has both changes, with where they came from
    const submitted = await auditRows(t.ctx, 'dossier.submit', code)
    const accepted = await auditRows(t.ctx, 'dossier.accepted', code)
    expect(submitted).toHaveLength(1)
    expect(accepted).toHaveLength(1)
    expect(submitted[0]?.actor_id).toBe(w.citizen.me.id)
    expect(accepted[0]?.request_id).toBeTruthy()
  })

  it('exports the tracking book to Excel with the dossiers of the agency', async () => {
    const code = await newDossier()
    const res = await officer().get('/officer/dossiers.xlsx')
    expect(res.statusCode).toBe(200)
    const ExcelJS = (await import('exceljs')).default
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const ws = wb.getWorksheet('SoTheoDoi')
    const codes: string[] = []
    ws?.eachRow((row) => codes.push(row.getCell(2).text))
    expect(codes).toContain(code)
    expect(ws?.getCell('A1').text).toBe('SỔ THEO DÕI HỒ SƠ')
  })
})
