import type { Locator, Page } from 'playwright-core'

export interface TrustAnchorRow {
  /** The anchor's id (the row key). */
  id: string
  label: string
  subject: string
  issuer: string
  /** `dd/mm/yyyy – dd/mm/yyyy`, followed by "Đã hết hạn"/"Chưa có hiệu lực" when so. */
  validity: string
  /** Full lower-case hex (the cell shows it shortened). */
  sha256: string
  /** `dd/mm/yyyy HH:mm`. */
  createdAt: string
}

export type AddOutcome = { ok: true } | { ok: false; problem: string }

const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim()

/**
 * The trust store `/quan-tri/chung-thu-tin-cay` (Chứng thư gốc tin cậy): every officer reads the
 * list; system admins add (file or pasted PEM) and remove root certificates.
 */
export class TrustStorePage {
  readonly heading: Locator
  readonly table: Locator
  readonly addButton: Locator
  readonly dialog: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Chứng thư gốc tin cậy' })
    this.table = page.getByTestId('trust-anchors-table')
    this.addButton = page.getByRole('button', { name: 'Thêm chứng thư gốc' })
    this.dialog = page.getByRole('dialog', { name: 'Thêm chứng thư gốc' })
  }

  async goto(): Promise<void> {
    await this.page.goto('/quan-tri/chung-thu-tin-cay')
    await this.heading.waitFor()
    await this.waitLoaded()
  }

  /** Through "Chứng thư gốc tin cậy" in the admin menu. */
  async openFromMenu(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Menu quản trị' })
      .getByRole('link', { name: 'Chứng thư gốc tin cậy', exact: true })
      .click()
    await this.heading.waitFor()
    await this.waitLoaded()
  }

  private async waitLoaded(): Promise<void> {
    await this.table.waitFor()
    await this.table.locator('.ant-spin-spinning').waitFor({ state: 'detached' })
  }

  /** Whether this user gets the add/remove controls (system admins). */
  async canEdit(): Promise<boolean> {
    return (await this.addButton.count()) > 0
  }

  /** The row of an anchor, by its label (exact). */
  row(label: string): Locator {
    return this.table.locator('tbody tr[data-row-key]').filter({ has: this.page.getByText(label, { exact: true }) })
  }

  /** Every row as shown, in order. */
  async rows(): Promise<TrustAnchorRow[]> {
    await this.waitLoaded()
    const headers = (await this.table.locator('thead th').allTextContents()).map(clean)
    const col = (name: string) => headers.indexOf(name)
    const raw = await this.table.locator('tbody tr[data-row-key]').evaluateAll((trs) =>
      trs.map((tr) => ({
        id: tr.getAttribute('data-row-key') ?? '',
        cells: Array.from(tr.querySelectorAll<HTMLElement>(':scope > td')).map((td) => ({
          text: td.innerText.replace(/\s+/g, ' ').trim(),
          hash: td.querySelector('[data-hash]')?.getAttribute('data-hash') ?? null,
        })),
      })),
    )
    return raw.map(({ id, cells }) => {
      const cell = (name: string) => cells[col(name)] ?? { text: '', hash: null }
      return {
        id,
        label: cell('Tên gọi').text,
        subject: cell('Chủ thể').text,
        issuer: cell('Tổ chức cấp').text,
        validity: cell('Hiệu lực').text,
        sha256: cell('SHA-256').hash ?? '',
        createdAt: cell('Ngày thêm').text,
      }
    })
  }

  /** Labels of the listed anchors, in order. */
  async labels(): Promise<string[]> {
    return (await this.rows()).map((r) => r.label)
  }

  private async openDialog(label: string): Promise<void> {
    await this.addButton.click()
    await this.dialog.waitFor()
    await this.dialog.getByLabel('Tên gọi', { exact: true }).fill(label)
  }

  /**
   * Saves the open dialog and waits: closed and the row listed (ok), or the inline reason shown
   * (TRUST_ANCHOR_INVALID / TRUST_ANCHOR_DUPLICATE or a field rule); the dialog stays open then.
   */
  private async save(label: string): Promise<AddOutcome> {
    await this.dialog.getByRole('button', { name: 'Lưu', exact: true }).click()
    const error = this.dialog.locator('.ant-form-item-explain-error').first()
    const closed = this.dialog.waitFor({ state: 'hidden' }).then(() => 'closed' as const)
    const failed = error.waitFor().then(() => 'error' as const)
    for (const p of [closed, failed]) p.catch(() => undefined)
    const first = await Promise.race([closed, failed])
    if (first === 'closed') {
      await this.row(label).first().waitFor()
      return { ok: true }
    }
    const problems = (await this.dialog.locator('.ant-form-item-explain-error').allTextContents()).map(clean)
    return { ok: false, problem: problems.join('; ') }
  }

  /** Adds an anchor from PEM (or base64 DER) text pasted into the dialog. */
  async addFromPem(label: string, pem: string): Promise<AddOutcome> {
    await this.openDialog(label)
    await this.dialog.getByLabel('Nội dung chứng thư (PEM hoặc base64 của DER)', { exact: true }).fill(pem)
    return this.save(label)
  }

  /**
   * Adds an anchor from a certificate file (.cer/.crt/.pem/.der), read in the browser; `label` is
   * typed after the file (picking a file fills an empty label with the file's name).
   */
  async addFromFile(label: string, file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<AddOutcome> {
    await this.addButton.click()
    await this.dialog.waitFor()
    await this.dialog.locator('input[type="file"]').setInputFiles(file)
    await this.dialog
      .getByText(/^Đã đọc tệp /)
      .or(this.dialog.locator('.ant-form-item-explain-error'))
      .first()
      .waitFor()
    await this.dialog.getByLabel('Tên gọi', { exact: true }).fill(label)
    return this.save(label)
  }

  /** Closes the dialog without saving. */
  async cancelDialog(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Hủy', exact: true }).click()
    await this.dialog.waitFor({ state: 'hidden' })
  }

  /** Removes an anchor (system admins) and waits for its row to go. */
  async remove(label: string): Promise<void> {
    await this.row(label)
      .getByRole('button', { name: `Xóa chứng thư gốc ${label}` })
      .click()
    await this.page.locator('.ant-popconfirm:visible').getByRole('button', { name: 'Xóa', exact: true }).click()
    await this.row(label).waitFor({ state: 'detached' })
  }
}
