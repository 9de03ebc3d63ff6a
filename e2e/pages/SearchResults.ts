import type { Locator, Page } from 'playwright-core'

/** The public search results page `/thu-tuc?q=…`. */
export class SearchResults {
  readonly heading: Locator
  readonly keywordBox: Locator
  /** The live "Tìm thấy N thủ tục" line. */
  readonly status: Locator
  readonly results: Locator
  /** One link per result (the result's h2). */
  readonly resultLinks: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Tra cứu thủ tục hành chính' })
    this.keywordBox = page.getByLabel('Từ khóa', { exact: true })
    this.status = page.getByRole('status').filter({ hasText: /^Tìm thấy/ })
    const section = page.getByRole('region', { name: /^Tìm thấy/ })
    this.results = section.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2 }) })
    this.resultLinks = section.getByRole('heading', { level: 2 }).getByRole('link')
  }

  async goto(query: string): Promise<void> {
    await this.page.goto(`/thu-tuc?q=${encodeURIComponent(query)}`)
    await this.waitForResults()
  }

  async waitForResults(): Promise<void> {
    await this.heading.waitFor()
    await this.status.waitFor()
  }

  /** The number in "Tìm thấy N thủ tục". */
  async total(): Promise<number> {
    const text = (await this.status.textContent()) ?? ''
    const m = /Tìm thấy ([\d.]+) thủ tục/.exec(text)
    if (!m?.[1]) throw new Error(`unexpected results status: "${text}"`)
    return Number(m[1].replace(/\./g, ''))
  }

  async resultNames(): Promise<string[]> {
    return (await this.resultLinks.allTextContents()).map((s) => s.trim())
  }

  async openResult(name: string): Promise<void> {
    await this.resultLinks
      .filter({ hasText: new RegExp(`^${escapeRegExp(name)}$`) })
      .first()
      .click()
    await this.page.waitForURL(/\/thu-tuc\/[^/?]+$/)
  }
}

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
