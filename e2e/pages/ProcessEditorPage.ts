import type { Download, Locator, Page } from 'playwright-core'

/** Labels of the Vietnamese UI, as the options of the editor's selects show them. */
export const STEP_KIND_LABEL = { task: 'Xử lý', approval: 'Phê duyệt', result: 'Trả kết quả' } as const
export const STEP_ROLE_LABEL = {
  receiving_officer: 'Cán bộ một cửa',
  processing_officer: 'Chuyên viên',
  unit_head: 'Lãnh đạo phòng',
  agency_leader: 'Lãnh đạo cơ quan',
  clerk: 'Văn thư',
} as const
export const PROCESS_STATUS_LABEL = { draft: 'Nháp', published: 'Đang áp dụng', superseded: 'Hết hiệu lực' } as const
export const CONDITION_OP_LABEL = {
  eq: 'bằng',
  neq: 'khác',
  gt: 'lớn hơn',
  gte: 'từ (≥)',
  lt: 'nhỏ hơn',
  lte: 'đến (≤)',
  in: 'là một trong',
} as const

export interface StepInput {
  /** The step code (slug); left as generated when omitted. */
  id?: string
  name?: string
  kind?: keyof typeof STEP_KIND_LABEL
  role?: keyof typeof STEP_ROLE_LABEL
  /** The unit's name, or "Cán bộ của cơ quan (không giao phòng)". */
  unit?: string
  duration?: number
  durationUnit?: 'working_day' | 'working_hour'
}

export interface TransitionInput {
  /** Option labels of the step selects: "<name> (<code>)". */
  from?: string
  to?: string
  kind?: 'forward' | 'return'
  label?: string
  /** An e-form field's option label "<label> (<key>)", the comparison and the value as typed or picked. */
  condition?: { field: string; op?: keyof typeof CONDITION_OP_LABEL; value: string }
}

export interface ProcessListRow {
  procedure: string
  agency: string
  version: string
  status: string
  steps: string
  publishedAt: string
}

const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim()

/** Clicks `option` in the open antd select list, and waits for the list to close. */
async function pickOption(page: Page, option: string): Promise<void> {
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .and(page.getByTitle(option, { exact: true }))
    .click()
  await page.locator('.ant-select-dropdown:visible').first().waitFor({ state: 'hidden' })
}

/** Picks `option` in the antd select labelled `label` (inside `scope`). */
async function choose(page: Page, scope: Locator | Page, label: string, option: string): Promise<void> {
  // The chosen value's text lies over the search input of an antd select: click through it.
  await scope.getByLabel(label, { exact: true }).click({ force: true })
  await pickOption(page, option)
}

/**
 * The internal-process list `/quan-tri/quy-trinh` (Quy trình nội bộ): filters by procedure, agency
 * and status, a table of versions, "Tạo quy trình" and "Nhập từ tệp JSON". `data-state="ready"` on
 * the list means the rows belong to the filters in the address.
 */
export class ProcessListPage {
  readonly heading: Locator
  readonly list: Locator
  readonly createButton: Locator
  readonly importButton: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Quy trình nội bộ' })
    this.list = page.getByTestId('process-list')
    this.createButton = page.getByRole('button', { name: 'Tạo quy trình', exact: true })
    this.importButton = page.getByRole('button', { name: 'Nhập từ tệp JSON', exact: true })
  }

  async goto(filters: { procedure?: string; agency?: string; status?: keyof typeof PROCESS_STATUS_LABEL } = {}): Promise<void> {
    const q = new URLSearchParams()
    for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v)
    const qs = q.toString()
    await this.page.goto(`/quan-tri/quy-trinh${qs ? `?${qs}` : ''}`)
    await this.heading.waitFor()
    await this.waitForList()
  }

  /** Through "Quy trình nội bộ" in the admin menu. */
  async openFromMenu(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Menu quản trị' }).getByRole('link', { name: 'Quy trình nội bộ', exact: true }).click()
    await this.heading.waitFor()
    await this.waitForList()
  }

  async waitForList(): Promise<void> {
    await this.page.locator('[data-testid="process-list"]:is([data-state="ready"], [data-state="error"])').waitFor()
  }

  /** Version rows ("no data" row excluded). */
  rows(): Locator {
    return this.list.locator('tbody tr.ant-table-row')
  }

  async readRows(): Promise<ProcessListRow[]> {
    const out: ProcessListRow[] = []
    for (const row of await this.rows().all()) {
      const [procedure = '', agency = '', version = '', status = '', steps = '', publishedAt = ''] = (
        await row.locator('td').allInnerTexts()
      ).map(clean)
      out.push({ procedure, agency, version, status, steps, publishedAt })
    }
    return out
  }

  /** Opens version `version` of the process of `procedureName` (the procedure's name as listed). */
  async open(procedureName: string, version: number): Promise<void> {
    await this.list.getByRole('link', { name: `Mở phiên bản ${version} của quy trình ${procedureName}`, exact: true }).click()
    await this.page.getByTestId('process-editor').waitFor()
  }

  /** Downloads the JSON file of a version from its row. */
  async export(procedureName: string, version: number): Promise<Download> {
    const link = this.list.getByRole('link', { name: `Tải tệp JSON phiên bản ${version} của quy trình ${procedureName}`, exact: true })
    const [download] = await Promise.all([this.page.waitForEvent('download'), link.click()])
    return download
  }

  /**
   * "Tạo quy trình": searches the catalog for `procedureSearch`, picks the option `procedureOption`
   * ("<code> — <name>"), then the implementing agency; the editor opens (the starter, a revision of
   * the version in force, or the existing draft).
   */
  async create(procedureSearch: string, procedureOption: string, agencyName: string): Promise<void> {
    await this.createButton.click()
    const dialog = this.page.getByRole('dialog', { name: 'Tạo quy trình nội bộ' })
    await dialog.getByLabel('Thủ tục hành chính', { exact: true }).fill(procedureSearch)
    await pickOption(this.page, procedureOption)
    const agency = dialog.getByLabel('Cơ quan thực hiện', { exact: true })
    await agency.click({ force: true })
    await pickOption(this.page, agencyName)
    await dialog.getByRole('button', { name: 'Mở trình soạn', exact: true }).click()
    await this.page.getByTestId('process-editor').waitFor()
  }

  /**
   * "Nhập từ tệp JSON": uploads `filePath` (for `agencyName`, else the agency named in the file).
   * Resolves with the issues when the import is refused, or an empty list once the draft is open.
   */
  async importFile(filePath: string, agencyName?: string): Promise<string[]> {
    await this.importButton.click()
    const dialog = this.page.getByRole('dialog', { name: 'Nhập quy trình từ tệp JSON' })
    await dialog.getByLabel('Tệp quy trình (.json)', { exact: true }).setInputFiles(filePath)
    if (agencyName) await choose(this.page, dialog, 'Nhập cho cơ quan', agencyName)
    await dialog.getByRole('button', { name: 'Nhập', exact: true }).click()
    const refused = dialog.getByTestId('import-issues')
    const opened = this.page.getByTestId('process-editor')
    await refused.or(opened).first().waitFor()
    if (await opened.isVisible()) return []
    return (await refused.getByRole('listitem').allInnerTexts()).map(clean)
  }
}

/**
 * The process editor `/quan-tri/quy-trinh/:id` (and `/quan-tri/quy-trinh/moi`): actions, the live
 * check (issues and the time summary), the diagram, and the form — one group per step ("Bước n")
 * and per transition ("Bước chuyển n").
 */
export class ProcessEditorPage {
  readonly editor: Locator
  readonly heading: Locator
  readonly issuesPanel: Locator
  readonly total: Locator
  readonly diagram: Locator
  readonly saveButton: Locator
  readonly publishButton: Locator
  readonly discardButton: Locator
  readonly exportButton: Locator
  readonly reviseButton: Locator

  constructor(readonly page: Page) {
    this.editor = page.getByTestId('process-editor')
    this.heading = page.getByRole('heading', { level: 1 })
    this.issuesPanel = page.getByTestId('process-issues')
    this.total = page.getByTestId('process-total')
    this.diagram = page.getByTestId('process-diagram')
    this.saveButton = page.getByRole('button', { name: 'Lưu bản nháp', exact: true })
    this.publishButton = page.getByRole('button', { name: 'Ban hành', exact: true })
    this.discardButton = page.getByRole('button', { name: 'Hủy bản nháp', exact: true })
    this.exportButton = page.getByRole('link', { name: 'Xuất tệp JSON', exact: true })
    this.reviseButton = page.getByRole('button', { name: 'Tạo bản sửa đổi', exact: true })
  }

  async goto(id: string): Promise<void> {
    await this.page.goto(`/quan-tri/quy-trinh/${id}`)
    await this.diagram.waitFor()
  }

  /** `new` (not saved yet), `draft`, `published` or `superseded`. */
  async mode(): Promise<string> {
    await this.editor.waitFor()
    return (await this.editor.getAttribute('data-mode')) ?? ''
  }

  /** The version id in the address (`/quan-tri/quy-trinh/<id>`), null for a new process. */
  id(): string | null {
    const m = /\/quan-tri\/quy-trinh\/([0-9a-f-]{36})/.exec(this.page.url())
    return m ? m[1]! : null
  }

  step(n: number): Locator {
    return this.page.getByRole('group', { name: `Bước ${n}`, exact: true })
  }

  transition(n: number): Locator {
    return this.page.getByRole('group', { name: `Bước chuyển ${n}`, exact: true })
  }

  async stepCount(): Promise<number> {
    return this.page.getByTestId('process-step').count()
  }

  /** "Thêm bước", then fills it; resolves with its number. */
  async addStep(values: StepInput): Promise<number> {
    const n = (await this.stepCount()) + 1
    await this.page.getByRole('button', { name: 'Thêm bước', exact: true }).click()
    await this.step(n).waitFor()
    await this.editStep(n, values)
    return n
  }

  async editStep(n: number, v: StepInput): Promise<void> {
    const group = this.step(n)
    if (v.id !== undefined) await group.getByLabel('Mã bước', { exact: true }).fill(v.id)
    if (v.name !== undefined) await group.getByLabel('Tên bước', { exact: true }).fill(v.name)
    if (v.kind) await choose(this.page, group, 'Loại bước', STEP_KIND_LABEL[v.kind])
    if (v.role) await choose(this.page, group, 'Vai trò thực hiện', STEP_ROLE_LABEL[v.role])
    if (v.unit) await choose(this.page, group, 'Phòng, đơn vị', v.unit)
    if (v.duration !== undefined) await group.getByLabel('Thời gian xử lý', { exact: true }).fill(String(v.duration).replace('.', ','))
    if (v.durationUnit)
      await choose(this.page, group, 'Đơn vị thời gian', v.durationUnit === 'working_day' ? 'ngày làm việc' : 'giờ làm việc')
  }

  async removeStep(n: number): Promise<void> {
    await this.step(n)
      .getByRole('button', { name: `Xóa bước ${n}`, exact: true })
      .click()
  }

  /** Picks the first step by its option label "<name> (<code>)". */
  async setStart(option: string): Promise<void> {
    await choose(this.page, this.page, 'Bước bắt đầu', option)
  }

  /** "Thêm bước chuyển", then fills it; resolves with its number. */
  async addTransition(v: TransitionInput): Promise<number> {
    const n = (await this.page.getByTestId('process-transition').count()) + 1
    await this.page.getByRole('button', { name: 'Thêm bước chuyển', exact: true }).click()
    const group = this.transition(n)
    await group.waitFor()
    if (v.from) await choose(this.page, group, 'Từ bước', v.from)
    if (v.kind) await choose(this.page, group, 'Loại', v.kind === 'return' ? 'Trả lại' : 'Chuyển tiếp')
    if (v.to) await choose(this.page, group, 'Đến bước', v.to)
    if (v.label !== undefined) await group.getByLabel('Nhãn', { exact: true }).fill(v.label)
    if (v.condition) {
      await choose(this.page, group, 'Điều kiện (trường của tờ khai)', v.condition.field)
      if (v.condition.op) await choose(this.page, group, 'So sánh', CONDITION_OP_LABEL[v.condition.op])
      const value = group.getByLabel('Giá trị', { exact: true })
      if ((await value.getAttribute('role')) === 'combobox') {
        await value.click({ force: true })
        await pickOption(this.page, v.condition.value)
      } else await value.fill(v.condition.value)
    }
    return n
  }

  /** Waits until the live check has answered for what the form holds now (or failed). */
  async waitForCheck(): Promise<void> {
    await this.page.locator('[data-testid="process-issues"]:is([data-state="ready"], [data-state="idle"], [data-state="error"])').waitFor()
  }

  /** The issues listed above the diagram, after the check has answered ("Bước 3 “…”: message"). */
  async issues(): Promise<string[]> {
    await this.waitForCheck()
    return (await this.issuesPanel.locator('li').allInnerTexts()).map(clean)
  }

  /** The messages shown in step `n`'s group (beside its fields or at its top). */
  async stepIssues(n: number): Promise<string[]> {
    await this.waitForCheck()
    const group = this.step(n)
    const texts = [...(await group.locator('li').allInnerTexts()), ...(await group.locator('.ant-form-item-explain-error').allInnerTexts())]
    return texts.map(clean).filter(Boolean)
  }

  /** "Tổng thời gian tối đa: X ngày làm việc / thời hạn giải quyết: Y ngày làm việc". */
  async totalText(): Promise<string> {
    await this.waitForCheck()
    return clean(await this.total.textContent())
  }

  /** The step names, in order, from the diagram's text version. */
  async diagramStepNames(): Promise<string[]> {
    const items = await this.diagram
      .getByRole('list', { name: 'Các bước của quy trình', exact: true })
      .getByRole('listitem')
      .allTextContents()
    return items.map((s) => clean(s.split(' — ')[0]))
  }

  /** The transitions as the diagram's text version states them ("A → B — Chuyển tiếp — nếu …"). */
  async diagramTransitions(): Promise<string[]> {
    return (
      await this.diagram.getByRole('list', { name: 'Các bước chuyển của quy trình', exact: true }).getByRole('listitem').allTextContents()
    ).map(clean)
  }

  /** The diagram's one-sentence summary (its accessible name). */
  async diagramSummary(): Promise<string> {
    return (await this.diagram.getByRole('img').first().getAttribute('aria-label')) ?? ''
  }

  /** "Lưu bản nháp"; waits for the saved draft (a new process moves to its own address). */
  async save(): Promise<void> {
    await this.saveButton.click()
    await this.page.getByText('Đã lưu bản nháp', { exact: true }).waitFor()
    await this.page.locator('[data-testid="process-editor"][data-mode="draft"]').waitFor()
  }

  /** "Lưu bản nháp" when the process has problems: resolves with the issues shown, nothing saved. */
  async saveExpectingRefusal(): Promise<string[]> {
    await this.saveButton.click()
    await this.page.getByText('Chưa lưu: quy trình còn lỗi (xem danh sách lỗi)', { exact: true }).waitFor()
    return (await this.issuesPanel.locator('li').allInnerTexts()).map(clean)
  }

  /** "Ban hành" and its confirmation; waits until the version is in force (read-only). */
  async publish(): Promise<void> {
    await this.publishButton.click()
    await this.page.getByRole('tooltip').getByRole('button', { name: 'Ban hành', exact: true }).click()
    await this.page.getByText(/^Đã ban hành phiên bản \d+$/).waitFor()
    await this.page.locator('[data-testid="process-editor"][data-mode="published"]').waitFor()
  }

  /** "Hủy bản nháp" and its confirmation; back on the list. */
  async discard(): Promise<void> {
    await this.discardButton.click()
    await this.page.getByRole('tooltip').getByRole('button', { name: 'Hủy bản nháp', exact: true }).click()
    await this.page.getByText('Đã hủy bản nháp', { exact: true }).waitFor()
    await this.page.waitForURL((u) => u.pathname === '/quan-tri/quy-trinh')
  }

  /** "Xuất tệp JSON": the saved version as a file. */
  async export(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.exportButton.click()])
    return download
  }

  /** "Tạo bản sửa đổi" on a published or superseded version: the editor of the new draft (or the existing one). */
  async revise(): Promise<void> {
    await this.reviseButton.click()
    await this.page.locator('[data-testid="process-editor"]:is([data-mode="new"], [data-mode="draft"])').waitFor()
  }
}
