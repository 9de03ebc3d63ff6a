import type { Locator, Page } from 'playwright-core'

/** The public procedure page `/thu-tuc/<code>`. */
export class ProcedurePage {
  readonly heading: Locator
  readonly overview: Locator
  readonly components: Locator
  readonly fees: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 })
    this.overview = page.getByRole('region', { name: 'Thông tin chung', exact: true })
    this.components = page.getByRole('region', { name: 'Thành phần hồ sơ', exact: true })
    this.fees = page.getByRole('region', { name: 'Phí, lệ phí', exact: true })
  }

  async goto(code: string): Promise<void> {
    await this.page.goto(`/thu-tuc/${encodeURIComponent(code)}`)
    await this.waitForLoaded()
  }

  async waitForLoaded(): Promise<void> {
    await this.heading.waitFor()
    await this.overview.waitFor()
  }

  /** Body rows of the components table (antd's hidden measure row is excluded by role). */
  componentRows(): Locator {
    return this.components.locator('tbody').getByRole('row')
  }

  /** Body rows of the fees table (empty when the section says "Không thu phí"). */
  feeRows(): Locator {
    return this.fees.locator('tbody').getByRole('row')
  }

  /** The value cell of an overview row, by its exact label ("Phiên bản", "Mã thủ tục", …). */
  overviewValue(label: string): Locator {
    return this.overview
      .getByRole('row')
      .filter({ has: this.page.getByText(label, { exact: true }) })
      .locator('td')
      .last()
  }
}
