/**
 * The long fuzz run of the PDF signature validator: mutations of valid signed PDFs (the same
 * generators as packages/pdf-signatures/src/fuzz.test.ts, many more cases). Reports cases per
 * second, the slowest case and the count of each verdict; exits non-zero on any crash, internal
 * error, malformed report, or a file called valid although signed bytes changed.
 *
 *   node --import tsx bench/pdf-fuzz.ts [cases=50000] [seed=random]
 */
import fc from 'fast-check'
import { signPdf, validatePdf } from '../packages/pdf-signatures/src/index.ts'
import { certifyPdf } from '../packages/pdf-signatures/src/testing/attacker.ts'
import { makeSamplePdf, makeSamplePdfWithObjectStreams } from '../packages/pdf-signatures/src/testing/fixtures.ts'
import {
  applyMutation,
  fuzzDocument,
  mutationArb,
  reportProblem,
  type MutationSpec,
} from '../packages/pdf-signatures/src/testing/pdf-mutations.ts'
import { createTestPki, type TestIdentity } from '../packages/pdf-signatures/src/testing/pki.ts'

const cases = Number(process.argv[2] ?? 50_000)
const seed = process.argv[3] === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.argv[3])
if (!Number.isSafeInteger(cases) || cases < 1 || !Number.isSafeInteger(seed)) {
  console.error('usage: node --import tsx bench/pdf-fuzz.ts [cases] [seed]')
  process.exit(64)
}

const pki = await createTestPki()
const opts = (who: TestIdentity, rect: [number, number, number, number]) => ({
  signer: who.signer,
  name: who.name,
  rect,
  contentsSize: 4096,
})
const classic = await makeSamplePdf()
const compressed = await makeSamplePdfWithObjectStreams()
const corpus = [
  await signPdf(classic, opts(pki.personal1, [36, 36, 256, 96])),
  await signPdf(await signPdf(compressed, opts(pki.personal1, [36, 36, 256, 96])), opts(pki.agencySeal, [300, 36, 520, 96])),
  await signPdf(
    await certifyPdf(classic, { signer: pki.agencySeal.signer, permission: 2, contentsSize: 4096 }),
    opts(pki.personal2, [36, 36, 256, 96]),
  ),
].map(fuzzDocument)
const trust = { trustAnchors: [pki.root.certificatePem] }

const verdicts = new Map<string, number>()
let slowest = { ms: 0, which: 0, mutation: undefined as MutationSpec | undefined }
let done = 0
const failures: string[] = []
const started = process.hrtime.bigint()
const samples = fc.sample(fc.tuple(fc.nat(corpus.length - 1), mutationArb()), { seed, numRuns: cases })

for (const [which, mutation] of samples) {
  const doc = corpus[which]!
  const { bytes, touchesSigned } = applyMutation(doc, mutation)
  const t0 = process.hrtime.bigint()
  try {
    const report = await validatePdf(bytes, trust)
    const ms = Number(process.hrtime.bigint() - t0) / 1e6
    if (ms > slowest.ms) slowest = { ms, which, mutation }
    verdicts.set(report.verdict, (verdicts.get(report.verdict) ?? 0) + 1)
    const problem = reportProblem(report) ?? (touchesSigned && report.verdict === 'valid' ? 'valid although signed bytes changed' : null)
    if (problem) failures.push(`case ${done}: ${problem}: ${JSON.stringify({ which, mutation }).slice(0, 300)}`)
  } catch (e) {
    failures.push(
      `case ${done}: validatePdf rejected: ${e instanceof Error ? e.message : String(e)}: ${JSON.stringify({ which, mutation }).slice(0, 300)}`,
    )
  }
  done++
  if (done % 5000 === 0) console.error(`… ${done}/${cases}`)
}

const seconds = Number(process.hrtime.bigint() - started) / 1e9
const summary = {
  seed,
  cases: done,
  seconds: Number(seconds.toFixed(1)),
  casesPerSecond: Math.round(done / seconds),
  slowestMs: Number(slowest.ms.toFixed(1)),
  slowestCase: { document: slowest.which, mutation: JSON.stringify(slowest.mutation)?.slice(0, 200) },
  verdicts: Object.fromEntries([...verdicts].sort()),
  failures: failures.length,
}
console.log(JSON.stringify(summary, null, 2))
for (const f of failures.slice(0, 20)) console.error(f)
process.exit(failures.length === 0 ? 0 : 1)
