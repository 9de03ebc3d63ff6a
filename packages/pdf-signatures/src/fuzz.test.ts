import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { signPdf, validatePdf } from './index.ts'
import { certifyPdf } from './testing/attacker.ts'
import { makeSamplePdf, makeSamplePdfWithObjectStreams } from './testing/fixtures.ts'
import { applyMutation, fuzzDocument, mutationArb, reportProblem, type FuzzDocument } from './testing/pdf-mutations.ts'
import { createTestPki, type TestPki } from './testing/pki.ts'

/**
 * Fuzzing the validator with mutations of valid signed PDFs (fixed seed, reproducible): it must
 * always resolve with a well-formed report, never an internal error, and never call a file valid
 * when a byte a signature covers was changed. No timing assertion: the test timeout is the hang guard.
 * The longer run is bench/pdf-fuzz.ts.
 */

let pki: TestPki
let corpus: FuzzDocument[]

beforeAll(async () => {
  pki = await createTestPki()
  const classic = await makeSamplePdf()
  const compressed = await makeSamplePdfWithObjectStreams()
  const opts = (who: TestPki['personal1'], rect: [number, number, number, number]) => ({
    signer: who.signer,
    name: who.name,
    rect,
    contentsSize: 4096,
  })
  const once = await signPdf(classic, opts(pki.personal1, [36, 36, 256, 96]))
  const twice = await signPdf(await signPdf(compressed, opts(pki.personal1, [36, 36, 256, 96])), opts(pki.agencySeal, [300, 36, 520, 96]))
  const certified = await signPdf(
    await certifyPdf(classic, { signer: pki.agencySeal.signer, permission: 2, contentsSize: 4096 }),
    opts(pki.personal2, [36, 36, 256, 96]),
  )
  corpus = [once, twice, certified].map(fuzzDocument)
}, 60_000)

describe('fuzz: mutated signed PDFs', () => {
  it('the unmutated corpus is valid', async () => {
    for (const doc of corpus) expect((await validatePdf(doc.pdf, { trustAnchors: [pki.root.certificatePem] })).verdict).toBe('valid')
  })

  it('2,000 mutations: always a well-formed report, never valid when signed bytes changed', { timeout: 180_000 }, async () => {
    const verdicts = new Map<string, number>()
    await fc.assert(
      fc.asyncProperty(fc.nat(corpus.length - 1), mutationArb(), async (which, mutation) => {
        const doc = corpus[which]!
        const { bytes, touchesSigned } = applyMutation(doc, mutation)
        const report = await validatePdf(bytes, { trustAnchors: [pki.root.certificatePem] })
        verdicts.set(report.verdict, (verdicts.get(report.verdict) ?? 0) + 1)
        expect(reportProblem(report)).toBeNull()
        if (touchesSigned) expect(report.verdict).not.toBe('valid')
      }),
      { seed: 20_251_123, numRuns: 2_000, endOnFailure: true },
    )
    // The mutations reach every kind of outcome, not just one failure mode.
    expect(verdicts.get('invalid')).toBeGreaterThan(100)
    expect(verdicts.get('valid') ?? 0).toBeGreaterThan(4)
  })
})
