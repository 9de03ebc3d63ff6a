import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest'
import { AdminLogin } from './pages/AdminLogin.ts'
import { StaffPage } from './pages/StaffPage.ts'
import { failureScreenshot, launchBrowser, newContext } from './support/browser.ts'
import { startServer, type TestServer } from './support/server.ts'

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

interface AgencyRow {
  id: string
  name: string
  shortName: string | null
  kind: string
}

describe('staff list access', () => {
  it("an officer of one agency cannot open another agency's staff list", async (ctx) => {
    onTestFailed(() => failureScreenshot(page, ctx.task.name))
    const agencies = (await (await page.request.get('/api/v1/agencies')).json()) as AgencyRow[]
    const stp = agencies.find((a) => a.name === 'Sở Tư pháp')
    const own = agencies.find((a) => a.name === 'Ủy ban nhân dân Phường Trung Tâm')
    expect(stp, 'Sở Tư pháp in /api/v1/agencies').toBeDefined()
    expect(own, 'Phường Trung Tâm in /api/v1/agencies').toBeDefined()

    const officer = server.officer('lanhdao.xa')
    expect(officer.roles).toContain('agency_leader')
    expect(officer.totpSecret).toBeNull()
    const login = new AdminLogin(page)
    await login.goto()
    await login.login(officer.username, officer.password)

    // Another agency: the forbidden result, no staff rows, and the API says 403.
    const staff = new StaffPage(page)
    await staff.goto(stp!.id)
    expect(await staff.waitForOutcome()).toBe('forbidden')
    expect(await staff.forbidden.textContent()).toContain('Bạn không có quyền xem danh sách cán bộ của cơ quan này')
    expect(await staff.rows().count()).toBe(0)
    const stpUsernames = server.credentials.officers.filter((o) => o.agency === 'stp').map((o) => o.username)
    expect(stpUsernames.length).toBeGreaterThan(0)
    for (const username of stpUsernames) expect(await page.getByText(username, { exact: true }).count()).toBe(0)
    const denied = await page.request.get(`/api/v1/admin/agencies/${stp!.id}/staff`)
    expect(denied.status()).toBe(403)

    // Own agency (the staff page's default, via the admin menu): its officers are listed.
    await page.getByRole('navigation', { name: 'Menu quản trị' }).getByRole('link', { name: 'Cán bộ', exact: true }).click()
    await page.waitForURL((u) => u.pathname === '/quan-tri/can-bo' && !u.searchParams.has('agency'))
    // The previous agency's forbidden result must go away (not linger as stale state).
    await expect.poll(() => staff.forbidden.count()).toBe(0)
    expect(await staff.waitForOutcome()).toBe('table')
    expect(await staff.forbidden.count()).toBe(0)
    await staff.rows().first().waitFor()
    expect(await staff.rows().count()).toBeGreaterThan(0)
    expect(await staff.rows().filter({ hasText: 'lanhdao.xa' }).count()).toBe(1)
    const allowed = await page.request.get(`/api/v1/admin/agencies/${own!.id}/staff`)
    expect(allowed.status()).toBe(200)
    const body = (await allowed.json()) as { username: string }[]
    expect(body.map((s) => s.username)).toContain('lanhdao.xa')
    expect(await staff.rows().count()).toBe(body.length)
  })
})
