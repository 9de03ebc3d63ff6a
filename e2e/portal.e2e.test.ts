import AxeBuilder from '@axe-core/playwright'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest'
import { PortalHome } from './pages/PortalHome.ts'
import { ProcedurePage } from './pages/ProcedurePage.ts'
import { SearchResults } from './pages/SearchResults.ts'
import { failureScreenshot, launchBrowser, newContext, screenshot } from './support/browser.ts'
import { startServer, type TestServer } from './support/server.ts'

const BIRTH_CODE = '1.001193'
const BIRTH_NAME = 'Đăng ký khai sinh'

let server: TestServer
let browser: Browser
let context: BrowserContext
let page: Page

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

beforeEach(async (ctx) => {
  await context?.close()
  context = await newContext(browser, server.baseUrl)
  page = await context.newPage()
  onTestFailed(() => failureScreenshot(page, ctx.task.name))
})

describe('public portal', () => {
  it('a visitor finds "Đăng ký khai sinh" by searching without diacritics and opens its page', async () => {
    const home = new PortalHome(page)
    await home.goto()
    await expect(home.heading.textContent()).resolves.toContain('Cổng dịch vụ công')
    await screenshot(page, 'portal-home', { docs: true })

    await home.search('dang ky khai sinh')
    expect(new URL(page.url()).searchParams.get('q')).toBe('dang ky khai sinh')

    const results = new SearchResults(page)
    await results.waitForResults()
    // The keyword box on the results page keeps the query.
    expect(await results.keywordBox.inputValue()).toBe('dang ky khai sinh')
    expect(await results.total()).toBeGreaterThan(0)
    const names = await results.resultNames()
    expect(names.length).toBeGreaterThan(0)
    expect(names[0]).toBe(BIRTH_NAME)
    await screenshot(page, 'search-results')

    await results.openResult(BIRTH_NAME)
    expect(new URL(page.url()).pathname).toBe(`/thu-tuc/${BIRTH_CODE}`)

    const proc = new ProcedurePage(page)
    await proc.waitForLoaded()
    expect((await proc.heading.textContent())?.trim()).toBe(BIRTH_NAME)
    expect((await proc.overviewValue('Mã thủ tục').textContent())?.trim()).toBe(BIRTH_CODE)
    await expect(page.title()).resolves.toContain(BIRTH_NAME)

    // Components: the seeded procedure lists its dossier components in a table.
    await proc.components.waitFor()
    expect(await proc.componentRows().count()).toBeGreaterThan(0)
    const firstComponent = (await proc.componentRows().first().getByRole('cell').first().textContent())?.trim() ?? ''
    expect(firstComponent.length).toBeGreaterThan(0)

    // Fees: either a fee table or the explicit "Không thu phí" statement.
    await proc.fees.waitFor()
    const feeRows = await proc.feeRows().count()
    if (feeRows === 0) expect(await proc.fees.textContent()).toContain('Không thu phí')
    else expect((await proc.feeRows().first().textContent())?.trim().length).toBeGreaterThan(0)
    const api = (await (await page.request.get(`/api/v1/procedures/${BIRTH_CODE}`)).json()) as {
      content: { components: unknown[]; fees: unknown[] }
    }
    expect(await proc.componentRows().count()).toBe(api.content.components.length)
    expect(feeRows).toBe(api.content.fees.length)

    await screenshot(page, 'procedure-page', { docs: true })
  })

  it('an unknown procedure code shows the not-found page', async () => {
    await page.goto('/thu-tuc/9.999999')
    await page.getByRole('heading', { level: 1, name: 'Không tìm thấy thủ tục' }).waitFor()
    expect(await page.getByText('Thủ tục có mã 9.999999 không tồn tại').count()).toBe(1)
  })
})

describe('accessibility (axe, WCAG 2 A/AA)', () => {
  const pages: { name: string; open: (p: Page) => Promise<void> }[] = [
    { name: 'portal home', open: (p) => new PortalHome(p).goto() },
    { name: 'search results', open: (p) => new SearchResults(p).goto('dang ky khai sinh') },
    { name: 'procedure page', open: (p) => new ProcedurePage(p).goto(BIRTH_CODE) },
  ]

  it.each(pages)('$name has no serious or critical violations', async ({ name, open }) => {
    await open(page)
    const { violations, passes } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()
    // axe really ran its WCAG rules on the page (not an empty document).
    expect(passes.length).toBeGreaterThan(10)
    for (const v of violations) {
      const targets = v.nodes.map((n) => n.target.join(' ')).join(' | ')
      console.warn(`[axe] ${name}: ${v.id} (${v.impact ?? 'n/a'}) — ${v.help} — ${targets}`)
    }
    const blocking = violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }))
    expect(blocking).toEqual([])
  })
})
