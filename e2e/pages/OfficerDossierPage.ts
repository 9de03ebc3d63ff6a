import type { Locator, Page } from 'playwright-core'

/** One line of a supplement request: a component of the dossier (by its name as listed) or `null` for "Khác" with `name`. */
export interface SupplementRequestItem {
  component: string | null
  /** Required with `component: null`: what must be supplemented. */
  name?: string
  reason: string
}

/**
 * A dossier as the officer sees it `/quan-tri/ho-so/<code>`: applicant, dossier information and
 * the deadline calculation, e-form, components, history, and the decision buttons
 * (Tiếp nhận, Yêu cầu bổ sung, Từ chối, Gia hạn) shown as the dossier's `allowedActions` allow.
 */
export class OfficerDossierPage {
  readonly heading: Locator
  readonly code: Locator
  readonly status: Locator
  readonly actions: Locator
  readonly acceptButton: Locator
  readonly supplementButton: Locator
  readonly refuseButton: Locator
  readonly extendButton: Locator
  /** The notice shown after a decision went through (with the issued PDF's link). */
  readonly outcome: Locator
  readonly outcomeDocument: Locator
  readonly dueAt: Locator
  readonly applicant: Locator
  readonly components: Locator
  readonly timeline: Locator
  readonly dialog: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 })
    this.code = page.getByTestId('dossier-code')
    this.status = page.getByTestId('dossier-status')
    this.actions = page.getByTestId('decision-actions')
    this.acceptButton = this.actions.getByRole('button', { name: 'Tiếp nhận', exact: true })
    this.supplementButton = this.actions.getByRole('button', { name: 'Yêu cầu bổ sung', exact: true })
    this.refuseButton = this.actions.getByRole('button', { name: 'Từ chối', exact: true })
    this.extendButton = this.actions.getByRole('button', { name: 'Gia hạn', exact: true })
    this.outcome = page.getByTestId('decision-outcome')
    this.outcomeDocument = page.getByTestId('decision-document')
    this.dueAt = page.getByTestId('due-at')
    this.applicant = page.getByTestId('applicant')
    this.components = page.getByTestId('components-table')
    this.timeline = page.getByRole('region', { name: 'Quá trình xử lý' })
    this.dialog = page.getByRole('dialog')
  }

  async goto(code: string): Promise<void> {
    await this.page.goto(`/quan-tri/ho-so/${encodeURIComponent(code)}`)
    await this.waitForLoaded()
  }

  async waitForLoaded(): Promise<void> {
    await this.code.or(this.page.locator('.ant-result')).first().waitFor()
  }

  /** The names of the decision buttons on screen. */
  async availableActions(): Promise<string[]> {
    if ((await this.actions.count()) === 0) return []
    return (await this.actions.getByRole('button').allInnerTexts()).map((s) => s.trim())
  }

  /** Presses the dialog's confirm button and waits until the dialog is gone (or an error keeps it open). */
  private async confirm(okName: string): Promise<void> {
    await this.dialog.getByRole('button', { name: okName, exact: true }).click()
    await this.dialog.waitFor({ state: 'hidden' })
  }

  /**
   * Accepts the dossier (optional note) and waits for the outcome notice; returns the receipt's PDF
   * address. The page also opens the receipt in a new tab: a test can catch it with `page.context().waitForEvent('page')`.
   */
  async accept(note?: string): Promise<string | null> {
    await this.acceptButton.click()
    if (note) await this.dialog.getByLabel('Ghi chú (không bắt buộc)').fill(note)
    await this.confirm('Tiếp nhận')
    await this.outcome.waitFor()
    return this.outcomeDocument.getAttribute('href')
  }

  /** Requests a supplement listing the items (at least one) and waits for the outcome notice. */
  async requestSupplement(items: SupplementRequestItem[], note?: string): Promise<string | null> {
    await this.supplementButton.click()
    for (let i = 0; i < items.length; i++) {
      const item = items[i]
      if (!item) continue
      if (i > 0) await this.dialog.getByRole('button', { name: 'Thêm nội dung' }).click()
      const card = this.dialog.getByTestId(`supp-item-${i}`)
      const select = card.getByLabel('Giấy tờ cần bổ sung')
      const option = select.locator('option', { hasText: item.component === null ? 'Khác (ghi rõ)' : item.component }).first()
      await select.selectOption((await option.getAttribute('value')) ?? '')
      if (item.component === null) await card.getByLabel('Nội dung cần bổ sung').fill(item.name ?? '')
      await card.getByLabel('Lý do, yêu cầu cụ thể').fill(item.reason)
    }
    if (note) await this.dialog.getByLabel('Ghi chú thêm (không bắt buộc)').fill(note)
    await this.confirm('Gửi yêu cầu bổ sung')
    await this.outcome.waitFor()
    return this.outcomeDocument.getAttribute('href')
  }

  /** Refuses the dossier with the reason and waits for the outcome notice; returns the refusal notice's PDF address. */
  async refuse(reason: string): Promise<string | null> {
    await this.refuseButton.click()
    await this.dialog.getByLabel('Lý do từ chối').fill(reason)
    await this.confirm('Từ chối')
    await this.outcome.waitFor()
    return this.outcomeDocument.getAttribute('href')
  }

  /** Extends the processing time by working days (steps of 0.5) with the reason. */
  async extend(workingDays: number, reason: string): Promise<void> {
    await this.extendButton.click()
    const days = this.dialog.getByLabel('Số ngày làm việc gia hạn')
    await days.fill(String(workingDays).replace('.', ','))
    await this.dialog.getByLabel('Lý do gia hạn').fill(reason)
    await this.confirm('Gia hạn')
    await this.outcome.waitFor()
  }

  /** Opens "Xem cách tính hạn" and returns the day-by-day explanation. */
  async openDeadline(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Xem cách tính hạn' }).click()
    const panel = this.page.getByTestId('deadline-explanation')
    await panel.waitFor()
    return panel
  }
}
