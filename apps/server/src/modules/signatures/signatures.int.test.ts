import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SignedFile, SigningSession, TrustAnchor, ValidationReport, VerificationResult } from '@congso/contracts'
import {
  createTestPki,
  demoSealPng,
  exportPkcs12,
  makeSamplePdf,
  ReferenceExternalSigner,
  type TestPki,
} from '@congso/pdf-signatures/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  auditRows,
  client,
  createAgency,
  createOfficer,
  errorOf,
  randomIp,
  signIn,
  startTestApp,
  type Session,
  type TestAgency,
  type TestApp,
} from '../../../test/harness.ts'
import { upload } from '../../../test/dossier-fixtures.ts'

let t: TestApp
let pki: TestPki
let agency: TestAgency
let admin: Session
let clerk: Session
let specialist: Session
let samplePdf: Buffer

const PASSPHRASE = 'mat-khau-con-dau-thu'

function installSeal(code: string, p12: Uint8Array, passphrase: string | null): void {
  const dir = t.ctx.config.signing.sealDir
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, `${code}.p12`), p12)
  if (passphrase !== null) writeFileSync(join(dir, `${code}.p12.pass`), `${passphrase}\n`)
  writeFileSync(join(dir, `${code}.seal.png`), demoSealPng())
}

beforeAll(async () => {
  t = await startTestApp({ env: { SIGNATURE_REVOCATION: 'off' } })
  pki = await createTestPki()
  samplePdf = Buffer.from(await makeSamplePdf())
  const province = await createAgency(t.ctx, { kind: 'province' })
  agency = await createAgency(t.ctx, { kind: 'department', parentId: province.id, name: 'Sở Tư pháp Thử' })
  installSeal(agency.code!, exportPkcs12(pki.agencySeal, PASSPHRASE), PASSPHRASE)
  const a = await createOfficer(t.ctx, { roles: ['system_admin'], agencyId: province.id, totp: true })
  admin = await signIn(t.app, a.username, a.password, a.totpSecret)
  const c = await createOfficer(t.ctx, { roles: ['clerk'], agencyId: agency.id })
  clerk = await signIn(t.app, c.username, c.password)
  const s = await createOfficer(t.ctx, { roles: ['processing_officer'], agencyId: agency.id })
  specialist = await signIn(t.app, s.username, s.password)
  const res = await client(t.app, admin).post('/admin/trust-anchors', { label: 'Demo Root CA', certificate: pki.root.certificatePem })
  expect(res.statusCode, res.body).toBe(201)
}, 60_000)
afterAll(() => t?.close())

const verify = (body: Uint8Array) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/signatures/verify',
    headers: { 'content-type': 'application/pdf' },
    payload: Buffer.from(body),
    remoteAddress: randomIp(),
  })

async function download(session: Session, path: string): Promise<Buffer> {
  const res = await client(t.app, session).get(path)
  expect(res.statusCode, res.body.slice(0, 200)).toBe(200)
  return res.rawPayload
}

async function seal(session: Session, fileId: string, extra: Record<string, unknown> = {}) {
  return client(t.app, session).post('/signatures/seal', { fileId, reason: 'Phát hành văn bản', ...extra })
}

describe('trust store', () => {
  it('only a system admin changes it; CA certificates only, once each; every change is audited', async () => {
    const forbidden = await client(t.app, clerk).post('/admin/trust-anchors', { label: 'x', certificate: pki.otherRoot.certificatePem })
    expect(forbidden.statusCode).toBe(403)
    const endEntity = await client(t.app, admin).post('/admin/trust-anchors', { label: 'x', certificate: pki.personal1.certificatePem })
    expect(errorOf(endEntity).code).toBe('TRUST_ANCHOR_INVALID')
    const garbage = await client(t.app, admin).post('/admin/trust-anchors', { label: 'x', certificate: 'A'.repeat(200) })
    expect(errorOf(garbage).code).toBe('TRUST_ANCHOR_INVALID')
    const dup = await client(t.app, admin).post('/admin/trust-anchors', { label: 'again', certificate: pki.root.certificatePem })
    expect(errorOf(dup).code).toBe('TRUST_ANCHOR_DUPLICATE')

    const der = Buffer.from(pki.otherRoot.certificate).toString('base64')
    const added = await client(t.app, admin).post('/admin/trust-anchors', { label: 'Other root', certificate: der })
    expect(added.statusCode, added.body).toBe(201)
    const anchor = added.json<TrustAnchor>()
    expect(await auditRows(t.ctx, 'signatures.trust_anchor.add', anchor.id)).toHaveLength(1)
    const list = (await client(t.app, clerk).get('/admin/trust-anchors')).json<{ items: TrustAnchor[] }>()
    expect(list.items.map((i) => i.label)).toEqual(['Demo Root CA', 'Other root'])
    expect((await client(t.app, clerk).delete(`/admin/trust-anchors/${anchor.id}`)).statusCode).toBe(403)
    expect((await client(t.app, admin).delete(`/admin/trust-anchors/${anchor.id}`)).statusCode).toBe(200)
    expect(await auditRows(t.ctx, 'signatures.trust_anchor.remove', anchor.id)).toHaveLength(1)
  })
})

describe('sealing with the agency seal', () => {
  it('the clerk seals an uploaded PDF: a new file, valid and trusted, the source untouched, audited', async () => {
    const source = await upload(client(t.app, clerk), 'quyet-dinh.pdf', samplePdf)
    const res = await seal(clerk, source.id)
    expect(res.statusCode, res.body).toBe(201)
    const { file, report } = res.json<SignedFile>()
    expect(file.id).not.toBe(source.id)
    expect(file.fileName).toBe('quyet-dinh-da-ky.pdf')
    expect(report.verdict).toBe('valid')
    expect(report.signatures[0]).toMatchObject({
      integrity: 'ok',
      trust: 'trusted',
      coversWholeDocument: true,
      reason: 'Phát hành văn bản',
    })
    expect(report.signatures[0]).toMatchObject({ signerName: 'UBND xã Demo (TEST ONLY)', organization: 'Congso Demo' })

    const signed = await download(clerk, `/files/${file.id}`)
    expect(signed.subarray(0, samplePdf.length).equals(samplePdf)).toBe(true)
    expect(await download(clerk, `/files/${source.id}`)).toEqual(samplePdf)
    expect(await auditRows(t.ctx, 'signatures.seal', file.id)).toHaveLength(1)
    const row = await t.ctx.database.db.selectFrom('signed_documents').selectAll().where('file_id', '=', file.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ source_file_id: source.id, mode: 'seal', agency_id: agency.id })

    // A colleague of the agency reads the signed document and its report; the public check agrees.
    const again = (await client(t.app, specialist).get(`/files/${file.id}/signatures`)).json<ValidationReport>()
    expect(again.verdict).toBe('valid')
    const pub = await verify(signed)
    expect(pub.statusCode, pub.body).toBe(200)
    expect(pub.json<VerificationResult>().report.verdict).toBe('valid')
  })

  it('a second seal on the signed file keeps the first valid; the first signed revision is downloadable', async () => {
    const source = await upload(client(t.app, clerk), 'cong-van.pdf', samplePdf)
    const first = (await seal(clerk, source.id)).json<SignedFile>()
    const second = await seal(clerk, first.file.id, { page: 2, rect: [300, 700, 540, 800] })
    expect(second.statusCode, second.body).toBe(201)
    const report = second.json<SignedFile>().report
    expect(report.verdict).toBe('valid')
    expect(report.signatures).toHaveLength(2)
    expect(report.signatures[0]).toMatchObject({ integrity: 'ok', coversWholeDocument: false, modifiedAfterSigning: false })
    expect(report.signatures[0]?.laterRevisions.every((r) => r.allowed)).toBe(true)
    const revision = await download(clerk, `/files/${second.json<SignedFile>().file.id}/signatures/1/revision`)
    expect(revision).toEqual(await download(clerk, `/files/${first.file.id}`))
  })

  it('refuses whoever may not seal, what cannot be sealed, and a seal that cannot be opened — writing nothing', async () => {
    const source = await upload(client(t.app, clerk), 'to-trinh.pdf', samplePdf)
    const count = async () =>
      Number(
        (
          await t.ctx.database.db
            .selectFrom('stored_files')
            .select((e) => e.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    const before = await count()
    expect((await seal(specialist, source.id)).statusCode).toBe(403)
    expect(errorOf(await seal(clerk, source.id, { page: 9 })).code).toBe('SIGNATURE_PAGE_OUT_OF_RANGE')
    const png = await upload(client(t.app, clerk), 'anh.png', Buffer.from(demoSealPng()))
    expect(errorOf(await seal(clerk, png.id)).code).toBe('SIGNATURE_NOT_PDF')
    const fake = await upload(client(t.app, clerk), 'hong.pdf', Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'))
    expect(errorOf(await seal(clerk, fake.id)).code).toBe('SIGNATURE_PDF_INVALID')

    // Another agency with no seal, and one whose key file has the wrong passphrase.
    const other = await createAgency(t.ctx, { kind: 'department', parentId: agency.ancestorIds[0]!, name: 'Sở Thử Không Dấu' })
    const otherClerk = await createOfficer(t.ctx, { roles: ['clerk'], agencyId: other.id })
    const s2 = await signIn(t.app, otherClerk.username, otherClerk.password)
    const mine = await upload(client(t.app, s2), 'a.pdf', samplePdf)
    expect(errorOf(await seal(s2, mine.id)).code).toBe('SIGNATURE_SEAL_NOT_CONFIGURED')
    installSeal(other.code!, exportPkcs12(pki.agencySeal, PASSPHRASE), 'sai-mat-khau')
    const wrong = await seal(s2, mine.id)
    expect(wrong.statusCode).toBe(503)
    expect(errorOf(wrong).code).toBe('SIGNATURE_SEAL_UNAVAILABLE')
    // The seal page explains the problem in Vietnamese instead of failing.
    const info = (await client(t.app, s2).get('/signatures/seal')).json<{ configured: boolean; problem: string | null }>()
    expect(info).toMatchObject({ configured: true })
    expect(info.problem).toMatch(/khóa ký/)
    // An expired seal certificate is refused before anything is signed.
    installSeal(other.code!, exportPkcs12(pki.expiredPersonal, PASSPHRASE), PASSPHRASE)
    expect(errorOf(await seal(s2, mine.id)).code).toBe('SIGNATURE_CERTIFICATE_INVALID')
    // Uploads above were the only files written (source, png, fake, mine).
    expect(await count()).toBe(before + 3)
  })
})

describe('two-step signing with an external signer (USB token, remote signing service)', () => {
  async function start(session: Session, fileId: string, chain: Uint8Array[]) {
    return client(t.app, session).post('/signatures/sessions', {
      fileId,
      certificateChain: chain.map((c) => Buffer.from(c).toString('base64')),
      title: 'Chuyên viên',
      reason: 'Trình ký',
    })
  }

  it('only the digest leaves the server; the returned CMS is embedded once', async () => {
    const source = await upload(client(t.app, specialist), 'to-trinh.pdf', samplePdf)
    const token = new ReferenceExternalSigner(pki.personal1)
    const res = await start(specialist, source.id, await pki.personal1.signer.certificateChain())
    expect(res.statusCode, res.body).toBe(201)
    const session = res.json<SigningSession>()
    const cms = await token.signDigest(session.digest)
    const done = await client(t.app, specialist).post(`/signatures/sessions/${session.id}/complete`, { cms })
    expect(done.statusCode, done.body).toBe(201)
    const { report, file } = done.json<SignedFile>()
    expect(report.verdict).toBe('valid')
    expect(report.signatures[0]?.signerName).toBe('Nguyễn Văn An (TEST ONLY)')
    expect(await auditRows(t.ctx, 'signatures.sign', file.id)).toHaveLength(1)
    const twice = await client(t.app, specialist).post(`/signatures/sessions/${session.id}/complete`, { cms })
    expect(errorOf(twice).code).toBe('SIGNATURE_SESSION_EXPIRED')
    // Somebody else's session is not theirs to complete.
    const other = await client(t.app, clerk).post(`/signatures/sessions/${session.id}/complete`, { cms })
    expect(other.statusCode).toBe(404)
  })

  it('a CMS over another digest or from another certificate is refused and nothing is stored', async () => {
    const source = await upload(client(t.app, specialist), 'bao-cao.pdf', samplePdf)
    const session = (await start(specialist, source.id, await pki.personal1.signer.certificateChain())).json<SigningSession>()
    const wrongDigest = await new ReferenceExternalSigner(pki.personal1).signDigest('00'.repeat(32))
    const r1 = await client(t.app, specialist).post(`/signatures/sessions/${session.id}/complete`, { cms: wrongDigest })
    expect(errorOf(r1).code).toBe('SIGNATURE_CMS_MISMATCH')
    const otherSigner = await new ReferenceExternalSigner(pki.personal2).signDigest(session.digest)
    const r2 = await client(t.app, specialist).post(`/signatures/sessions/${session.id}/complete`, { cms: otherSigner })
    expect(errorOf(r2).code).toBe('SIGNATURE_CMS_MISMATCH')
    const signed = await t.ctx.database.db
      .selectFrom('signed_documents')
      .select('file_id')
      .where('source_file_id', '=', source.id)
      .execute()
    expect(signed).toEqual([])
  })

  it('an expired or wrong-usage certificate cannot start a session', async () => {
    const source = await upload(client(t.app, specialist), 'x.pdf', samplePdf)
    expect(errorOf(await start(specialist, source.id, [pki.expiredPersonal.certificate])).code).toBe('SIGNATURE_CERTIFICATE_INVALID')
    expect(errorOf(await start(specialist, source.id, [pki.wrongUsage.certificate])).code).toBe('SIGNATURE_CERTIFICATE_INVALID')
  })
})

describe('public verification', () => {
  it('answers for unsigned, tampered and non-PDF uploads without storing anything', async () => {
    const before = await t.ctx.database.db
      .selectFrom('stored_files')
      .select((e) => e.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    const unsigned = await verify(samplePdf)
    expect(unsigned.json<VerificationResult>().report.verdict).toBe('no-signatures')
    const source = await upload(client(t.app, clerk), 'qd.pdf', samplePdf)
    const signed = await download(clerk, `/files/${(await seal(clerk, source.id)).json<SignedFile>().file.id}`)
    const tampered = Buffer.from(signed)
    const at = tampered.indexOf('/MediaBox')
    tampered.write('N', at + 1, 'latin1')
    const res = (await verify(tampered)).json<VerificationResult>()
    expect(res.report.verdict).toBe('invalid')
    expect(res.report.signatures[0]?.errors).toContain('message-digest-mismatch')
    const notPdf = await verify(Buffer.from('hello'))
    expect(notPdf.statusCode).toBe(415)
    expect(errorOf(notPdf).code).toBe('SIGNATURE_NOT_PDF')
    const after = await t.ctx.database.db
      .selectFrom('stored_files')
      .select((e) => e.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n) + 2)
  })
})
