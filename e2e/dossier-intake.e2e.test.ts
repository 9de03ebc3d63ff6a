import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest'
import { AdminLogin } from './pages/AdminLogin.ts'
import { CounterIntakePage } from './pages/CounterIntakePage.ts'
import { CitizenDossierPage } from './pages/MyDossiersPage.ts'
import { OfficerDossierPage } from './pages/OfficerDossierPage.ts'
import { ReceptionInboxPage } from './pages/ReceptionInboxPage.ts'
import { SubmitDossierPage } from './pages/SubmitDossierPage.ts'
import { TrackingPage } from './pages/TrackingPage.ts'
import { DOCS_SCREENSHOT_DIR, failureScreenshot, launchBrowser, newContext, screenshot } from './support/browser.ts'
import { startServer, type TestServer } from './support/server.ts'

const BIRTH_CODE = '1.001193'
// The demo citizen's phone (apps/server/src/seed/data/organization.ts): the tracking second factor.
const PHONE_LAST4 = '5678'

let server: TestServer
let browser: Browser
let citizenCtx: BrowserContext
let officerCtx: BrowserContext
let visitorCtx: BrowserContext
let citizen: Page
let officer: Page
let visitor: Page

const pdf = (name: string) => ({
  name,
  mimeType: 'application/pdf',
  buffer: Buffer.from(`%PDF-1.4\n1 0 obj <<>> endobj\n% ${name}\ntrailer <<>>\n%%EOF\n`, 'latin1'),
})

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
  citizenCtx = await newContext(browser, server.baseUrl)
  officerCtx = await newContext(browser, server.baseUrl)
  visitorCtx = await newContext(browser, server.baseUrl)
  citizen = await citizenCtx.newPage()
  officer = await officerCtx.newPage()
  visitor = await visitorCtx.newPage()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** Serious and critical WCAG 2 A/AA violations on the page, as "rule: target" lines. */
async function blockingAxe(page: Page): Promise<string[]> {
  const { violations, passes } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()
  expect(passes.length).toBeGreaterThan(10)
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`))
}

/** Renders the first page of a PDF to PNG (poppler's pdftoppm) and returns its text (pdftotext). */
function inspectPdf(bytes: Buffer, pngName: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'congso-e2e-pdf-'))
  const file = join(dir, 'doc.pdf')
  writeFileSync(file, bytes)
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, join(DOCS_SCREENSHOT_DIR, pngName)])
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
}

describe('dossier intake', () => {
  it('citizen submits online → officer asks for a supplement → citizen supplements → officer accepts → receipt and tracking', async (ctx) => {
    onTestFailed(async () => {
      await failureScreenshot(citizen, `${ctx.task.name}-citizen`)
      await failureScreenshot(officer, `${ctx.task.name}-officer`)
    })

    // The citizen signs in (the login page itself is covered by the portal journey) and submits.
    const creds = server.credentials.citizen
    const login = await citizen.request.post('/api/v1/auth/citizen/login', { data: { login: creds.login, password: creds.password } })
    expect(login.status()).toBe(200)

    const submit = new SubmitDossierPage(citizen)
    await submit.goto(BIRTH_CODE)
    await submit.waitForLoaded()
    await submit.chooseAgency('Ủy ban nhân dân Phường Trung Tâm')
    await submit.fillContact({ address: 'Số 12 đường Lê Lợi, phường Trung Tâm, Tỉnh Demo' })
    await submit.fillEForm({
      'Họ, chữ đệm, tên của trẻ': 'Nguyễn Minh Khôi',
      'Ngày, tháng, năm sinh': '01/11/2026',
      'Giới tính': 'Nam',
      'Nơi sinh (tên cơ sở y tế hoặc địa chỉ nơi sinh)': 'Bệnh viện Đa khoa Tỉnh Demo',
      'Quê quán': 'Tỉnh Demo',
      'Dân tộc': 'Kinh',
      'Quốc tịch': 'Việt Nam',
      'Họ, chữ đệm, tên người mẹ': 'Trần Thị Mai',
      'Số định danh cá nhân (CCCD) của mẹ': '001190012345',
      'Họ, chữ đệm, tên người đi đăng ký': 'Nguyễn Văn An',
      'Số định danh cá nhân (CCCD) người đi đăng ký': '001090012345',
      'Quan hệ với người được đăng ký': 'Cha',
      'Số điện thoại liên hệ': '0912345678',
    })
    await submit.heading.scrollIntoViewIfNeeded()
    await citizen.evaluate(() => window.scrollTo(0, 0))
    await screenshot(citizen, 'dossier-eform', { docs: true })
    expect(await blockingAxe(citizen)).toEqual([])
    await submit.next()
    await submit.attach(0, [pdf('to-khai-khai-sinh.pdf')])
    await submit.attach(1, [pdf('giay-chung-sinh.pdf')])
    await submit.attach(4, [pdf('cccd-nguoi-di-dang-ky.pdf')])
    await submit.next()
    await submit.chooseReturn('online')
    await submit.next()
    const code = await submit.submitOnline()
    expect(code).toMatch(/^\d{3}\.\d{2}\.\d{2}\.H99-\d{6}-\d{4,}$/)

    // The receiving officer of the commune finds it in the inbox and asks for a supplement.
    const officerAccount = server.officer('motcua.xa')
    const adminLogin = new AdminLogin(officer)
    await adminLogin.goto()
    await adminLogin.login(officerAccount.username, officerAccount.password)
    const inbox = new ReceptionInboxPage(officer)
    await inbox.goto('waiting_reception')
    await inbox.openDossier(code)
    const dossier = new OfficerDossierPage(officer)
    await dossier.waitForLoaded()
    const supplementPdf = await dossier.requestSupplement([
      { component: 'Giấy chứng sinh', reason: 'Bản chụp bị mờ, không đọc được số giấy' },
    ])
    expect(supplementPdf).toContain(`/api/v1/dossiers/${code}/documents/`)

    // The citizen sees exactly what is missing and why, and uploads it.
    const mine = new CitizenDossierPage(citizen)
    await mine.goto(code)
    const items = await mine.supplementItems()
    expect(items).toHaveLength(1)
    expect(items[0]?.name).toContain('Giấy chứng sinh')
    expect(items[0]?.reason).toBe('Bản chụp bị mờ, không đọc được số giấy')
    await mine.attachSupplement(0, [pdf('giay-chung-sinh-ban-ro.pdf')])
    expect(await mine.submitSupplement()).toBe('done')

    // The officer accepts: the receipt with the appointment date is issued.
    await dossier.goto(code)
    const receiptUrl = await dossier.accept('Hồ sơ đầy đủ, hợp lệ')
    expect(receiptUrl).toContain(`/api/v1/dossiers/${code}/documents/`)

    // The citizen downloads the receipt PDF from their dossier page.
    await mine.goto(code)
    const links = mine.documentLinks()
    await expect.poll(() => links.count()).toBeGreaterThanOrEqual(2)
    const receiptLink = links.filter({ hasText: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả' })
    const href = await receiptLink.getAttribute('href')
    const receipt = await citizen.request.get(href ?? '')
    expect(receipt.status()).toBe(200)
    expect(receipt.headers()['content-type']).toBe('application/pdf')
    const text = inspectPdf(await receipt.body(), 'receipt')
    expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ')
    expect(text).toContain(code)
    expect(text).toContain('Đăng ký khai sinh')
    const detail = (await (await citizen.request.get(`/api/v1/dossiers/${code}`)).json()) as { dueAt: string; status: string }
    expect(detail.status).toBe('accepted')
    const due = new Date(new Date(detail.dueAt).getTime() + 7 * 3600_000)
    const dueDate = `${String(due.getUTCDate()).padStart(2, '0')}/${String(due.getUTCMonth() + 1).padStart(2, '0')}/${due.getUTCFullYear()}`
    expect(text).toContain(dueDate)

    // Anyone with the code and the phone's last digits sees the appointment on the tracking page.
    const tracking = new TrackingPage(visitor)
    await tracking.goto(code)
    await tracking.track(PHONE_LAST4)
    expect(await tracking.appointmentText()).toContain(dueDate)
    expect(await visitor.content()).not.toContain('Nguyễn Văn An')
    await screenshot(visitor, 'tracking', { docs: true })
    expect(await blockingAxe(visitor)).toEqual([])

    // A visitor with a wrong factor sees nothing about the dossier.
    const stranger = new TrackingPage(visitor)
    await stranger.goto(code)
    await stranger.track('0000')
    expect(await stranger.problemText()).toContain('Không tìm thấy hồ sơ')
    await expect(stranger.appointment.count()).resolves.toBe(0)
  })

  it('a receiving officer records a postal submission for an applicant and refuses it with the reason on the notice', async (ctx) => {
    onTestFailed(() => failureScreenshot(officer, ctx.task.name))
    // signed in as motcua.xa by the journey above (same officer context)
    const intake = new CounterIntakePage(officer)
    await intake.goto(BIRTH_CODE)
    await intake.chooseChannel('post', 'EB123456789VN')
    await intake.findApplicant('001090012345', 'Nguyễn Văn An')
    await intake.fillField('Họ, chữ đệm, tên của trẻ', 'Nguyễn Minh Anh')
    await intake.fillField('Ngày, tháng, năm sinh', '02/11/2026')
    await intake.selectField('Giới tính', 'Nữ')
    await intake.fillField('Nơi sinh (tên cơ sở y tế hoặc địa chỉ nơi sinh)', 'Trạm y tế phường Trung Tâm')
    await intake.fillField('Quê quán', 'Tỉnh Demo')
    await intake.fillField('Dân tộc', 'Kinh')
    await intake.fillField('Quốc tịch', 'Việt Nam')
    await intake.fillField('Họ, chữ đệm, tên người mẹ', 'Trần Thị Mai')
    await intake.fillField('Số định danh cá nhân (CCCD) của mẹ', '001190012345')
    await intake.fillField('Họ, chữ đệm, tên người đi đăng ký', 'Nguyễn Văn An')
    await intake.fillField('Số định danh cá nhân (CCCD) người đi đăng ký', '001090012345')
    await intake.selectField('Quan hệ với người được đăng ký', 'Cha')
    await intake.fillField('Số điện thoại liên hệ', '0912345678')
    for (const index of [0, 1, 4]) await intake.markComponent(index, { sighted: true, paperCopies: 1 })
    await intake.chooseReturn('post', 'Số 12 đường Lê Lợi, phường Trung Tâm, Tỉnh Demo')
    const code = await intake.submit()
    expect(code).toMatch(/-\d{6}-\d{4,}$/)

    const dossier = new OfficerDossierPage(officer)
    await dossier.waitForLoaded()
    const refusalUrl = await dossier.refuse('Trẻ đã được đăng ký khai sinh tại địa phương khác')
    const refusal = await officer.request.get(refusalUrl ?? '')
    expect(refusal.status()).toBe(200)
    const dir = mkdtempSync(join(tmpdir(), 'congso-e2e-pdf-'))
    writeFileSync(join(dir, 'r.pdf'), await refusal.body())
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' })
    expect(text).toContain('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ')
    expect(text).toContain('Trẻ đã được đăng ký khai sinh tại địa phương khác')

    // the applicant's account is linked: the dossier shows in "Hồ sơ của tôi" as refused
    const mine = (await (await citizen.request.get(`/api/v1/dossiers/${code}`)).json()) as { status: string; channel: string }
    expect(mine).toMatchObject({ status: 'refused', channel: 'post' })
  })
})
