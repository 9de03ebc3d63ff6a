import type { Locator, Page } from 'playwright-core'

/** The rating scale's labels (Vietnamese UI), score 1–5. */
export const RATING_LABEL: Record<1 | 2 | 3 | 4 | 5, string> = {
  1: 'Rất không hài lòng',
  2: 'Không hài lòng',
  3: 'Bình thường',
  4: 'Hài lòng',
  5: 'Rất hài lòng',
}

export type RateOutcome = { ok: true } | { ok: false; problem: string }

const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim()

/**
 * "Kết quả giải quyết" on the citizen's dossier page `/tai-khoan/ho-so/<code>`: the result files
 * (download links), how the result was returned (counter, post with its tracking number, online),
 * apology letters, and "Đánh giá mức độ hài lòng" (1–5 stars and a comment) once it was returned.
 */
export class CitizenResultPage {
  readonly section: Locator
  readonly results: Locator
  readonly returned: Locator
  readonly apologies: Locator
  readonly ratingForm: Locator
  readonly ratingView: Locator

  constructor(readonly page: Page) {
    this.section = page.getByTestId('citizen-result')
    this.results = this.section.getByTestId('result-files')
    this.returned = this.section.getByTestId('returned')
    this.apologies = this.section.getByTestId('apologies')
    this.ratingForm = this.section.getByTestId('rating-form')
    this.ratingView = this.section.getByTestId('rating-view')
  }

  /** Opens the dossier; waits for the result section when the dossier shows one. */
  async goto(code: string): Promise<void> {
    await this.page.goto(`/tai-khoan/ho-so/${encodeURIComponent(code)}`)
    await this.page
      .getByTestId('dossier-code')
      .or(this.page.getByRole('heading', { name: 'Không tìm thấy hồ sơ' }))
      .first()
      .waitFor()
    await this.waitForLoaded()
  }

  /** Waits until the section (if the dossier has one) has loaded. */
  async waitForLoaded(): Promise<void> {
    if ((await this.section.count()) === 0) return
    await this.page.locator('[data-testid="citizen-result"]:is([data-state="ready"], [data-state="error"])').waitFor()
  }

  async isShown(): Promise<boolean> {
    return (await this.section.count()) > 0
  }

  /** The result files' names. */
  async resultNames(): Promise<string[]> {
    if ((await this.results.count()) === 0) return []
    return (await this.results.getByRole('link').allInnerTexts()).map(clean)
  }

  resultLink(name: string): Locator {
    return this.results.getByRole('link', { name, exact: true })
  }

  /** A result file's bytes, downloaded with the page's session (`/api/v1/files/<id>`). */
  async download(name: string): Promise<Buffer> {
    const href = await this.resultLink(name).getAttribute('href')
    if (!href) throw new Error(`no download link for ${name}`)
    const res = await this.page.request.get(href)
    if (!res.ok()) throw new Error(`download failed: HTTP ${res.status()}`)
    return res.body()
  }

  /** 'counter' | 'post' | 'online', or null before the result was returned. */
  async returnedChannel(): Promise<string | null> {
    if ((await this.returned.count()) === 0) return null
    return this.returned.getAttribute('data-channel')
  }

  async returnedText(): Promise<string> {
    if ((await this.returned.count()) === 0) return ''
    return clean(await this.returned.textContent())
  }

  /** The postal tracking number shown ("Mã vận đơn: …"), or null. */
  async postalTracking(): Promise<string | null> {
    const el = this.returned.getByTestId('postal-tracking')
    if ((await el.count()) === 0) return null
    return clean(await el.textContent()).replace(/^Mã vận đơn:\s*/, '')
  }

  /** The apology letters' PDF addresses. */
  async apologyHrefs(): Promise<string[]> {
    if ((await this.apologies.count()) === 0) return []
    const links = await this.apologies.getByRole('link').all()
    return Promise.all(links.map(async (l) => (await l.getAttribute('href')) ?? ''))
  }

  async canRate(): Promise<boolean> {
    return (await this.ratingForm.count()) > 0
  }

  /** Chooses the stars and the comment, sends, and waits for the read-only rating or the reason it was refused. */
  async tryRate(score: 1 | 2 | 3 | 4 | 5, comment?: string): Promise<RateOutcome> {
    await this.ratingForm.getByRole('radio', { name: RATING_LABEL[score], exact: true }).click()
    if (comment !== undefined) await this.ratingForm.getByLabel('Góp ý (không bắt buộc)').fill(comment)
    const before = Number((await this.ratingForm.getAttribute('data-attempt')) ?? '0')
    await this.ratingForm.getByRole('button', { name: 'Gửi đánh giá' }).click()
    const failed = this.page.locator(
      `[data-testid="rating-form"][data-attempt="${before + 1}"]:is([data-state="error"], [data-state="invalid"])`,
    )
    await this.ratingView.or(failed).first().waitFor()
    if (await this.ratingView.isVisible()) return { ok: true }
    const problems = [
      ...(await this.ratingForm.getByTestId('rating-error').allTextContents()),
      ...(await this.ratingForm.locator('.ant-form-item-explain-error').allTextContents()),
    ].map(clean)
    return { ok: false, problem: problems.filter(Boolean).join('; ') }
  }

  /** `tryRate` that must succeed. */
  async rate(score: 1 | 2 | 3 | 4 | 5, comment?: string): Promise<void> {
    const outcome = await this.tryRate(score, comment)
    if (!outcome.ok) throw new Error(`rating failed: ${outcome.problem}`)
  }

  /** The rating given (read-only view), or null. */
  async rating(): Promise<{ score: number; text: string } | null> {
    if ((await this.ratingView.count()) === 0) return null
    return { score: Number(await this.ratingView.getAttribute('data-score')), text: clean(await this.ratingView.innerText()) }
  }
}
