import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest'
import { AdminLogin } from './pages/AdminLogin.ts'
import { SigningPage } from './pages/SigningPage.ts'
import { TrustStorePage } from './pages/TrustStorePage.ts'
import { pdfUpload, VerifySignaturePage } from './pages/VerifySignaturePage.ts'
import { DOCS_SCREENSHOT_DIR, failureScreenshot, launchBrowser, newContext, screenshot } from './support/browser.ts'
import { startServer, type TestServer } from './support/server.ts'

let server: TestServer
let browser: Browser
let officerCtx: BrowserContext
let visitorCtx: BrowserContext
let officer: Page
let visitor: Page
let decision: DemoDecision

interface DemoDecision {
  pdf: Uint8Array
  places: { specialist: [number, number, number, number]; leader: [number, number, number, number] }
}
/**
 * The package is typed against Node's libraries and this tier against the DOM's, so its sources
 * are loaded at run time rather than type-checked here.
 */
const TESTING_MODULE = '@congso/pdf-signatures/testing'
async function demoDecision(): Promise<DemoDecision> {
  const mod = (await import(TESTING_MODULE)) as { makeDemoDecisionPdf: () => Promise<DemoDecision> }
  return mod.makeDemoDecisionPdf()
}

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
  officerCtx = await newContext(browser, server.baseUrl)
  visitorCtx = await newContext(browser, server.baseUrl)
  officer = await officerCtx.newPage()
  visitor = await visitorCtx.newPage()
  decision = await demoDecision()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function blockingAxe(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`))
}

/** Runs an independent checker on the signed file: poppler's pdfsig and qpdf's structural check. */
function independentChecks(bytes: Buffer): { pdfsig: string; qpdf: string } {
  const dir = mkdtempSync(join(tmpdir(), 'congso-e2e-sig-'))
  const file = join(dir, 'signed.pdf')
  writeFileSync(file, bytes)
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', file, join(DOCS_SCREENSHOT_DIR, 'sealed-decision')])
  return {
    pdfsig: execFileSync('pdfsig', [file], { encoding: 'utf8' }),
    qpdf: execFileSync('qpdf', ['--check', file], { encoding: 'utf8' }),
  }
}

describe('digital signatures', () => {
  it('the clerk seals a decision twice; anyone verifies it as valid and trusted; a tampered copy is invalid', async (ctx) => {
    onTestFailed(async () => {
      await failureScreenshot(officer, `${ctx.task.name}-officer`)
      await failureScreenshot(visitor, `${ctx.task.name}-visitor`)
    })

    // The clerk (văn thư) of the Department of Justice signs in and opens "Ký số tài liệu".
    const clerk = server.officer('vanthu')
    const login = new AdminLogin(officer)
    await login.goto()
    await login.login(clerk.username, clerk.password)
    const signing = new SigningPage(officer)
    await signing.openFromMenu()
    await signing.upload(pdfUpload('quyet-dinh-cap-phep.pdf', decision.pdf))
    expect((await signing.currentReportData()).verdict).toBe('no-signatures')
    expect(await signing.sealStatus()).toBe('ready')
    expect(await signing.canSign()).toBe(true)

    // The agency signature goes at the leader's signature place the form template gives, widened to
    // the left for the agency name and time beside the seal.
    const [x1, y1, x2, y2] = decision.places.leader
    await signing.signOk({ position: 'custom', rect: [x1 - 110, y1, x2 + 15, y2] })
    const first = await signing.signedReport()
    expect(first.verdict).toBe('valid')
    expect(first.signatures[0]).toMatchObject({ organization: 'Sở Tư pháp', integrity: 'ok', trust: 'trusted', revocation: 'good' })

    // A second signature (the copy mark, top right) on the signed file keeps the first one valid.
    await signing.signAgain()
    await signing.signOk({ position: 'topRight', reason: 'Sao y bản chính' })
    const second = await signing.signedReport()
    expect(second.verdict).toBe('valid')
    expect(second.signatures).toHaveLength(2)
    expect(second.signatures[0]?.laterRevisions).toEqual([
      { allowed: true, codes: expect.arrayContaining(['signature-added']) as string[] },
    ])
    const signed = await signing.downloadSigned()
    const checks = independentChecks(signed)
    expect(checks.pdfsig.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2)
    expect(checks.qpdf).toMatch(/No syntax or stream encoding errors found/)

    // The first signature's revision is exactly the bytes it signed: a prefix of the final file.
    const [firstRevision] = await signing.revisionHrefs()
    const revision = await officer.request.get(firstRevision ?? '')
    expect(revision.status()).toBe(200)
    const revisionBytes = await revision.body()
    expect(revisionBytes.length).toBeLessThan(signed.length)
    expect(signed.subarray(0, revisionBytes.length).equals(revisionBytes)).toBe(true)

    // The trust store holds the demo root; the clerk sees it but cannot change it.
    const trust = new TrustStorePage(officer)
    await trust.openFromMenu()
    expect(await trust.labels()).toContain('Congso Demo Root CA (dữ liệu mẫu)')
    expect(await trust.canEdit()).toBe(false)

    // Anyone checks the file on the public page: valid, trusted, nothing stored.
    const verify = new VerifySignaturePage(visitor)
    await verify.goto()
    const report = await verify.verify(pdfUpload('quyet-dinh-da-ky.pdf', signed))
    expect(report.verdict).toBe('valid')
    expect(report.verdictText).toBe('Tài liệu có chữ ký số hợp lệ')
    expect(report.signatures.map((s) => s.organization)).toEqual(['Sở Tư pháp', 'Sở Tư pháp'])
    expect(report.signatures[1]).toMatchObject({ integrity: 'ok', trust: 'trusted', revocation: 'good', reason: 'Sao y bản chính' })
    // The committed screenshot shows the verdict and the first signature card, not the upload box.
    await visitor.getByRole('heading', { name: 'Kết quả kiểm tra' }).evaluate((el) => el.scrollIntoView({ block: 'start' }))
    await screenshot(visitor, 'signature-report', { docs: true })
    expect(await blockingAxe(visitor)).toEqual([])

    // One byte changed inside the signed range: both signatures fail integrity.
    const tampered = Buffer.from(signed)
    tampered.write('9', tampered.indexOf('/MediaBox') + '/MediaBox ['.length, 'latin1')
    const bad = await verify.verify(pdfUpload('quyet-dinh-sua.pdf', tampered))
    expect(bad.verdict).toBe('invalid')
    expect(bad.signatures.every((s) => s.integrity === 'failed')).toBe(true)
  })
})
