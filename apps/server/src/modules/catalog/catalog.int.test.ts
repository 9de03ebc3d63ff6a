import ExcelJS from 'exceljs'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProcedureAdminView, ProcedureContent, ProcedureSearchResult } from '@congso/contracts'
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
  type TestAgency,
  type TestApp,
} from '../../../test/harness.ts'
import { importCatalog } from './catalog.service.ts'

type SearchResult = z.infer<typeof ProcedureSearchResult>
type AdminView = z.infer<typeof ProcedureAdminView>
interface ImportReportBody {
  imported: number
  errors: { row: number; field: string; message: string }[]
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

let t: TestApp
let admin: Session
let officer: Session
let dept: TestAgency
let otherDept: TestAgency
let commune: TestAgency

function procedure(over: Partial<ProcedureContent> & { code: string; name: string }): ProcedureContent {
  return {
    field: 'Hộ tịch',
    levels: ['commune'],
    agencyCodes: [],
    applicantTypes: ['citizen'],
    processingTime: { value: 1, unit: 'working_day' },
    fees: [{ name: 'Lệ phí đăng ký', amountVnd: null, note: 'Miễn lệ phí trong hạn' }],
    components: [
      { name: 'Tờ khai theo mẫu', form: 'original', quantity: 1, required: true, templateName: 'Mẫu tờ khai' },
      { name: 'Giấy chứng sinh', form: 'either', quantity: 1, required: false, note: 'Hoặc văn bản thay thế' },
    ],
    results: ['Giấy khai sinh (bản chính)', 'Trích lục'],
    legalBasis: [
      { number: '60/2014/QH13', title: 'Luật Hộ tịch', issuedOn: '2014-11-20' },
      { number: '123/2015/NĐ-CP', title: 'Nghị định hướng dẫn' },
    ],
    conditions: 'Không\nhoặc có điều kiện',
    onlineType: 'full',
    legacyLevel: 4,
    eForm: { fields: [{ key: 'fullName', label: 'Họ và tên', type: 'text', required: true, maxLength: 100 }] },
    sources: ['https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193'],
    unverified: ['fees'],
    ...over,
  }
}

const catalog = (): ProcedureContent[] => [
  procedure({ code: '1.001193', name: 'Đăng ký khai sinh' }),
  procedure({ code: '1.001022', name: 'Đăng ký khai sinh có yếu tố nước ngoài', levels: ['province'] }),
  procedure({
    code: '1.000656',
    name: 'Đăng ký lại khai sinh',
    processingTime: { value: 5, unit: 'working_day', note: 'Kể từ ngày nhận' },
  }),
  procedure({ code: '1.000689', name: 'Đăng ký khai sinh kết hợp nhận cha, mẹ, con' }),
  procedure({ code: '1.000893', name: 'Đăng ký khai tử' }),
  // sorts before "Đăng ký khai sinh" by name, contains "khai sinh" and its code contains 1.001193:
  // only relevance (name similarity, the exact code) puts it below
  procedure({ code: '1.001193.H38', name: 'Cấp bản sao Giấy khai sinh' }),
  procedure({ code: '2.000889', name: 'Cấp bản sao trích lục hộ tịch', levels: ['province', 'commune'], onlineType: 'partial' }),
  procedure({
    code: '1.009994',
    name: 'Cấp giấy phép xây dựng nhà ở riêng lẻ',
    field: 'Xây dựng',
    levels: ['province'],
    onlineType: 'partial',
  }),
  procedure({
    code: '2.001159',
    name: 'Đăng ký thành lập hộ kinh doanh',
    field: 'Thành lập và hoạt động của hộ kinh doanh',
    applicantTypes: ['citizen', 'business'],
    processingTime: { value: 24, unit: 'working_hour' },
    fees: [],
    legalBasis: [],
    unverified: [],
  }),
]

const decision = { number: '01/QĐ-UBND', date: '2025-07-01', signer: 'Chủ tịch UBND tỉnh' }
const versionCount = async () =>
  (await sql<{ n: number }>`select count(*)::int as n from procedure_versions`.execute(t.ctx.database.db)).rows[0]?.n
const search = async (qs: string) => {
  const res = await client(t.app).get(`/procedures?${qs}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json<SearchResult>()
}

beforeAll(async () => {
  t = await startTestApp()
  const province = await createAgency(t.ctx, { kind: 'province', name: 'Tỉnh Thử' })
  dept = await createAgency(t.ctx, { kind: 'department', parentId: province.id, name: 'Sở Xây dựng' })
  otherDept = await createAgency(t.ctx, { kind: 'department', parentId: province.id, name: 'Sở Tư pháp' })
  commune = await createAgency(t.ctx, { kind: 'commune', parentId: province.id, name: 'Xã Một' })
  const sys = await createOfficer(t.ctx, { roles: ['system_admin'], agencyId: province.id, totp: true })
  admin = await signIn(t.app, sys.username, sys.password, sys.totpSecret)
  expect(admin.me.stage).toBe('ok')
  const clerk = await createOfficer(t.ctx, { roles: ['receiving_officer'], agencyId: commune.id })
  officer = await signIn(t.app, clerk.username, clerk.password)
  expect(officer.me.stage).toBe('ok')

  // the construction permit is implemented by one named department only
  const items = catalog().map((p) => (p.code === '1.009994' ? { ...p, agencyCodes: [dept.code!] } : p))
  const qs = new URLSearchParams({
    publish: 'true',
    decisionNumber: decision.number,
    decisionDate: decision.date,
    decisionSigner: decision.signer,
  })
  const res = await client(t.app, admin).post(`/admin/catalog/import?${qs.toString()}`, items)
  expect(res.statusCode, res.body).toBe(200)
  expect(res.json<ImportReportBody>()).toEqual({ imported: 9, errors: [] })
})
afterAll(async () => {
  await t?.close()
})

describe('public search', () => {
  it.each(['khai sinh', 'KHAI SINH', 'dang ky kai sinh', 'đăng ký khai sinh', 'Đăng kí khai sinh', 'dang ky khai sin'])(
    '"%s" ranks Đăng ký khai sinh first',
    async (q) => {
      const r = await search(`q=${encodeURIComponent(q)}`)
      expect(r.items[0]?.code).toBe('1.001193')
      expect(r.items[0]?.name).toBe('Đăng ký khai sinh')
      expect(r.items.map((i) => i.code)).toEqual(expect.arrayContaining(['1.001022', '1.000656']))
      expect(r.items.map((i) => i.code)).not.toContain('1.009994')
      const scores = r.items.map((i) => i.score ?? 0)
      expect(scores).toEqual([...scores].sort((a, b) => b - a))
    },
  )

  it('puts a procedure code first and finds other words', async () => {
    expect((await search('q=1.000893')).items[0]?.code).toBe('1.000893')
    expect((await search('q=1.001193')).items.map((i) => i.code)).toEqual(['1.001193', '1.001193.H38'])
    expect((await search('q=giay phep xay dung')).items.map((i) => i.code)).toEqual(['1.009994'])
    expect((await search('q=ho kinh doanh')).items[0]?.code).toBe('2.001159')
    expect((await search('q=zzzzqqq')).total).toBe(0)
  })

  it('filters by field, level, online type and agency', async () => {
    expect((await search(`field=${encodeURIComponent('Xây dựng')}`)).items.map((i) => i.code)).toEqual(['1.009994'])
    expect((await search('level=province')).items.map((i) => i.code).sort()).toEqual(['1.001022', '1.009994', '2.000889'])
    expect((await search('onlineType=partial')).items.map((i) => i.code).sort()).toEqual(['1.009994', '2.000889'])
    expect((await search('q=khai+sinh&level=province')).items.map((i) => i.code)).toEqual(['1.001022'])
    // a department is province level: named procedures, and province ones that name no agency
    expect((await search(`agency=${dept.code}`)).items.map((i) => i.code).sort()).toEqual(['1.001022', '1.009994', '2.000889'])
    expect((await search(`agency=${otherDept.code}`)).items.map((i) => i.code).sort()).toEqual(['1.001022', '2.000889'])
    const communeCodes = (await search(`agency=${commune.code}&pageSize=100`)).items.map((i) => i.code)
    expect(communeCodes).toHaveLength(7)
    expect(communeCodes).not.toContain('1.009994')
    expect((await search('agency=999.99.99.H00')).total).toBe(0)
  })

  it('pages with totals, ordered by field and name without a query', async () => {
    const all = await search('pageSize=100')
    expect(all.total).toBe(9)
    expect(all.items.map((i) => i.name)).toEqual(
      [...catalog()].sort((a, b) => a.field.localeCompare(b.field, 'vi') || a.name.localeCompare(b.name, 'vi')).map((p) => p.name),
    )
    const p2 = await search('page=2&pageSize=3')
    expect(p2).toMatchObject({ total: 9, page: 2, pageSize: 3 })
    expect(p2.items.map((i) => i.code)).toEqual(all.items.slice(3, 6).map((i) => i.code))
    expect((await search('page=4&pageSize=2')).items).toHaveLength(2)
    expect((await search('page=5&pageSize=2')).items).toHaveLength(1)
    expect((await search('q=khai&pageSize=2')).total).toBeGreaterThan(2)
    expect(all.items.find((i) => i.code === '2.001159')?.processingDays).toBe(3)
  })

  it('rejects unknown query fields and bad values', async () => {
    const res = await client(t.app).get('/procedures?foo=1')
    expect(res.statusCode).toBe(400)
    expect(errorOf(res).code).toBe('VALIDATION_FAILED')
    expect((await client(t.app).get('/procedures?level=galaxy')).statusCode).toBe(400)
  })

  it('shows the published detail with implementing agencies, and field counts', async () => {
    const res = await client(t.app).get('/procedures/1.009994')
    expect(res.statusCode, res.body).toBe(200)
    const d = res.json<{ agencies: { code: string }[]; publication: unknown; status: string; version: number }>()
    expect(d.agencies.map((a) => a.code)).toEqual([dept.code])
    expect(d).toMatchObject({ status: 'published', version: 1, publication: { kind: 'new', ...decision } })
    const birth = (await client(t.app).get('/procedures/1.001193')).json<{ agencies: { code: string; level: string }[] }>()
    expect(birth.agencies).toEqual([{ code: commune.code, name: commune.name, level: 'commune' }])
    expect((await client(t.app).get('/procedures/3.999999')).statusCode).toBe(404)
    const fields = (await client(t.app).get('/catalog/fields')).json<{ field: string; count: number }[]>()
    expect(fields).toEqual(
      expect.arrayContaining([
        { field: 'Hộ tịch', count: 7 },
        { field: 'Xây dựng', count: 1 },
      ]),
    )
  })
})

describe('versions and publication', () => {
  const base = () => catalog()[0]!

  it('publishes a new version: the old one is superseded, the public sees the new one', async () => {
    const api = client(t.app, admin)
    const draft = { ...base(), processingTime: { value: 3, unit: 'working_day' as const } }
    const saved = await api.put('/admin/procedures/1.001193/draft', draft)
    expect(saved.statusCode, saved.body).toBe(200)
    expect(saved.json<AdminView>().draft?.processingTime.value).toBe(3)
    // the public still sees version 1 until publication
    expect((await client(t.app).get('/procedures/1.001193')).json<{ version: number }>().version).toBe(1)

    const wrongKind = await api.post('/admin/procedures/1.001193/publish', { ...decision, kind: 'new' })
    expect(wrongKind.statusCode).toBe(400)
    expect(errorOf(wrongKind).code).toBe('CATALOG_PUBLICATION_KIND')

    const pub = await api.post('/admin/procedures/1.001193/publish', { ...decision, number: '02/QĐ-UBND', kind: 'amended' })
    expect(pub.statusCode, pub.body).toBe(200)
    const view = pub.json<AdminView>()
    expect(view.versions.map((v) => [v.version, v.status])).toEqual([
      [2, 'published'],
      [1, 'superseded'],
    ])
    expect(view.draft).toBeNull()
    const detail = (await client(t.app).get('/procedures/1.001193')).json<{
      version: number
      processingDays: number
      publication: { number: string }
    }>()
    expect(detail).toMatchObject({ version: 2, processingDays: 3, publication: { number: '02/QĐ-UBND' } })
    expect((await search('q=khai+sinh')).items[0]).toMatchObject({ code: '1.001193', version: 2 })

    const audit = await auditRows(t.ctx, 'catalog.procedure.publish', '1.001193')
    expect(audit.at(-1)?.actor_id).toBe(admin.me.id)
    expect((await auditRows(t.ctx, 'catalog.procedure.draft.save', '1.001193')).length).toBe(1)

    const noDraft = await api.post('/admin/procedures/1.001193/publish', { ...decision, kind: 'amended' })
    expect(errorOf(noDraft).code).toBe('CATALOG_NO_DRAFT')
  })

  it('never edits published content in place', async () => {
    const db = t.ctx.database.db
    const row = await db
      .selectFrom('procedure_versions')
      .select('id')
      .where('procedure_code', '=', '1.001193')
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow()
    await expect(sql`update procedure_versions set content = '{}'::jsonb where id = ${row.id}`.execute(db)).rejects.toThrow(/cannot change/)
    await expect(sql`update procedure_versions set publication = null where id = ${row.id}`.execute(db)).rejects.toThrow(/cannot change/)
  })

  it('creates a procedure as a draft, refuses a taken code and a changed code, deletes the draft', async () => {
    const api = client(t.app, admin)
    const p = procedure({ code: '1.000001', name: 'Thủ tục thử nghiệm mới' })
    const created = await api.post('/admin/procedures', p)
    expect(created.statusCode, created.body).toBe(201)
    expect(created.json<AdminView>()).toMatchObject({ code: '1.000001', published: null, versions: [{ version: 1, status: 'draft' }] })
    expect(created.json<AdminView>().draft).toEqual(p)
    expect(errorOf(await api.post('/admin/procedures', p)).code).toBe('CATALOG_CODE_TAKEN')
    const mismatch = await api.put('/admin/procedures/1.000001/draft', { ...p, code: '1.000002' })
    expect(mismatch.statusCode).toBe(400)
    expect(errorOf(mismatch).code).toBe('CATALOG_CODE_MISMATCH')
    expect((await client(t.app).get('/procedures/1.000001')).statusCode).toBe(404)

    const list = (await api.get('/admin/procedures?q=thu+nghiem')).json<{
      items: { code: string; status: string; draftVersion: number | null }[]
    }>()
    expect(list.items).toEqual([expect.objectContaining({ code: '1.000001', status: 'draft', draftVersion: 1, publishedVersion: null })])
    expect((await api.delete('/admin/procedures/1.000001/draft')).statusCode).toBe(204)
    expect((await api.get('/admin/procedures/1.000001')).statusCode).toBe(404)
  })

  it('abolishes a published procedure with an abolition decision', async () => {
    const api = client(t.app, admin)
    const wrong = await api.post('/admin/procedures/1.000893/abolish', { ...decision, kind: 'amended' })
    expect(errorOf(wrong).code).toBe('CATALOG_PUBLICATION_KIND')
    const res = await api.post('/admin/procedures/1.000893/abolish', { ...decision, number: '09/QĐ-UBND', kind: 'abolished' })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json<AdminView>().versions[0]).toMatchObject({ status: 'abolished', publication: { kind: 'new' } })
    expect((await client(t.app).get('/procedures/1.000893')).statusCode).toBe(404)
    expect((await search('q=khai+tu')).items.map((i) => i.code)).not.toContain('1.000893')
    const list = (await api.get('/admin/procedures?q=1.000893')).json<{ items: { status: string }[] }>()
    expect(list.items[0]?.status).toBe('abolished')
    const row = await sql<{
      abolition: { number: string }
    }>`select abolition from procedure_versions where procedure_code = '1.000893'`.execute(t.ctx.database.db)
    expect(row.rows[0]?.abolition.number).toBe('09/QĐ-UBND')
    expect(errorOf(await api.post('/admin/procedures/1.000893/abolish', { ...decision, kind: 'abolished' })).code).toBe(
      'CATALOG_NOT_PUBLISHED',
    )
  })
})

describe('import and export', () => {
  it('refuses a file with one invalid row, writing nothing', async () => {
    const api = client(t.app, admin)
    const before = await versionCount()
    const items = [
      procedure({ code: '1.000101', name: 'Thủ tục A' }),
      { ...procedure({ code: '1.000102', name: 'Thủ tục B' }), levels: [] },
      procedure({ code: '1.000103', name: 'Thủ tục C' }),
    ]
    const res = await api.post('/admin/catalog/import', items)
    expect(res.statusCode).toBe(422)
    const body = res.json<{ error: { code: string }; report: ImportReportBody }>()
    expect(body.error.code).toBe('CATALOG_IMPORT_INVALID')
    expect(body.report.imported).toBe(0)
    expect(body.report.errors).toEqual([expect.objectContaining({ row: 2, field: 'levels' })])
    expect(await versionCount()).toBe(before)

    const dup = await api.post('/admin/catalog/import', [items[0], items[2], items[0]])
    expect(dup.statusCode).toBe(422)
    expect(dup.json<{ report: ImportReportBody }>().report.errors).toEqual([expect.objectContaining({ row: 3, field: 'code' })])
    expect(await versionCount()).toBe(before)
  })

  it('lets the system (the demo seeder) import and publish without a session', async () => {
    const system = { actor: null, ip: '127.0.0.1', userAgent: 'test', requestId: 'seed' }
    const p = procedure({ code: '3.000001', name: 'Thủ tục do hệ thống nhập', field: 'Thử nghiệm' })
    const report = await importCatalog(t.ctx.database.db, system, [p], { publish: { kind: 'new', ...decision } })
    expect(report).toEqual({ imported: 1, errors: [] })
    const detail = (await client(t.app).get('/procedures/3.000001')).json<{ content: ProcedureContent; publication: { kind: string } }>()
    expect(detail).toMatchObject({ content: p, publication: { kind: 'new' } })
    // abolished again so the counts of the export below stay those of the catalog
    const res = await client(t.app, admin).post('/admin/procedures/3.000001/abolish', { ...decision, kind: 'abolished' })
    expect(res.statusCode, res.body).toBe(200)
  })

  it('round-trips the published catalog through Excel exactly', async () => {
    const api = client(t.app, admin)
    const json = await api.get('/admin/catalog/export?format=json')
    expect(json.statusCode).toBe(200)
    const published = json.json<ProcedureContent[]>()
    expect(published.map((p) => p.code)).toHaveLength(8) // one abolished
    const xlsx = await api.get('/admin/catalog/export?format=xlsx')
    expect(xlsx.statusCode).toBe(200)
    expect(xlsx.headers['content-type']).toBe(XLSX)

    const imported = await api.post('/admin/catalog/import?format=xlsx', xlsx.rawPayload, { headers: { 'content-type': XLSX } })
    expect(imported.statusCode, imported.body).toBe(200)
    expect(imported.json<ImportReportBody>()).toEqual({ imported: 8, errors: [] })
    for (const p of published) {
      const view = (await api.get(`/admin/procedures/${p.code}`)).json<AdminView>()
      expect(view.draft).toEqual(p)
      expect(view.published).toEqual(p)
    }
    expect((await auditRows(t.ctx, 'catalog.procedure.import')).length).toBe(9 + 1 + 8)
  })

  it('reports Excel errors by sheet row, writing nothing', async () => {
    const api = client(t.app, admin)
    const xlsx = await api.get('/admin/catalog/export?format=xlsx')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer)
    const components = wb.getWorksheet('ThanhPhan')!
    components.getRow(5).getCell(4).value = 'nhiều'
    const before = await versionCount()
    const res = await api.post('/admin/catalog/import?format=xlsx', Buffer.from(await wb.xlsx.writeBuffer()), {
      headers: { 'content-type': XLSX },
    })
    expect(res.statusCode).toBe(422)
    expect(res.json<{ report: ImportReportBody }>().report.errors).toEqual([
      expect.objectContaining({ row: 5, field: 'ThanhPhan.quantity (cột D)' }),
    ])
    expect(await versionCount()).toBe(before)
  })
})

describe('authorisation', () => {
  it('refuses officers without the catalog role and anonymous callers', async () => {
    const api = client(t.app, officer)
    for (const res of [
      await api.get('/admin/procedures'),
      await api.get('/admin/procedures/1.001193'),
      await api.post('/admin/procedures', procedure({ code: '1.000201', name: 'Không được tạo' })),
      await api.post('/admin/procedures/1.001193/publish', { ...decision, kind: 'amended' }),
      await api.get('/admin/catalog/export?format=json'),
      await api.post('/admin/catalog/import', [procedure({ code: '1.000202', name: 'Không được nhập' })]),
    ]) {
      expect(res.statusCode, res.body).toBe(403)
      expect(errorOf(res).code).toBe('FORBIDDEN')
    }
    expect((await client(t.app).get('/admin/procedures')).statusCode).toBe(401)
    expect((await client(t.app, admin).get('/admin/procedures?unknown=1')).statusCode).toBe(400)
  })
})
