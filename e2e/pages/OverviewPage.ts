import type { Locator, Page } from 'playwright-core'

export interface OverviewFigures {
  /** As shown, e.g. "97,5 %" or "Chưa có số liệu". */
  onTimeRate: string
  completed: number
  onTime: number
  late: number
  /** As shown, e.g. "4,3/5" or "Chưa có số liệu". */
  averageRating: string
  ratings: number
}

export interface StepLoad {
  step: string
  count: number
  overdue: number
}

const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim()
/** "1.234" (Vietnamese grouping) → 1234. */
const toInt = (s: string) => Number(s.replace(/\D/g, '') || '0')

/**
 * The leaders' overview `/quan-tri/tong-hop-xu-ly` (Tổng hợp tình hình giải quyết hồ sơ): the
 * period (Từ ngày, Đến ngày — in the address as ISO dates), the on-time rate and counts, the
 * average rating, dossiers in progress by step, and the overdue dossiers with links.
 */
export class OverviewPage {
  readonly heading: Locator
  readonly overview: Locator
  readonly period: Locator
  readonly byStep: Locator
  readonly overdue: Locator
  readonly forbidden: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Tổng hợp tình hình giải quyết hồ sơ' })
    this.overview = page.getByTestId('overview')
    this.period = page.getByTestId('ov-period')
    this.byStep = page.getByTestId('ov-by-step')
    this.overdue = page.getByTestId('ov-overdue')
    this.forbidden = page.getByTestId('forbidden')
  }

  /** `from`/`to` as ISO dates (yyyy-mm-dd). */
  async goto(q: { from?: string; to?: string; agencyId?: string } = {}): Promise<void> {
    const params = new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => Boolean(e[1])))
    const qs = params.toString()
    await this.page.goto(`/quan-tri/tong-hop-xu-ly${qs ? `?${qs}` : ''}`)
    await this.heading.or(this.forbidden).first().waitFor()
    if (await this.heading.isVisible()) await this.waitForLoaded()
  }

  async openFromMenu(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Menu quản trị' }).getByRole('link', { name: 'Tổng hợp xử lý', exact: true }).click()
    await this.heading.waitFor()
    await this.waitForLoaded()
  }

  /** Waits until the figures shown belong to the period asked for. */
  async waitForLoaded(): Promise<void> {
    await this.page.locator('[data-testid="overview"]:is([data-state="ready"], [data-state="error"])').waitFor()
  }

  /** Types the period as dd/mm/yyyy into "Từ ngày" / "Đến ngày" and waits for the new figures. */
  async setPeriod(fromText: string, toText: string): Promise<void> {
    for (const [label, text, key] of [
      ['Từ ngày', fromText, 'from'],
      ['Đến ngày', toText, 'to'],
    ] as const) {
      const input = this.page.getByLabel(label, { exact: true })
      await input.click()
      await input.fill(text)
      await input.press('Enter')
      const [d, m, y] = text.split('/')
      await this.page.waitForURL((u) => u.searchParams.get(key) === `${y}-${m}-${d}`)
    }
    const iso = (s: string) => s.split('/').reverse().join('-')
    await this.page
      .locator(
        `[data-testid="overview"][data-from="${iso(fromText)}"][data-to="${iso(toText)}"]:is([data-state="ready"], [data-state="error"])`,
      )
      .waitFor()
  }

  /** "Tổ chức X — kỳ báo cáo từ dd/mm/yyyy đến dd/mm/yyyy". */
  async periodText(): Promise<string> {
    return clean(await this.period.textContent())
  }

  private async figure(key: string): Promise<string> {
    return clean(await this.page.getByTestId(`ov-${key}`).locator('.ant-statistic-content').textContent())
  }

  async figures(): Promise<OverviewFigures> {
    await this.waitForLoaded()
    return {
      onTimeRate: await this.figure('on-time-rate'),
      completed: toInt(await this.figure('completed')),
      onTime: toInt(await this.figure('on-time')),
      late: toInt(await this.figure('late')),
      averageRating: await this.figure('rating'),
      ratings: toInt(await this.figure('ratings')),
    }
  }

  /** "Hồ sơ đang giải quyết theo bước". */
  async stepLoads(): Promise<StepLoad[]> {
    await this.waitForLoaded()
    const rows = await this.byStep.locator('tbody tr.ant-table-row').all()
    return Promise.all(
      rows.map(async (r) => {
        const [step = '', count = '', overdue = ''] = (await r.locator('td').allInnerTexts()).map(clean)
        return { step, count: toInt(count), overdue: toInt(overdue) }
      }),
    )
  }

  /** The codes of the overdue dossiers listed. */
  async overdueCodes(): Promise<string[]> {
    await this.waitForLoaded()
    return (await this.overdue.locator('tbody tr.ant-table-row td:first-child a').allInnerTexts()).map(clean)
  }

  async openOverdue(code: string): Promise<void> {
    await this.overdue.getByRole('link', { name: code, exact: true }).click()
    await this.page.waitForURL((u) => decodeURIComponent(u.pathname) === `/quan-tri/ho-so/${code}`)
  }
}
