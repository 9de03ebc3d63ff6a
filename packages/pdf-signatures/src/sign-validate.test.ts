import { beforeAll, describe, expect, it } from 'vitest'
import { signPdf, validatePdf } from './index.ts'
import { makeSamplePdf } from './testing/fixtures.ts'
import { createTestPki, type TestIdentity, type TestPki } from './testing/pki.ts'

let pki: TestPki
let base: Uint8Array
let signedOnce: Uint8Array

const signAs = (pdf: Uint8Array, who: TestIdentity, rect: [number, number, number, number] = [36, 36, 256, 96]): Promise<Uint8Array> =>
  signPdf(pdf, { signer: who.signer, name: who.name, title: 'Chuyên viên', reason: 'Phê duyệt', location: 'Hà Nội', rect })

beforeAll(async () => {
  pki = await createTestPki()
  base = await makeSamplePdf()
  signedOnce = await signAs(base, pki.personal1)
}, 30_000)

const trust = (): { trustAnchors: string[] } => ({ trustAnchors: [pki.root.certificatePem] })

describe('signPdf + validatePdf', () => {
  it('a signed PDF is intact, covers the whole file and is trusted with the demo root', async () => {
    const report = await validatePdf(signedOnce, trust())
    expect(report.errors).toEqual([])
    expect(report.signatures).toHaveLength(1)
    expect(report.signatures[0]).toMatchObject({
      signerName: 'Nguyễn Văn An (TEST ONLY)',
      subFilter: 'ETSI.CAdES.detached',
      coversWholeDocument: true,
      integrity: 'ok',
      byteRange: 'ok',
      trust: 'trusted',
      errors: [],
    })
    expect(signedOnce.subarray(0, base.length)).toEqual(base)
  })

  it('three sequential signatures all stay valid; only the last covers the whole file', async () => {
    const two = await signAs(signedOnce, pki.personal2, [300, 36, 520, 96])
    const three = await signAs(two, pki.agencySeal, [300, 120, 520, 180])
    const report = await validatePdf(three, trust())
    // Each later revision only adds a signature, which the earlier ones allow (see attacks.test.ts).
    expect(report.verdict).toBe('valid')
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
  })

  it('a signature on a later page is placed and validates', async () => {
    const signingTime = new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000)
    const signed = await signPdf(base, { signer: pki.personal2.signer, name: 'Trần Thị Bình', page: 1, signingTime })
    const [sig] = (await validatePdf(signed, trust())).signatures
    expect(sig).toMatchObject({ integrity: 'ok', trust: 'trusted', signingTime: signingTime.toISOString() })
  })

  it('bytes appended after signing are reported as not covered', async () => {
    const appended = new Uint8Array([...signedOnce, ...Buffer.from('% appended\n')])
    const [sig] = (await validatePdf(appended, trust())).signatures
    expect(sig).toMatchObject({ integrity: 'ok', coversWholeDocument: false })
  })
})
