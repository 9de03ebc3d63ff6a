import type { Locator, Page } from 'playwright-core'

export type InboxBox = 'waiting_reception' | 'supplements_returned' | 'supplement_requested' | 'due_soon' | 'overdue'

/** The tab labels of the reception inbox (Vietnamese UI). */
export const INBOX_TAB_LABEL: Record<InboxBox, string> = {
  waiting_reception: 'Chờ tiếp nhận',
  supplements_returned: 'Đã bổ sung',
  supplement_requested: 'Đang chờ bổ sung',
  due_soon: 'Sắp đến hạn',
  overdue: 'Quá hạn',
}

/** The officers' reception inbox `/quan-tri/ho-so` (Tiếp nhận hồ sơ): one tab per box with its count, a table of dossiers. */
export class ReceptionInboxPage {
  readonly heading: Locator
  readonly table: Locator
  readonly forbidden: Locator
  readonly newIntakeButton: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Tiếp nhận hồ sơ' })
    this.table = page.getByRole('main').locator('.ant-table-wrapper').getByRole('table')
    this.forbidden = page.getByTestId('forbidden')
    this.newIntakeButton = page.getByRole('button', { name: 'Tiếp nhận hồ sơ trực tiếp' })
  }

  async goto(box: InboxBox = 'waiting_reception'): Promise<void> {
    await this.page.goto(box === 'waiting_reception' ? '/quan-tri/ho-so' : `/quan-tri/ho-so?box=${box}`)
    await this.heading.waitFor()
    await this.waitForTable()
  }

  /** Waits until the table has loaded (no spinner). */
  async waitForTable(): Promise<void> {
    await this.page.locator('main .ant-table-wrapper:not(:has(.ant-spin-spinning))').waitFor()
  }

  tab(box: InboxBox): Locator {
    return this.page.getByTestId(`inbox-tab-${box}`)
  }

  async openTab(box: InboxBox): Promise<void> {
    await this.page.getByRole('tab', { name: INBOX_TAB_LABEL[box] }).click()
    await this.page.waitForURL((u) => (box === 'waiting_reception' ? !u.searchParams.has('box') : u.searchParams.get('box') === box))
    await this.waitForTable()
  }

  /** The number on a tab's badge (waits until the counts have loaded). */
  async count(box: InboxBox): Promise<number> {
    const badge = this.tab(box).locator('.ant-badge')
    await badge.waitFor()
    const title = await badge.locator('[title]').first().getAttribute('title')
    return Number(title ?? (await badge.innerText()).replace(/\D/g, ''))
  }

  /** Dossier rows of the current tab (antd's measure row and the "no data" row excluded). */
  rows(): Locator {
    return this.table
      .locator('tbody')
      .getByRole('row')
      .filter({ hasNot: this.page.locator('.ant-empty, .ant-table-placeholder') })
  }

  row(code: string): Locator {
    return this.rows().filter({ has: this.page.getByRole('link', { name: code, exact: true }) })
  }

  async openDossier(code: string): Promise<void> {
    await this.row(code).getByRole('link', { name: code, exact: true }).click()
    await this.page.waitForURL((u) => decodeURIComponent(u.pathname) === `/quan-tri/ho-so/${code}`)
  }

  async startCounterIntake(): Promise<void> {
    await this.newIntakeButton.click()
    await this.page.waitForURL('**/quan-tri/ho-so/tiep-nhan-moi')
  }
}
