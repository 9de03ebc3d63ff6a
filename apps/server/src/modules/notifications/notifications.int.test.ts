import type { OutboxList } from '@congso/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { client, createAgency, createOfficer, errorOf, signIn, startTestApp, type Client, type TestApp } from '../../../test/harness.ts'
import { enqueueMail } from '../../jobs/mail.ts'
import type { Queue } from '../../jobs/queue.ts'
import { enqueueNotice, NOTIFY_JOB, type Notice } from './notifications.service.ts'

type List = z.infer<typeof OutboxList>

let t: TestApp
let admin: Client
let officer: Client

beforeAll(async () => {
  t = await startTestApp()
  const agency = await createAgency(t.ctx)
  const sys = await createOfficer(t.ctx, { roles: ['system_admin'], agencyId: agency.id, totp: true })
  const recv = await createOfficer(t.ctx, { roles: ['receiving_officer', 'agency_admin'], agencyId: agency.id, totp: true })
  admin = client(t.app, await signIn(t.app, sys.username, sys.password, sys.totpSecret))
  officer = client(t.app, await signIn(t.app, recv.username, recv.password, recv.totpSecret))
})
afterAll(async () => {
  await t?.close()
})

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const v = await probe()
    if (v !== null && v !== undefined) return v
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

const outboxOf = (code: string) =>
  t.ctx.database.db.selectFrom('outbox_messages').selectAll().where('dossier_code', '=', code).orderBy('channel').execute()

const ACCEPTED: Notice = {
  dossierCode: 'G01.01-250105-0001',
  email: 'Nguyen.Van.Duc@Example.vn',
  phone: '0912345678',
  subject: 'Hồ sơ G01.01-250105-0001 đã được tiếp nhận',
  text: 'Hồ sơ "Đăng ký khai sinh" (mã G01.01-250105-0001) đã được tiếp nhận lúc 08:30 ngày 05/01/2025.',
  sms: 'Hồ sơ G01.01-250105-0001 đã được tiếp nhận. Hẹn trả kết quả: 08:00 ngày 10/01/2025. ĐT: 0236.3822.111',
}

describe('a notice', () => {
  it('reaches the outbox as an e-mail and an unaccented SMS', async () => {
    await enqueueNotice(t.ctx.queue, ACCEPTED)
    const rows = await waitFor('the e-mail and the SMS', async () => {
      const r = await outboxOf(ACCEPTED.dossierCode!)
      return r.length === 2 ? r : null
    })
    const [email, sms] = rows
    expect(email).toMatchObject({ channel: 'email', recipient: ACCEPTED.email, subject: ACCEPTED.subject, body: ACCEPTED.text })
    expect(sms).toMatchObject({
      channel: 'sms',
      recipient: '0912345678',
      subject: null,
      body: 'Ho so G01.01-250105-0001 da duoc tiep nhan. Hen tra ket qua: 08:00 ngay 10/01/2025. DT: 0236.3822.111',
    })
    expect(sms!.body.length).toBeLessThanOrEqual(160)
  })

  it('is one job per channel, skips a channel without a recipient, and never fails the caller', async () => {
    const sent: { name: string; data: Notice }[] = []
    const errors: unknown[] = []
    const log = { error: (obj: unknown) => void errors.push(obj) }
    const queue = (fail: boolean): Queue => ({
      send: async () => {
        throw new Error('notices go in one statement')
      },
      sendMany: async (jobs) => {
        if (fail) throw new Error('queue down')
        for (const j of jobs) sent.push({ name: j.name, data: j.data as Notice })
      },
      start: async () => {},
      health: async () => ({ ok: true, installed: true, pending: {} }),
      stop: async () => {},
    })

    await enqueueNotice(queue(false), ACCEPTED, log)
    expect(sent.map((s) => s.name)).toEqual([NOTIFY_JOB, NOTIFY_JOB])
    expect(sent[0]!.data).toMatchObject({ email: ACCEPTED.email, phone: null })
    expect(sent[1]!.data).toMatchObject({ email: null, phone: '0912345678', sms: expect.stringMatching(/^Ho so G01/) as string })

    sent.length = 0
    await enqueueNotice(queue(false), { ...ACCEPTED, email: ' ', phone: null }, log)
    expect(sent).toEqual([])
    await enqueueNotice(queue(false), { ...ACCEPTED, email: null }, log)
    expect(sent.map((s) => s.data.phone)).toEqual(['0912345678'])

    await expect(enqueueNotice(queue(true), ACCEPTED, log)).resolves.toBeUndefined()
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ dossierCode: ACCEPTED.dossierCode, channels: ['email', 'sms'] })
  })

  it('enqueueMail (account e-mail) still delivers, through the same transport', async () => {
    await enqueueMail(t.ctx.queue, { to: 'moi.dang.ky@example.vn', subject: 'Chào mừng bạn đến với Cổng dịch vụ công', text: 'Xin chào.' })
    const row = await waitFor('the account e-mail', () =>
      t.ctx.database.db.selectFrom('outbox_messages').selectAll().where('recipient', '=', 'moi.dang.ky@example.vn').executeTakeFirst(),
    )
    expect(row).toMatchObject({ channel: 'email', subject: 'Chào mừng bạn đến với Cổng dịch vụ công', dossier_code: null })
  })
})

describe('GET /admin/outbox', () => {
  const SECOND: Notice = {
    dossierCode: 'H38.22-250106-0002',
    email: 'tran.thi.b@example.vn',
    phone: null,
    subject: 'Hồ sơ H38.22-250106-0002 cần bổ sung, hoàn thiện',
    text: 'Vui lòng bổ sung giấy tờ.',
    sms: 'unused',
  }

  beforeAll(async () => {
    await waitFor('the first notice', async () => ((await outboxOf(ACCEPTED.dossierCode!)).length === 2 ? true : null))
    await enqueueNotice(t.ctx.queue, SECOND)
    await waitFor('the second notice', async () => ((await outboxOf(SECOND.dossierCode!)).length === 1 ? true : null))
  })

  const list = async (qs = '') => {
    const res = await admin.get(`/admin/outbox${qs}`)
    expect(res.statusCode, res.body).toBe(200)
    return res.json<List>()
  }

  it('lists the messages newest first, paged', async () => {
    const all = await list()
    expect(all.page).toBe(1)
    expect(all.pageSize).toBe(20)
    expect(all.items[0]).toMatchObject({
      channel: 'email',
      recipient: SECOND.email,
      subject: SECOND.subject,
      dossierCode: SECOND.dossierCode,
    })
    const times = all.items.map((i) => Date.parse(i.createdAt))
    expect(times).toEqual([...times].sort((a, b) => b - a))
    expect(all.total).toBeGreaterThanOrEqual(4)

    const p2 = await list('?page=2&pageSize=1')
    expect(p2.items).toHaveLength(1)
    expect(p2.total).toBe(all.total)
    expect(p2.items[0]!.id).toBe(all.items[1]!.id)
  })

  it('filters by channel and by a term in the recipient, subject or dossier code, case-insensitively', async () => {
    const sms = await list('?channel=sms')
    expect(sms.items.map((i) => i.recipient)).toEqual(['0912345678'])
    expect(sms.items[0]!.subject).toBeNull()

    const byCode = await list(`?q=${encodeURIComponent('g01.01-250105')}`)
    expect(byCode.items.map((i) => i.channel).sort()).toEqual(['email', 'sms'])
    const byRecipient = await list(`?q=${encodeURIComponent('NGUYEN.VAN.DUC@')}`)
    expect(byRecipient.items.map((i) => i.dossierCode)).toEqual([ACCEPTED.dossierCode])
    const bySubject = await list(`?q=${encodeURIComponent('CẦN BỔ SUNG')}`)
    expect(bySubject.items.map((i) => i.dossierCode)).toEqual([SECOND.dossierCode])
    const both = await list(`?channel=email&q=${encodeURIComponent('250105')}`)
    expect(both.items.map((i) => i.recipient)).toEqual([ACCEPTED.email])
    // LIKE wildcards are literal
    expect((await list(`?q=${encodeURIComponent('%')}`)).total).toBe(0)
    expect((await list(`?q=${encodeURIComponent('G01_01')}`)).total).toBe(0)
  })

  it('validates the query', async () => {
    expect((await admin.get('/admin/outbox?channel=fax')).statusCode).toBe(400)
    expect((await admin.get('/admin/outbox?pageSize=1000')).statusCode).toBe(400)
    expect((await admin.get('/admin/outbox?other=1')).statusCode).toBe(400)
  })

  it('is for system administrators only', async () => {
    const forbidden = await officer.get('/admin/outbox')
    expect(forbidden.statusCode).toBe(403)
    expect(errorOf(forbidden).code).toBe('FORBIDDEN')
    const anonymous = await client(t.app).get('/admin/outbox')
    expect(anonymous.statusCode).toBe(401)
    expect(errorOf(anonymous).code).toBe('UNAUTHENTICATED')
  })
})
