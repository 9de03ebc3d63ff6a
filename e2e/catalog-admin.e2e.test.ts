import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest'
import { AdminLogin } from './pages/AdminLogin.ts'
import { ProcedureEditor, ProceduresAdmin } from './pages/ProcedureEditor.ts'
import { ProcedurePage } from './pages/ProcedurePage.ts'
import { failureScreenshot, launchBrowser, newContext, screenshot } from './support/browser.ts'
import { startServer, type TestServer } from './support/server.ts'

// Not 1.001193 (the portal journey's procedure), so the files could share a server.
const CODE = '1.000894'
const SUFFIX = ' (sửa đổi)'

let server: TestServer
let browser: Browser
let context: BrowserContext
let page: Page

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
  context = await newContext(browser, server.baseUrl)
  page = await context.newPage()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

interface PublicProcedure {
  code: string
  name: string
  version: number
  publication: { number: string; date: string; signer: string } | null
}

describe('catalog administration', () => {
  it('an admin publishes an amended version and the portal shows it', async (ctx) => {
    onTestFailed(() => failureScreenshot(page, ctx.task.name))
    const before = (await (await page.request.get(`/api/v1/procedures/${CODE}`)).json()) as PublicProcedure
    expect(before.code).toBe(CODE)
    const newName = `${before.name}${SUFFIX}`

    // Sign in: password, then the TOTP second factor.
    const admin = server.officer('admin')
    expect(admin.totpSecret).toBeTruthy()
    const login = new AdminLogin(page)
    await login.goto()
    await login.login(admin.username, admin.password, () => server.totp('admin'))
    expect(new URL(page.url()).pathname).toMatch(/^\/quan-tri\/?$/)

    // The catalog list; find the procedure by code and open it.
    const list = new ProceduresAdmin(page)
    await list.goto()
    expect(await list.rows().count()).toBeGreaterThan(0)
    await screenshot(page, 'catalog-admin', { docs: true })
    const searchBox = page.getByLabel('Tìm theo tên hoặc mã thủ tục', { exact: true })
    await searchBox.fill(CODE)
    await searchBox.press('Enter')
    await page.waitForURL((u) => u.searchParams.get('q') === CODE)
    await list.rows().filter({ hasText: CODE }).first().waitFor()
    await list.open(before.name)
    await page.waitForURL((u) => u.pathname === `/quan-tri/thu-tuc/${CODE}`)

    const editor = new ProcedureEditor(page)
    await editor.waitForLoaded()
    expect((await editor.heading.textContent())?.trim()).toBe(before.name)
    const versionsBefore = await editor.versionRows().count()

    // New version → rename → save the draft.
    await editor.startNewVersion()
    expect(await editor.nameInput.inputValue()).toBe(before.name)
    await editor.nameInput.fill(newName)
    await editor.saveDraft()
    await expect.poll(() => editor.versionRows().count()).toBe(versionsBefore + 1)
    expect((await editor.heading.textContent())?.trim()).toBe(newName)
    // The public page still shows the published version until the draft is published.
    const during = (await (await page.request.get(`/api/v1/procedures/${CODE}`)).json()) as PublicProcedure
    expect(during.name).toBe(before.name)
    expect(during.version).toBe(before.version)

    // Publish with an amendment decision.
    await editor.publish({ number: '15/QĐ-UBND', date: '15/01/2026', signer: 'Nguyễn Văn Ký', kindLabel: 'Sửa đổi, bổ sung' })
    const newRow = editor.versionRows().filter({ hasText: newName })
    await newRow.filter({ hasText: 'Đã công bố' }).waitFor()
    const rowText = (await newRow.textContent()) ?? ''
    expect(rowText).toContain('Sửa đổi, bổ sung')
    expect(rowText).toContain('15/QĐ-UBND')
    expect(await editor.versionRows().filter({ hasText: 'Đã thay thế' }).count()).toBeGreaterThan(0)

    // The public page shows the new name, version number and decision.
    const proc = new ProcedurePage(page)
    await proc.goto(CODE)
    expect((await proc.heading.textContent())?.trim()).toBe(newName)
    expect((await proc.overviewValue('Phiên bản').textContent())?.trim()).toBe(String(before.version + 1))
    const decision = (await proc.overviewValue('Quyết định công bố').textContent()) ?? ''
    expect(decision).toContain('15/QĐ-UBND')
    expect(decision).toContain('15/01/2026')
    expect(decision).toContain('Nguyễn Văn Ký')
  })
})
