import type { Locator, Page } from 'playwright-core'
import type { UploadFiles } from './SubmitDossierPage.ts'

export interface IntakeApplicant {
  fullName: string
  idNumber: string
  phone: string
  email?: string
  address: string
}

export type IntakeReturn = 'counter' | 'post' | 'online'
const RETURN_LABEL: Record<IntakeReturn, string> = {
  counter: 'Tại Bộ phận Một cửa',
  post: 'Qua dịch vụ bưu chính công ích',
  online: 'Trực tuyến',
}

/**
 * Counter and postal intake `/quan-tri/ho-so/tiep-nhan-moi` (Tiếp nhận hồ sơ trực tiếp): the
 * receiving officer picks the channel, the procedure and agency, the applicant, fills the e-form,
 * scans each component, and records the dossier — then lands on its page to accept it.
 */
export class CounterIntakePage {
  readonly heading: Locator
  readonly submitButton: Locator
  readonly forbidden: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Tiếp nhận hồ sơ trực tiếp' })
    this.submitButton = page.getByTestId('intake-submit')
    this.forbidden = page.getByTestId('forbidden')
  }

  /** Opens the form; with a procedure code it is preselected (`?thu-tuc=`). */
  async goto(procedureCode?: string): Promise<void> {
    await this.page.goto(`/quan-tri/ho-so/tiep-nhan-moi${procedureCode ? `?thu-tuc=${encodeURIComponent(procedureCode)}` : ''}`)
    await this.heading.waitFor()
    if (procedureCode) await this.page.getByTestId('intake-procedure-info').waitFor()
  }

  private async pickOption(text: string): Promise<void> {
    await this.page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
      .last()
      .locator('.ant-select-item-option')
      .filter({ hasText: text })
      .first()
      .click()
  }

  async chooseChannel(channel: 'counter' | 'post', postalReceiptNumber?: string): Promise<void> {
    const label = channel === 'counter' ? 'Trực tiếp tại Bộ phận Một cửa' : 'Qua dịch vụ bưu chính công ích'
    await this.page.getByRole('region', { name: 'Hình thức tiếp nhận' }).getByText(label, { exact: true }).click()
    if (channel === 'post' && postalReceiptNumber) await this.page.getByLabel('Số biên nhận bưu chính').fill(postalReceiptNumber)
  }

  /** Searches the catalog for `query` and picks the procedure with `code`. */
  async chooseProcedure(query: string, code: string): Promise<void> {
    const box = this.page.getByLabel('Thủ tục', { exact: true })
    await box.click()
    await box.fill(query)
    await this.pickOption(`${code} — `)
    await this.page.getByTestId('intake-procedure-info').waitFor()
  }

  /** Picks the competent agency (needed when the procedure has several). */
  async chooseAgency(name: string): Promise<void> {
    const select = this.page.getByLabel('Cơ quan giải quyết', { exact: true })
    const option = select.locator('option', { hasText: name }).first()
    await select.selectOption((await option.getAttribute('value')) ?? '')
  }

  /** Looks up an existing applicant (CCCD, phone or name) and fills the fields with the match named `fullName`. */
  async findApplicant(query: string, fullName: string): Promise<void> {
    await this.page.getByLabel('Tìm người nộp đã có (số CCCD, số điện thoại hoặc họ tên)').fill(query)
    await this.page.getByRole('button', { name: 'Tìm', exact: true }).click()
    await this.page.getByRole('button', { name: `Chọn ${fullName}` }).click()
  }

  async fillApplicant(a: IntakeApplicant): Promise<void> {
    const section = this.page.getByRole('region', { name: 'Người nộp hồ sơ' })
    await section.getByLabel('Họ và tên', { exact: true }).fill(a.fullName)
    await section.getByLabel('Số CCCD/định danh cá nhân', { exact: true }).fill(a.idNumber)
    await section.getByLabel('Số điện thoại', { exact: true }).fill(a.phone)
    await section.getByLabel('E-mail', { exact: true }).fill(a.email ?? '')
    await section.getByLabel('Địa chỉ', { exact: true }).fill(a.address)
  }

  /** Fills a text-like e-form field by its label (dates as dd/mm/yyyy). */
  async fillField(label: string, value: string): Promise<void> {
    const input = this.page.getByRole('region', { name: 'Tờ khai' }).getByLabel(label, { exact: true })
    await input.fill(value)
    if (/^\d{2}\/\d{2}\/\d{4}$/.test(value)) await input.press('Enter')
  }

  /** Picks an option of a select e-form field (a native `<select>` or an antd select). */
  async selectField(label: string, option: string): Promise<void> {
    const control = this.page.getByRole('region', { name: 'Tờ khai' }).getByLabel(label, { exact: true })
    if ((await control.evaluate((e) => e.tagName)) === 'SELECT') {
      await control.selectOption({ label: option })
      return
    }
    await control.click()
    await this.pickOption(option)
  }

  component(index: number): Locator {
    return this.page.getByTestId(`intake-component-${index}`)
  }

  /** Scans/uploads files for the component at `index` (position in the procedure's list) and waits until they are listed. */
  async uploadComponent(index: number, files: UploadFiles): Promise<void> {
    const c = this.component(index)
    const before = await c.locator('li').count()
    await c.getByTestId(`component-${index}-input`).setInputFiles(files)
    await c
      .locator('li')
      .nth(before + files.length - 1)
      .waitFor()
  }

  /** Ticks "Đã đối chiếu bản chính" and/or sets the number of paper copies received for a component. */
  async markComponent(index: number, opts: { sighted?: boolean; paperCopies?: number }): Promise<void> {
    const c = this.component(index)
    if (opts.sighted !== undefined) await c.getByLabel('Đã đối chiếu bản chính').setChecked(opts.sighted)
    if (opts.paperCopies !== undefined) await c.getByLabel('Số bản giấy đã nhận').fill(String(opts.paperCopies))
  }

  async chooseReturn(channel: IntakeReturn, address?: string): Promise<void> {
    await this.page.getByRole('region', { name: 'Hình thức nhận kết quả' }).getByText(RETURN_LABEL[channel], { exact: true }).click()
    if (channel === 'post' && address) await this.page.getByLabel('Địa chỉ nhận kết quả qua bưu chính').fill(address)
  }

  /** Records the dossier and waits for its page; returns the new dossier code. */
  async submit(): Promise<string> {
    await this.submitButton.click()
    await this.page.waitForURL((u) => /^\/quan-tri\/ho-so\/(?!tiep-nhan-moi)[^/]+$/.test(u.pathname))
    return decodeURIComponent(new URL(this.page.url()).pathname.split('/').pop() ?? '')
  }

  /** The validation messages on screen (after a refused submit). */
  errors(): Locator {
    return this.page.locator('.ant-form-item-explain-error, [data-testid^="intake-component-"] [role="alert"]')
  }
}
