import { createHash, randomUUID } from 'node:crypto'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProcedureAdminView, ProcedureContent, ProcedureDetail, StoredFile } from '@congso/contracts'
import type { z } from 'zod'
import {
  auditRows,
  client,
  createAgency,
  createOfficer,
  errorOf,
  signIn,
  startTestApp,
  type Session,
  type TestApp,
} from '../../../test/harness.ts'
import { uploadTemplate } from './files.service.ts'

type AdminView = z.infer<typeof ProcedureAdminView>

const PDF = 'application/pdf'
const VI_NAME = 'Tờ khai đăng ký khai sinh.pdf'
const pdf = (text = 'Tờ khai') =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${text}\n` +
      'trailer<</Root 1 0 R>>\n%%EOF\n',
    'utf8',
  )
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')

let t: TestApp
let admin: Session
let officer: Session

/** Regular files under the storage root (DATA_DIR/files). */
function storedObjects(): string[] {
  const root = join(t.config.dataDir, 'files')
  if (!existsSync(root)) return []
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((p) => statSync(join(root, p)).isFile())
}
const rowCount = async () =>
  Number(
    (
      await t.ctx.database.db
        .selectFrom('stored_files')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

const upload = (body: Buffer, name: string | null = 'mau.pdf', contentType = PDF, session: Session | null = admin) =>
  client(t.app, session).post('/admin/files/templates', body, {
    headers: { 'content-type': contentType, ...(name !== null ? { 'x-file-name': encodeURIComponent(name) } : {}) },
  })

function procedure(code: string, templateFileId?: string): ProcedureContent {
  return {
    code,
    name: 'Đăng ký khai sinh',
    field: 'Hộ tịch',
    levels: ['commune'],
    agencyCodes: [],
    applicantTypes: ['citizen'],
    processingTime: { value: 1, unit: 'working_day' },
    fees: [],
    components: [
      { name: 'Giấy chứng sinh', form: 'either', quantity: 1, required: true },
      { name: 'Tờ khai đăng ký khai sinh', form: 'original', quantity: 1, required: true, ...(templateFileId ? { templateFileId } : {}) },
    ],
    results: ['Giấy khai sinh'],
    legalBasis: [],
    conditions: '',
    onlineType: 'full',
    legacyLevel: 4,
    eForm: { fields: [] },
    sources: [],
    unverified: [],
  }
}

beforeAll(async () => {
  t = await startTestApp()
  const province = await createAgency(t.ctx, { kind: 'province' })
  const commune = await createAgency(t.ctx, { kind: 'commune', parentId: province.id })
  const sys = await createOfficer(t.ctx, { roles: ['system_admin'], agencyId: province.id, totp: true })
  admin = await signIn(t.app, sys.username, sys.password, sys.totpSecret)
  const clerk = await createOfficer(t.ctx, { roles: ['receiving_officer', 'agency_admin'], agencyId: commune.id, totp: true })
  officer = await signIn(t.app, clerk.username, clerk.password, clerk.totpSecret)
  expect([admin.me.stage, officer.me.stage]).toEqual(['ok', 'ok'])
})
afterAll(async () => {
  await t?.close()
})

describe('template upload', () => {
  it('stores a PDF with its SHA-256, writes the object and an audit row, and serves it back unchanged', async () => {
    const body = pdf()
    const res = await upload(body, 'Mẫu tờ khai.pdf')
    expect(res.statusCode, res.body).toBe(201)
    const file = res.json<StoredFile>()
    expect(file).toEqual({
      id: expect.any(String),
      fileName: 'Mẫu tờ khai.pdf',
      contentType: PDF,
      sizeBytes: body.length,
      sha256: sha256(body),
    })

    const row = await t.ctx.database.db.selectFrom('stored_files').selectAll().where('id', '=', file.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ purpose: 'procedure_template', created_by: admin.me.id, sha256: sha256(body) })
    expect(row.storage_key).toBe(`templates/${new Date().getUTCFullYear()}/${file.id}`)
    expect(storedObjects()).toContain(row.storage_key)
    const audit = await auditRows(t.ctx, 'files.template.upload', file.id)
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor_id: admin.me.id, subject_type: 'stored_file' })

    // public: no session needed
    const down = await client(t.app).get(`/files/templates/${file.id}`)
    expect(down.statusCode).toBe(200)
    expect(down.rawPayload.equals(body)).toBe(true)
    expect(down.headers['content-type']).toBe(PDF)
    expect(down.headers['content-length']).toBe(String(body.length))
    expect(down.headers['x-content-type-options']).toBe('nosniff')
    expect(down.headers['content-disposition']).toBe(
      `attachment; filename="Mau to khai.pdf"; filename*=UTF-8''${encodeURIComponent('Mẫu tờ khai.pdf')}`,
    )
  })

  it('round-trips a Vietnamese file name', async () => {
    const res = await upload(pdf('khai sinh'), VI_NAME)
    expect(res.statusCode, res.body).toBe(201)
    const file = res.json<StoredFile>()
    expect(file.fileName).toBe(VI_NAME)
    const down = await client(t.app).get(`/files/templates/${file.id}`)
    const disposition = String(down.headers['content-disposition'])
    expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!)).toBe(VI_NAME)
  })

  it('decides the type by content: a text file named .pdf is refused and nothing is stored', async () => {
    const [rowsBefore, objectsBefore] = [await rowCount(), storedObjects()]
    const res = await upload(Buffer.from('Không phải PDF, chỉ là văn bản.\n'), 'gia-mao.pdf')
    expect(res.statusCode).toBe(415)
    expect(errorOf(res).code).toBe('FILE_TYPE_NOT_ALLOWED')
    expect(errorOf(res).message).toContain('chỉ PDF, DOC, DOCX, XLS, XLSX, PNG, JPEG')
    // an undeclared type is refused the same way
    const plain = await upload(Buffer.from('hello'), 'a.txt', 'text/plain')
    expect([plain.statusCode, errorOf(plain).code]).toEqual([415, 'FILE_TYPE_NOT_ALLOWED'])
    // a PDF declared as something else is still a PDF; its name gets the real extension
    const renamed = await upload(pdf(), 'mau.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    expect(renamed.statusCode, renamed.body).toBe(201)
    expect(renamed.json<StoredFile>()).toMatchObject({ contentType: PDF, fileName: 'mau.docx.pdf' })
    expect(await rowCount()).toBe(rowsBefore + 1)
    expect(storedObjects()).toHaveLength(objectsBefore.length + 1)
  })

  it('refuses a file over 10 MB with FILE_TOO_LARGE', async () => {
    const rowsBefore = await rowCount()
    const big = Buffer.concat([pdf(), Buffer.alloc(10 * 1024 * 1024)])
    const res = await upload(big, 'lon.pdf', 'application/octet-stream')
    expect(res.statusCode).toBe(413)
    expect(errorOf(res).code).toBe('FILE_TOO_LARGE')
    expect(await rowCount()).toBe(rowsBefore)
  })

  it('requires a file name, and a catalog editor', async () => {
    const noName = await upload(pdf(), null)
    expect([noName.statusCode, errorOf(noName).code]).toEqual([400, 'FILE_NAME_REQUIRED'])
    const blank = await upload(pdf(), '../..')
    expect([blank.statusCode, errorOf(blank).code]).toEqual([400, 'FILE_NAME_REQUIRED'])
    const anonymous = await upload(pdf(), 'a.pdf', PDF, null)
    expect([anonymous.statusCode, errorOf(anonymous).code]).toEqual([401, 'UNAUTHENTICATED'])
    const forbidden = await upload(pdf(), 'a.pdf', PDF, officer)
    expect([forbidden.statusCode, errorOf(forbidden).code]).toEqual([403, 'FORBIDDEN'])
    const noCsrf = await client(t.app).post('/admin/files/templates', pdf(), {
      headers: { cookie: admin.cookie, 'content-type': PDF, 'x-file-name': 'a.pdf' },
    })
    expect(errorOf(noCsrf).code).toBe('CSRF_FAILED')
  })

  it('removes the stored object when the row cannot be written', async () => {
    const objectsBefore = storedObjects()
    const ghost = { userId: randomUUID(), kind: 'officer' as const, fullName: 'X', roles: [], agencyId: null, agencyAncestorIds: [] }
    const meta = { actor: ghost, ip: '127.0.0.1', userAgent: null, requestId: 'test' }
    // created_by references a user that does not exist: the insert fails after the object was written
    await expect(uploadTemplate(t.ctx, meta, { fileName: 'a.pdf', body: pdf() })).rejects.toThrow()
    expect(storedObjects()).toEqual(objectsBefore)
  })

  it('answers 404 for an unknown template', async () => {
    const res = await client(t.app).get(`/files/templates/${randomUUID()}`)
    expect([res.statusCode, errorOf(res).code]).toEqual([404, 'NOT_FOUND'])
    expect((await client(t.app).get('/files/templates/khong-phai-uuid')).statusCode).toBe(400)
  })
})

describe('templates in the catalog', () => {
  it('refuses a draft naming an unknown template, saves and publishes one naming a stored template', async () => {
    const api = client(t.app, admin)
    const unknown = randomUUID()
    const created = await api.post('/admin/procedures', procedure('1.001193', unknown))
    expect(created.statusCode, created.body).toBe(400)
    expect(errorOf(created)).toMatchObject({
      code: 'CATALOG_TEMPLATE_NOT_FOUND',
      fields: [{ path: 'body.components.1.templateFileId', message: expect.stringContaining('Tờ khai đăng ký khai sinh') as string }],
    })

    const uploaded = (await upload(pdf(), VI_NAME)).json<StoredFile>()
    expect((await api.post('/admin/procedures', procedure('1.001193'))).statusCode).toBe(201)
    const bad = await api.put('/admin/procedures/1.001193/draft', procedure('1.001193', unknown))
    expect([bad.statusCode, errorOf(bad).code]).toEqual([400, 'CATALOG_TEMPLATE_NOT_FOUND'])
    expect(errorOf(bad).fields?.[0]?.path).toBe('body.components.1.templateFileId')

    const saved = await api.put('/admin/procedures/1.001193/draft', procedure('1.001193', uploaded.id))
    expect(saved.statusCode, saved.body).toBe(200)
    expect(saved.json<AdminView>().draft?.components[1]?.templateFileId).toBe(uploaded.id)
    const pub = await api.post('/admin/procedures/1.001193/publish', {
      kind: 'new',
      number: '01/QĐ-UBND',
      date: '2025-07-01',
      signer: 'Chủ tịch UBND tỉnh',
    })
    expect(pub.statusCode, pub.body).toBe(200)

    const detail = await client(t.app).get('/procedures/1.001193')
    expect(detail.statusCode).toBe(200)
    const component = detail.json<ProcedureDetail>().content.components[1]
    expect(component?.templateFileId).toBe(uploaded.id)
    const down = await client(t.app).get(`/files/templates/${component?.templateFileId}`)
    expect([down.statusCode, down.headers['content-type']]).toEqual([200, PDF])
  })

  it('refuses an import naming an unknown template, with the row in the report, and imports nothing', async () => {
    const api = client(t.app, admin)
    const uploaded = (await upload(pdf(), 'mau.pdf')).json<StoredFile>()
    const res = await api.post('/admin/catalog/import', [procedure('1.000656', uploaded.id), procedure('1.000893', randomUUID())])
    expect(res.statusCode).toBe(400)
    const body = res.json<{ error: { code: string }; report: { imported: number; errors: { row: number; field: string }[] } }>()
    expect(body.error.code).toBe('CATALOG_TEMPLATE_NOT_FOUND')
    expect(body.report).toEqual({
      imported: 0,
      errors: [{ row: 2, field: 'components.1.templateFileId', message: expect.any(String) as string }],
    })
    expect((await api.get('/admin/procedures/1.000656')).statusCode).toBe(404)

    const ok = await api.post('/admin/catalog/import', [procedure('1.000656', uploaded.id)])
    expect(ok.statusCode, ok.body).toBe(200)
  })
})
