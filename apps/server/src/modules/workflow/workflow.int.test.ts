import type { ProcedureContent, ProcessCheckResult, ProcessExport, ProcessIssue, ProcessList, ProcessVersionView } from '@congso/contracts'
import { standardProcess, type ProcessDefinition } from '@congso/domain'
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { intakeProcedure, publish } from '../../../test/dossier-fixtures.ts'
import {
  auditRows,
  client,
  createAgency,
  createOfficer,
  errorOf,
  signIn,
  startTestApp,
  type Client,
  type TestAgency,
  type TestApp,
} from '../../../test/harness.ts'
import { processDefinitionById, publishedProcess } from './workflow.service.ts'

/**
 * Province P ⊃ department D (implements the procedure; units U1, U2) and department D2 (does not);
 * another province Q ⊃ department QD with unit QU. The procedure's legal time is 6 working days,
 * exactly the standard process's slowest path.
 */
let t: TestApp
let P: TestAgency, D: TestAgency, U1: TestAgency, D2: TestAgency, QD: TestAgency, QU: TestAgency
let procedure: ProcedureContent
let sysAdmin: Client, dAdmin: Client, dOfficer: Client, qOfficer: Client, qAdmin: Client, pAdmin: Client

async function officer(roles: Parameters<typeof createOfficer>[1]['roles'], agencyId: string): Promise<Client> {
  const admin = roles.includes('system_admin') || roles.includes('agency_admin')
  const o = await createOfficer(t.ctx, { roles, agencyId, totp: admin })
  return client(t.app, await signIn(t.app, o.username, o.password, o.totpSecret))
}

beforeAll(async () => {
  t = await startTestApp()
  P = await createAgency(t.ctx, { kind: 'province', name: 'Tỉnh Thử' })
  D = await createAgency(t.ctx, { kind: 'department', parentId: P.id, name: 'Sở Tư pháp Thử' })
  U1 = await createAgency(t.ctx, { kind: 'unit', parentId: D.id, name: 'Phòng Hành chính tư pháp' })
  await createAgency(t.ctx, { kind: 'unit', parentId: D.id, name: 'Văn phòng Sở' })
  D2 = await createAgency(t.ctx, { kind: 'department', parentId: P.id, name: 'Sở Tài chính Thử' })
  const Q = await createAgency(t.ctx, { kind: 'province', name: 'Tỉnh Khác' })
  QD = await createAgency(t.ctx, { kind: 'department', parentId: Q.id, name: 'Sở Tư pháp Tỉnh Khác' })
  QU = await createAgency(t.ctx, { kind: 'unit', parentId: QD.id, name: 'Phòng Hộ tịch Tỉnh Khác' })
  procedure = intakeProcedure({
    name: 'Cấp Phiếu lý lịch tư pháp',
    levels: ['province'],
    agencyCodes: [D.code!, QD.code!],
    processingTime: { value: 6, unit: 'working_day' },
  })
  await publish(t, procedure)
  sysAdmin = await officer(['system_admin'], P.id)
  pAdmin = await officer(['agency_admin'], P.id)
  dAdmin = await officer(['agency_admin'], D.id)
  dOfficer = await officer(['processing_officer'], D.id)
  qOfficer = await officer(['processing_officer'], QD.id)
  qAdmin = await officer(['agency_admin'], QD.id)
}, 60_000)
afterAll(() => t?.close())

const draftBody = (definition: ProcessDefinition, over: Record<string, unknown> = {}) => ({
  procedureCode: procedure.code,
  agencyId: D.id,
  definition,
  ...over,
})
const view = (res: LightMyRequestResponse) => {
  expect(res.statusCode, res.body).toBe(200)
  return res.json<ProcessVersionView>()
}
const issuesOf = (res: LightMyRequestResponse) => {
  expect(res.statusCode, res.body).toBe(422)
  expect(errorOf(res).code).toBe('PROCESS_INVALID')
  return res.json<{ issues: ProcessIssue[] }>().issues
}
const rowCount = async () =>
  Number(
    (
      await t.ctx.database.db
        .selectFrom('process_versions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('agency_id', '=', D.id)
        .executeTakeFirstOrThrow()
    ).n,
  )

/** The standard process with the specialist work in U1. */
const standard = () => standardProcess({ specialistUnitId: U1.id })

describe('process drafts: what cannot be published is refused, with every reason, and nothing is written', () => {
  it('an unreachable step', async () => {
    const def = standard()
    def.steps.push({
      id: 'luu-tru',
      name: 'Lưu trữ hồ sơ',
      kind: 'task',
      role: 'clerk',
      unitId: null,
      duration: { value: 1, unit: 'working_hour' },
    })
    const res = await dAdmin.put('/admin/processes/draft', draftBody(def))
    expect(issuesOf(res)).toEqual([
      { code: 'step-unreachable', path: 'steps[5]', message: 'Không có đường đi từ bước đầu đến bước "Lưu trữ hồ sơ"' },
    ])
    const err = errorOf(res)
    expect(err.message).toBe('Quy trình nội bộ chưa hợp lệ, chưa lưu thay đổi nào: Không có đường đi từ bước đầu đến bước "Lưu trữ hồ sơ"')
    expect(err.fields).toEqual([{ path: 'body.definition.steps.5', message: 'Không có đường đi từ bước đầu đến bước "Lưu trữ hồ sơ"' }])
    expect(await rowCount()).toBe(0)
  })

  it('step durations over the legal time', async () => {
    const def = standard()
    def.steps[0]!.duration = { value: 10, unit: 'working_day' }
    expect(issuesOf(await dAdmin.put('/admin/processes/draft', draftBody(def)))).toEqual([
      {
        code: 'duration-exceeds-legal-time',
        path: 'steps',
        message: 'Tổng thời gian các bước (13 ngày làm việc) vượt thời hạn giải quyết của thủ tục (6 ngày làm việc)',
      },
    ])
    expect(await rowCount()).toBe(0)
  })

  it('several problems at once: a unit of another agency, a branch on a field the e-form does not have, a missing approval', async () => {
    const def = standard()
    def.steps[0]!.unitId = QU.id
    def.steps[2]!.kind = 'task'
    def.transitions.push({ from: 'tham-dinh', to: 'kiem-tra', kind: 'forward', condition: { field: 'soTien', op: 'gt', value: 5 } })
    const issues = issuesOf(await dAdmin.put('/admin/processes/draft', draftBody(def)))
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['approval-missing', 'steps'],
      ['step-unit-invalid', 'steps[0].unitId'],
      ['condition-field-unknown', 'transitions[7].condition.field'],
    ])
    expect(issues[1]!.message).toBe('Bước "Thẩm định hồ sơ": phòng/đơn vị được giao không thuộc cơ quan thực hiện')
    expect(issues[2]!.message).toBe('Điều kiện rẽ nhánh dùng trường "soTien" không có trong tờ khai điện tử của thủ tục')
    expect(await rowCount()).toBe(0)
    expect(await auditRows(t.ctx, 'workflow.process.draft.save')).toHaveLength(0)
  })

  it('a malformed definition is a plain validation error; the live check answers issues without writing', async () => {
    const def = { ...standard(), steps: standard().steps.map((s, i) => (i === 0 ? { ...s, role: 'mayor' } : s)) }
    const bad = await dAdmin.put('/admin/processes/draft', draftBody(def as ProcessDefinition))
    expect(bad.statusCode).toBe(400)
    expect(errorOf(bad).code).toBe('VALIDATION_FAILED')

    const long = standard()
    long.steps[1]!.duration = { value: 3, unit: 'working_day' }
    const check = await dAdmin.post('/admin/processes/check', { procedureCode: procedure.code, agencyId: D.id, definition: long })
    expect(check.statusCode, check.body).toBe(200)
    const result = check.json<ProcessCheckResult>()
    expect(result.legalTime).toEqual({ value: 6, unit: 'working_day' })
    expect(result.issues.map((i) => i.code)).toEqual(['duration-exceeds-legal-time'])
    expect(await rowCount()).toBe(0)
  })

  it('an agency that does not implement the procedure, or a procedure not published', async () => {
    const res = await sysAdmin.put('/admin/processes/draft', draftBody(standard(), { agencyId: D2.id }))
    expect(res.statusCode).toBe(400)
    expect(errorOf(res).code).toBe('PROCESS_AGENCY_NOT_IMPLEMENTING')
    expect(errorOf(res).fields).toEqual([{ path: 'body.agencyId', message: `${D2.name} không thực hiện thủ tục ${procedure.code}` }])
    const unpublished = await sysAdmin.put('/admin/processes/draft', draftBody(standard(), { procedureCode: '1.999999' }))
    expect(errorOf(unpublished).code).toBe('CATALOG_NOT_PUBLISHED')
  })
})

describe('versions: draft, publish, supersede; running dossiers keep theirs', () => {
  let v1: ProcessVersionView
  let v2: ProcessVersionView

  it('a valid draft is saved once; replacing it needs its revision', async () => {
    v1 = view(await dAdmin.put('/admin/processes/draft', draftBody(standard())))
    expect(v1).toMatchObject({ status: 'draft', version: 1, revision: 1, issues: [], agencyName: D.name, procedureName: procedure.name })
    expect(v1.legalTime).toEqual({ value: 6, unit: 'working_day' })
    expect(v1.definition).toEqual(standard())

    const again = await dAdmin.put('/admin/processes/draft', draftBody(standard()))
    expect(again.statusCode).toBe(409)
    expect(errorOf(again).code).toBe('PROCESS_DRAFT_EXISTS')

    const renamed = standard()
    renamed.steps[0]!.name = 'Chuyên viên thẩm định'
    const replaced = view(await dAdmin.put('/admin/processes/draft', draftBody(renamed, { expectedRevision: 1 })))
    expect(replaced).toMatchObject({ id: v1.id, version: 1, revision: 2 })
    const stale = await dAdmin.put('/admin/processes/draft', draftBody(standard(), { expectedRevision: 1 }))
    expect(errorOf(stale).code).toBe('PROCESS_VERSION_CONFLICT')

    const saves = await auditRows(t.ctx, 'workflow.process.draft.save', v1.id)
    expect(saves.map((r) => [r.details.created, r.details.revision])).toEqual([
      [true, 1],
      [false, 2],
    ])
    v1 = replaced
  })

  it('publishing: refused on a stale revision; then in force, and never published twice', async () => {
    expect(await publishedProcess(t.ctx.database.db, procedure.code, D.id)).toBeNull()
    const stale = await dAdmin.post(`/admin/processes/${v1.id}/publish`, { expectedRevision: 1 })
    expect(errorOf(stale).code).toBe('PROCESS_VERSION_CONFLICT')
    const published = view(await dAdmin.post(`/admin/processes/${v1.id}/publish`, { expectedRevision: 2 }))
    expect(published).toMatchObject({ status: 'published', version: 1 })
    expect(published.publishedAt).not.toBeNull()
    expect(await publishedProcess(t.ctx.database.db, procedure.code, D.id)).toEqual({ id: v1.id, version: 1, definition: v1.definition })
    const twice = await dAdmin.post(`/admin/processes/${v1.id}/publish`)
    expect(errorOf(twice).code).toBe('PROCESS_NO_DRAFT')
    const audit = await auditRows(t.ctx, 'workflow.process.publish', v1.id)
    expect(audit).toHaveLength(1)
    expect(audit[0]!.details).toMatchObject({ version: 1, superseded: null })
    v1 = published
  })

  it('a second version supersedes the first; the first keeps its definition for the dossiers running on it', async () => {
    const faster = standard()
    faster.steps[0]!.duration = { value: 2, unit: 'working_day' }
    const draft = view(await dAdmin.put('/admin/processes/draft', draftBody(faster)))
    expect(draft).toMatchObject({ version: 2, revision: 1, status: 'draft' })
    // the draft changes nothing for now
    expect((await publishedProcess(t.ctx.database.db, procedure.code, D.id))?.id).toBe(v1.id)

    v2 = view(await sysAdmin.post(`/admin/processes/${draft.id}/publish`))
    expect(v2.status).toBe('published')
    const old = view(await dOfficer.get(`/admin/processes/${v1.id}`))
    expect(old.status).toBe('superseded')
    expect(old.definition).toEqual(v1.definition)
    expect(old.publishedAt).toBe(v1.publishedAt)

    expect(await publishedProcess(t.ctx.database.db, procedure.code, D.id)).toEqual({ id: v2.id, version: 2, definition: faster })
    expect(await processDefinitionById(t.ctx.database.db, v1.id)).toEqual(v1.definition)
    expect(await processDefinitionById(t.ctx.database.db, v2.id)).toEqual(faster)
    expect(await auditRows(t.ctx, 'workflow.process.publish', v2.id)).toMatchObject([
      { details: { version: 2, superseded: { id: v1.id, version: 1 } } },
    ])

    // the database itself refuses to rewrite a published or superseded version
    const db = t.ctx.database.db
    await expect(
      db
        .updateTable('process_versions')
        .set({ definition: JSON.stringify(faster) })
        .where('id', '=', v1.id)
        .execute(),
    ).rejects.toThrow(/cannot change/)
    await expect(db.deleteFrom('process_versions').where('id', '=', v2.id).execute()).rejects.toThrow(/cannot be deleted/)
    await expect(db.updateTable('process_versions').set({ status: 'published' }).where('id', '=', v1.id).execute()).rejects.toThrow(
      /cannot go from superseded/,
    )
  })

  it('a draft is refused at publication when the legal time has shrunk since it was saved', async () => {
    const draft = view(await dAdmin.put('/admin/processes/draft', draftBody(standard())))
    await publish(t, { ...procedure, processingTime: { value: 5, unit: 'working_day' } })
    try {
      const now = view(await dAdmin.get(`/admin/processes/${draft.id}`))
      expect(now.legalTime).toEqual({ value: 5, unit: 'working_day' })
      expect(now.issues.map((i) => i.code)).toEqual(['duration-exceeds-legal-time'])
      const refused = await dAdmin.post(`/admin/processes/${draft.id}/publish`)
      expect(issuesOf(refused)[0]!.message).toBe(
        'Tổng thời gian các bước (6 ngày làm việc) vượt thời hạn giải quyết của thủ tục (5 ngày làm việc)',
      )
      expect((await publishedProcess(t.ctx.database.db, procedure.code, D.id))?.id).toBe(v2.id)
    } finally {
      await publish(t, procedure)
    }
    const discard = await dAdmin.delete(`/admin/processes/${draft.id}?expectedRevision=1`)
    expect(discard.statusCode, discard.body).toBe(204)
    expect(await auditRows(t.ctx, 'workflow.process.draft.delete', draft.id)).toHaveLength(1)
    expect((await dAdmin.get(`/admin/processes/${draft.id}`)).statusCode).toBe(404)
    const published = await dAdmin.delete(`/admin/processes/${v2.id}`)
    expect(errorOf(published).code).toBe('PROCESS_NO_DRAFT')
  })

  it('export and import: the file comes back as a draft of the next version, or a copy for another agency', async () => {
    const res = await dOfficer.get(`/admin/processes/${v2.id}/export`)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers['content-disposition']).toContain(`quy-trinh-${procedure.code}-${D.code}-v2.json`)
    const file = res.json<ProcessExport>()
    expect(file).toEqual({ procedureCode: procedure.code, agencyCode: D.code, version: 2, definition: v2.definition })

    const forbidden = await dOfficer.post('/admin/processes/import', file)
    expect(forbidden.statusCode).toBe(403)
    const imported = await dAdmin.post('/admin/processes/import', file)
    expect(view(imported)).toMatchObject({ status: 'draft', version: 3, agencyId: D.id, definition: v2.definition })
    const importAudit = await auditRows(t.ctx, 'workflow.process.import', imported.json<ProcessVersionView>().id)
    expect(importAudit).toHaveLength(1)

    // Into another agency that implements the procedure: D's unit is not QD's, and the import says so.
    const copy = await qAdmin.post('/admin/processes/import', { ...file, agencyId: QD.id })
    expect(issuesOf(copy)).toEqual([
      {
        code: 'step-unit-invalid',
        path: 'steps[0].unitId',
        message: 'Bước "Thẩm định hồ sơ": phòng/đơn vị được giao không thuộc cơ quan thực hiện',
      },
      {
        code: 'step-unit-invalid',
        path: 'steps[1].unitId',
        message: 'Bước "Trưởng phòng kiểm tra": phòng/đơn vị được giao không thuộc cơ quan thực hiện',
      },
    ])
    const fixed = standardProcess({ specialistUnitId: QU.id })
    expect(view(await qAdmin.post('/admin/processes/import', { ...file, agencyId: QD.id, definition: fixed }))).toMatchObject({
      agencyId: QD.id,
      version: 1,
    })
    const notImplementing = await sysAdmin.post('/admin/processes/import', { ...file, agencyCode: D2.code })
    expect(errorOf(notImplementing).code).toBe('PROCESS_AGENCY_NOT_IMPLEMENTING')
    const neither = await sysAdmin.post('/admin/processes/import', { ...file, agencyCode: undefined })
    expect(errorOf(neither).code).toBe('VALIDATION_FAILED')
  })
})

describe('who reads and who writes', () => {
  let draftId: string
  beforeAll(async () => {
    const list = (await sysAdmin.get(`/admin/processes?agencyId=${D.id}&status=draft`)).json<ProcessList>()
    draftId = list.items[0]!.id
  })

  it('staff of the agency (or above) read; officers of another agency do not', async () => {
    expect((await dOfficer.get(`/admin/processes/${draftId}`)).statusCode).toBe(200)
    expect((await pAdmin.get(`/admin/processes/${draftId}`)).statusCode).toBe(200)
    expect((await qOfficer.get(`/admin/processes/${draftId}`)).statusCode).toBe(403)
    expect((await qOfficer.get(`/admin/processes/${draftId}/export`)).statusCode).toBe(403)
    expect((await qOfficer.get(`/admin/processes?agencyId=${D.id}`)).statusCode).toBe(403)
    expect((await client(t.app).get(`/admin/processes/${draftId}`)).statusCode).toBe(401)
  })

  it('lists are limited to the own subtree unless a system admin asks', async () => {
    const mine = (await dOfficer.get('/admin/processes')).json<ProcessList>()
    expect(new Set(mine.items.map((i) => i.agencyId))).toEqual(new Set([D.id]))
    expect(mine.items.map((i) => [i.version, i.status])).toEqual([
      [3, 'draft'],
      [2, 'published'],
      [1, 'superseded'],
    ])
    expect(mine.items[0]).toMatchObject({ procedureName: procedure.name, agencyName: D.name, stepCount: 5 })
    const theirs = (await qOfficer.get('/admin/processes')).json<ProcessList>()
    expect(theirs.items.map((i) => i.agencyId)).toEqual([QD.id])
    const all = (await sysAdmin.get(`/admin/processes?procedureCode=${procedure.code}`)).json<ProcessList>()
    expect(all.total).toBe(4)
  })

  it('only admins of the agency subtree (or a system admin) write', async () => {
    const def = standard()
    expect((await dOfficer.put('/admin/processes/draft', draftBody(def, { expectedRevision: 1 }))).statusCode).toBe(403)
    expect((await qAdmin.put('/admin/processes/draft', draftBody(def, { expectedRevision: 1 }))).statusCode).toBe(403)
    expect((await qAdmin.post(`/admin/processes/${draftId}/publish`)).statusCode).toBe(403)
    expect((await qAdmin.delete(`/admin/processes/${draftId}`)).statusCode).toBe(403)
    expect((await qAdmin.post('/admin/processes/check', draftBody(def))).statusCode).toBe(403)
    // an admin of the province above edits its departments' processes
    expect(view(await pAdmin.put('/admin/processes/draft', draftBody(def, { expectedRevision: 1 })))).toMatchObject({ revision: 2 })
    const unknown = await sysAdmin.get('/admin/processes/00000000-0000-4000-8000-000000000000')
    expect(errorOf(unknown).code).toBe('PROCESS_NOT_FOUND')
  })
})
