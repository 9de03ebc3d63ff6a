import type { ProcessDefinition } from '@congso/domain'
import { randomBytes, randomUUID } from 'node:crypto'
import type { ProcedureContent, StoredFile } from '@congso/contracts'
import { expect } from 'vitest'
import { importCatalog } from '../src/modules/catalog/catalog.service.ts'
import {
  client,
  createAgency,
  createOfficer,
  randomCitizenId,
  randomIp,
  randomPhone,
  sessionCookie,
  signIn,
  type Client,
  type Session,
  type TestAgency,
  type TestApp,
} from './harness.ts'
import type { Me } from '@congso/contracts'

/** A birth-registration-like procedure: one required and one optional component, a two-field e-form. */
export function intakeProcedure(over: Partial<ProcedureContent> = {}): ProcedureContent {
  return {
    code: `1.${String(100000 + Math.floor(Math.random() * 800000))}`,
    name: 'Đăng ký khai sinh',
    field: 'Hộ tịch',
    levels: ['commune'],
    agencyCodes: [],
    applicantTypes: ['citizen'],
    processingTime: { value: 3, unit: 'working_day' },
    fees: [],
    components: [
      { name: 'Tờ khai đăng ký khai sinh', form: 'original', quantity: 1, required: true },
      { name: 'Giấy chứng sinh', form: 'original', quantity: 1, required: true },
      { name: 'Văn bản ủy quyền', form: 'either', quantity: 1, required: false },
    ],
    results: ['Giấy khai sinh'],
    legalBasis: [],
    conditions: '',
    onlineType: 'full',
    legacyLevel: 4,
    eForm: {
      fields: [
        { key: 'childName', label: 'Họ, chữ đệm, tên người được khai sinh', type: 'text', required: true, maxLength: 100 },
        { key: 'birthDate', label: 'Ngày sinh', type: 'date', required: true },
        {
          key: 'sex',
          label: 'Giới tính',
          type: 'select',
          required: true,
          options: [
            { value: 'nam', label: 'Nam' },
            { value: 'nu', label: 'Nữ' },
          ],
        },
      ],
    },
    sources: [],
    unverified: [],
    ...over,
  }
}

export const validForm = { childName: 'Nguyễn Minh Khôi', birthDate: '2026-11-01', sex: 'nam' }

/** A minimal valid PDF: the bytes decide the type, so this is what an upload must look like. */
export const pdfBytes = (label = 'x') =>
  Buffer.from(`%PDF-1.4\n1 0 obj <<>> endobj\n% ${label} ${randomBytes(8).toString('hex')}\ntrailer <<>>\n%%EOF\n`, 'latin1')

export interface IntakeWorld {
  province: TestAgency
  commune: TestAgency
  procedure: ProcedureContent
  officer: Session
  citizen: Session & { phone: string; citizenId: string }
}

export async function publish(t: TestApp, p: ProcedureContent): Promise<void> {
  const system = { actor: null, ip: '127.0.0.1', userAgent: 'test', requestId: 'fixture' }
  const report = await importCatalog(t.ctx.database.db, system, [p], {
    publish: { kind: 'new', number: '01/QĐ-UBND', date: '2025-07-01', signer: 'Chủ tịch UBND tỉnh' },
  })
  expect(report.errors).toEqual([])
}

export async function registerCitizen(t: TestApp, fullName = 'Nguyễn Thị Hồng Nhung') {
  const phone = randomPhone()
  const citizenId = randomCitizenId()
  const res = await client(t.app).post(
    '/auth/citizen/register',
    { fullName, citizenId, phone, email: `c.${randomBytes(4).toString('hex')}@example.vn`, password: 'MatKhau12345' },
    { remoteAddress: randomIp() },
  )
  expect(res.statusCode, res.body).toBe(201)
  const me = res.json<Me>()
  return { cookie: sessionCookie(res) ?? '', csrf: me.csrfToken, me, phone, citizenId }
}

/** A commune implementing the procedure, its receiving officer, and a registered citizen. */
export async function intakeWorld(t: TestApp, over: Partial<ProcedureContent> = {}): Promise<IntakeWorld> {
  const province = await createAgency(t.ctx, { kind: 'province', name: 'Tỉnh Thử' })
  const commune = await createAgency(t.ctx, { kind: 'commune', parentId: province.id, name: 'UBND Phường Một' })
  const procedure = intakeProcedure({ agencyCodes: [commune.code ?? ''], ...over })
  await publish(t, procedure)
  const o = await createOfficer(t.ctx, { roles: ['receiving_officer'], agencyId: commune.id })
  const officer = await signIn(t.app, o.username, o.password)
  const citizen = await registerCitizen(t)
  return { province, commune, procedure, officer, citizen }
}

export async function upload(api: Client, name = 'to-khai.pdf', body: Buffer = pdfBytes(name)): Promise<StoredFile> {
  const res = await api.post('/files', body, {
    headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name) },
  })
  expect(res.statusCode, res.body).toBe(201)
  return res.json<StoredFile>()
}

/** An online submission with a file for every required component. */
export async function onlineBody(api: Client, w: IntakeWorld, over: Record<string, unknown> = {}) {
  const a = await upload(api, 'to-khai.pdf')
  const b = await upload(api, 'giay-chung-sinh.pdf')
  return {
    procedureCode: w.procedure.code,
    channel: 'online',
    formData: validForm,
    components: [
      { index: 0, fileIds: [a.id] },
      { index: 1, fileIds: [b.id] },
    ],
    returnChannel: 'online',
    contact: { address: 'Số 12 đường Lê Lợi, phường Một' },
    ...over,
  }
}

export const newKey = () => randomUUID()

export async function submit(api: Client, body: unknown, key = newKey()) {
  return api.post('/dossiers', body, { headers: { 'idempotency-key': key } })
}

/** Publishes an internal process version directly (the workflow module's own tests cover the API). */
export async function publishProcess(t: TestApp, procedureCode: string, agencyId: string, definition: ProcessDefinition): Promise<void> {
  await t.ctx.database.db
    .insertInto('process_versions')
    .values({
      procedure_code: procedureCode,
      agency_id: agencyId,
      version: 1,
      status: 'published',
      definition: JSON.stringify(definition),
      created_by: null,
      updated_by: null,
      updated_at: new Date(),
      published_by: null,
      published_at: new Date(),
    })
    .execute()
}
