import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { webcrypto, KeyObject } from 'node:crypto'
import * as x509 from '@peculiar/x509'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  agencySealRect,
  buildCadesSignature,
  embedSignature,
  formatSigningTime,
  LocalKeySigner,
  personalImageBox,
  preparePdfSignature,
  signPdf,
  signPdfWithExternalSigner,
  SigningError,
  validatePdf,
  type PersonalAppearance,
  type PreparedSignature,
  type Rect,
  type Signer,
  type SigningErrorCode,
} from './index.ts'
import { openPdf, resolveDict } from './pdf/document.ts'
import type { PdfDict } from './pdf/objects.ts'
import { ReferenceExternalSigner } from './testing/external-signer.ts'
import { makeSamplePdf } from './testing/fixtures.ts'
import { demoSealPng, demoSignaturePng } from './testing/images.ts'
import { createTestPki, type TestPki } from './testing/pki.ts'

const PDFSIG = '/usr/bin/pdfsig'
const QPDF = '/usr/bin/qpdf'
const PDFTOTEXT = '/usr/bin/pdftotext'

let pki: TestPki
let base: Uint8Array
let dir: string
const signatureImage = demoSignaturePng()
const sealImage = demoSealPng()
const AGENCY = 'Ủy ban nhân dân xã Đồng Tâm'

beforeAll(async () => {
  pki = await createTestPki()
  base = await makeSamplePdf()
  dir = mkdtempSync(join(tmpdir(), 'congso-signing-'))
}, 30_000)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

const trust = (): { trustAnchors: string[] } => ({ trustAnchors: [pki.root.certificatePem] })

async function expectSigningError(run: () => unknown, code: SigningErrorCode): Promise<void> {
  let caught: unknown
  try {
    await run()
  } catch (e) {
    caught = e
  }
  expect(caught, `expected SigningError ${code}`).toBeInstanceOf(SigningError)
  expect((caught as SigningError).code).toBe(code)
}

function tool(path: string, args: string[], file?: Uint8Array): { stdout: string; status: number | null } {
  const target = join(dir, `doc-${Math.random().toString(36).slice(2)}.pdf`)
  if (file) writeFileSync(target, file)
  const run = spawnSync(
    path,
    args.map((a) => (a === '{}' ? target : a)),
    { encoding: 'utf8' },
  )
  return { stdout: run.stdout + run.stderr, status: run.status }
}

const pdftotext = (pdf: Uint8Array): string => tool(PDFTOTEXT, ['{}', '-'], pdf).stdout.normalize('NFC')

/** The signature widgets of the newest revision, by way of the AcroForm. */
function widgets(pdf: Uint8Array): PdfDict[] {
  const doc = openPdf(pdf)
  const catalog = resolveDict(doc, doc.trailer.get('Root'), 'catalog')
  const form = resolveDict(doc, catalog.get('AcroForm'), 'AcroForm')
  const fields = form.get('Fields')
  return (Array.isArray(fields) ? fields : []).map((f) => resolveDict(doc, f, 'field'))
}

describe('Decree 30 appearance', () => {
  it('a personal signature shows the image with the exact Vietnamese name, title and time', async () => {
    const signingTime = new Date('2026-11-23T03:15:30Z')
    const signed = await signPdf(base, {
      signer: pki.personal1.signer,
      rect: [60, 80, 260, 180],
      signingTime,
      appearance: { kind: 'personal', name: 'Nguyễn Văn An', title: 'Chuyên viên Phòng Tư pháp', signatureImage },
    })
    const [sig] = (await validatePdf(signed, trust())).signatures
    expect(sig).toMatchObject({ integrity: 'ok', byteRange: 'ok', trust: 'trusted', coversWholeDocument: true })
    if (!existsSync(PDFTOTEXT)) return
    const text = pdftotext(signed)
    expect(text).toContain('Nguyễn Văn An')
    expect(text).toContain('Chuyên viên Phòng Tư pháp')
    expect(text).toContain('Thời gian ký: 2026-11-23T10:15:30+07:00')
  })

  it('formats the signing time as ISO 8601 with the Vietnam offset', () => {
    expect(formatSigningTime(new Date('2026-11-23T03:15:30.900Z'))).toBe('2026-11-23T10:15:30+07:00')
    expect(formatSigningTime(new Date('2026-12-31T20:00:00Z'))).toBe('2027-01-01T03:00:00+07:00')
    expect(formatSigningTime(new Date('2026-06-01T00:00:00Z'), -90)).toBe('2026-05-31T22:30:00-01:30')
  })

  it('embeds Tinos as a Type0/CIDFontType2 subset with Identity-H and ToUnicode', async () => {
    const signed = await signPdf(base, { signer: pki.personal1.signer, name: 'Trần Thị Bình', title: 'Phó Chủ tịch' })
    const latin1 = Buffer.from(signed).toString('latin1')
    expect(latin1).toMatch(/\/Subtype \/Type0/)
    expect(latin1).toMatch(/\/Subtype \/CIDFontType2/)
    expect(latin1).toMatch(/\/Encoding \/Identity-H/)
    expect(latin1).toMatch(/\/CIDToGIDMap \/Identity/)
    expect(latin1).toMatch(/\/BaseFont \/[A-Z]{6}\+Tinos-Bold/)
    expect(latin1).toMatch(/\/ToUnicode \d+ 0 R/)
    if (existsSync(PDFTOTEXT)) expect(pdftotext(signed)).toContain('Trần Thị Bình\nPhó Chủ tịch')
  })

  it.skipIf(!existsSync(PDFTOTEXT))('shows "?" (and extracts "?") for a character Tinos does not have', async () => {
    const signed = await signPdf(base, { signer: pki.personal1.signer, name: 'Lý 中 An', title: 'Chuyên viên?' })
    expect(pdftotext(signed)).toContain('Lý ? An\nChuyên viên?')
  })

  it('the agency seal goes at actual size with its right edge a third into the leader image', () => {
    const box: Rect = [340, 100, 520, 190]
    const rect = agencySealRect(box, { sealImage, agencyName: AGENCY })
    // The demo seal is 472 px at 300 dpi (pHYs): 113.3 pt.
    expect(rect[2]).toBeCloseTo(340 + 180 / 3, 6)
    expect(rect[3] - rect[1]).toBeCloseTo((472 / 300) * 72, 1)
    expect((rect[1] + rect[3]) / 2).toBeCloseTo(145, 6)
    const below = agencySealRect(box, { sealImage, agencyName: AGENCY, textPosition: 'below' })
    expect((below[0] + below[2]) / 2).toBeCloseTo(400 - ((472 / 300) * 72) / 2, 2)
    expect(below[3]).toBeCloseTo(145 + ((472 / 300) * 72) / 2, 2)
    // Without pHYs, the given size in mm (or 36 mm) is the seal's larger side.
    expect(agencySealRect(box, { sealImage, agencyName: AGENCY, sealSizeMm: 40 })[2]).toBeCloseTo(400, 6)
  })

  it('a copy signature goes to the top right of the first page with the number/symbol and time, no image', async () => {
    const signed = await signPdf(base, {
      signer: pki.agencySeal.signer,
      signingTime: new Date('2026-11-23T03:15:30Z'),
      appearance: { kind: 'copy', lines: ['Số: 123/QĐ-UBND', 'Sao y: Ủy ban nhân dân xã Đồng Tâm'] },
    })
    const widget = widgets(signed).at(-1)!
    const [x1, y1, x2, y2] = widget.get('Rect') as Rect
    expect(x2).toBeGreaterThan(595 - 60)
    expect(y2).toBeGreaterThan(842 - 60)
    expect(x1).toBeLessThan(x2)
    expect(y1).toBeLessThan(y2)
    expect(Buffer.from(signed.subarray(base.length)).toString('latin1')).not.toContain('/Subtype /Image')
    if (existsSync(PDFTOTEXT)) {
      const text = pdftotext(signed)
      expect(text).toContain('Số: 123/QĐ-UBND')
      expect(text).toContain('Sao y: Ủy ban nhân dân xã Đồng Tâm')
      expect(text).toContain('Thời gian ký: 2026-11-23T10:15:30+07:00')
    }
    expect((await validatePdf(signed, trust())).signatures[0]).toMatchObject({ integrity: 'ok', trust: 'trusted' })
  })

  it('an invisible signature has a zero rectangle and no appearance', async () => {
    const signed = await signPdf(base, { signer: pki.agencySeal.signer, appearance: { kind: 'invisible' } })
    const widget = widgets(signed).at(-1)!
    expect(widget.get('Rect')).toEqual([0, 0, 0, 0])
    expect(widget.get('AP')).toBeUndefined()
    expect((await validatePdf(signed, trust())).signatures[0]).toMatchObject({ integrity: 'ok', trust: 'trusted' })
  })

  const wordsIn = (pdf: Uint8Array, r: Rect): { x1: number; y1: number; x2: number; y2: number; text: string }[] =>
    [
      ...tool(PDFTOTEXT, ['-bbox', '{}', '-'], pdf).stdout.matchAll(
        /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
      ),
    ]
      .map((m) => ({ x1: +m[1]!, y1: 842 - +m[4]!, x2: +m[3]!, y2: 842 - +m[2]!, text: m[5]!.normalize('NFC') }))
      .filter((w) => w.x1 >= r[0] - 10 && w.x2 <= r[2] + 10 && w.y1 >= r[1] - 10 && w.y2 <= r[3] + 10)

  it.skipIf(!existsSync(PDFTOTEXT))('long text wraps and shrinks (not below 6 pt) and stays inside the rectangle', async () => {
    const title = 'Phó Trưởng phòng Văn hóa – Xã hội kiêm Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã'
    const appearance = { kind: 'personal' as const, name: 'Nguyễn Thị Hồng Nhung', title, signatureImage }
    for (const rect of [
      [100, 300, 260, 380],
      [300, 300, 400, 330],
    ] as Rect[]) {
      const signed = await signPdf(base, { signer: pki.personal1.signer, rect, appearance })
      const words = wordsIn(signed, rect)
      const text = words.map((w) => w.text).join(' ')
      expect(text).toContain('Nguyễn Thị Hồng Nhung')
      for (const w of words) {
        expect(w.x1, w.text).toBeGreaterThanOrEqual(rect[0] - 0.5)
        expect(w.x2, w.text).toBeLessThanOrEqual(rect[2] + 0.5)
        expect(w.y1, w.text).toBeGreaterThanOrEqual(rect[1] - 0.5)
        expect(w.y2, w.text).toBeLessThanOrEqual(rect[3] + 0.5)
        expect(w.y2 - w.y1, w.text).toBeGreaterThan(6)
      }
      // The roomier box shows everything; the small one cuts the overflow with an ellipsis.
      if (rect[0] === 100) expect(text).toContain('nhân dân xã Thời gian ký:')
      else expect(text).toContain('…')
    }
  })
})

describe('three signatures in sequence: specialist, leader, agency seal', () => {
  let three: Uint8Array

  beforeAll(async () => {
    const leaderRect: Rect = [340, 90, 540, 200]
    const leader: PersonalAppearance = { kind: 'personal', name: 'Trần Thị Bình', title: 'Phó Chủ tịch', signatureImage }
    const sealRect = agencySealRect(personalImageBox(leaderRect, leader)!, { sealImage, agencyName: AGENCY })
    let pdf = await signPdf(base, {
      signer: pki.personal1.signer,
      rect: [60, 90, 200, 160],
      appearance: { kind: 'personal', name: 'Nguyễn Văn An', title: 'Chuyên viên', signatureImage },
    })
    pdf = await signPdf(pdf, { signer: pki.personal2.signer, rect: leaderRect, appearance: leader })
    three = await signPdf(pdf, {
      signer: pki.agencySeal.signer,
      rect: sealRect,
      appearance: { kind: 'agency', sealImage, agencyName: AGENCY },
    })
  }, 30_000)

  it('all three validate, and each update only adds what a later signature may', async () => {
    const report = await validatePdf(three, trust())
    expect(report.signatures.map((s) => [s.integrity, s.byteRange, s.trust, s.coversWholeDocument])).toEqual([
      ['ok', 'ok', 'trusted', false],
      ['ok', 'ok', 'trusted', false],
      ['ok', 'ok', 'trusted', true],
    ])
    expect(report.signatures.map((s) => s.signerName)).toEqual([
      'Nguyễn Văn An (TEST ONLY)',
      'Trần Thị Bình (TEST ONLY)',
      'UBND xã Demo (TEST ONLY)',
    ])
    // Each update only adds a signature (new field, widget, appearance, /Annots, /Fields, /SigFlags).
    expect(report.verdict).toBe('valid')
    expect(report.signatures.map((s) => s.laterRevisions.flatMap((r) => r.changes))).toEqual([
      ['signature-added', 'signature-added'],
      ['signature-added'],
      [],
    ])
    expect(report.signatures.every((s) => !s.modifiedAfterSigning)).toBe(true)
  })

  it.skipIf(!existsSync(PDFSIG) || !existsSync(QPDF))('pdfsig and qpdf accept the file', () => {
    const out = tool(PDFSIG, ['{}'], three).stdout
    expect(out.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(3)
    const check = tool(QPDF, ['--check', '{}'], three)
    expect(check.stdout).toContain('No syntax or stream encoding errors found')
    expect(check.status).toBe(0)
  })
})

describe('hash signing: prepared on the server, only the digest goes out', () => {
  it('round-trips through a stored session and the reference external signer', async () => {
    const external = new ReferenceExternalSigner(pki.personal2)
    const prepared = preparePdfSignature(base, {
      rect: [300, 60, 540, 150],
      appearance: { kind: 'personal', name: 'Trần Thị Bình', title: 'Phó Chủ tịch', signatureImage },
    })
    expect(prepared.digest).toMatch(/^[0-9a-f]{64}$/)
    expect(prepared.pdf.subarray(0, base.length)).toEqual(base)
    // A session stores the bytes and the rest as JSON while the officer's token signs.
    const { pdf, ...rest } = prepared
    const stored = { ...(JSON.parse(JSON.stringify(rest)) as Omit<PreparedSignature, 'pdf'>), pdf: Uint8Array.from(pdf) }
    const cms = Buffer.from(await external.signDigest(stored.digest), 'base64')
    expect(external.requests).toEqual([prepared.digest])
    const signed = embedSignature(stored, cms)
    // Only the /Contents hex changed.
    const [, b, c] = prepared.byteRange
    expect(signed.subarray(0, b)).toEqual(prepared.pdf.subarray(0, b))
    expect(signed.subarray(c)).toEqual(prepared.pdf.subarray(c))
    const [sig] = (await validatePdf(signed, trust())).signatures
    expect(sig).toMatchObject({ integrity: 'ok', trust: 'trusted', coversWholeDocument: true, signerName: 'Trần Thị Bình (TEST ONLY)' })
  })

  it('signPdfWithExternalSigner does the same in one call', async () => {
    const signed = await signPdfWithExternalSigner(base, new ReferenceExternalSigner(pki.personal1), { title: 'Chuyên viên' })
    const [sig] = (await validatePdf(signed, trust())).signatures
    expect(sig).toMatchObject({ integrity: 'ok', trust: 'trusted', signerName: 'Nguyễn Văn An (TEST ONLY)' })
  })

  it('refuses a CMS for another digest, and writes nothing', async () => {
    const prepared = preparePdfSignature(base, { name: 'Trần Thị Bình' })
    const before = Uint8Array.from(prepared.pdf)
    const other = preparePdfSignature(base, { name: 'Trần Thị Bình', signingTime: new Date(Date.now() - 60_000) })
    const cms = Buffer.from(await new ReferenceExternalSigner(pki.personal2).signDigest(other.digest), 'base64')
    await expectSigningError(() => embedSignature(prepared, cms), 'cms-digest-mismatch')
    expect(prepared.pdf).toEqual(before)
  })

  it('refuses malformed, oversized, forged or foreign CMS and tampered sessions', async () => {
    const chain = await pki.personal1.signer.certificateChain()
    const prepared = preparePdfSignature(base, { name: 'Nguyễn Văn An', certificateChain: chain })
    const digest = new Uint8Array(Buffer.from(prepared.digest, 'hex'))
    const good = await buildCadesSignature(digest, pki.personal1.signer)
    await expectSigningError(() => embedSignature(prepared, new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01])), 'cms-malformed')
    await expectSigningError(() => embedSignature(prepared, Uint8Array.from([...good, 0])), 'cms-malformed')
    await expectSigningError(
      () => embedSignature({ ...prepared, contentsSize: 1000, byteRange: [0, 1, 2, 3] }, good),
      'prepared-signature-invalid',
    )
    const small = preparePdfSignature(base, { name: 'Nguyễn Văn An', contentsSize: 1024 })
    const large = await buildCadesSignature(new Uint8Array(Buffer.from(small.digest, 'hex')), pki.personal1.signer)
    await expectSigningError(() => embedSignature(small, large), 'signature-too-large')
    const forger: Signer = {
      certificateChain: () => pki.personal1.signer.certificateChain(),
      signDigest: async (d, alg) => (await pki.personal1.signer.signDigest(d, alg)).map((x, i) => (i === 10 ? x ^ 1 : x)),
    }
    await expectSigningError(async () => embedSignature(prepared, await buildCadesSignature(digest, forger)), 'cms-signature-invalid')
    await expectSigningError(
      async () => embedSignature(prepared, await buildCadesSignature(digest, pki.personal2.signer)),
      'cms-signer-mismatch',
    )
    const tampered = Uint8Array.from(prepared.pdf)
    tampered[20] = tampered[20]! ^ 1
    await expectSigningError(() => embedSignature({ ...prepared, pdf: tampered }, good), 'prepared-signature-invalid')
    expect((await validatePdf(embedSignature(prepared, good), trust())).signatures[0]?.integrity).toBe('ok')
  })

  it('refuses a CMS whose certificate was expired at the prepared signing time', async () => {
    const prepared = preparePdfSignature(base, { name: 'Lê Văn Cũ' })
    const cms = Buffer.from(await new ReferenceExternalSigner(pki.expiredPersonal).signDigest(prepared.digest), 'base64')
    await expectSigningError(() => embedSignature(prepared, cms), 'certificate-expired')
  })
})

describe('certificates the signer refuses', () => {
  it('expired, not yet valid, or not for signing', async () => {
    await expectSigningError(() => signPdf(base, { signer: pki.expiredPersonal.signer, name: 'Lê Văn Cũ' }), 'certificate-expired')
    await expectSigningError(
      () => signPdf(base, { signer: pki.personal1.signer, name: 'Nguyễn Văn An', signingTime: new Date(Date.now() - 90 * 86_400_000) }),
      'certificate-not-yet-valid',
    )
    const alg = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 }
    const keys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: '7e01',
      name: 'CN=Encryption only (TEST ONLY), C=VN',
      notBefore: new Date(Date.now() - 86_400_000),
      notAfter: new Date(Date.now() + 86_400_000),
      signingAlgorithm: alg,
      keys,
      extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyEncipherment | x509.KeyUsageFlags.dataEncipherment, true)],
    })
    const signer = new LocalKeySigner(KeyObject.from(keys.privateKey), [new Uint8Array(cert.rawData)])
    await expectSigningError(() => signPdf(base, { signer, name: 'X' }), 'certificate-key-usage')
  }, 20_000)
})

function buildPdf(bodies: string[], trailerExtra = ''): Uint8Array {
  let out = '%PDF-1.7\n'
  const offsets: number[] = []
  bodies.forEach((body, i) => {
    offsets.push(out.length)
    out += `${i + 1} 0 obj\n${body}\nendobj\n`
  })
  const xref = out.length
  out += `xref\n0 ${bodies.length + 1}\n0000000000 65535 f\r\n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n\r\n`).join('')}`
  out += `trailer\n<< /Size ${bodies.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${xref}\n%%EOF\n`
  return new Uint8Array(Buffer.from(out, 'latin1'))
}

const PAGE = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'

describe('bad input: clear errors, nothing written', () => {
  const sign = (pdf: Uint8Array, extra: Partial<Parameters<typeof signPdf>[1]> = {}): Promise<Uint8Array> =>
    signPdf(pdf, { signer: pki.personal1.signer, name: 'Nguyễn Văn An', ...extra })

  it('a minimal hand-written PDF signs (the builder below is sound)', async () => {
    const pdf = buildPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', PAGE])
    expect((await validatePdf(await sign(pdf), trust())).signatures[0]?.integrity).toBe('ok')
  })

  it('truncated, non-PDF, encrypted, deeply nested, cyclic page tree, page out of range', async () => {
    const copy = Uint8Array.from(base)
    await expectSigningError(() => sign(base.subarray(0, Math.floor(base.length / 2))), 'pdf-unreadable')
    await expectSigningError(() => sign(new Uint8Array(Buffer.from('hello'))), 'pdf-unreadable')
    await expectSigningError(() => sign(base.subarray(0, base.length - 40)), 'pdf-unreadable')
    const pages = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', PAGE]
    await expectSigningError(() => sign(buildPdf(pages, '/Encrypt << /Filter /Standard /V 2 /R 3 >> ')), 'pdf-encrypted')
    const deep = `<< /Type /Catalog /Pages 2 0 R /Deep ${'['.repeat(20_000)}${']'.repeat(20_000)} >>`
    await expectSigningError(() => sign(buildPdf([deep, pages[1]!, PAGE])), 'pdf-unreadable')
    await expectSigningError(() => sign(buildPdf([pages[0]!, '<< /Type /Pages /Kids [2 0 R] /Count 1 >>', PAGE])), 'pdf-unreadable')
    await expectSigningError(() => sign(base, { page: 2 }), 'page-out-of-range')
    await expectSigningError(() => sign(base, { page: -1 }), 'page-out-of-range')
    expect(base).toEqual(copy)
  })

  it('unreadable or oversized images and impossible appearances', async () => {
    const huge = Buffer.from(signatureImage)
    huge.writeUInt32BE(5000, 16)
    const image = (png: Uint8Array) => ({ appearance: { kind: 'personal' as const, name: 'An', signatureImage: png } })
    await expectSigningError(() => sign(base, image(new Uint8Array(Buffer.from('GIF89a not a png')))), 'image-unreadable')
    await expectSigningError(() => sign(base, image(signatureImage.subarray(0, 200))), 'image-unreadable')
    await expectSigningError(() => sign(base, image(huge)), 'image-unreadable')
    await expectSigningError(
      () => sign(base, { appearance: { kind: 'agency', sealImage: new Uint8Array(10), agencyName: AGENCY } }),
      'image-unreadable',
    )
    await expectSigningError(() => sign(base, { appearance: { kind: 'personal', name: '  ' } }), 'appearance-invalid')
    await expectSigningError(() => sign(base, { appearance: { kind: 'copy', lines: [] } }), 'appearance-invalid')
    await expectSigningError(() => sign(base, { rect: [10, 10, 11, 11] }), 'appearance-invalid')
    await expectSigningError(() => sign(base, { rect: [0, 0, Number.NaN, 50] }), 'appearance-invalid')
  })

  it('a failing time-stamp authority is a timestamp-failed error', async () => {
    const timestamp = { stamp: async (): Promise<Uint8Array> => Promise.reject(new Error('connection refused')) }
    await expectSigningError(() => sign(base, { timestamp }), 'timestamp-failed')
  })
})

describe('documents whose newest section is a cross-reference stream', () => {
  let compressed: Uint8Array

  beforeAll(async () => {
    const doc = await PDFDocument.create()
    const font = await doc.embedFont(StandardFonts.TimesRoman)
    for (const text of ['QUYET DINH (object streams)', 'Trang 2']) doc.addPage([595, 842]).drawText(text, { x: 50, y: 780, size: 16, font })
    compressed = await doc.save({ useObjectStreams: true })
  })

  it('are signed with an update written as a cross-reference stream, twice, and stay valid', async () => {
    expect(openPdf(compressed).xrefStream).toBe(true)
    const once = await signPdf(compressed, {
      signer: pki.personal1.signer,
      rect: [60, 90, 260, 180],
      appearance: { kind: 'personal', name: 'Nguyễn Văn An', title: 'Chuyên viên', signatureImage },
    })
    const update = Buffer.from(once.subarray(compressed.length)).toString('latin1')
    expect(update).toMatch(/\/Type \/XRef/)
    expect(update).not.toMatch(/^xref/m)
    const reopened = openPdf(once)
    expect(reopened.xrefStream).toBe(true)
    expect(reopened.trailer.get('Prev')).toBe(openPdf(compressed).startxref)
    const twice = await signPdf(once, { signer: pki.agencySeal.signer, appearance: { kind: 'copy', lines: ['Số: 7/QĐ-UBND'] } })
    const report = await validatePdf(twice, trust())
    expect(report.verdict).toBe('valid')
    expect(report.signatures.map((s) => [s.integrity, s.byteRange, s.trust])).toEqual([
      ['ok', 'ok', 'trusted'],
      ['ok', 'ok', 'trusted'],
    ])
    // The first signature's widget is still reachable through the page and the form.
    const doc = openPdf(twice)
    const page = resolveDict(doc, widgets(twice)[0]!.get('P'), 'page')
    expect((page.get('Annots') as unknown[]).length).toBe(2)
    if (existsSync(QPDF)) {
      const check = tool(QPDF, ['--check', '{}'], twice)
      expect(check.stdout).toContain('No syntax or stream encoding errors found')
      expect(check.status).toBe(0)
    }
    if (existsSync(PDFSIG)) expect(tool(PDFSIG, ['{}'], twice).stdout.match(/Signature is Valid\./g)).toHaveLength(2)
    if (existsSync(PDFTOTEXT)) expect(pdftotext(twice)).toContain('Nguyễn Văn An')
  })
})
