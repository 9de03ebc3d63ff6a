import type { Locator, Page } from 'playwright-core'
import { readSignatureReport, type SignatureReportData, type SignatureUpload, type Verdict } from './VerifySignaturePage.ts'

export type PositionPreset = 'bottomRight' | 'topRight' | 'custom'
const POSITION_LABEL: Record<PositionPreset, string> = {
  bottomRight: 'Góc dưới bên phải',
  topRight: 'Góc trên bên phải, không hình dấu (bản sao, tệp đính kèm)',
  custom: 'Tùy chỉnh',
}

export interface SealOptions {
  /** 1-based page (the form's default is 1). */
  page?: number
  /** Default 'bottomRight' (the server's default place). */
  position?: PositionPreset
  /** [x1, y1, x2, y2] in PDF points, with position 'custom'. */
  rect?: [number, number, number, number]
  /** Replaces the default "Phát hành văn bản"; '' clears it. */
  reason?: string
}

export type SignOutcome = { ok: true } | { ok: false; problem: string }

const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim()

/**
 * Signing with the agency seal, `/quan-tri/ky-so` (Ký số tài liệu): 1. upload a PDF, 2. its current
 * signatures, the seal and the options, "Ký số bằng chứng thư số của cơ quan" (clerk, agency leader),
 * 3. the signed file, its report, "Ký thêm chữ ký số lên tệp đã ký".
 */
export class SigningPage {
  readonly heading: Locator
  readonly uploadSection: Locator
  readonly fileInput: Locator
  readonly uploadProblem: Locator
  readonly checkSection: Locator
  readonly currentReport: Locator
  readonly sealInfo: Locator
  readonly form: Locator
  readonly signButton: Locator
  readonly notAllowed: Locator
  readonly sealNotReady: Locator
  readonly signProblem: Locator
  readonly resultSection: Locator
  readonly downloadLink: Locator
  readonly signAgainButton: Locator
  readonly newFileButton: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Ký số tài liệu' })
    this.uploadSection = page.getByTestId('sign-upload')
    this.fileInput = this.uploadSection.locator('input[type="file"]')
    this.uploadProblem = page.getByTestId('sign-upload-problem')
    this.checkSection = page.getByTestId('sign-check')
    this.currentReport = page.getByTestId('current-report')
    this.sealInfo = page.getByTestId('seal-info')
    this.form = page.getByTestId('seal-form')
    this.signButton = page.getByRole('button', { name: 'Ký số bằng chứng thư số của cơ quan' })
    this.notAllowed = page.getByTestId('sign-not-allowed')
    this.sealNotReady = page.getByTestId('seal-not-ready')
    this.signProblem = page.getByTestId('sign-problem')
    this.resultSection = page.getByTestId('sign-result')
    this.downloadLink = page.getByTestId('signed-download')
    this.signAgainButton = page.getByRole('button', { name: 'Ký thêm chữ ký số lên tệp đã ký' })
    this.newFileButton = page.getByRole('button', { name: 'Ký tệp khác' })
  }

  async goto(): Promise<void> {
    await this.page.goto('/quan-tri/ky-so')
    await this.heading.waitFor()
  }

  /** Through "Ký số tài liệu" in the admin menu. */
  async openFromMenu(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Menu quản trị' }).getByRole('link', { name: 'Ký số tài liệu', exact: true }).click()
    await this.heading.waitFor()
  }

  /**
   * Step 1: uploads a PDF (POST /files) and waits for step 2 with the file's current report (or its
   * error) and the seal panel. Throws with the shown reason when the file is refused.
   */
  async upload(file: SignatureUpload): Promise<void> {
    const before = Number((await this.uploadSection.getAttribute('data-attempt')) ?? '0')
    await this.fileInput.setInputFiles(file)
    const settled = this.page.locator(
      `[data-testid="sign-upload"][data-attempt="${before + 1}"]:is([data-state="done"], [data-state="error"])`,
    )
    await settled.waitFor({ timeout: 60_000 })
    if ((await settled.getAttribute('data-state')) === 'error') throw new Error(`upload refused: ${await this.uploadProblemText()}`)
    await this.checkSection.waitFor()
    await this.currentReport.or(this.checkSection.getByTestId('current-report-error')).first().waitFor({ timeout: 60_000 })
  }

  async uploadProblemText(): Promise<string> {
    return clean(await this.uploadProblem.textContent())
  }

  /** The file chosen in step 1 ("name (size)"). */
  async sourceFileText(): Promise<string> {
    return clean(await this.uploadSection.getByTestId('source-file').textContent())
  }

  /** The current report of the uploaded file (step 2). */
  async currentReportData(): Promise<SignatureReportData> {
    return readSignatureReport(this.currentReport)
  }

  /** A row of the seal panel: "Cơ quan", "Tình trạng", "Chứng thư số", "Tổ chức cấp", "Thời hạn hiệu lực", "Dấu thời gian". */
  sealValue(label: string): Locator {
    return this.sealInfo
      .locator('tr.ant-descriptions-row')
      .filter({ has: this.page.getByText(label, { exact: true }) })
      .locator('td')
      .last()
  }

  /** The seal's state: 'ready' | 'notConfigured' | 'unusable'. */
  async sealStatus(): Promise<string | null> {
    await this.sealInfo.waitFor()
    return this.sealValue('Tình trạng').locator('[data-status]').getAttribute('data-status')
  }

  /** Whether the sign button is offered (clerk, agency leader) rather than the explanation. */
  async canSign(): Promise<boolean> {
    await this.signButton.or(this.notAllowed).first().waitFor()
    return this.signButton.isVisible()
  }

  /** Fills the options of step 2 (only those given). */
  async chooseOptions(o: SealOptions): Promise<void> {
    if (o.page !== undefined) await this.form.getByLabel('Trang đặt chữ ký', { exact: true }).fill(String(o.page))
    const position = o.position ?? (o.rect ? 'custom' : undefined)
    if (position) {
      await this.form
        .getByRole('radiogroup', { name: 'Vị trí hình ảnh chữ ký' })
        .getByRole('radio', { name: POSITION_LABEL[position] })
        .check()
    }
    if (o.rect) {
      const labels = ['x1 (cạnh trái)', 'y1 (cạnh dưới)', 'x2 (cạnh phải)', 'y2 (cạnh trên)']
      for (const [i, label] of labels.entries()) await this.form.getByLabel(label, { exact: true }).fill(String(o.rect[i]))
    }
    if (o.reason !== undefined) await this.form.getByLabel('Lý do ký', { exact: true }).fill(o.reason)
  }

  /**
   * Fills the options, clicks "Ký số bằng chứng thư số của cơ quan" and waits for the outcome: the
   * result step, or the reason shown (the server's message, or the form's field errors).
   */
  async sign(o: SealOptions = {}): Promise<SignOutcome> {
    await this.chooseOptions(o)
    const before = Number((await this.form.getAttribute('data-attempt')) ?? '0')
    await this.signButton.click()
    const settled = this.page.locator(
      `[data-testid="seal-form"][data-attempt="${before + 1}"]:is([data-state="done"], [data-state="error"], [data-state="invalid"])`,
    )
    // On success the form goes away with step 2: wait for the result or this attempt's failure.
    await this.resultSection.or(settled).first().waitFor({ timeout: 90_000 })
    if (await this.resultSection.isVisible()) {
      await this.resultSection.getByTestId('signature-report').waitFor()
      return { ok: true }
    }
    const problems = [
      ...(await this.signProblem.allTextContents()),
      ...(await this.form.locator('.ant-form-item-explain-error').allTextContents()),
    ].map(clean)
    return { ok: false, problem: problems.filter(Boolean).join('; ') }
  }

  /** `sign` that must succeed. */
  async signOk(o: SealOptions = {}): Promise<void> {
    const outcome = await this.sign(o)
    if (!outcome.ok) throw new Error(`signing failed: ${outcome.problem}`)
  }

  /** The signed file's report (step 3). */
  async signedReport(): Promise<SignatureReportData> {
    return readSignatureReport(this.resultSection.getByTestId('signed-report'))
  }

  async verdict(): Promise<Verdict> {
    return (await this.signedReport()).verdict
  }

  async verdictText(): Promise<string> {
    return clean(await this.resultSection.getByTestId('signed-report').getByTestId('signature-verdict-title').textContent())
  }

  /** `/api/v1/files/<id>` of the signed file. */
  async signedFileHref(): Promise<string> {
    const href = await this.downloadLink.getAttribute('href')
    if (!href) throw new Error('no download link for the signed file')
    return href
  }

  /** The stored file id of the signed file (from its download link). */
  async signedFileId(): Promise<string> {
    return decodeURIComponent((await this.signedFileHref()).split('/').pop() ?? '')
  }

  /** The signed PDF's bytes, downloaded with the page's session. */
  async downloadSigned(): Promise<Buffer> {
    const res = await this.page.request.get(await this.signedFileHref())
    if (!res.ok()) throw new Error(`download failed: HTTP ${res.status()}`)
    return res.body()
  }

  /** The "Xem bản tại thời điểm ký" addresses of the signed file's signatures, in order. */
  async revisionHrefs(): Promise<string[]> {
    const links = await this.resultSection.getByTestId('revision-link').all()
    return Promise.all(links.map(async (l) => (await l.getAttribute('href')) ?? ''))
  }

  /** "Ký thêm chữ ký số lên tệp đã ký": the signed file becomes the source; waits for step 2 again. */
  async signAgain(): Promise<void> {
    await this.signAgainButton.click()
    await this.checkSection.waitFor()
    await this.currentReport.or(this.checkSection.getByTestId('current-report-error')).first().waitFor({ timeout: 60_000 })
  }

  /** "Ký tệp khác": back to step 1. */
  async startOver(): Promise<void> {
    await this.newFileButton.click()
    await this.fileInput.waitFor({ state: 'attached' })
  }
}
