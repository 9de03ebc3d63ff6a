import type { Locator, Page } from 'playwright-core'

export interface PublicationInput {
  number: string
  /** dd/mm/yyyy, as typed into the date picker. */
  date: string
  signer: string
  /** Label of the decision kind, e.g. "Sửa đổi, bổ sung". */
  kindLabel: string
}

/** The admin catalog list `/quan-tri/thu-tuc`. */
export class ProceduresAdmin {
  readonly heading: Locator
  readonly table: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Thủ tục hành chính' })
    this.table = page.getByRole('main').getByRole('table').first()
  }

  async goto(): Promise<void> {
    await this.page.goto('/quan-tri/thu-tuc')
    await this.heading.waitFor()
    await this.rows().first().waitFor()
  }

  rows(): Locator {
    return this.page
      .getByRole('main')
      .locator('tbody')
      .getByRole('row')
      .filter({ has: this.page.getByRole('link') })
  }

  async open(name: string): Promise<void> {
    await this.rows().getByRole('link', { name, exact: true }).click()
  }
}

/** The admin procedure editor `/quan-tri/thu-tuc/<code>`: drafts, publication and version history. */
export class ProcedureEditor {
  readonly heading: Locator
  readonly newVersionButton: Locator
  readonly nameInput: Locator
  readonly saveDraftButton: Locator
  readonly publishButton: Locator
  readonly publishDialog: Locator
  readonly versionsTable: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 })
    this.newVersionButton = page.getByRole('button', { name: 'Tạo phiên bản mới' })
    // The label "Tên thủ tục" is also a column header of the version table, so scope to the form.
    this.nameInput = page.getByRole('region', { name: 'Nội dung bản dự thảo' }).getByLabel('Tên thủ tục', { exact: true })
    this.saveDraftButton = page.getByRole('button', { name: 'Lưu bản dự thảo' })
    this.publishButton = page.getByTestId('publish')
    this.publishDialog = page.getByRole('dialog', { name: 'Quyết định công bố thủ tục' })
    this.versionsTable = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Người tạo', exact: true }) })
  }

  async goto(code: string): Promise<void> {
    await this.page.goto(`/quan-tri/thu-tuc/${encodeURIComponent(code)}`)
    await this.waitForLoaded()
  }

  async waitForLoaded(): Promise<void> {
    await this.heading.waitFor()
    await this.versionRows().first().waitFor()
  }

  versionRows(): Locator {
    return this.versionsTable.locator('tbody').getByRole('row')
  }

  async startNewVersion(): Promise<void> {
    await this.newVersionButton.click()
    await this.nameInput.waitFor()
  }

  async saveDraft(): Promise<void> {
    await this.saveDraftButton.click()
    await this.page.getByText('Đã lưu bản dự thảo').waitFor()
    await this.publishButton.waitFor()
  }

  async publish(p: PublicationInput): Promise<void> {
    await this.publishButton.click()
    const dialog = this.publishDialog
    await dialog.waitFor()
    const kind = dialog.getByLabel('Loại quyết định', { exact: true })
    const shown = dialog.locator('.ant-select-selection-item')
    if (((await shown.textContent()) ?? '').trim() !== p.kindLabel) {
      await kind.click()
      await this.page.getByRole('option', { name: p.kindLabel, exact: true }).click()
    }
    const chosen = ((await shown.textContent()) ?? '').trim()
    if (chosen !== p.kindLabel) throw new Error(`decision kind is "${chosen}", expected "${p.kindLabel}"`)
    await dialog.getByLabel('Số, ký hiệu quyết định', { exact: true }).fill(p.number)
    const date = dialog.getByLabel('Ngày ký', { exact: true })
    await date.click()
    await date.fill(p.date)
    await date.press('Enter')
    await dialog.getByLabel('Người ký', { exact: true }).fill(p.signer)
    await dialog.getByRole('button', { name: 'Công bố', exact: true }).click()
    await this.page.getByText('Đã công bố thủ tục').waitFor()
    await dialog.waitFor({ state: 'hidden' })
  }
}
