import { Alert, Typography } from 'antd'
import type { SignatureReport, ValidationReport } from '@congso/contracts'
import { useI18n, type MessageKey } from '../../i18n/index.tsx'
import { formatNumber } from '../../lib/format.ts'
import { indeterminateReasons } from './format.ts'
import { CodeList } from './parts.tsx'
import { SignatureCard, type HeadingLevel } from './SignatureCard.tsx'

type Verdict = ValidationReport['verdict']

const verdictView: Record<Verdict, { type: 'success' | 'error' | 'warning' | 'info'; title: MessageKey; text: MessageKey }> = {
  valid: { type: 'success', title: 'sig.verdict.valid', text: 'sig.verdict.validText' },
  invalid: { type: 'error', title: 'sig.verdict.invalid', text: 'sig.verdict.invalidText' },
  indeterminate: { type: 'warning', title: 'sig.verdict.indeterminate', text: 'sig.verdict.indeterminateText' },
  'no-signatures': { type: 'info', title: 'sig.verdict.noSignatures', text: 'sig.verdict.noSignaturesText' },
}

interface Props {
  report: ValidationReport
  /** Level of each signature card's heading (h3 by default: under the page's h1 and the section's h2). */
  headingLevel?: HeadingLevel
  /**
   * Address of the document as signature `n` (1-based: report index + 1) signed it; when given, each
   * card links to it ("Xem bản tại thời điểm ký").
   */
  revisionHref?: (n: number, signature: SignatureReport) => string
}

/** The verdict banner, then one card per signature (a validation report of @congso/pdf-signatures). */
export function SignatureReportView({ report, headingLevel = 3, revisionHref }: Props) {
  const { t, lang } = useI18n()
  const view = verdictView[report.verdict]
  const reasons = report.verdict === 'indeterminate' ? indeterminateReasons(report.signatures) : []
  const fileErrors = report.errors.filter((e) => e !== 'no-signatures')

  return (
    <div data-testid="signature-report" data-verdict={report.verdict}>
      <Alert
        type={view.type}
        showIcon
        data-testid="signature-verdict"
        style={{ marginBottom: 16 }}
        message={<strong data-testid="signature-verdict-title">{t(view.title)}</strong>}
        description={
          <>
            <p style={{ margin: 0 }}>{t(view.text)}</p>
            {reasons.length > 0 && (
              <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
                {reasons.map((k) => (
                  <li key={k}>{t(k)}</li>
                ))}
              </ul>
            )}
            {fileErrors.length > 0 && (
              <div style={{ marginTop: 8 }}>
                <strong>{t('sig.report.fileErrors')}</strong>
                <CodeList codes={fileErrors} label={t('sig.report.fileErrors')} />
              </div>
            )}
          </>
        }
      />
      {report.revisions > 1 && (
        <Typography.Paragraph className="cs-muted">
          {t('sig.report.revisions', { n: formatNumber(report.revisions, lang) })}
        </Typography.Paragraph>
      )}
      {report.signatures.map((s) => (
        <SignatureCard key={s.index} signature={s} revisions={report.revisions} headingLevel={headingLevel} revisionHref={revisionHref} />
      ))}
    </div>
  )
}
