import type { CreatedDossier, DossierDetail } from '@congso/contracts'
import { statusFromEvents, type DossierEventType } from '@congso/domain'
import { sql } from 'kysely'
import type { z } from 'zod'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { client, errorOf, startTestApp, type TestApp } from '../../../test/harness.ts'
import {
  intakeWorld,
  newKey,
  onlineBody,
  publish,
  intakeProcedure,
  submit,
  upload,
  validForm,
  type IntakeWorld,
} from '../../../test/dossier-fixtures.ts'

let t: TestApp
let w: IntakeWorld

beforeAll(async () => {
  t = await startTestApp()
  w = await intakeWorld(t)
})
afterAll(() => t.close())

type Created = z.infer<typeof CreatedDossier>
const citizenApi = () => client(t.app, w.citizen)
const count = async () => Number((await sql<{ n: string }>`select count(*) as n from dossiers`.execute(t.ctx.database.db)).rows[0]?.n)

describe('online submission', () => {
  it('creates a dossier with a code of the receiving agency, the date and a sequence, pinned to the version', async () => {
    const api = citizenApi()
    const res = await submit(api, await onlineBody(api, w))
    expect(res.statusCode, res.body).toBe(201)
    const created = res.json<Created>()
    expect(created.status).toBe('submitted')
    expect(created.code).toMatch(new RegExp(`^${w.commune.code?.replaceAll('.', '\\.')}-\\d{6}-\\d{4}$`))
    const detail = (await api.get(`/dossiers/${created.code}`)).json<DossierDetail>()
    expect(detail).toMatchObject({
      status: 'submitted',
      channel: 'online',
      procedureVersion: 1,
      applicant: { fullName: 'Nguyễn Thị Hồng Nhung', idNumber: w.citizen.citizenId, address: 'Số 12 đường Lê Lợi, phường Một' },
      formData: validForm,
      allowedActions: ['withdraw'],
    })
    expect(detail.components[0]?.files).toHaveLength(1)
    expect(detail.components[0]?.files[0]?.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(detail.events.map((e) => e.type)).toEqual(['submitted'])
    // select values are shown with the labels of the pinned version
    expect(detail.eForm.fields.find((f) => f.key === 'sex')?.options).toEqual([
      { value: 'nam', label: 'Nam' },
      { value: 'nu', label: 'Nữ' },
    ])
  })

  it('answers a retry with the same key with the first result and creates nothing', async () => {
    const api = citizenApi()
    const body = await onlineBody(api, w)
    const key = newKey()
    const first = await submit(api, body, key)
    expect(first.statusCode, first.body).toBe(201)
    const before = await count()
    const again = await submit(api, body, key)
    expect(again.statusCode).toBe(201)
    expect(again.json<Created>()).toEqual(first.json<Created>())
    expect(again.headers['idempotent-replayed']).toBe('true')
    expect(await count()).toBe(before)

    const other = await submit(api, { ...body, formData: { ...validForm, childName: 'Tên khác' } }, key)
    expect(other.statusCode).toBe(422)
    expect(errorOf(other).code).toBe('IDEMPOTENCY_KEY_REUSED')
    expect(await count()).toBe(before)
  })

  it('is documented in the OpenAPI document', async () => {
    const doc = (await client(t.app).get('/api/openapi.json')).json<{ paths: Record<string, unknown> }>()
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/dossiers', '/api/v1/tracking/{code}', '/api/v1/dossiers/{code}/deadline', '/api/v1/files']),
    )
  })

  it('requires the idempotency key', async () => {
    const api = citizenApi()
    const res = await api.post('/dossiers', await onlineBody(api, w))
    expect(res.statusCode).toBe(400)
    expect(errorOf(res).code).toBe('IDEMPOTENCY_KEY_REQUIRED')
  })

  it('refuses a disguised executable by its content, whatever its name', async () => {
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200)])
    const res = await citizenApi().post('/files', exe, { headers: { 'content-type': 'application/pdf', 'x-file-name': 'to-khai.pdf' } })
    expect(res.statusCode).toBe(415)
    expect(errorOf(res).code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED')
    expect(errorOf(res).message).toContain('PDF')
  })

  it('refuses a missing required component, naming it, and stores nothing', async () => {
    const api = citizenApi()
    const body = await onlineBody(api, w)
    const before = await count()
    const res = await submit(api, { ...body, components: body.components.slice(0, 1) })
    expect(res.statusCode).toBe(422)
    expect(errorOf(res)).toMatchObject({ code: 'DOSSIER_COMPONENT_MISSING', fields: [{ path: 'components.1' }] })
    expect(errorOf(res).message).toContain('Giấy chứng sinh')
    expect(await count()).toBe(before)
  })

  it('refuses an e-form failing validation, field by field', async () => {
    const api = citizenApi()
    const res = await submit(api, await onlineBody(api, w, { formData: { childName: '', birthDate: '2026-02-30', sex: 'khac' } }))
    expect(res.statusCode).toBe(422)
    expect(
      errorOf(res)
        .fields?.map((f) => f.path)
        .sort(),
    ).toEqual(['formData.birthDate', 'formData.childName', 'formData.sex'])
  })

  it("refuses files that are not the citizen's own, or already in another dossier", async () => {
    const api = citizenApi()
    const stranger = client(t.app, w.officer)
    const foreign = await upload(stranger, 'la.pdf')
    const body = await onlineBody(api, w)
    const res = await submit(api, { ...body, components: [{ index: 0, fileIds: [foreign.id] }, body.components[1]] })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res).code).toBe('DOSSIER_FILE_NOT_FOUND')
    const ok = await submit(api, body)
    expect(ok.statusCode).toBe(201)
    const reuse = await submit(api, body)
    expect(errorOf(reuse).code).toBe('DOSSIER_FILE_NOT_FOUND')
  })

  it('refuses online submission of a procedure without an online service', async () => {
    const p = intakeProcedure({ agencyCodes: [w.commune.code ?? ''], onlineType: 'none', legacyLevel: 2 })
    await publish(t, p)
    const api = citizenApi()
    const res = await submit(api, await onlineBody(api, w, { procedureCode: p.code }))
    expect(res.statusCode).toBe(409)
    expect(errorOf(res).code).toBe('DOSSIER_ONLINE_NOT_ALLOWED')
  })

  it('keeps the status a projection of the events', async () => {
    const rows = await t.ctx.database.db.selectFrom('dossiers').select(['id', 'status']).execute()
    for (const d of rows) {
      const events = await t.ctx.database.db
        .selectFrom('dossier_events')
        .select('type')
        .where('dossier_id', '=', d.id)
        .orderBy('seq')
        .execute()
      expect(statusFromEvents(events.map((e) => ({ type: e.type as DossierEventType })))).toBe(d.status)
    }
  })
})

describe('counter and postal submission', () => {
  const applicant = () => ({
    fullName: 'Trần Văn Bình',
    idNumber: w.citizen.citizenId,
    phone: '0912345678',
    address: 'Thôn Đông, phường Một',
  })

  it('lets the receiving officer submit on behalf of an applicant, linking their account', async () => {
    const api = client(t.app, w.officer)
    const res = await submit(api, {
      procedureCode: w.procedure.code,
      channel: 'counter',
      applicant: applicant(),
      formData: validForm,
      components: [
        { index: 0, paperCopies: 1, originalSighted: true },
        { index: 1, fileIds: [(await upload(api, 'scan.pdf')).id], originalSighted: true },
      ],
      returnChannel: 'counter',
    })
    expect(res.statusCode, res.body).toBe(201)
    const code = res.json<Created>().code
    const mine = (await citizenApi().get(`/dossiers/${code}`)).json<DossierDetail>()
    expect(mine.channel).toBe('counter')
    expect(mine.components[0]).toMatchObject({ originalSighted: true, paperCopies: 1 })
  })

  it('needs the postal receipt number for a postal submission', async () => {
    const api = client(t.app, w.officer)
    const body = {
      procedureCode: w.procedure.code,
      channel: 'post',
      applicant: applicant(),
      formData: validForm,
      components: [
        { index: 0, paperCopies: 1 },
        { index: 1, paperCopies: 1 },
      ],
      returnChannel: 'post',
      returnAddress: 'Thôn Đông, phường Một',
    }
    const missing = await submit(api, body)
    expect(errorOf(missing).code).toBe('DOSSIER_POSTAL_RECEIPT_REQUIRED')
    const ok = await submit(api, { ...body, postalReceiptNumber: 'EB123456789VN' })
    expect(ok.statusCode, ok.body).toBe(201)
  })

  it('does not let a citizen submit as the counter, or an officer of another agency receive', async () => {
    const api = citizenApi()
    const res = await submit(api, await onlineBody(api, w, { channel: 'counter' }))
    expect(res.statusCode).toBe(403)
  })
})

describe('drafts', () => {
  it('saves one draft per procedure, restores it with its files, and drops it on submission', async () => {
    const api = citizenApi()
    const file = await upload(api, 'nhap.pdf')
    const draft = {
      procedureCode: w.procedure.code,
      contact: { address: 'Số 5 ngõ 3, phường Một' },
      formData: { childName: 'Bé Na' },
      components: [{ index: 0, fileIds: [file.id] }],
    }
    const saved = await api.put('/me/drafts', draft)
    expect(saved.statusCode, saved.body).toBe(200)
    const again = await api.put('/me/drafts', { ...draft, formData: { childName: 'Bé Na Nguyễn' } })
    expect(again.statusCode).toBe(200)
    const list = (await api.get('/me/drafts')).json<
      { id: string; contact?: { address?: string }; formData: Record<string, unknown>; files: { id: string }[] }[]
    >()
    const mine = list.filter((d) => d.formData.childName !== undefined)
    expect(mine).toHaveLength(1)
    expect(mine[0]?.formData.childName).toBe('Bé Na Nguyễn')
    expect(mine[0]?.contact?.address).toBe('Số 5 ngõ 3, phường Một')
    expect(mine[0]?.files.map((f) => f.id)).toEqual([file.id])
    // drafts are the citizen's own: an officer has none
    expect((await client(t.app, w.officer).get('/me/drafts')).statusCode).toBe(403)

    const body = await onlineBody(api, w)
    expect((await submit(api, body)).statusCode).toBe(201)
    const after = (await api.get('/me/drafts')).json<{ procedureCode: string }[]>()
    expect(after.filter((d) => d.procedureCode === w.procedure.code)).toEqual([])
  })
})
