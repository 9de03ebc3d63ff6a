import type { Locator, Page } from 'playwright-core'

/** A file for `setInputFiles`: a path, or a name, a MIME type and the bytes. */
export type SignatureUpload = string | { name: string; mimeType: string; buffer: Buffer }

/** Builds a `SignatureUpload` from PDF bytes. */
export const pdfUpload = (name: string, bytes: Uint8Array | Buffer): SignatureUpload => ({
  name,
  mimeType: 'application/pdf',
  buffer: Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes),
})

export type Verdict = 'valid' | 'invalid' | 'indeterminate' | 'no-signatures'

export interface CertificateRow {
  commonName: string
  organization: string
  subject: string
  issuer: string
  serialNumber: string
  /** `Từ dd/mm/yyyy đến dd/mm/yyyy`. */
  validity: string
  /** Full lower-case hex. */
  sha256: string
}

export interface SignatureCardData {
  /** 0-based, as in the report. */
  index: number
  /** "Chữ ký số thứ 1: <signer>". */
  title: string
  /** Every row of the card as shown: Vietnamese label → text. */
  fields: Record<string, string>
  signer: string
  organization: string
  reason: string
  location: string
  /** `dd/mm/yyyy HH:mm:ss` (Vietnam time) or `—`. */
  signingTime: string
  /** "dd/mm/yyyy HH:mm:ss (giờ Việt Nam), cấp bởi …" plus its tags, or the "Không có …" sentence. */
  timestamp: string
  /** The time-stamp's status ('valid' | 'invalid'), null without a time-stamp. */
  timestampStatus: string | null
  /** "Chữ ký bao phủ toàn bộ tài liệu" / "Tài liệu có N lần cập nhật sau khi ký" and what follows. */
  coverage: string
  /** Machine values from the tags (`data-status`). */
  integrity: string | null
  byteRange: string | null
  trust: string | null
  revocation: string | null
  /** Vietnamese labels of the same tags. */
  trustText: string
  revocationText: string
  docMdp: string | null
  /** Raw validator codes listed under "Lỗi và cảnh báo" (empty when none). */
  errorCodes: string[]
  /** Their sentences as shown. */
  errorTexts: string[]
  /** Codes of each later revision's changes, with whether it was allowed. */
  laterRevisions: { allowed: boolean; codes: string[] }[]
  chain: CertificateRow[]
  /** "Xem bản tại thời điểm ký" address, when the page offers it. */
  revisionHref: string | null
}

export interface SignatureReportData {
  verdict: Verdict
  /** The banner's title, e.g. "Tài liệu có chữ ký số hợp lệ". */
  verdictText: string
  /** The banner's explanation (reasons of an indeterminate verdict, file errors). */
  verdictDescription: string
  signatures: SignatureCardData[]
}

const CERT_LABELS: Record<string, keyof CertificateRow> = {
  'Tên (CN)': 'commonName',
  'Tổ chức (O)': 'organization',
  'Chủ thể': 'subject',
  'Tổ chức cấp': 'issuer',
  'Số hiệu (serial)': 'serialNumber',
  'Thời hạn hiệu lực': 'validity',
  'Dấu vân tay SHA-256': 'sha256',
}

/** Card row labels (the Vietnamese catalog, apps/web/src/i18n/signatures.vi.ts). */
export const SIGNATURE_FIELD = {
  signer: 'Người ký',
  organization: 'Cơ quan, tổ chức',
  reason: 'Lý do ký',
  location: 'Nơi ký',
  signingTime: 'Thời điểm ký (theo người ký, giờ Việt Nam)',
  timestamp: 'Dấu thời gian',
  coverage: 'Phạm vi ký',
  integrity: 'Tính toàn vẹn',
  byteRange: 'Vùng dữ liệu được ký (ByteRange)',
  trust: 'Độ tin cậy của chứng thư số',
  revocation: 'Tình trạng thu hồi chứng thư số',
  docMdp: 'Chữ ký chứng thực (DocMDP)',
  errors: 'Lỗi và cảnh báo',
} as const

const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim()

/** Reads one signature card (`[data-testid=signature-card]`). */
export async function readSignatureCard(card: Locator): Promise<SignatureCardData> {
  // No named helpers inside the callback: the test runner's transform may wrap them in a `__name`
  // call that does not exist in the page. Texts are normalised back in Node.
  const raw = await card.evaluate((el) => {
    const rows: { label: string; value: string; status: string | null; codes: string[]; codeTexts: string[] }[] = []
    for (const tr of Array.from(el.querySelectorAll('[data-testid="signature-fields"] tr.ant-descriptions-row'))) {
      const td = tr.querySelector<HTMLElement>('td.ant-descriptions-item-content')
      rows.push({
        label: tr.querySelector<HTMLElement>('th.ant-descriptions-item-label')?.innerText ?? '',
        value: td?.innerText ?? '',
        status: td?.querySelector('[data-status]')?.getAttribute('data-status') ?? null,
        codes: Array.from(td?.querySelectorAll(':scope [data-testid="signature-codes"] > li > [data-code]') ?? []).map(
          (c) => c.getAttribute('data-code') ?? '',
        ),
        codeTexts: Array.from(td?.querySelectorAll<HTMLElement>(':scope [data-testid="signature-codes"] > li') ?? []).map(
          (li) => li.innerText,
        ),
      })
    }
    const later = Array.from(el.querySelectorAll('[data-testid="later-revisions"] > li')).map((li) => ({
      allowed: li.getAttribute('data-allowed') === 'true',
      codes: Array.from(li.querySelectorAll('[data-code]')).map((c) => c.getAttribute('data-code') ?? ''),
    }))
    // The chain is folded (<details>): textContent, which does not depend on rendering.
    const chain = Array.from(el.querySelectorAll('[data-testid="certificate-chain"] [data-testid="certificate"]')).map((li) =>
      Array.from(li.querySelectorAll('tr.ant-descriptions-row')).map((tr) => ({
        label: tr.querySelector('th')?.textContent ?? '',
        value: tr.querySelector('[data-hash]')?.getAttribute('data-hash') ?? tr.querySelector('td')?.textContent ?? '',
      })),
    )
    return {
      index: Number(el.getAttribute('data-index')),
      title: el.querySelector<HTMLElement>('.ant-card-head-title')?.innerText ?? '',
      rows,
      later,
      chain,
      revisionHref: el.querySelector('[data-testid="revision-link"]')?.getAttribute('href') ?? null,
    }
  })
  const fields: Record<string, string> = {}
  const rows = raw.rows.map((r) => ({ ...r, label: clean(r.label), value: clean(r.value), codeTexts: r.codeTexts.map(clean) }))
  for (const r of rows) fields[r.label] = r.value
  const row = (label: string) => rows.find((r) => r.label === label)
  const value = (label: string) => clean(row(label)?.value)
  const errors = row(SIGNATURE_FIELD.errors)
  const chain = raw.chain.map((rows) => {
    const cert: CertificateRow = { commonName: '', organization: '', subject: '', issuer: '', serialNumber: '', validity: '', sha256: '' }
    for (const r of rows) {
      const key = CERT_LABELS[clean(r.label)]
      if (key) cert[key] = clean(r.value)
    }
    return cert
  })
  return {
    index: raw.index,
    title: clean(raw.title),
    fields,
    signer: value(SIGNATURE_FIELD.signer),
    organization: value(SIGNATURE_FIELD.organization),
    reason: value(SIGNATURE_FIELD.reason),
    location: value(SIGNATURE_FIELD.location),
    signingTime: value(SIGNATURE_FIELD.signingTime),
    timestamp: value(SIGNATURE_FIELD.timestamp),
    timestampStatus: row(SIGNATURE_FIELD.timestamp)?.status ?? null,
    coverage: value(SIGNATURE_FIELD.coverage),
    integrity: row(SIGNATURE_FIELD.integrity)?.status ?? null,
    byteRange: row(SIGNATURE_FIELD.byteRange)?.status ?? null,
    trust: row(SIGNATURE_FIELD.trust)?.status ?? null,
    revocation: row(SIGNATURE_FIELD.revocation)?.status ?? null,
    trustText: value(SIGNATURE_FIELD.trust),
    revocationText: value(SIGNATURE_FIELD.revocation),
    docMdp: row(SIGNATURE_FIELD.docMdp) ? value(SIGNATURE_FIELD.docMdp) : null,
    errorCodes: errors?.codes ?? [],
    errorTexts: errors?.codeTexts ?? [],
    laterRevisions: raw.later,
    chain,
    revisionHref: raw.revisionHref,
  }
}

/** Reads a whole report (`[data-testid=signature-report]`, the shared SignatureReportView) under `root`. */
export async function readSignatureReport(root: Locator): Promise<SignatureReportData> {
  const report = root.getByTestId('signature-report').first()
  await report.waitFor()
  const verdict = (await report.getAttribute('data-verdict')) as Verdict
  const banner = report.getByTestId('signature-verdict')
  const verdictText = clean(await report.getByTestId('signature-verdict-title').textContent())
  const verdictDescription = clean(await banner.locator('.ant-alert-description').innerText())
  const signatures: SignatureCardData[] = []
  for (const card of await report.getByTestId('signature-card').all()) signatures.push(await readSignatureCard(card))
  return { verdict, verdictText, verdictDescription, signatures }
}

/**
 * The public check `/kiem-tra-chu-ky` (Kiểm tra chữ ký số): drop or pick a PDF, see its fingerprint,
 * the time of the check and the signature report. The file is not stored.
 */
export class VerifySignaturePage {
  readonly heading: Locator
  readonly dropZone: Locator
  readonly fileInput: Locator
  readonly outcome: Locator
  readonly result: Locator
  readonly problem: Locator
  readonly privacyNote: Locator
  readonly verdictBanner: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Kiểm tra chữ ký số' })
    this.dropZone = page.getByTestId('verify-upload')
    this.fileInput = this.dropZone.locator('input[type="file"]')
    this.outcome = page.getByTestId('verify-outcome')
    this.result = page.getByTestId('verify-result')
    this.problem = page.getByTestId('verify-problem')
    this.privacyNote = page.getByTestId('verify-privacy')
    this.verdictBanner = this.result.getByTestId('signature-verdict')
  }

  async goto(): Promise<void> {
    await this.page.goto('/kiem-tra-chu-ky')
    await this.heading.waitFor()
  }

  /** Through "Kiểm tra chữ ký số" in the header navigation. */
  async openFromHeader(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('link', { name: 'Kiểm tra chữ ký số', exact: true })
      .click()
    await this.heading.waitFor()
  }

  /**
   * Picks a file and waits for this attempt's outcome: 'done' (the result is shown) or 'error'
   * (refused in the browser, e.g. too large or not a PDF, or by the server; see `problemText`).
   */
  async check(file: SignatureUpload): Promise<'done' | 'error'> {
    const before = Number((await this.outcome.getAttribute('data-attempt')) ?? '0')
    await this.fileInput.setInputFiles(file)
    const settled = this.page.locator(
      `[data-testid="verify-outcome"][data-attempt="${before + 1}"]:is([data-state="done"], [data-state="error"])`,
    )
    // The live region is empty (so not "visible") once the check is over.
    await settled.waitFor({ state: 'attached', timeout: 60_000 })
    return (await settled.getAttribute('data-state')) as 'done' | 'error'
  }

  /** `check` that must succeed; returns the report. */
  async verify(file: SignatureUpload): Promise<SignatureReportData> {
    const state = await this.check(file)
    if (state !== 'done') throw new Error(`signature check failed: ${await this.problemText()}`)
    return this.report()
  }

  async problemText(): Promise<string> {
    return clean(await this.problem.locator('.ant-alert-description').innerText())
  }

  /** The verdict banner's title ("Tài liệu có chữ ký số hợp lệ", …). */
  async verdictText(): Promise<string> {
    return clean(await this.verdictBanner.getByTestId('signature-verdict-title').textContent())
  }

  /** The machine verdict of the shown report. */
  async verdict(): Promise<Verdict> {
    return (await this.result.getByTestId('signature-report').getAttribute('data-verdict')) as Verdict
  }

  /** A row of the checked file's summary: "Tệp đã kiểm tra", "Dung lượng", "Mã băm SHA-256 của tệp", "Thời điểm kiểm tra (giờ Việt Nam)". */
  fileValue(label: string): Locator {
    return this.result
      .getByTestId('verify-file')
      .locator('tr.ant-descriptions-row')
      .filter({ has: this.page.getByText(label, { exact: true }) })
      .locator('td')
      .last()
  }

  /** The checked file's SHA-256 (full hex), size text ("1.234 byte (1,2 KB)") and time of the check (`dd/mm/yyyy HH:mm:ss`). */
  async fileSummary(): Promise<{ fileName: string; size: string; sha256: string; checkedAt: string }> {
    return {
      fileName: clean(await this.fileValue('Tệp đã kiểm tra').textContent()),
      size: clean(await this.fileValue('Dung lượng').textContent()),
      sha256: (await this.fileValue('Mã băm SHA-256 của tệp').locator('[data-hash]').getAttribute('data-hash')) ?? '',
      checkedAt: clean(await this.fileValue('Thời điểm kiểm tra (giờ Việt Nam)').textContent()),
    }
  }

  /** The signature cards, in order. */
  signatureCards(): Locator {
    return this.result.getByTestId('signature-card')
  }

  async signatures(): Promise<SignatureCardData[]> {
    return (await this.report()).signatures
  }

  async report(): Promise<SignatureReportData> {
    return readSignatureReport(this.result)
  }
}
