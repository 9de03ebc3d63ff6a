import { Button, Rate, Table } from 'antd'
import { FilePdfOutlined, PaperClipOutlined, StarFilled } from '@ant-design/icons'
import type { StoredFileT } from '../../api/types.ts'
import { useI18n, type MessageKey, type TFunction } from '../../i18n/index.tsx'
import { formatDateTime } from '../../lib/format.ts'
import { CsTag, type TagColor } from '../Tags.tsx'
import { fileUrl, formatBytes, ScrollRegion } from '../dossier/common.tsx'
import { POSTAL_STATUSES, type ApologyT, type ConsultationT, type HandOverOutcomeT, type VisitT } from './types.ts'

const KNOWN_ROLES = new Set(['receiving_officer', 'processing_officer', 'unit_head', 'agency_leader', 'clerk'])

/** A step's role ("Chuyên viên", "Lãnh đạo phòng"…); an unknown role is shown as sent. */
export const roleLabel = (t: TFunction, role: string) => (KNOWN_ROLES.has(role) ? t(`role.${role}` as MessageKey) : role)

/** A postal delivery status ("Đang chuyển phát"…); an unknown status is shown as sent. */
export const postalStatusLabel = (t: TFunction, s: string) =>
  (POSTAL_STATUSES as readonly string[]).includes(s) ? t(`pr.postal.${s}` as MessageKey) : s

const outcomeColor: Record<HandOverOutcomeT, TagColor> = { early: 'green', on_time: 'blue', late: 'red' }

/** Trước hạn / Đúng hạn / Quá hạn of a step (the control sheet's verdict). */
export function OutcomeTag({ outcome }: { outcome: HandOverOutcomeT | null }) {
  const { t } = useI18n()
  if (!outcome) return null
  return (
    <span data-outcome={outcome}>
      <CsTag color={outcomeColor[outcome]}>{t(`pr.outcome.${outcome}`)}</CsTag>
    </span>
  )
}

/** "Rất không hài lòng" … "Rất hài lòng" for a score 1–5 (other values shown as the number). */
export function rateLabel(t: TFunction, score: number): string {
  return score >= 1 && score <= 5 && Number.isInteger(score) ? t(`pr.rate.${score}` as MessageKey) : String(score)
}

/** A given rating, read-only: the stars, "4/5 — Hài lòng", and the comment. */
export function RatingView({ score, comment }: { score: number; comment: string | null }) {
  const { t } = useI18n()
  return (
    <div data-testid="rating-view" data-score={score}>
      <Rate disabled value={score} character={<StarFilled aria-hidden />} aria-hidden="true" style={{ fontSize: 18 }} />{' '}
      <strong>{t('pr.rating.value', { score, label: rateLabel(t, score) })}</strong>
      {comment && <div style={{ whiteSpace: 'pre-wrap', marginTop: 4 }}>{comment}</div>}
    </div>
  )
}

/** The result files, each a download link (`/api/v1/files/:id`). */
export function ResultFiles({ files, label }: { files: readonly StoredFileT[]; label: string }) {
  const { t, lang } = useI18n()
  if (files.length === 0) return <p className="cs-muted">{t('pr.results.empty')}</p>
  return (
    <ul aria-label={label} data-testid="result-files" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {files.map((f) => (
        <li key={f.id} style={{ padding: '2px 0' }}>
          <PaperClipOutlined aria-hidden />{' '}
          <a href={fileUrl(f.id)} target="_blank" rel="noreferrer" download={f.fileName}>
            {f.fileName}
          </a>{' '}
          <span className="cs-muted">({formatBytes(f.sizeBytes, lang)})</span>
        </li>
      ))}
    </ul>
  )
}

/** The apology letters (Phiếu xin lỗi và hẹn lại ngày trả kết quả), each with its PDF. */
export function ApologyList({ apologies, label }: { apologies: readonly ApologyT[]; label: string }) {
  const { t } = useI18n()
  if (apologies.length === 0) return null
  return (
    <ul aria-label={label} data-testid="apologies" style={{ paddingLeft: 20, margin: 0 }}>
      {apologies.map((a) => (
        <li key={`${a.at}-${a.url}`} style={{ marginBottom: 4 }}>
          <strong>{formatDateTime(a.at)}</strong> — {t('pr.apology.newDue', { date: formatDateTime(a.newDueAt) })}. {a.reason}{' '}
          <a href={a.url} target="_blank" rel="noreferrer">
            <FilePdfOutlined aria-hidden /> {t('pr.apology.pdf', { date: formatDateTime(a.at) })}
          </a>
        </li>
      ))}
    </ul>
  )
}

/** The consultations sent for the dossier and their answers; open ones can be answered when allowed. */
export function ConsultationTable({ items, onAnswer }: { items: readonly ConsultationT[]; onAnswer?: (id: string) => void }) {
  const { t } = useI18n()
  return (
    <ScrollRegion label={t('pr.consult.title')} minWidth={760}>
      <Table<ConsultationT>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={[...items]}
        data-testid="consultations"
        columns={[
          { title: t('pr.consult.agency'), key: 'agency', dataIndex: 'agencyName', width: 180 },
          {
            title: t('pr.consult.question'),
            key: 'question',
            render: (_, c) => <span style={{ whiteSpace: 'pre-wrap' }}>{c.question}</span>,
          },
          { title: t('pr.consult.askedAt'), key: 'asked', width: 130, render: (_, c) => formatDateTime(c.askedAt) },
          { title: t('pr.consult.dueAt'), key: 'due', width: 130, render: (_, c) => formatDateTime(c.dueAt) },
          {
            title: t('pr.consult.answer'),
            key: 'answer',
            width: 260,
            render: (_, c) =>
              c.answeredAt ? (
                <div>
                  <div style={{ whiteSpace: 'pre-wrap' }}>{c.answer}</div>
                  <div className="cs-muted" style={{ fontSize: 13 }}>
                    {formatDateTime(c.answeredAt)}
                  </div>
                </div>
              ) : (
                <div>
                  <CsTag color="orange">{t('pr.consult.pending')}</CsTag>
                  {onAnswer && (
                    <div style={{ marginTop: 4 }}>
                      <Button size="small" onClick={() => onAnswer(c.id)} aria-label={t('pr.consult.answerFor', { agency: c.agencyName })}>
                        {t('pr.consult.answer')}
                      </Button>
                    </div>
                  )}
                </div>
              ),
          },
        ]}
      />
    </ScrollRegion>
  )
}

/** "Quá trình giải quyết": every stay of the dossier in a step (the control sheet's rows). */
export function VisitsTable({ visits }: { visits: readonly VisitT[] }) {
  const { t } = useI18n()
  return (
    <ScrollRegion label={t('pr.visits.title')} minWidth={900}>
      <Table<VisitT>
        rowKey={(v) => `${v.agencyId}-${v.stepId}-${v.enteredAt}`}
        size="small"
        pagination={false}
        dataSource={[...visits]}
        data-testid="visits"
        locale={{ emptyText: t('pr.visits.empty') }}
        columns={[
          { title: t('pr.visits.agency'), key: 'agency', dataIndex: 'agencyName', width: 180 },
          { title: t('pr.visits.step'), key: 'step', dataIndex: 'stepName' },
          { title: t('pr.visits.entered'), key: 'entered', width: 130, render: (_, v) => formatDateTime(v.enteredAt) },
          {
            title: t('pr.visits.left'),
            key: 'left',
            width: 150,
            render: (_, v) =>
              v.leftAt ? (
                <>
                  {formatDateTime(v.leftAt)}
                  {v.exit && <div className="cs-muted">({t(`pr.exit.${v.exit}`)})</div>}
                </>
              ) : (
                <CsTag color="blue">{t('pr.visits.current')}</CsTag>
              ),
          },
          { title: t('pr.visits.assignee'), key: 'assignee', width: 160, render: (_, v) => v.assigneeName ?? t('common.none') },
          { title: t('pr.visits.due'), key: 'due', width: 130, render: (_, v) => formatDateTime(v.dueAt) || t('common.none') },
          { title: t('pr.visits.outcome'), key: 'outcome', width: 110, render: (_, v) => <OutcomeTag outcome={v.outcome} /> },
        ]}
      />
    </ScrollRegion>
  )
}
