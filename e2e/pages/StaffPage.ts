import type { Locator, Page } from 'playwright-core'

/** The admin staff list `/quan-tri/can-bo?agency=<id>`. */
export class StaffPage {
  readonly heading: Locator
  readonly forbidden: Locator
  readonly table: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Cán bộ' })
    this.forbidden = page.getByTestId('forbidden')
    this.table = page.getByRole('main').getByRole('table')
  }

  async goto(agencyId?: string): Promise<void> {
    await this.page.goto(agencyId ? `/quan-tri/can-bo?agency=${encodeURIComponent(agencyId)}` : '/quan-tri/can-bo')
    await this.heading.waitFor()
  }

  /** Staff rows (antd's hidden measure row and the "no data" placeholder row excluded). */
  rows(): Locator {
    return this.table
      .locator('tbody')
      .getByRole('row')
      .filter({ hasNot: this.page.locator('.ant-empty') })
  }

  /** Waits until the page settles on either the forbidden result or a loaded table. */
  async waitForOutcome(): Promise<'forbidden' | 'table'> {
    const forbidden = this.forbidden.waitFor().then(() => 'forbidden' as const)
    const table = this.page
      .locator('main .ant-table-wrapper:not(:has(.ant-spin-spinning))')
      .waitFor()
      .then(() => 'table' as const)
    for (const p of [forbidden, table]) p.catch(() => undefined)
    return Promise.race([forbidden, table])
  }
}
