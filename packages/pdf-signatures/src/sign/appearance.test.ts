import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validatePdf } from '../validate/validate.ts'
import { makeDemoDecisionPdf } from '../testing/demo-document.ts'
import { demoSealPng, demoSignaturePng } from '../testing/images.ts'
import { createTestPki, type TestPki } from '../testing/pki.ts'
import { agencySealRect, personalImageBox, type PersonalAppearance, type Rect } from './appearance.ts'
import { signPdf } from './sign-pdf.ts'

/**
 * The Decree 30 layout on a made-up decision: the specialist's and the leader's signatures where
 * the form template puts them, then the agency seal over the left third of the leader's image.
 * The page is rendered with poppler and its pixels checked; set SIGNATURE_SCREENSHOT=<file.png> to
 * keep the rendering (docs/screenshots/signature-appearance.png is made that way).
 */
const PDFTOPPM = '/usr/bin/pdftoppm'
const PDFTOTEXT = '/usr/bin/pdftotext'
const AGENCY = 'Ủy ban nhân dân xã Đồng Tâm'

let pki: TestPki
let dir: string
let signed: Uint8Array
let leaderImage: Rect
let sealRect: Rect

beforeAll(async () => {
  pki = await createTestPki()
  dir = mkdtempSync(join(tmpdir(), 'congso-appearance-'))
  const { pdf, places } = await makeDemoDecisionPdf()
  const signatureImage = demoSignaturePng()
  const sealImage = demoSealPng()
  const signingTime = new Date('2026-11-23T03:15:30Z')
  const leader: PersonalAppearance = { kind: 'personal', name: 'Trần Thị Bình', title: 'Phó Chủ tịch', signatureImage }
  leaderImage = personalImageBox(places.leader, leader, signingTime)!
  sealRect = agencySealRect(leaderImage, { sealImage, agencyName: AGENCY })
  let out = await signPdf(pdf, {
    signer: pki.personal1.signer,
    rect: places.specialist,
    signingTime: new Date(signingTime.getTime() - 3_600_000),
    appearance: { kind: 'personal', name: 'Nguyễn Văn An', title: 'Công chức Địa chính - Xây dựng', signatureImage },
  })
  out = await signPdf(out, { signer: pki.personal2.signer, rect: places.leader, signingTime, appearance: leader })
  signed = await signPdf(out, {
    signer: pki.agencySeal.signer,
    rect: sealRect,
    signingTime: new Date(signingTime.getTime() + 60_000),
    appearance: { kind: 'agency', sealImage, agencyName: AGENCY },
  })
}, 60_000)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('a decision signed by the specialist, the leader and the agency seal', () => {
  it('validates', async () => {
    const report = await validatePdf(signed, { trustAnchors: [pki.root.certificatePem] })
    expect(report.verdict).toBe('valid')
    expect(report.signatures).toHaveLength(3)
  })

  it.skipIf(!existsSync(PDFTOTEXT))('shows the Vietnamese text of all three signatures', () => {
    const file = join(dir, 'decision.pdf')
    writeFileSync(file, signed)
    const text = spawnSync(PDFTOTEXT, [file, '-'], { encoding: 'utf8' }).stdout.normalize('NFC')
    for (const expected of [
      'Nguyễn Văn An',
      'Công chức Địa chính - Xây dựng',
      'Thời gian ký: 2026-11-23T09:15:30+07:00',
      'Trần Thị Bình',
      'Phó Chủ tịch',
      'Thời gian ký: 2026-11-23T10:15:30+07:00',
      AGENCY,
      'Thời gian ký: 2026-11-23T10:16:30+07:00',
    ])
      expect(text).toContain(expected)
  })

  it.skipIf(!existsSync(PDFTOPPM))('renders the red seal over the left third of the blue signature only', () => {
    const file = join(dir, 'render.pdf')
    writeFileSync(file, signed)
    const target = join(dir, 'render')
    const run = spawnSync(PDFTOPPM, ['-png', '-r', '100', '-f', '1', '-l', '1', '-singlefile', file, target])
    expect(run.status).toBe(0)
    if (process.env.SIGNATURE_SCREENSHOT) copyFileSync(`${target}.png`, process.env.SIGNATURE_SCREENSHOT)
    const png = PNG.sync.read(readFileSync(`${target}.png`))
    const k = 100 / 72
    const pageHeight = 841.89
    const count = (r: Rect, test: (red: number, green: number, blue: number) => boolean): number => {
      let n = 0
      for (let y = Math.ceil((pageHeight - r[3]) * k); y < (pageHeight - r[1]) * k; y++) {
        for (let x = Math.ceil(r[0] * k); x < r[2] * k; x++) {
          const i = (y * png.width + x) * 4
          if (test(png.data[i]!, png.data[i + 1]!, png.data[i + 2]!)) n++
        }
      }
      return n
    }
    const red = (r: number, g: number, b: number): boolean => r > 160 && g < 120 && b < 120
    const blue = (r: number, g: number, b: number): boolean => b > 110 && r < 110 && g < 130
    const [x1, y1, x2, y2] = leaderImage
    const third = (x2 - x1) / 3
    expect(count([x1, y1, x1 + third - 2, y2], red)).toBeGreaterThan(50)
    expect(count([x1, y1, x1 + third - 2, y2], blue)).toBeGreaterThan(20)
    expect(count([x1 + third + 2, y1, x2, y2], red)).toBe(0)
    expect(count([x1 + third + 2, y1, x2, y2], blue)).toBeGreaterThan(50)
    expect(count(sealRect, red)).toBeGreaterThan(500)
  })
})
