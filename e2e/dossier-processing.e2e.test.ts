import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest'
import { AdminLogin } from './pages/AdminLogin.ts'
import { CitizenResultPage } from './pages/CitizenResultPage.ts'
import { ProcessingInboxPage } from './pages/ProcessingInboxPage.ts'
import { ProcessingPanel } from './pages/ProcessingPanel.ts'
import { DOCS_SCREENSHOT_DIR, failureScreenshot, launchBrowser, newContext, screenshot } from './support/browser.ts'
import { startServer, type TestServer } from './support/server.ts'

/** "Cấp bản sao Trích lục hộ tịch": implemented by the communes and, at province level, by the Department of Justice. */
const COPY_CODE = '2.000635'
const COMMUNE = 'Ủy ban nhân dân Phường Trung Tâm'
const COMMUNE_CODE = '000.00.31.H99'
const DEPARTMENT = 'Sở Tư pháp'
const STEP = {
  appraise: 'Thẩm định hồ sơ',
  check: 'Trưởng phòng kiểm tra',
  approve: 'Lãnh đạo phê duyệt, ký',
  issue: 'Văn thư vào số, phát hành',
  result: 'Trả kết quả',
}

let server: TestServer
let browser: Browser
const contexts = new Map<string, { ctx: BrowserContext; page: Page }>()
let citizen: Page
let citizenCsrf = ''

/**
 * A real result document (the demo decision of @congso/pdf-signatures' test tooling), loaded at
 * run time: the package is typed against Node's libraries, this tier against the DOM's.
 */
const TESTING_MODULE = '@congso/pdf-signatures/testing'
async function resultPdf(name: string) {
  const mod = (await import(TESTING_MODULE)) as { makeDemoDecisionPdf: () => Promise<{ pdf: Uint8Array }> }
  return { name, mimeType: 'application/pdf', buffer: Buffer.from((await mod.makeDemoDecisionPdf()).pdf) }
}

const pdf = (name: string) => ({
  name,
  mimeType: 'application/pdf',
  buffer: Buffer.from(`%PDF-1.4\n1 0 obj <<>> endobj\n% ${name}\ntrailer <<>>\n%%EOF\n`, 'latin1'),
})

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
  const ctx = await newContext(browser, server.baseUrl)
  citizen = await ctx.newPage()
  await citizenSignIn()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function citizenSignIn(): Promise<void> {
  const creds = server.credentials.citizen
  const res = await citizen.request.post('/api/v1/auth/citizen/login', { data: { login: creds.login, password: creds.password } })
  expect(res.status()).toBe(200)
  citizenCsrf = ((await res.json()) as { csrfToken: string }).csrfToken
}

/** The officer's own browser, signed in through the login page (again after a server restart). */
async function as(username: string, fresh = false): Promise<Page> {
  let entry = contexts.get(username)
  if (!entry || fresh) {
    await entry?.ctx.close()
    const ctx = await newContext(browser, server.baseUrl)
    entry = { ctx, page: await ctx.newPage() }
    contexts.set(username, entry)
    const login = new AdminLogin(entry.page)
    await login.goto()
    await login.login(username, server.officer(username).password)
  }
  return entry.page
}

async function post(request: APIRequestContext, csrf: string, path: string, data: unknown, headers: Record<string, string> = {}) {
  const res = await request.post(`/api/v1${path}`, { data, headers: { 'x-csrf-token': csrf, ...headers } })
  if (!res.ok()) throw new Error(`${path}: HTTP ${res.status()} ${await res.text()}`)
  return res.json() as Promise<Record<string, unknown>>
}

/** Setup through the API (the intake screens have their own browser tests): the citizen submits online, the commune's counter accepts. */
async function acceptedDossier(returnChannel: 'online' | 'post'): Promise<string> {
  const file = async (name: string) => {
    const res = await citizen.request.post('/api/v1/files', {
      data: pdf(name).buffer,
      headers: { 'x-csrf-token': citizenCsrf, 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name) },
    })
    expect(res.status()).toBe(201)
    return ((await res.json()) as { id: string }).id
  }
  const created = await post(
    citizen.request,
    citizenCsrf,
    '/dossiers',
    {
      procedureCode: COPY_CODE,
      agencyCode: COMMUNE_CODE,
      channel: 'online',
      formData: {
        hoTenNguoiYeuCau: 'Nguyễn Văn An',
        soDinhDanhNguoiYeuCau: '001090012345',
        soDienThoai: '0912345678',
        loaiTrichLuc: 'khai_sinh',
        hoTenNguoiDuocCap: 'Nguyễn Minh Khôi',
        noiDangKy: 'UBND Phường Trung Tâm',
        soBanSao: 2,
      },
      components: [
        { index: 0, fileIds: [await file('to-khai.pdf')] },
        { index: 1, fileIds: [await file('cccd.pdf')] },
      ],
      returnChannel,
      ...(returnChannel === 'post' ? { returnAddress: 'Số 12 đường Lê Lợi, Phường Trung Tâm' } : {}),
      contact: { address: 'Số 12 đường Lê Lợi, Phường Trung Tâm' },
    },
    { 'idempotency-key': randomUUID() },
  )
  const code = String(created.code)
  const counter = await as('motcua.xa')
  const me = (await (await counter.request.get('/api/v1/auth/me')).json()) as { csrfToken: string }
  const detail = (await (await counter.request.get(`/api/v1/dossiers/${encodeURIComponent(code)}`)).json()) as { version: number }
  await post(counter.request, me.csrfToken, `/dossiers/${encodeURIComponent(code)}/accept`, { version: detail.version })
  return code
}

async function panelOf(username: string, code: string): Promise<ProcessingPanel> {
  const panel = new ProcessingPanel(await as(username))
  await panel.goto(code)
  return panel
}

function pdfText(bytes: Buffer, png?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'congso-e2e-processing-'))
  const file = join(dir, 'doc.pdf')
  writeFileSync(file, bytes)
  if (png) execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, join(DOCS_SCREENSHOT_DIR, png)])
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
}

describe('dossier processing', () => {
  it('specialist → unit head → leader approval → electronic result → the citizen downloads and rates', async (ctx) => {
    onTestFailed(async () => {
      for (const [name, e] of contexts) await failureScreenshot(e.page, `${ctx.task.name}-${name}`)
    })
    const code = await acceptedDossier('online')
    await (await panelOf('motcua.xa', code)).start()

    const inbox = new ProcessingInboxPage(await as('chuyenvien.xa'))
    await inbox.goto('todo')
    expect(await inbox.codes()).toContain(code)

    const specialist = await panelOf('chuyenvien.xa', code)
    expect((await specialist.currentStep()).name).toContain(STEP.appraise)
    await specialist.forward(STEP.check, 'Hồ sơ đủ điều kiện cấp bản sao')
    await (await panelOf('truongphong.xa', code)).forward(STEP.approve, 'Trình lãnh đạo ký')
    const leader = await panelOf('lanhdao.xa', code)
    expect(await leader.allowedActions()).not.toContain('forward')
    await leader.approve('Đồng ý cấp bản sao trích lục')
    await leader.forward(STEP.issue, 'Giao văn thư phát hành')
    const clerk = await panelOf('vanthu.xa', code)
    // The electronic result is sealed with the commune's digital seal as it is attached.
    await clerk.attachResult(await resultPdf('ban-sao-trich-luc-khai-sinh.pdf'), { seal: true })
    await clerk.forward(STEP.result, 'Chuyển Bộ phận Một cửa trả kết quả')
    const counter = await panelOf('motcua.xa', code)
    await counter.returnResult()
    const visits = await counter.readVisits()
    expect(visits.map((v) => v.step)).toEqual([STEP.appraise, STEP.check, STEP.approve, STEP.issue, STEP.result])
    await screenshot(counter.page, 'processing-panel', { docs: true })

    // The control sheet, rendered and read back: every hand-over with its outcome.
    const sheet = await counter.page.request.get((await counter.controlSheetHref()) ?? '')
    expect(sheet.status()).toBe(200)
    const text = pdfText(await sheet.body(), 'control-sheet-e2e')
    expect(text).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH')
    for (const s of [STEP.appraise, STEP.approve, 'Tổ chức, cá nhân']) expect(text).toContain(s)

    // The citizen downloads the electronic result and rates the service.
    const mine = new CitizenResultPage(citizen)
    await mine.goto(code)
    expect(await mine.resultNames()).toEqual(['ban-sao-trich-luc-khai-sinh-da-ky.pdf'])
    const result = await mine.download('ban-sao-trich-luc-khai-sinh-da-ky.pdf')
    const check = await citizen.request.post('/api/v1/signatures/verify', {
      data: result,
      headers: { 'content-type': 'application/pdf', 'x-csrf-token': citizenCsrf },
    })
    const verdict = ((await check.json()) as { report: { verdict: string; signatures: { organization: string | null }[] } }).report
    expect(verdict.verdict).toBe('valid')
    expect(verdict.signatures[0]?.organization).toBe(COMMUNE)
    await mine.rate(5, 'Nhanh chóng, đúng hẹn')
    expect((await mine.rating())?.score).toBe(5)
    await screenshot(citizen, 'citizen-result', { docs: true })
  })

  it('commune → province (liên thông): the department continues on its own process, the result goes back by post', async () => {
    const code = await acceptedDossier('post')
    await (await panelOf('motcua.xa', code)).start()
    await (await panelOf('chuyenvien.xa', code)).transfer(DEPARTMENT, 'Sổ hộ tịch gốc lưu tại Sở Tư pháp')
    const dept = await panelOf('chuyenvien', code)
    expect((await dept.currentStep()).name).toContain(STEP.appraise)
    await dept.forward(STEP.check, 'Đã đối chiếu sổ gốc')
    await (await panelOf('truongphong', code)).forward(STEP.approve, 'Trình ký')
    const leader = await panelOf('lanhdao', code)
    await leader.approve('Đồng ý')
    await leader.forward(STEP.issue, 'Phát hành')
    const clerk = await panelOf('vanthu', code)
    await clerk.attachResult(pdf('ban-sao-trich-luc.pdf'))
    await clerk.forward(STEP.result, 'Trả qua bưu chính')
    const counter = await panelOf('motcua.xa', code)
    await counter.returnResult('EL123456785VN')
    const visits = await counter.readVisits()
    expect(visits[0]?.agency).toBe(COMMUNE)
    expect(visits.at(-1)?.agency).toBe(DEPARTMENT)
    const mine = new CitizenResultPage(citizen)
    await mine.goto(code)
    expect(await mine.postalTracking()).toBe('EL123456785VN')
  })

  it('asks the department’s opinion and continues once it answers', async () => {
    const code = await acceptedDossier('online')
    await (await panelOf('motcua.xa', code)).start()
    const specialist = await panelOf('chuyenvien.xa', code)
    await specialist.consult(DEPARTMENT, 'Đề nghị xác nhận thông tin trong sổ đăng ký khai sinh gốc', 2)
    expect(await specialist.allowedActions()).not.toContain('forward')
    const theirs = new ProcessingInboxPage(await as('chuyenvien'))
    await theirs.goto('todo')
    expect(await theirs.codes()).toContain(code)
    await (await panelOf('chuyenvien', code)).answerConsult('Thông tin khớp với sổ gốc')
    const back = await panelOf('chuyenvien.xa', code)
    expect(await back.allowedActions()).toContain('forward')
    await back.forward(STEP.check, 'Đã có ý kiến của Sở Tư pháp')
  })

  it('a dossier that misses its appointment (the clock moved) gets the apology letter with a new date', async () => {
    const code = await acceptedDossier('online')
    await (await panelOf('motcua.xa', code)).start()
    // Three days later by the server's clock: the one-day procedure is overdue.
    await server.restart({ clockOffset: '+3d' })
    const leaderPage = await as('lanhdao.xa', true)
    const inbox = new ProcessingInboxPage(leaderPage)
    await inbox.goto('overdue')
    expect(await inbox.count('overdue')).toBeGreaterThanOrEqual(1)
    expect(await inbox.codes()).toContain(code)
    const leader = await panelOf('lanhdao.xa', code)
    const inFiveDays = new Date(Date.now() + 8 * 86_400_000 + 7 * 3_600_000)
    const d = inFiveDays.toISOString()
    await leader.apologize(`${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)} 16:00`, 'Chờ xác minh thông tin trong sổ hộ tịch gốc')
    const [href] = await leader.apologyHrefs()
    const letter = await leader.page.request.get(href ?? '')
    expect(letter.status()).toBe(200)
    const text = pdfText(await letter.body(), 'apology-letter-e2e')
    expect(text).toContain('PHIẾU XIN LỖI VÀ HẸN LẠI')
    expect(text).toContain(code)
    // Back to the real clock for whatever runs after.
    await server.restart()
  })
})
