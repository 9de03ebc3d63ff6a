import { cloneElement, useId, useState, type ReactElement } from 'react'
import { Alert, Button, Form, Input, Rate, Spin, Typography } from 'antd'
import { StarFilled } from '@ant-design/icons'
import { RateDossier } from '@congso/contracts'
import { ApiError, post } from '../../../api/client.ts'
import { useApi } from '../../../api/hooks.ts'
import { useI18n } from '../../../i18n/index.tsx'
import { formatDateTime } from '../../../lib/format.ts'
import { useRevalidateOnLangChange, validateWith } from '../../../lib/forms.ts'
import { Section } from '../../../components/dossier/common.tsx'
import type { DossierDetailT } from '../../../components/dossier/types.ts'
import { ApologyList, postalStatusLabel, rateLabel, RatingView, ResultFiles } from '../../../components/processing/ProcessingRecords.tsx'
import { PROCESSING_STATUSES, type ProcessingViewT, type ReturnedT } from '../../../components/processing/types.ts'

interface RatingInputProps {
  id?: string
  value?: number
  onChange?: (score: number) => void
  'aria-describedby'?: string
  'aria-invalid'?: boolean | 'true' | 'false'
}

/** 1–5 stars, each a radio named by its level ("Rất không hài lòng" … "Rất hài lòng"); the chosen level is also written out. */
function RatingInput({ id, value, onChange, ...aria }: RatingInputProps) {
  const { t } = useI18n()
  const labelId = useId()
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
      <div role="radiogroup" id={id} aria-labelledby={labelId} {...aria}>
        <span id={labelId} className="visually-hidden">
          {t('pr.rate.score')}
        </span>
        <Rate
          value={value ?? 0}
          onChange={(v) => onChange?.(v)}
          allowClear={false}
          character={<StarFilled aria-hidden />}
          style={{ fontSize: 28 }}
          characterRender={(node, { index = 0 }) => {
            // rc-rate's star: <li><div role="radio">…</div></li>; name each radio by its level.
            const li = node as ReactElement<{ children: ReactElement<{ 'aria-label'?: string }> }>
            return cloneElement(li, undefined, cloneElement(li.props.children, { 'aria-label': rateLabel(t, index + 1) }))
          }}
        />
      </div>
      <span aria-live="polite" data-testid="rating-label" style={{ fontWeight: 600 }}>
        {value ? rateLabel(t, value) : ''}
      </span>
    </div>
  )
}

interface RatingValues {
  score?: number
  comment?: string
}

/** "Đánh giá mức độ hài lòng": once the result was returned (POST /me/dossiers/:code/rating). */
function RatingForm({ code, onRated }: { code: string; onRated: (r: { score: number; comment: string | null }) => void }) {
  const { t } = useI18n()
  const [form] = Form.useForm<RatingValues>()
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string>()
  const [attempt, setAttempt] = useState<{ n: number; state: 'idle' | 'busy' | 'invalid' | 'error' | 'done' }>({ n: 0, state: 'idle' })
  useRevalidateOnLangChange(form)

  const submit = async (v: RatingValues) => {
    const n = attempt.n + 1
    setProblem(undefined)
    const body = validateWith(RateDossier, { score: v.score, ...(v.comment?.trim() ? { comment: v.comment } : {}) }, form)
    if (!body) return setAttempt({ n, state: 'invalid' })
    setBusy(true)
    setAttempt({ n, state: 'busy' })
    try {
      await post<{ ok: true }>(`/me/dossiers/${encodeURIComponent(code)}/rating`, body)
      setAttempt({ n, state: 'done' })
      onRated({ score: body.score, comment: body.comment ?? null })
    } catch (e) {
      setAttempt({ n, state: 'error' })
      setProblem(e instanceof ApiError ? e.localized : t('common.error'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Form<RatingValues>
      form={form}
      layout="vertical"
      onFinish={(v) => void submit(v)}
      onFinishFailed={() => setAttempt((a) => ({ n: a.n + 1, state: 'invalid' }))}
      data-testid="rating-form"
      data-attempt={attempt.n}
      data-state={attempt.state}
      style={{ maxWidth: 640 }}
    >
      <Typography.Paragraph>{t('pr.rate.intro')}</Typography.Paragraph>
      <Form.Item name="score" label={t('pr.rate.score')} rules={[{ required: true, message: t('pr.rate.scoreRequired') }]}>
        <RatingInput />
      </Form.Item>
      <Form.Item name="comment" label={t('pr.rate.comment')}>
        <Input.TextArea rows={3} maxLength={1000} showCount />
      </Form.Item>
      {problem && <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} message={problem} data-testid="rating-error" />}
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('pr.rate.submit')}
      </Button>
    </Form>
  )
}

/** How the result went back: at the counter, by post (tracking number, delivery status) or online. */
function ReturnedNotice({ r }: { r: ReturnedT }) {
  const { t } = useI18n()
  const date = formatDateTime(r.at)
  const text =
    r.channel === 'post'
      ? t('pr.citizen.returnedPost', { date })
      : r.channel === 'online'
        ? t('pr.citizen.returnedOnline', { date })
        : t('pr.citizen.returnedCounter', { date })
  return (
    <Alert
      type="success"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="returned"
      data-channel={r.channel}
      message={text}
      description={
        r.channel === 'post' && (r.postalTracking || r.postalStatus) ? (
          <>
            {r.postalTracking && <div data-testid="postal-tracking">{t('pr.citizen.tracking', { code: r.postalTracking })}</div>}
            {r.postalStatus && <div>{t('pr.citizen.postalStatus', { status: postalStatusLabel(t, r.postalStatus) })}</div>}
          </>
        ) : undefined
      }
    />
  )
}

function Content({ view, code, onRated }: { view: ProcessingViewT; code: string; onRated: () => void }) {
  const { t } = useI18n()
  const [rated, setRated] = useState<{ score: number; comment: string | null }>()
  const rating = rated ?? view.rating
  const h3 = (text: string) => (
    <Typography.Title level={3} style={{ fontSize: 17, marginTop: 16 }}>
      {text}
    </Typography.Title>
  )
  return (
    <>
      {view.returned && <ReturnedNotice r={view.returned} />}
      {!view.returned && view.results.length === 0 && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('pr.citizen.inProgress')} />
      )}
      {view.results.length > 0 && (
        <>
          {h3(t('pr.citizen.results'))}
          <ResultFiles files={view.results} label={t('pr.citizen.results')} />
        </>
      )}
      {view.apologies.length > 0 && (
        <>
          {h3(t('pr.citizen.apologies'))}
          <ApologyList apologies={view.apologies} label={t('pr.citizen.apologies')} />
        </>
      )}
      {view.returned && (
        <section aria-labelledby="dossier-rating" data-testid="rating">
          <Typography.Title level={3} id="dossier-rating" style={{ fontSize: 17, marginTop: 16 }}>
            {rating ? t('pr.rate.yours') : t('pr.rate.title')}
          </Typography.Title>
          {rating ? (
            <>
              {rated && <Alert type="success" showIcon role="status" style={{ marginBottom: 8 }} message={t('pr.rate.thanks')} />}
              <RatingView score={rating.score} comment={rating.comment} />
            </>
          ) : (
            <RatingForm
              code={code}
              onRated={(r) => {
                setRated(r)
                onRated()
              }}
            />
          )}
        </section>
      )}
    </>
  )
}

/**
 * "Kết quả giải quyết" on the citizen's dossier page, once the dossier is being processed
 * (`GET /me/dossiers/:code/processing`): result files, how they were returned, apology letters,
 * and the satisfaction rating once the result was returned.
 */
export function CitizenResultSection({ d }: { d: DossierDetailT }) {
  const { t } = useI18n()
  const inProcess = (PROCESSING_STATUSES as readonly string[]).includes(d.status)
  const api = useApi<ProcessingViewT>(inProcess ? `/me/dossiers/${encodeURIComponent(d.code)}/processing` : null)
  if (!inProcess) return null
  // A dossier not yet handed to processing has nothing to show here (the status notice says enough).
  if (api.data && !api.data.started) return null
  if (api.error?.status === 404) return null
  return (
    <div data-testid="citizen-result" data-state={api.loading ? 'loading' : api.error ? 'error' : 'ready'}>
      <Section id="dossier-result" title={t('pr.citizen.title')}>
        {api.error && <Alert type="error" showIcon message={api.error.localized} />}
        {!api.data && api.loading && <Spin />}
        {api.data && <Content view={api.data} code={d.code} onRated={api.reload} />}
      </Section>
    </div>
  )
}
