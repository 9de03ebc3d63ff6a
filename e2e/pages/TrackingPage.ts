import type { Locator, Page } from 'playwright-core'

/** Public tracking `/tra-cuu-ho-so` (or `/tra-cuu-ho-so/<code>`, the address in the paper form's QR code). */
export class TrackingPage {
  readonly heading: Locator
  readonly codeBox: Locator
  readonly factorBox: Locator
  readonly submitButton: Locator
  readonly result: Locator
  readonly appointment: Locator
  readonly problem: Locator
  readonly timeline: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Tra cứu hồ sơ' })
    this.codeBox = page.getByLabel('Mã hồ sơ', { exact: true })
    this.factorBox = page.getByLabel('4 số cuối số điện thoại hoặc CCCD', { exact: true })
    this.submitButton = page.getByTestId('tracking-submit')
    this.result = page.getByTestId('tracking-result')
    this.appointment = page.getByTestId('appointment')
    this.problem = page.getByTestId('tracking-problem')
    this.timeline = page.getByRole('region', { name: 'Quá trình xử lý', exact: true })
  }

  /** Opens the page, with the code prefilled when given (as the QR code does). */
  async goto(code?: string): Promise<void> {
    await this.page.goto(code ? `/tra-cuu-ho-so/${encodeURIComponent(code)}` : '/tra-cuu-ho-so')
    await this.heading.waitFor()
  }

  /** Through "Tra cứu hồ sơ" in the header navigation. */
  async openFromHeader(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tra cứu hồ sơ', exact: true }).click()
    await this.heading.waitFor()
  }

  /**
   * Looks a dossier up with its code (left as prefilled when omitted) and the last 4 digits of the
   * applicant's phone or ID number; resolves when either the result or a message is shown.
   */
  async track(factor: string, code?: string): Promise<void> {
    if (code !== undefined) await this.codeBox.fill(code)
    await this.factorBox.fill(factor)
    await this.submitButton.click()
    await this.result.or(this.problem).or(this.page.locator('.ant-form-item-explain-error')).first().waitFor()
  }

  /** The large appointment date, `dd/mm/yyyy HH:mm`, or the "not yet" sentence. */
  async appointmentText(): Promise<string> {
    const text = (await this.appointment.textContent()) ?? ''
    return text.replace(/^Ngày hẹn trả kết quả/, '').trim()
  }

  /** The value of a row of the result ("Trạng thái", "Thủ tục", "Cơ quan tiếp nhận", "Ngày nộp", "Ngày tiếp nhận"). */
  value(label: string): Locator {
    return this.result
      .locator('.ant-descriptions-row')
      .filter({ has: this.page.getByText(label, { exact: true }) })
      .locator('td')
      .last()
  }

  async problemText(): Promise<string> {
    return ((await this.problem.textContent()) ?? '').trim()
  }

  async timelineEvents(): Promise<string[]> {
    return (await this.timeline.locator('.ant-timeline-item strong').allTextContents()).map((s) => s.trim())
  }
}
