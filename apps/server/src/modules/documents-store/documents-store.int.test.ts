import { randomUUID } from 'node:crypto'
import type { CitizenDocument, DossierDetail, StoredFile } from '@congso/contracts'
import { standardProcess } from '@congso/domain'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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
import {
  intakeProcedure,
  onlineBody,
  publish,
  publishProcess,
  registerCitizen,
  submit,
  upload,
  validForm,
} from '../../../test/dossier-fixtures.ts'

let t: TestApp
let commune: TestAgency
/** A receiving officer who also leads the agency: a lead holds every step of the process. */
let officer: Session
let citizen: Awaited<ReturnType<typeof registerCitizen>>
let other: Awaited<ReturnType<typeof registerCitizen>>
const procedure = intakeProcedure()

beforeAll(async () => {
  t = await startTestApp()
  const province = await createAgency(t.ctx, { kind: 'province', name: 'Tỉnh Thử' })
  commune = await createAgency(t.ctx, { kind: 'commune', parentId: province.id, name: 'UBND Phường Một' })
  procedure.agencyCodes = [commune.code ?? '']
  await publish(t, procedure)
  await publishProcess(t, procedure.code, commune.id, standardProcess())
  const o = await createOfficer(t.ctx, { roles: ['receiving_officer', 'agency_leader'], agencyId: commune.id })
  officer = await signIn(t.app, o.username, o.password)
  citizen = await registerCitizen(t)
  other = await registerCitizen(t, 'Trần Văn Bình')
}, 60_000)
afterAll(() => t?.close())

async function act(code: string, body: Record<string, unknown>): Promise<void> {
  const api = client(t.app, officer)
  const { version } = (await api.get(`/dossiers/${code}`)).json<DossierDetail>()
  const res = await api.post(`/dossiers/${code}/processing`, { version, ...body })
  expect(res.statusCode, `${String(body.action)}: ${res.body}`).toBe(200)
}

/** Submits online, runs the dossier through the standard process and returns the result electronically. */
async function dossierWithOnlineResult(): Promise<{ code: string; result: StoredFile }> {
  const api = client(t.app, citizen)
  const world = { procedure, commune } as unknown as Parameters<typeof onlineBody>[1]
  const res = await submit(api, await onlineBody(api, world, { agencyCode: commune.code }))
  expect(res.statusCode, res.body).toBe(201)
  const code = res.json<{ code: string }>().code
  expect((await client(t.app, officer).post(`/dossiers/${code}/accept`, { version: 1 })).statusCode).toBe(200)
  await act(code, { action: 'start' })
  await act(code, { action: 'forward', toStepId: 'kiem-tra', opinion: 'Hồ sơ đủ điều kiện' })
  await act(code, { action: 'forward', toStepId: 'phe-duyet', opinion: 'Trình lãnh đạo' })
  await act(code, { action: 'approve', opinion: 'Đồng ý cấp' })
  await act(code, { action: 'forward', toStepId: 'phat-hanh', opinion: 'Giao văn thư phát hành' })
  const result = await upload(client(t.app, officer), 'trich-luc-khai-sinh.pdf')
  await act(code, { action: 'attach_result', fileId: result.id })
  await act(code, { action: 'forward', toStepId: 'tra-ket-qua', opinion: 'Chuyển trả kết quả' })
  await act(code, { action: 'return_result' })
  return { code, result }
}

/** A new online dossier whose first component is `fileId` (the second a fresh upload). */
async function submitWith(fileId: string) {
  const api = client(t.app, citizen)
  const second = await upload(api, 'giay-chung-sinh.pdf')
  return submit(api, {
    procedureCode: procedure.code,
    agencyCode: commune.code,
    channel: 'online',
    formData: validForm,
    components: [
      { index: 0, fileIds: [fileId] },
      { index: 1, fileIds: [second.id] },
    ],
    returnChannel: 'online',
    contact: { address: 'Số 12 đường Lê Lợi, phường Một' },
  })
}

describe('the citizen’s document store (kho dữ liệu)', () => {
  it('keeps an electronic result and offers a copy of it as a component of a later dossier', async () => {
    const { code, result } = await dossierWithOnlineResult()

    const list = await client(t.app, citizen).get('/me/documents')
    expect(list.statusCode, list.body).toBe(200)
    const doc = list.json<CitizenDocument[]>().find((d) => d.fileId === result.id)
    expect(doc).toMatchObject({
      fileName: result.fileName,
      contentType: 'application/pdf',
      sizeBytes: result.sizeBytes,
      dossierCode: code,
      procedureCode: procedure.code,
    })
    expect(doc?.title).toContain(code)
    // The citizen downloads the stored result itself.
    expect((await client(t.app, citizen).get(`/files/${result.id}`)).statusCode).toBe(200)

    const used = await client(t.app, citizen).post(`/me/documents/${doc?.id}/use`)
    expect(used.statusCode, used.body).toBe(201)
    const copy = used.json<StoredFile>()
    expect(copy.id).not.toBe(result.id)
    expect(copy).toMatchObject({ sha256: result.sha256, sizeBytes: result.sizeBytes, contentType: 'application/pdf' })
    const [audit] = await auditRows(t.ctx, 'files.attachment.reuse', copy.id)
    expect(audit?.details).toMatchObject({ sourceFileId: result.id, documentId: doc?.id, sha256: result.sha256 })

    // The stored result stays with its dossier; the copy is attached like an upload, to one dossier only.
    expect(errorOf(await submitWith(result.id)).code).toBe('DOSSIER_FILE_NOT_FOUND')
    const submitted = await submitWith(copy.id)
    expect(submitted.statusCode, submitted.body).toBe(201)
    expect(errorOf(await submitWith(copy.id)).code).toBe('DOSSIER_FILE_NOT_FOUND')
    const again = await client(t.app, citizen).post(`/me/documents/${doc?.id}/use`)
    expect(again.statusCode).toBe(201)
    expect(again.json<StoredFile>().id).not.toBe(copy.id)

    // Someone else's store is not theirs to see or use; officers have no store.
    expect((await client(t.app, other).get('/me/documents')).json<CitizenDocument[]>()).toEqual([])
    const foreign = await client(t.app, other).post(`/me/documents/${doc?.id}/use`)
    expect(foreign.statusCode).toBe(404)
    expect(errorOf(foreign).code).toBe('NOT_FOUND')
    expect((await client(t.app, officer).get('/me/documents')).statusCode).toBe(403)
    expect((await client(t.app).get('/me/documents')).statusCode).toBe(401)

    const openapi = (await client(t.app).get('/api/openapi.json')).json<{ paths: Record<string, unknown> }>()
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/api/v1/me/documents', '/api/v1/me/documents/{id}/use']))
  })

  it('copies at most an attachment’s size (10 MB)', async () => {
    const db = t.ctx.database.db
    const file = await db
      .insertInto('stored_files')
      .values({
        id: randomUUID(),
        storage_key: `attachments/2026/${randomUUID()}`,
        purpose: 'signed_document',
        file_name: 'ban-do-lon.pdf',
        content_type: 'application/pdf',
        size_bytes: 10 * 1024 * 1024 + 1,
        sha256: '0'.repeat(64),
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const doc = await db
      .insertInto('citizen_documents')
      .values({ user_id: other.me.id, file_id: file.id, title: 'Bản đồ địa chính' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const res = await client(t.app, other).post(`/me/documents/${doc.id}/use`)
    expect(res.statusCode).toBe(413)
    expect(errorOf(res).code).toBe('FILE_TOO_LARGE')
    const copies = await auditRows(t.ctx, 'files.attachment.reuse')
    expect(copies.filter((r) => r.details.sourceFileId === file.id)).toEqual([])
  })

  it('lists newest first', async () => {
    const first = await dossierWithOnlineResult()
    const second = await dossierWithOnlineResult()
    const docs = (await client(t.app, citizen).get('/me/documents')).json<CitizenDocument[]>()
    const order = docs.map((d) => d.dossierCode)
    expect(order.indexOf(second.code)).toBeLessThan(order.indexOf(first.code))
    expect(order.indexOf(first.code)).toBeGreaterThanOrEqual(0)
  })
})
