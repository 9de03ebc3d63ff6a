import type { Locator, Page } from 'playwright-core'

/** Files given to an upload control: paths on disk, or in-memory files. */
export type UploadFiles = string[] | { name: string; mimeType: string; buffer: Buffer }[]

/** The names the files will be listed under. */
export const uploadNames = (files: UploadFiles): string[] =>
  files.map((f: string | { name: string }) => (typeof f === 'string' ? (f.split('/').pop() ?? f) : f.name))

export type ReturnChoice = 'online' | 'counter' | 'post'

const RETURN_LABEL: Record<ReturnChoice, string> = {
  online: 'Trực tuyến',
  counter: 'Tại Bộ phận Một cửa',
  post: 'Qua dịch vụ bưu chính công ích',
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Online submission `/nop-ho-so/<procedure code>` (Vietnamese UI), a four-step wizard:
 * Thông tin hồ sơ (agency, contact, e-form) → Thành phần hồ sơ (uploads) → Nhận kết quả → Xem lại và nộp.
 */
export class SubmitDossierPage {
  readonly heading: Locator
  readonly steps: Locator
  readonly nextButton: Locator
  readonly backButton: Locator
  readonly submitButton: Locator
  readonly saveDraftButton: Locator
  readonly draftRestored: Locator
  readonly submitError: Locator
  readonly result: Locator
  readonly resultCode: Locator
  readonly notOnline: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Nộp hồ sơ trực tuyến' })
    this.steps = page.getByRole('navigation', { name: 'Các bước nộp hồ sơ' })
    this.nextButton = page.getByRole('button', { name: 'Tiếp tục', exact: true })
    this.backButton = page.getByRole('button', { name: 'Quay lại', exact: true })
    // by test id: while a request runs the button's name also carries antd's "loading" icon
    this.submitButton = page.getByTestId('submit-dossier')
    this.saveDraftButton = page.getByTestId('save-draft')
    this.draftRestored = page.getByTestId('draft-restored')
    this.submitError = page.getByTestId('submit-error')
    this.result = page.getByTestId('submit-result')
    this.resultCode = this.result.getByTestId('dossier-code')
    this.notOnline = page.getByTestId('not-online')
  }

  /** Opens the page; a visitor who is not signed in lands on `/dang-nhap?next=…` instead. */
  async goto(procedureCode: string): Promise<void> {
    await this.page.goto(`/nop-ho-so/${encodeURIComponent(procedureCode)}`)
    await this.heading
      .or(this.page.getByRole('heading', { level: 1, name: 'Đăng nhập' }))
      .first()
      .waitFor()
  }

  /** Waits until the wizard (or the "not available online" notice) is shown. */
  async waitForLoaded(): Promise<void> {
    await this.heading.waitFor()
    await this.steps.or(this.notOnline).first().waitFor()
  }

  /** The heading of the step on screen ("Thông tin hồ sơ", "Thành phần hồ sơ", …). */
  currentStep(): Locator {
    return this.page.locator('section:not([hidden]) h2').first()
  }

  /** An antd form item by its exact label text. */
  formItem(label: string): Locator {
    return this.page
      .locator('section:not([hidden]) .ant-form-item')
      .filter({ has: this.page.locator('.ant-form-item-label > label', { hasText: new RegExp(`^${escapeRe(label)}$`) }) })
  }

  /** The validation message(s) shown under a field. */
  fieldError(label: string): Locator {
    return this.formItem(label).locator('.ant-form-item-explain-error')
  }

  /** Chooses the receiving agency (only asked when the procedure has several implementing agencies). */
  async chooseAgency(name: string): Promise<void> {
    await this.page.getByLabel('Cơ quan tiếp nhận hồ sơ', { exact: true }).selectOption({ label: name })
  }

  /** The applicant's contact details for this dossier (phone and e-mail start as the account's). */
  async fillContact(contact: { phone?: string; email?: string; address?: string }): Promise<void> {
    const box = this.page.getByTestId('contact')
    if (contact.phone !== undefined) await box.getByLabel('Số điện thoại nhận thông báo', { exact: true }).fill(contact.phone)
    if (contact.email !== undefined) await box.getByLabel('E-mail nhận thông báo', { exact: true }).fill(contact.email)
    if (contact.address !== undefined) await box.getByLabel('Địa chỉ của người nộp hồ sơ', { exact: true }).fill(contact.address)
  }

  /**
   * Fills e-form fields by their labels: strings go into text/number inputs, date pickers
   * (dd/mm/yyyy) and selects (by option label); booleans tick or clear checkboxes.
   */
  async fillEForm(values: Record<string, string | boolean>): Promise<void> {
    for (const [label, value] of Object.entries(values)) await this.fillField(label, value)
  }

  async fillField(label: string, value: string | boolean): Promise<void> {
    const form = this.page.getByTestId('eform')
    if (typeof value === 'boolean') {
      const box = form.getByRole('checkbox', { name: label, exact: true })
      if (value) await box.check()
      else await box.uncheck()
      return
    }
    const control = form.getByLabel(label, { exact: true })
    const tag = await control.evaluate((el) => el.tagName.toLowerCase())
    if (tag === 'select') {
      await control.selectOption({ label: value })
      return
    }
    if ((await control.evaluate((el) => el.closest('.ant-picker') !== null)) === true) {
      // antd's date picker: type dd/mm/yyyy and confirm with Enter
      await control.click()
      await control.fill(value)
      await control.press('Enter')
      return
    }
    await control.fill(value)
  }

  /** "Tiếp tục": validates the step; resolves once the next step is shown (or stays, with errors shown). */
  async next(): Promise<void> {
    const before = await this.currentStep().textContent()
    await this.nextButton.click()
    await this.page
      .waitForFunction((prev) => document.querySelector('section:not([hidden]) h2')?.textContent !== prev, before, { timeout: 3_000 })
      .catch(() => undefined)
  }

  async back(): Promise<void> {
    await this.backButton.click()
  }

  /** The row of one dossier component, by its position (0-based) or its exact name. */
  component(which: number | string): Locator {
    if (typeof which === 'number') return this.page.getByTestId(`component-row-${which}`)
    return this.page
      .locator('[data-testid^="component-row-"]')
      .filter({ has: this.page.getByRole('heading', { level: 3, name: new RegExp(`^\\d+\\. ${escapeRe(which)}\\*?$`) }) })
  }

  /** Uploads files for a component through its "Chọn tệp" button and waits until each is listed (or refused). */
  async attach(which: number | string, files: UploadFiles): Promise<void> {
    const row = this.component(which)
    const chooser = this.page.waitForEvent('filechooser')
    await row.getByRole('button', { name: /^Chọn tệp cho:/ }).click()
    await (await chooser).setFiles(files)
    for (const name of uploadNames(files)) {
      await row
        .getByRole('listitem')
        .filter({ hasText: name.replace(/\.[^.]+$/, '') })
        .or(row.getByTestId('upload-error').filter({ hasText: name }))
        .first()
        .waitFor()
    }
    await row.getByRole('status').waitFor({ state: 'detached' })
  }

  /** Names of the files listed under a component. */
  async uploadedFiles(which: number | string): Promise<string[]> {
    const items = this.component(which).getByRole('list').getByRole('listitem')
    return (await items.allTextContents()).map((t) => t.replace(/\s*\([^)]*\)\s*$/, '').trim())
  }

  /** The refusal shown for an upload (e.g. a renamed executable): the server's Vietnamese message. */
  uploadError(which: number | string): Locator {
    return this.component(which).getByTestId('upload-error')
  }

  async removeFile(fileName: string): Promise<void> {
    await this.page.getByRole('button', { name: `Xóa tệp ${fileName}`, exact: true }).click()
  }

  /** The server's (or the required-file check's) message under a component. */
  componentError(index: number): Locator {
    return this.page.getByTestId(`component-${index}-error`)
  }

  async chooseReturn(channel: ReturnChoice, address?: string): Promise<void> {
    await this.page.getByRole('radio', { name: new RegExp(`^${escapeRe(RETURN_LABEL[channel])}`) }).check()
    if (channel === 'post' && address !== undefined) await this.page.getByLabel('Địa chỉ nhận kết quả', { exact: true }).fill(address)
  }

  /** Ticks the declaration on the review step. */
  async acceptPledge(): Promise<void> {
    await this.page.getByRole('checkbox', { name: /^Tôi cam đoan/ }).check()
  }

  /** "Lưu nháp": resolves when the server confirmed the draft. */
  async saveDraft(): Promise<void> {
    await this.saveDraftButton.click()
    await this.page.locator('.ant-message-notice').filter({ hasText: 'Đã lưu nháp hồ sơ' }).waitFor()
  }

  /**
   * On the review step: ticks the declaration if needed, presses "Nộp hồ sơ" and returns the new
   * dossier code from the result panel.
   */
  async submitOnline(): Promise<string> {
    const pledge = this.page.getByRole('checkbox', { name: /^Tôi cam đoan/ })
    if (!(await pledge.isChecked())) await pledge.check()
    await this.submitButton.click()
    await this.resultCode.waitFor()
    return ((await this.resultCode.textContent()) ?? '').trim()
  }

  /** Ticks the declaration if needed, presses "Nộp hồ sơ" expecting a refusal, and returns the error panel's text. */
  async submitExpectingError(): Promise<string> {
    const pledge = this.page.getByRole('checkbox', { name: /^Tôi cam đoan/ })
    if ((await pledge.count()) > 0 && !(await pledge.isChecked())) await pledge.check()
    await this.submitButton.click()
    await this.submitError.waitFor()
    return ((await this.submitError.textContent()) ?? '').trim()
  }

  /** From the result panel to the dossier's page. */
  async openCreatedDossier(): Promise<void> {
    await this.result.getByRole('button', { name: 'Xem hồ sơ', exact: true }).click()
    await this.page.waitForURL((u) => u.pathname.startsWith('/tai-khoan/ho-so/'))
  }
}
