import type { Locator, Page } from 'playwright-core'
import type { UploadFiles } from './SubmitDossierPage.ts'

/** "Hồ sơ của tôi" `/tai-khoan/ho-so`: the signed-in citizen's dossiers and drafts (Vietnamese UI). */
export class MyDossiersPage {
  readonly heading: Locator
  readonly submitted: Locator
  readonly drafts: Locator
  readonly statusFilter: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Hồ sơ của tôi' })
    this.submitted = page.getByRole('region', { name: 'Hồ sơ đã nộp', exact: true })
    this.drafts = page.getByRole('region', { name: 'Hồ sơ đang lưu nháp', exact: true })
    this.statusFilter = page.getByLabel('Trạng thái', { exact: true })
  }

  async goto(): Promise<void> {
    await this.page.goto('/tai-khoan/ho-so')
    await this.waitForLoaded()
  }

  /** Through the "Hồ sơ của tôi" link in the header (signed-in citizens). */
  async openFromHeader(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Hồ sơ của tôi', exact: true }).click()
    await this.page.waitForURL((u) => u.pathname === '/tai-khoan/ho-so')
    await this.waitForLoaded()
  }

  async waitForLoaded(): Promise<void> {
    await this.heading.waitFor()
    await this.submitted.waitFor()
    await this.page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' })
  }

  /** Body rows of the submitted dossiers table (antd's hidden measure row is excluded by role). */
  rows(): Locator {
    return this.submitted
      .locator('tbody')
      .getByRole('row')
      .filter({ hasNot: this.page.locator('.ant-empty') })
  }

  row(code: string): Locator {
    return this.rows().filter({ has: this.page.getByRole('link', { name: code, exact: true }) })
  }

  /** The status tag text of one dossier ("Chờ tiếp nhận", "Đã tiếp nhận", …). */
  async statusOf(code: string): Promise<string> {
    return ((await this.row(code).locator('.cs-tag').first().textContent()) ?? '').trim()
  }

  async codes(): Promise<string[]> {
    return (await this.rows().locator('a.cs-mono').allTextContents()).map((s) => s.trim())
  }

  async openDossier(code: string): Promise<CitizenDossierPage> {
    await this.row(code).getByRole('link', { name: code, exact: true }).click()
    await this.page.waitForURL((u) => u.pathname === `/tai-khoan/ho-so/${encodeURIComponent(code)}`)
    const detail = new CitizenDossierPage(this.page)
    await detail.waitForLoaded()
    return detail
  }

  /** Filters by status label ("Tất cả", "Chờ tiếp nhận", …). */
  async filterByStatus(label: string): Promise<void> {
    await this.statusFilter.selectOption({ label })
    await this.page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' })
  }

  draftRow(procedureName: string): Locator {
    return this.drafts.locator('tbody').getByRole('row').filter({ hasText: procedureName })
  }

  /** "Tiếp tục" on a draft: opens the submission page with the draft restored. */
  async continueDraft(procedureName: string): Promise<void> {
    await this.draftRow(procedureName).getByRole('button', { name: 'Tiếp tục', exact: true }).click()
    await this.page.waitForURL((u) => u.pathname.startsWith('/nop-ho-so/'))
  }

  async deleteDraft(procedureName: string): Promise<void> {
    await this.draftRow(procedureName)
      .getByRole('button', { name: `Xóa bản nháp: ${procedureName}` })
      .click()
    await this.page.locator('.ant-popconfirm').getByRole('button', { name: 'Xóa', exact: true }).click()
    await this.page.locator('.ant-message-notice').filter({ hasText: 'Đã xóa bản nháp' }).waitFor()
  }
}

/** One dossier as its applicant sees it, `/tai-khoan/ho-so/<code>`. */
export class CitizenDossierPage {
  readonly code: Locator
  readonly status: Locator
  readonly dueAt: Locator
  readonly supplementPanel: Locator
  readonly withdrawButton: Locator
  readonly timeline: Locator

  constructor(readonly page: Page) {
    this.code = page.getByRole('heading', { level: 1 }).getByTestId('dossier-code')
    this.status = page.getByTestId('dossier-status').locator('.cs-tag').first()
    this.dueAt = page.getByTestId('due-at')
    this.supplementPanel = page.getByTestId('supplement-panel')
    this.withdrawButton = page.getByTestId('withdraw')
    this.timeline = page.getByRole('region', { name: 'Quá trình xử lý', exact: true })
  }

  async goto(code: string): Promise<void> {
    await this.page.goto(`/tai-khoan/ho-so/${encodeURIComponent(code)}`)
    await this.waitForLoaded()
  }

  async waitForLoaded(): Promise<void> {
    await this.code.waitFor()
  }

  async statusText(): Promise<string> {
    return ((await this.status.textContent()) ?? '').trim()
  }

  /** Event titles of the timeline, oldest first ("Nộp hồ sơ", "Yêu cầu bổ sung, hoàn thiện hồ sơ", …). */
  async timelineEvents(): Promise<string[]> {
    return (await this.timeline.locator('.ant-timeline-item strong').allTextContents()).map((s) => s.trim())
  }

  /** The PDF links issued with the events (receipt, supplement request, refusal). */
  documentLinks(): Locator {
    return this.timeline.getByRole('link', { name: /\(PDF\)$/ })
  }

  /** Download links of the files of one component (0-based position in the procedure's list). */
  componentFiles(index: number): Locator {
    return this.page.getByTestId(`dossier-component-${index}`).getByRole('link')
  }

  /** Opens "Xem cách tính hạn" and waits for the explanation. */
  async openDeadline(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Xem cách tính hạn' }).click()
    const panel = this.page.getByTestId('deadline-explanation')
    await panel.waitFor()
    return panel
  }

  /** The requested items of the open supplement request: `{ name, reason }` in order. */
  async supplementItems(): Promise<{ name: string; reason: string }[]> {
    const items = this.supplementPanel.locator('[data-testid^="supplement-item-"]')
    const out: { name: string; reason: string }[] = []
    for (const item of await items.all()) {
      const name = ((await item.getByRole('heading', { level: 3 }).textContent()) ?? '').trim()
      const reasonLine = (
        (await item
          .locator('div', { hasText: /^Lý do:/ })
          .first()
          .textContent()) ?? ''
      ).trim()
      out.push({ name, reason: reasonLine.replace(/^Lý do:\s*/, '') })
    }
    return out
  }

  /** Uploads files for the n-th requested item (0-based) and waits until they are listed. */
  async attachSupplement(item: number, files: UploadFiles): Promise<void> {
    const box = this.page.getByTestId(`supplement-item-${item}`)
    const chooser = this.page.waitForEvent('filechooser')
    await box.getByRole('button', { name: /^Chọn tệp cho:/ }).click()
    await (await chooser).setFiles(files)
    await box
      .getByRole('list')
      .getByRole('listitem')
      .nth(files.length - 1)
      .waitFor()
    await box.getByRole('status').waitFor({ state: 'detached' })
  }

  /**
   * "Nộp bổ sung" (with an optional note). Resolves `done` once the server accepted it, or
   * `conflict` when the dossier had changed meanwhile (the page reloads it and says so).
   */
  async submitSupplement(note?: string): Promise<'done' | 'conflict'> {
    if (note !== undefined) await this.page.getByLabel('Ghi chú gửi cơ quan tiếp nhận (không bắt buộc)').fill(note)
    const answer = this.page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/supplement'))
    await this.page.getByTestId('submit-supplement').click()
    const res = await answer
    if (res.status() === 409) {
      await this.page.locator('.ant-message-notice').filter({ hasText: 'Hồ sơ vừa được cập nhật' }).last().waitFor()
      return 'conflict'
    }
    await this.page.locator('.ant-message-notice').filter({ hasText: 'Đã nộp bổ sung hồ sơ' }).last().waitFor()
    await this.page
      .getByTestId('submit-supplement')
      .waitFor({ state: 'detached' })
      .catch(() => undefined)
    return 'done'
  }

  /** "Rút hồ sơ" with its reason, confirmed in the dialog; resolves when the server answered. */
  async withdraw(reason: string): Promise<'done' | 'conflict'> {
    await this.withdrawButton.click()
    const dialog = this.page.getByRole('dialog')
    await dialog.getByLabel('Lý do rút hồ sơ', { exact: true }).fill(reason)
    const answer = this.page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/withdraw'))
    await dialog.getByRole('button', { name: 'Rút hồ sơ', exact: true }).click()
    const res = await answer
    if (res.status() === 409) {
      await this.page.locator('.ant-message-notice').filter({ hasText: 'Hồ sơ vừa được cập nhật' }).last().waitFor()
      return 'conflict'
    }
    await this.page.locator('.ant-message-notice').filter({ hasText: 'Đã rút hồ sơ' }).last().waitFor()
    // the page fetches the dossier again: wait for the new status
    await this.page.getByTestId('dossier-status').getByText('Đã rút hồ sơ', { exact: true }).waitFor()
    return 'done'
  }
}
