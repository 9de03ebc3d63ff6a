import type { Locator, Page } from 'playwright-core'

export type ProcessingActionName =
  | 'start'
  | 'assign'
  | 'reassign'
  | 'forward'
  | 'return'
  | 'consult'
  | 'answer_consult'
  | 'transfer'
  | 'approve'
  | 'refuse'
  | 'pause'
  | 'resume'
  | 'apologize'
  | 'attach_result'
  | 'generate_result'
  | 'return_result'
  | 'postal_status'

/** The action buttons' (and their dialogs' confirm buttons') labels in the Vietnamese UI. */
export const ACTION_LABEL: Record<ProcessingActionName, string> = {
  start: 'Chuyển xử lý',
  assign: 'Phân công',
  reassign: 'Phân công lại',
  forward: 'Chuyển bước tiếp theo',
  return: 'Trả lại bước trước',
  consult: 'Xin ý kiến',
  answer_consult: 'Trả lời xin ý kiến',
  transfer: 'Chuyển liên thông',
  approve: 'Phê duyệt',
  refuse: 'Từ chối giải quyết',
  pause: 'Tạm dừng',
  resume: 'Tiếp tục giải quyết',
  apologize: 'Xin lỗi, hẹn lại',
  attach_result: 'Đính kèm kết quả',
  generate_result: 'Tạo kết quả theo mẫu',
  return_result: 'Trả kết quả',
  postal_status: 'Cập nhật chuyển phát',
}

export type PostalStatus = 'in_transit' | 'delivered' | 'returned_to_sender'
const POSTAL_LABEL: Record<PostalStatus, string> = {
  in_transit: 'Đang chuyển phát',
  delivered: 'Đã phát thành công',
  returned_to_sender: 'Chuyển hoàn (không phát được)',
}

export type ResultUpload = string | { name: string; mimeType: string; buffer: Buffer }

/** How an action ended: `ok`, or the state (`invalid`, `error`, `conflict`) and the reasons shown. */
export type ActionOutcome = { ok: true } | { ok: false; state: string; problem: string }

export interface CurrentStep {
  agency: string
  name: string
  /** "Chuyên viên", "Lãnh đạo phòng"… */
  role: string
  entered: string
  /** "dd/mm/yyyy HH:mm" or "Không giới hạn". */
  due: string
  /** "Trong hạn" | "Sắp đến hạn" | "Quá hạn" | "" */
  flag: string
  assignee: string
}

/** A row of "Quá trình giải quyết" (the control sheet's rows). */
export interface VisitRow {
  agency: string
  step: string
  entered: string
  /** "dd/mm/yyyy HH:mm (chuyển tiếp)" or "Đang xử lý". */
  left: string
  assignee: string
  due: string
  outcome: 'early' | 'on_time' | 'late' | null
  /** "Trước hạn" | "Đúng hạn" | "Quá hạn" | "" */
  outcomeText: string
}

const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim()

/**
 * The processing panel "Xử lý hồ sơ" on the officer's dossier page `/quan-tri/ho-so/<code>`: the
 * current step, a button per allowed action (each opens a dialog whose confirm button has the same
 * name), consultations, results, apologies, the hand-over, "Quá trình giải quyết" and the control sheet link.
 *
 * Every action waits for the panel's `data-attempt`/`data-state`: `done` is set only once the page
 * shows the dossier's next version, so the next action can follow at once.
 */
export class ProcessingPanel {
  readonly root: Locator
  readonly actions: Locator
  readonly dialog: Locator
  readonly currentStepTable: Locator
  readonly visits: Locator
  readonly results: Locator
  readonly apologies: Locator
  readonly consultations: Locator
  readonly returned: Locator
  readonly controlSheetLink: Locator

  constructor(readonly page: Page) {
    this.root = page.getByTestId('processing-panel')
    this.actions = this.root.getByTestId('processing-actions')
    this.dialog = page.getByRole('dialog')
    this.currentStepTable = this.root.getByTestId('current-step')
    this.visits = this.root.getByTestId('visits')
    this.results = this.root.getByTestId('result-files')
    this.apologies = this.root.getByTestId('apologies')
    this.consultations = this.root.getByTestId('consultations')
    this.returned = this.root.getByTestId('returned')
    this.controlSheetLink = this.root.getByRole('link', { name: 'Phiếu kiểm soát quá trình (PDF)' })
  }

  /** Opens the dossier and waits for the panel with its data. */
  async goto(code: string): Promise<void> {
    await this.page.goto(`/quan-tri/ho-so/${encodeURIComponent(code)}`)
    await this.waitForReady()
  }

  /** Waits until the panel shows the processing view of the dossier version on screen. */
  async waitForReady(): Promise<void> {
    await this.page.locator('[data-testid="processing-panel"][data-ready="true"]').waitFor()
  }

  button(action: ProcessingActionName): Locator {
    return this.actions.getByRole('button', { name: ACTION_LABEL[action], exact: true })
  }

  /** The actions offered now (their names, in the panel's order). */
  async allowedActions(): Promise<ProcessingActionName[]> {
    await this.waitForReady()
    const buttons = await this.actions.getByRole('button').all()
    const names = await Promise.all(buttons.map((b) => b.getAttribute('data-action')))
    return names.filter((n): n is ProcessingActionName => n !== null && n in ACTION_LABEL)
  }

  /** The labels of the offered action buttons. */
  async actionLabels(): Promise<string[]> {
    await this.waitForReady()
    return (await this.actions.getByRole('button').allInnerTexts()).map(clean)
  }

  private stepValue(label: string): Locator {
    return this.currentStepTable
      .locator('tr.ant-descriptions-row')
      .filter({ has: this.page.getByText(label, { exact: true }) })
      .locator('td')
      .last()
  }

  /** The current step card (empty strings for what is not shown, e.g. before "Chuyển xử lý"). */
  async currentStep(): Promise<CurrentStep> {
    await this.waitForReady()
    if ((await this.currentStepTable.count()) === 0) {
      return { agency: '', name: '', role: '', entered: '', due: '', flag: '', assignee: '' }
    }
    const text = async (l: Locator) => ((await l.count()) > 0 ? clean(await l.first().textContent()) : '')
    return {
      agency: await text(this.stepValue('Cơ quan giải quyết')),
      name: await text(this.currentStepTable.getByTestId('step-name')),
      role: await text(this.stepValue('Vai trò thực hiện')),
      entered: await text(this.stepValue('Nhận hồ sơ lúc')),
      due: await text(this.currentStepTable.getByTestId('step-due')),
      flag: await text(this.stepValue('Hạn của bước').locator('.cs-tag')),
      assignee: await text(this.currentStepTable.getByTestId('assignee')),
    }
  }

  /** The rows of "Quá trình giải quyết", oldest first. */
  async readVisits(): Promise<VisitRow[]> {
    await this.waitForReady()
    const rows = await this.visits.locator('tbody tr.ant-table-row').all()
    return Promise.all(
      rows.map(async (r) => {
        const cells = (await r.locator('td').allInnerTexts()).map(clean)
        const outcomeEl = r.locator('[data-outcome]')
        const outcome = (await outcomeEl.count()) > 0 ? await outcomeEl.getAttribute('data-outcome') : null
        const [agency = '', step = '', entered = '', left = '', assignee = '', due = '', outcomeText = ''] = cells
        return { agency, step, entered, left, assignee, due, outcome: outcome as VisitRow['outcome'], outcomeText }
      }),
    )
  }

  /** The result files' names (download links). */
  async resultNames(): Promise<string[]> {
    if ((await this.results.count()) === 0) return []
    return (await this.results.getByRole('link').allInnerTexts()).map(clean)
  }

  /** The apology letters' PDF addresses. */
  async apologyHrefs(): Promise<string[]> {
    if ((await this.apologies.count()) === 0) return []
    const links = await this.apologies.getByRole('link').all()
    return Promise.all(links.map(async (l) => (await l.getAttribute('href')) ?? ''))
  }

  async controlSheetHref(): Promise<string | null> {
    return this.controlSheetLink.getAttribute('href')
  }

  // ---- actions -------------------------------------------------------------------------------

  /**
   * Opens the action's dialog, lets `fill` fill it, confirms, and waits for the outcome. Does not
   * throw: for tests of refusals (field errors, a server error, a conflict).
   */
  async attempt(action: ProcessingActionName, fill?: (dialog: Locator) => Promise<void>): Promise<ActionOutcome> {
    await this.waitForReady()
    await this.button(action).click()
    await this.dialog.waitFor()
    if (fill) await fill(this.dialog)
    const before = Number((await this.root.getAttribute('data-attempt')) ?? '0')
    await this.dialog.getByRole('button', { name: ACTION_LABEL[action], exact: true }).click()
    const settled = this.page.locator(
      `[data-testid="processing-panel"][data-attempt="${before + 1}"]:is([data-state="done"], [data-state="invalid"], [data-state="error"], [data-state="conflict"])`,
    )
    await settled.waitFor({ timeout: 30_000 })
    const state = (await settled.getAttribute('data-state')) ?? ''
    if (state === 'done') {
      await this.dialog.waitFor({ state: 'hidden' })
      return { ok: true }
    }
    const problems =
      state === 'conflict'
        ? (await this.page.locator('.ant-message-warning').allTextContents()).slice(-1)
        : [
            ...(await this.dialog.getByTestId('processing-error').allTextContents()),
            ...(await this.dialog.locator('.ant-form-item-explain-error').allTextContents()),
          ]
    return { ok: false, state, problem: problems.map(clean).filter(Boolean).join('; ') }
  }

  /** `attempt` that must succeed. */
  async perform(action: ProcessingActionName, fill?: (dialog: Locator) => Promise<void>): Promise<void> {
    const outcome = await this.attempt(action, fill)
    if (!outcome.ok) throw new Error(`${action} failed (${outcome.state}): ${outcome.problem}`)
  }

  /** Cancels an open dialog. */
  async cancel(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Hủy', exact: true }).click()
    await this.dialog.waitFor({ state: 'hidden' })
  }

  /** Picks the option of a labelled select whose text contains `text`. */
  private static async choose(dialog: Locator, label: string, text: string): Promise<void> {
    const select = dialog.getByLabel(label, { exact: true })
    const value = await select.locator('option', { hasText: text }).first().getAttribute('value')
    if (!value) throw new Error(`no option "${text}" in "${label}"`)
    await select.selectOption(value)
  }

  private static async fill(dialog: Locator, label: string, value: string): Promise<void> {
    await dialog.getByLabel(label, { exact: true }).fill(value)
  }

  /** "Chuyển xử lý": the counter hands the accepted dossier to the agency's process. */
  async start(): Promise<void> {
    await this.perform('start')
  }

  /** "Phân công": the officer whose option text contains `name`. */
  async assign(name: string): Promise<void> {
    await this.perform('assign', (d) => ProcessingPanel.choose(d, 'Cán bộ xử lý', name))
  }

  async reassign(name: string, reason: string): Promise<void> {
    await this.perform('reassign', async (d) => {
      await ProcessingPanel.choose(d, 'Cán bộ xử lý', name)
      await ProcessingPanel.fill(d, 'Lý do', reason)
    })
  }

  /** "Chuyển bước tiếp theo" to the step named `stepName`, with the opinion (and the next step's officer). */
  async forward(stepName: string, opinion: string, assignee?: string): Promise<void> {
    await this.perform('forward', async (d) => {
      await ProcessingPanel.choose(d, 'Chuyển đến bước', stepName)
      await ProcessingPanel.fill(d, 'Ý kiến xử lý', opinion)
      if (assignee) await ProcessingPanel.choose(d, 'Cán bộ xử lý ở bước tiếp theo (không bắt buộc)', assignee)
    })
  }

  /** "Trả lại bước trước" to the step named `stepName`. */
  async returnTo(stepName: string, reason: string): Promise<void> {
    await this.perform('return', async (d) => {
      await ProcessingPanel.choose(d, 'Trả về bước', stepName)
      await ProcessingPanel.fill(d, 'Lý do', reason)
    })
  }

  /** "Xin ý kiến" of an agency, answer due in `days` working days. */
  async consult(agencyName: string, question: string, days: number): Promise<void> {
    await this.perform('consult', async (d) => {
      await ProcessingPanel.choose(d, 'Cơ quan, đơn vị được xin ý kiến', agencyName)
      await ProcessingPanel.fill(d, 'Nội dung xin ý kiến', question)
      await ProcessingPanel.fill(d, 'Thời hạn trả lời (ngày làm việc)', String(days).replace('.', ','))
    })
  }

  /** "Trả lời xin ý kiến": answers the first open consultation, or the one whose text contains `consultation`. */
  async answerConsult(answer: string, consultation?: string): Promise<void> {
    await this.perform('answer_consult', async (d) => {
      if (consultation) await ProcessingPanel.choose(d, 'Nội dung xin ý kiến cần trả lời', consultation)
      await ProcessingPanel.fill(d, 'Nội dung trả lời', answer)
    })
  }

  /** "Chuyển liên thông" to another agency. */
  async transfer(agencyName: string, reason: string): Promise<void> {
    await this.perform('transfer', async (d) => {
      await ProcessingPanel.choose(d, 'Cơ quan tiếp nhận liên thông', agencyName)
      await ProcessingPanel.fill(d, 'Lý do chuyển liên thông', reason)
    })
  }

  async approve(opinion: string): Promise<void> {
    await this.perform('approve', (d) => ProcessingPanel.fill(d, 'Ý kiến phê duyệt', opinion))
  }

  async refuse(reason: string): Promise<void> {
    await this.perform('refuse', (d) => ProcessingPanel.fill(d, 'Lý do từ chối giải quyết', reason))
  }

  async pause(reason: string): Promise<void> {
    await this.perform('pause', (d) => ProcessingPanel.fill(d, 'Lý do tạm dừng', reason))
  }

  async resume(): Promise<void> {
    await this.perform('resume')
  }

  /** "Xin lỗi, hẹn lại": the new appointment typed as "dd/mm/yyyy HH:mm", and the reason for the delay. */
  async apologize(dateText: string, reason: string): Promise<void> {
    await this.perform('apologize', async (d) => {
      const input = d.getByLabel('Ngày hẹn trả kết quả mới', { exact: true })
      await input.click()
      await input.fill(dateText)
      await input.press('Enter')
      await ProcessingPanel.fill(d, 'Lý do chậm trả kết quả', reason)
    })
  }

  /** "Đính kèm kết quả": uploads the file (POST /files), then attaches it. */
  async attachResult(file: ResultUpload, opts: { seal?: boolean } = {}): Promise<void> {
    await this.perform('attach_result', async (d) => {
      await d.getByTestId('result-file-input').setInputFiles(file)
      if (opts.seal) await d.getByLabel('Ký số bằng con dấu số của cơ quan trước khi đính kèm', { exact: true }).check()
      const settled = d.locator('[data-testid="result-file"]:is([data-state="done"], [data-state="error"])')
      await settled.waitFor({ timeout: 60_000 })
      if ((await settled.getAttribute('data-state')) === 'error') {
        throw new Error(`upload refused: ${clean(await d.getByTestId('upload-error').textContent())}`)
      }
    })
  }

  /** "Trả kết quả"; `tracking` is the postal tracking number (required when the applicant chose the post). */
  async returnResult(tracking?: string): Promise<void> {
    await this.perform('return_result', async (d) => {
      if (tracking !== undefined) await ProcessingPanel.fill(d, 'Mã vận đơn bưu chính', tracking)
    })
  }

  /** "Cập nhật chuyển phát". */
  async postalStatus(status: PostalStatus): Promise<void> {
    await this.perform('postal_status', (d) => ProcessingPanel.choose(d, 'Tình trạng chuyển phát', POSTAL_LABEL[status]))
  }
}
