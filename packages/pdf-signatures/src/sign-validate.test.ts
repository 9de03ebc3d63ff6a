import { beforeAll, describe, expect, it } from 'vitest'
import { signPdf, validatePdf } from './index.ts'
import { indexOfText, lastIndexOfText, makeSamplePdf, replaceAt } from './testing/fixtures.ts'
import { createTestPki, type TestIdentity, type TestPki } from './testing/pki.ts'
import { signPdfWithoutChecks } from './testing/unchecked-signing.ts'

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

describe('attacks and bad input are flagged, never thrown', () => {
  it('a byte changed inside the signed range fails integrity', async () => {
    const at = indexOfText(signedOnce, '/MediaBox')
    const tampered = replaceAt(signedOnce, at + 1, 'N')
    const [sig] = (await validatePdf(tampered, trust())).signatures
    expect(sig?.integrity).toBe('failed')
    expect(sig?.errors).toContain('message-digest-mismatch')
  })

  it('a ByteRange that skips bytes or does not reach the end of the revision is rejected', async () => {
    const brAt = lastIndexOfText(signedOnce, '/ByteRange [')
    const original = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]/.exec(Buffer.from(signedOnce.subarray(brAt, brAt + 60)).toString('latin1'))!
    const [, , b, c, d] = original.map(Number) as [number, number, number, number, number]
    const width = original[0].length
    const variants: [string, string][] = [
      [`/ByteRange [0 ${b - 10} ${c} ${d}]`, 'byte-range-gap-not-contents'],
      [`/ByteRange [0 ${b} ${c} ${d - 20}]`, 'byte-range-not-revision-end'],
      [`/ByteRange [0 ${b} ${c} ${d + 50}]`, 'byte-range-beyond-file'],
      [`/ByteRange [5 ${b} ${c} ${d}]`, 'byte-range-not-from-start'],
      [`/ByteRange [0 ${b} ${c}]`, 'byte-range-malformed'],
    ]
    for (const [text, reason] of variants) {
      const attacked = replaceAt(signedOnce, brAt, text.padEnd(width, ' '))
      const [sig] = (await validatePdf(attacked, trust())).signatures
      expect(sig?.byteRange, text).toBe(reason)
      expect(sig?.integrity).toBe('failed')
    }
  })

  it('/Contents replaced by garbage is an error, not an exception', async () => {
    const start = lastIndexOfText(signedOnce, '/Contents <') + '/Contents <'.length
    for (const garbage of ['deadbeef', '3082ffff0000', 'zz']) {
      const attacked = replaceAt(signedOnce, start, garbage)
      const report = await validatePdf(attacked, trust())
      expect(report.signatures[0]?.integrity, garbage).toBe('failed')
      expect(report.signatures[0]?.errors.length).toBeGreaterThan(0)
    }
  })

  it('a truncated or non-PDF input gives a report', async () => {
    expect((await validatePdf(signedOnce.subarray(0, signedOnce.length / 2), trust())).signatures[0]?.integrity).toBe('failed')
    expect((await validatePdf(new Uint8Array([1, 2, 3]), trust())).errors).toEqual(['not-a-pdf'])
    expect((await validatePdf(base, trust())).errors).toEqual(['no-signatures'])
  })

  it('a certificate from an unrelated root is untrusted', async () => {
    const signed = await signAs(base, pki.untrustedPersonal)
    const [sig] = (await validatePdf(signed, trust())).signatures
    expect(sig).toMatchObject({ integrity: 'ok', trust: 'untrusted' })
    expect((await validatePdf(signed, { trustAnchors: [pki.otherRoot.certificate] })).signatures[0]?.trust).toBe('trusted')
  })

  it('a certificate expired at signing time is flagged', async () => {
    // signPdf refuses an expired certificate ('certificate-expired'); the validator must still flag one made elsewhere.
    const signed = await signPdfWithoutChecks(base, { signer: pki.expiredPersonal.signer, name: pki.expiredPersonal.name })
    const [sig] = (await validatePdf(signed, trust())).signatures
    expect(sig).toMatchObject({ integrity: 'ok', trust: 'expired' })
    expect(sig?.errors).toContain('certificate-expired-at-signing-time')
  })
})
