import { Alert, Space, Spin, Typography } from 'antd'
import type { LegalTime } from '@congso/contracts'
import type { z } from 'zod'
import { durationMinutes } from '@congso/domain'
import { useI18n } from '../../../i18n/index.tsx'
import { CsTag } from '../../../components/Tags.tsx'
import { durationLabel, minutesLabel } from '../../../components/workflow/text.ts'
import { issueTarget, type EditorIssue } from './processModel.ts'
import type { CheckState } from './useLiveCheck.ts'

interface Props {
  issues: readonly EditorIssue[]
  /** `idle` on read-only screens (the version's own issues are shown). */
  state: CheckState
  checkError: string | null
  /** The slowest path, in working minutes (null when it cannot be computed). */
  totalMinutes: number | null
  legalTime: z.infer<typeof LegalTime> | null
  stepName: (index: number) => string
  editable: boolean
}

/**
 * The check's answer: every issue with the step or transition it names (the same messages are
 * shown beside them in the form), and the time summary — the slowest way through against the
 * procedure's legal time.
 */
export function IssuesPanel({ issues, state, checkError, totalMinutes, legalTime, stepName, editable }: Props) {
  const { t, lang } = useI18n()
  const where = (issue: EditorIssue): string | null => {
    const target = issueTarget(issue.path)
    switch (target.kind) {
      case 'step':
        return `${t('wf.issues.onStep', { n: target.index + 1 })} “${stepName(target.index)}”`
      case 'transition':
        return t('wf.issues.onTransition', { n: target.index + 1 })
      case 'start':
        return t('wf.issues.onStart')
      case 'process':
        return null
    }
  }
  const over = totalMinutes !== null && legalTime !== null && totalMinutes > durationMinutes(legalTime)

  return (
    <section aria-live="polite" data-testid="process-issues" data-state={state} data-count={issues.length} style={{ marginBottom: 16 }}>
      {state === 'error' && checkError && (
        <Alert type="warning" showIcon message={t('wf.issues.checkFailed', { message: checkError })} style={{ marginBottom: 8 }} />
      )}
      {issues.length > 0 ? (
        <Alert
          type="error"
          showIcon
          message={t('wf.issues.title', { n: issues.length })}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }} aria-label={t('wf.issues.title', { n: issues.length })}>
              {issues.map((issue, i) => {
                const at = where(issue)
                return (
                  <li key={i} data-path={issue.path}>
                    {at && <strong>{at}: </strong>}
                    {issue.code === 'form' ? `${t('wf.issues.form')} (${issue.path}) — ${issue.message}` : issue.message}
                  </li>
                )
              })}
            </ul>
          }
        />
      ) : state === 'checking' ? null : (
        <Alert type="success" showIcon message={editable ? t('wf.issues.ok') : t('wf.issues.okReadOnly')} />
      )}
      <Space wrap size={8} style={{ marginTop: 8 }}>
        {state === 'checking' && (
          <Typography.Text type="secondary">
            <Spin size="small" /> {t('wf.issues.checking')}
          </Typography.Text>
        )}
        {totalMinutes !== null && legalTime && (
          <Typography.Text data-testid="process-total" strong={over}>
            {t('wf.total', { total: minutesLabel(t, lang, totalMinutes), legal: durationLabel(t, lang, legalTime) })}
          </Typography.Text>
        )}
        {over && <CsTag color="red">{t('wf.totalOver')}</CsTag>}
        {legalTime?.unit === 'day' && <Typography.Text type="secondary">{t('wf.totalCalendar')}</Typography.Text>}
      </Space>
    </section>
  )
}
