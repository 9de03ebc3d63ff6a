import type { Locator, Page } from 'playwright-core'

export type ProcessingTab = 'todo' | 'due_soon' | 'overdue' | 'waiting' | 'done'

/** The tab labels of "Hồ sơ cần xử lý" (Vietnamese UI). */
export const PROCESSING_TAB_LABEL: Record<ProcessingTab, string> = {
  todo: 'Cần xử lý',
  due_soon: 'Sắp đến hạn',
  overdue: 'Quá hạn',
  waiting: 'Chờ ý kiến/bổ sung',
  done: 'Đã xử lý',
}

/** One row of the inbox table, as shown. */
export interface ProcessingInboxRow {
  code: string
  procedure: string
  applicant: string
  /** The step's name and the dossier status tag. */
  step: string
  assignee: string
  /** "dd/mm/yyyy HH:mm" and the step's flag tag ("Trong hạn", "Sắp đến hạn", "Quá hạn"). */
  stepDue: string
  dueAt: string
}

const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim()

/**
 * The processing officers' inbox `/quan-tri/xu-ly` (Hồ sơ cần xử lý): a tab per group with its count
 * (Cần xử lý, Sắp đến hạn, Quá hạn, Chờ ý kiến/bổ sung, Đã xử lý), a table of dossiers; tab and page
 * are in the address. `data-state="ready"` on the list means the rows shown belong to the tab and page asked for.
 */
export class ProcessingInboxPage {
  readonly heading: Locator
  readonly list: Locator
  readonly table: Locator
  readonly forbidden: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Hồ sơ cần xử lý' })
    this.list = page.getByTestId('processing-inbox')
    this.table = this.list.getByRole('table')
    this.forbidden = page.getByTestId('forbidden')
  }

  async goto(tab: ProcessingTab = 'todo', pageNo?: number): Promise<void> {
    const q = new URLSearchParams()
    if (tab !== 'todo') q.set('tab', tab)
    if (pageNo && pageNo > 1) q.set('page', String(pageNo))
    const qs = q.toString()
    await this.page.goto(`/quan-tri/xu-ly${qs ? `?${qs}` : ''}`)
    await this.heading.or(this.forbidden).first().waitFor()
    if (await this.heading.isVisible()) await this.waitForTable(tab)
  }

  /** Through "Hồ sơ cần xử lý" in the admin menu. */
  async openFromMenu(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Menu quản trị' }).getByRole('link', { name: 'Hồ sơ cần xử lý', exact: true }).click()
    await this.heading.waitFor()
    await this.waitForTable()
  }

  /** Waits until the rows of `tab` (default: whatever tab is open) have loaded. */
  async waitForTable(tab?: ProcessingTab): Promise<void> {
    const onTab = tab ? `[data-tab="${tab}"]` : ''
    await this.page.locator(`[data-testid="processing-inbox"]${onTab}:is([data-state="ready"], [data-state="error"])`).waitFor()
  }

  tab(tab: ProcessingTab): Locator {
    return this.page.getByTestId(`processing-tab-${tab}`)
  }

  async openTab(tab: ProcessingTab): Promise<void> {
    await this.tab(tab).click()
    await this.page.waitForURL((u) => (tab === 'todo' ? !u.searchParams.has('tab') : u.searchParams.get('tab') === tab))
    await this.waitForTable(tab)
  }

  /** The number on a tab's badge (after the list has loaded). */
  async count(tab: ProcessingTab): Promise<number> {
    const el = this.page.locator(`[data-testid="processing-tab-${tab}"]:not([data-count=""])`)
    await el.waitFor()
    return Number(await el.getAttribute('data-count'))
  }

  /** Dossier rows of the current tab ("no data" row excluded). */
  rows(): Locator {
    return this.table.locator('tbody tr.ant-table-row')
  }

  row(code: string): Locator {
    return this.rows().filter({ has: this.page.getByRole('link', { name: code, exact: true }) })
  }

  /** The dossier codes listed on the current tab and page. */
  async codes(): Promise<string[]> {
    return (await this.rows().locator('td:first-child a').allInnerTexts()).map(clean)
  }

  async readRow(code: string): Promise<ProcessingInboxRow> {
    const cells = (await this.row(code).locator('td').allInnerTexts()).map(clean)
    const [c = '', procedure = '', applicant = '', step = '', assignee = '', stepDue = '', dueAt = ''] = cells
    return { code: c, procedure, applicant, step, assignee, stepDue, dueAt }
  }

  /** Goes to a page of the list (kept in the address as `page`). */
  async goToPage(n: number): Promise<void> {
    await this.list.locator('.ant-pagination').getByTitle(String(n), { exact: true }).click()
    await this.page.waitForURL((u) => u.searchParams.get('page') === String(n))
    await this.page.locator(`[data-testid="processing-inbox"][data-page="${n}"]:is([data-state="ready"], [data-state="error"])`).waitFor()
  }

  async openDossier(code: string): Promise<void> {
    await this.row(code).getByRole('link', { name: code, exact: true }).click()
    await this.page.waitForURL((u) => decodeURIComponent(u.pathname) === `/quan-tri/ho-so/${code}`)
  }
}
