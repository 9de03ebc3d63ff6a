import type { Locator, Page } from 'playwright-core'

/** The public portal home page `/`: hero with the procedure search box and the field list. */
export class PortalHome {
  readonly heading: Locator
  readonly searchBox: Locator
  readonly searchButton: Locator
  readonly fieldsSection: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 })
    this.searchBox = page.getByLabel('Tìm kiếm thủ tục hành chính', { exact: true })
    this.searchButton = page.getByRole('search').getByRole('button', { name: 'Tìm kiếm' })
    this.fieldsSection = page.getByRole('region', { name: 'Tra cứu theo lĩnh vực' })
  }

  async goto(): Promise<void> {
    await this.page.goto('/')
    await this.heading.waitFor()
    // The field list comes from the API: wait for it so screenshots and axe see the real page.
    await this.fieldsSection.getByRole('listitem').first().waitFor()
  }

  /** Types a query into the search box and submits it with Enter; resolves on the results URL. */
  async search(query: string): Promise<void> {
    await this.searchBox.fill(query)
    await this.searchBox.press('Enter')
    await this.page.waitForURL((url) => url.pathname === '/thu-tuc' && url.searchParams.get('q') === query)
  }
}
