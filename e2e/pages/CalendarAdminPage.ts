import type { Locator, Page } from 'playwright-core'

export type CalendarDayKind = 'working' | 'weekend' | 'holiday' | 'day_off' | 'swapped_working_day'
export type OverrideKind = 'day_off' | 'working_day'
const OVERRIDE_LABEL: Record<OverrideKind, string> = { day_off: 'Nghỉ bù/nghỉ thêm', working_day: 'Làm bù' }

/** `2027-02-06` → `06/02/2027` (how the page shows and takes dates). */
export const toDmy = (iso: string) => iso.split('-').reverse().join('/')

/**
 * The working calendar `/quan-tri/lich-lam-viec` (Lịch làm việc): year grid, statutory holidays,
 * overrides (system admins add/edit/delete) and the deadline settings.
 */
export class CalendarAdminPage {
  readonly heading: Locator
  readonly grid: Locator
  readonly overrides: Locator
  readonly holidays: Locator
  readonly settings: Locator
  readonly addOverrideButton: Locator
  readonly dialog: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Lịch làm việc' })
    this.grid = page.getByTestId('year-grid')
    this.overrides = page.getByTestId('overrides-table')
    this.holidays = page.getByTestId('holidays-table')
    this.settings = page.getByTestId('calendar-settings')
    this.addOverrideButton = page.getByRole('button', { name: 'Thêm ngày điều chỉnh' })
    this.dialog = page.getByRole('dialog')
  }

  async goto(year?: number): Promise<void> {
    await this.page.goto(year ? `/quan-tri/lich-lam-viec?nam=${year}` : '/quan-tri/lich-lam-viec')
    await this.heading.waitFor()
    await this.grid.waitFor()
  }

  async chooseYear(year: number): Promise<void> {
    await this.page.getByLabel('Năm', { exact: true }).click()
    await this.page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: String(year) })
      .first()
      .click()
    await this.page.waitForURL((u) => u.searchParams.get('nam') === String(year) || new Date().getFullYear() === year)
    await this.grid.waitFor()
  }

  /** The kind the grid shows for a date (YYYY-MM-DD). */
  async dayKind(iso: string): Promise<CalendarDayKind> {
    return (await this.grid.locator(`td[data-date="${iso}"]`).getAttribute('data-kind')) as CalendarDayKind
  }

  /** The override row for a date (YYYY-MM-DD). */
  override(iso: string): Locator {
    return this.overrides.locator(`tbody tr[data-row-key="${iso}"]`)
  }

  /** Adds (or, with `edit`, changes) an override: system admins only. */
  async saveOverride(o: { date: string; kind: OverrideKind; name: string }, edit = false): Promise<void> {
    if (edit)
      await this.override(o.date)
        .getByRole('button', { name: `Sửa ngày ${toDmy(o.date)}` })
        .click()
    else await this.addOverrideButton.click()
    if (!edit) {
      const date = this.dialog.getByLabel('Ngày', { exact: true })
      await date.fill(toDmy(o.date))
      await date.press('Enter')
    }
    await this.dialog.getByText(OVERRIDE_LABEL[o.kind], { exact: true }).click()
    await this.dialog.getByLabel('Tên, căn cứ').fill(o.name)
    await this.dialog.getByRole('button', { name: 'Lưu', exact: true }).click()
    await this.dialog.waitFor({ state: 'hidden' })
    await this.override(o.date).waitFor()
  }

  async deleteOverride(iso: string): Promise<void> {
    await this.override(iso)
      .getByRole('button', { name: `Xóa ngày ${toDmy(iso)}` })
      .click()
    await this.page.locator('.ant-popconfirm:visible').getByRole('button', { name: 'Xóa', exact: true }).click()
    await this.override(iso).waitFor({ state: 'detached' })
  }

  /** Changes the settings (system admins): the first sessions' times, the same-day cutoff, the due-soon hours. */
  async saveSettings(s: { sessions?: { start: string; end: string }[]; sameDayCutoff?: string; dueSoonHours?: number }): Promise<void> {
    for (const [i, session] of (s.sessions ?? []).entries()) {
      await this.settings.getByLabel(`Buổi ${i + 1} — bắt đầu`).fill(session.start)
      await this.settings.getByLabel(`Buổi ${i + 1} — kết thúc`).fill(session.end)
    }
    if (s.sameDayCutoff) await this.settings.getByLabel('Giờ chốt nhận trong ngày').fill(s.sameDayCutoff)
    if (s.dueSoonHours !== undefined) await this.settings.getByLabel('Cảnh báo sắp đến hạn (giờ làm việc)').fill(String(s.dueSoonHours))
    await this.settings.getByRole('button', { name: 'Lưu cài đặt' }).click()
    await this.page.getByText('Đã lưu cài đặt lịch làm việc').waitFor()
  }

  /** Whether the page lets this user edit (system admins). */
  async canEdit(): Promise<boolean> {
    return (await this.addOverrideButton.count()) > 0
  }
}
