import { useState, type ReactNode } from 'react'
import { Alert, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useI18n } from '../../i18n/index.tsx'
import { useRevalidateOnLangChange } from '../../lib/forms.ts'
import { NativeSelect } from '../dossier/common.tsx'
import type { DossierDetailT } from '../dossier/types.ts'
import { ResultFileField } from './ResultFileField.tsx'
import { POSTAL_STATUSES, type ProcessingActionNameT, type ProcessingViewT } from './types.ts'
import type { Attempt, useProcessingRun } from './useProcessingRun.ts'

export const DATE_TIME_FORMAT = 'DD/MM/YYYY HH:mm'

interface Values {
  userId?: string
  reason?: string
  toStepId?: string
  opinion?: string
  targetAgencyId?: string
  question?: string
  workingDays?: number | null
  consultId?: string
  answer?: string
  agencyId?: string
  newDueAt?: Dayjs | null
  fileId?: string
  seal?: boolean
  postalTracking?: string
  status?: string
}

type Run = ReturnType<typeof useProcessingRun>

interface Props {
  action: ProcessingActionNameT
  view: ProcessingViewT
  dossier: DossierDetailT
  attempt: Attempt
  run: Run['run']
  markInvalid: Run['markInvalid']
  /** `answer_consult`: the consultation to answer first. */
  consultId?: string
  /** Closed; with the new processing view when the action went through. */
  onClose: (next?: ProcessingViewT) => void
}

/** `''` (an empty select) is no value. */
const opt = (s: string | undefined) => (s ? s : undefined)

/** The form's values as the action's body (without the version); the contract checks it before sending. */
function toInput(action: ProcessingActionNameT, v: Values): Record<string, unknown> {
  switch (action) {
    case 'start':
    case 'resume':
      return {}
    case 'assign':
      return { userId: opt(v.userId) ?? null }
    case 'reassign':
      return { userId: opt(v.userId) ?? null, reason: v.reason }
    case 'forward':
      return { toStepId: v.toStepId, opinion: v.opinion, ...(opt(v.userId) ? { userId: v.userId } : {}) }
    case 'return':
      return { toStepId: v.toStepId, reason: v.reason }
    case 'consult':
      return { targetAgencyId: v.targetAgencyId, question: v.question, workingDays: v.workingDays ?? undefined }
    case 'answer_consult':
      return { consultId: v.consultId, answer: v.answer }
    case 'transfer':
      return { agencyId: v.agencyId, reason: v.reason }
    case 'approve':
      return { opinion: v.opinion }
    case 'refuse':
    case 'pause':
      return { reason: v.reason }
    case 'apologize':
      return { newDueAt: v.newDueAt ? v.newDueAt.second(0).millisecond(0).format() : undefined, reason: v.reason }
    case 'attach_result':
      return { fileId: v.fileId, ...(v.seal ? { seal: true } : {}) }
    case 'generate_result':
      return v.seal ? { seal: true } : {}
    case 'return_result':
      return v.postalTracking?.trim() ? { postalTracking: v.postalTracking } : {}
    case 'postal_status':
      return { status: v.status }
  }
}

/**
 * The dialog of one processing action: what it does, its fields (targets, assignees and agencies
 * come from the processing view), and the confirm button named after the action. Mounted per
 * opening, so it always starts empty.
 */
export function ActionModal({ action, view, dossier: d, attempt, run, markInvalid, consultId, onClose }: Props) {
  const { t } = useI18n()
  const [form] = Form.useForm<Values>()
  useRevalidateOnLangChange(form)
  // Problems of attempts made in this dialog only (not of an earlier one).
  const [firstAttempt] = useState(attempt.n + 1)
  const label = t(`pr.act.${action}`)
  const openConsults = view.consultations.filter((c) => c.answeredAt === null)

  const submit = async () => {
    let v: Values
    try {
      v = await form.validateFields()
    } catch {
      markInvalid()
      return
    }
    const next = await run({ action, ...toInput(action, v) }, form)
    if (next) onClose(next)
  }

  const textRules = (min = 3) => [
    { required: true, whitespace: true, message: t('pr.f.requiredText') },
    { min, message: t('officer.reasonMin', { n: min }) },
  ]
  const text = (name: keyof Values, labelText: string, max: number, rows = 3) => (
    <Form.Item name={name} label={labelText} rules={textRules()}>
      <Input.TextArea rows={rows} maxLength={max} showCount />
    </Form.Item>
  )
  const select = (
    name: keyof Values,
    labelText: string,
    options: { value: string; label: string }[],
    required = true,
    extra?: ReactNode,
  ) => (
    <Form.Item name={name} label={labelText} extra={extra} rules={required ? [{ required: true, message: t('pr.f.requiredSelect') }] : []}>
      <NativeSelect options={options} placeholder={t('pr.f.select')} style={{ width: '100%' }} />
    </Form.Item>
  )
  const named = (list: { id: string; name: string }[]) => list.map((x) => ({ value: x.id, label: x.name }))
  const assignees = view.assignees.map((a) => ({ value: a.userId, label: a.unitName ? `${a.name} — ${a.unitName}` : a.name }))
  const only = (list: { id: string }[]) => (list.length === 1 ? list[0]?.id : undefined)

  const fields = (): ReactNode => {
    switch (action) {
      case 'start':
      case 'resume':
        return null
      case 'assign':
        return select('userId', t('pr.f.assignee'), assignees)
      case 'reassign':
        return (
          <>
            {select('userId', t('pr.f.assignee'), assignees)}
            {text('reason', t('pr.f.reason'), 1000)}
          </>
        )
      case 'forward':
        return (
          <>
            {select('toStepId', t('pr.f.toStep'), named(view.forwardTargets))}
            {text('opinion', t('pr.f.opinion'), 2000, 4)}
            {assignees.length > 0 && select('userId', t('pr.f.nextAssignee'), assignees, false)}
          </>
        )
      case 'return':
        return (
          <>
            {select('toStepId', t('pr.f.returnStep'), named(view.returnTargets))}
            {text('reason', t('pr.f.reason'), 2000, 4)}
          </>
        )
      case 'consult':
        return (
          <>
            {select('targetAgencyId', t('pr.f.consultAgency'), named(view.consultTargets))}
            {text('question', t('pr.f.question'), 2000, 4)}
            <Form.Item
              name="workingDays"
              label={t('pr.f.workingDays')}
              rules={[
                { required: true, message: t('pr.f.workingDaysRange') },
                { type: 'number', min: 0.5, max: 60, message: t('pr.f.workingDaysRange') },
              ]}
            >
              <InputNumber min={0.5} max={60} step={0.5} decimalSeparator="," style={{ width: 160 }} />
            </Form.Item>
          </>
        )
      case 'answer_consult':
        return (
          <>
            {select(
              'consultId',
              t('pr.f.consultation'),
              openConsults.map((c) => ({ value: c.id, label: `${c.agencyName}: ${c.question}` })),
            )}
            {text('answer', t('pr.f.answer'), 4000, 5)}
          </>
        )
      case 'transfer':
        return (
          <>
            {select('agencyId', t('pr.f.transferAgency'), named(view.transferTargets))}
            {text('reason', t('pr.f.transferReason'), 1000)}
          </>
        )
      case 'approve':
        return text('opinion', t('pr.f.approveOpinion'), 2000, 4)
      case 'refuse':
        return text('reason', t('pr.f.refuseReason'), 2000, 4)
      case 'pause':
        return text('reason', t('pr.f.pauseReason'), 1000)
      case 'apologize':
        return (
          <>
            <Form.Item
              name="newDueAt"
              label={t('pr.f.newDueAt')}
              extra={t('pr.f.newDueAtHelp')}
              rules={[
                { required: true, message: t('pr.f.newDueAtRequired') },
                {
                  validator: (_, v: Dayjs | null | undefined) =>
                    !v || v.isAfter(dayjs()) ? Promise.resolve() : Promise.reject(new Error(t('pr.f.newDueAtPast'))),
                },
              ]}
            >
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format={DATE_TIME_FORMAT}
                needConfirm={false}
                placeholder={t('pr.f.dateTimePlaceholder')}
                disabledDate={(day) => day.isBefore(dayjs(), 'day')}
                style={{ width: 220 }}
              />
            </Form.Item>
            {text('reason', t('pr.f.apologyReason'), 2000, 4)}
          </>
        )
      case 'attach_result':
        return (
          <>
            <Form.Item name="fileId" label={t('pr.f.resultFile')} rules={[{ required: true, message: t('pr.f.fileRequired') }]}>
              <ResultFileField />
            </Form.Item>
            <Form.Item name="seal" valuePropName="checked" extra={t('pr.f.sealHelp')}>
              <Checkbox>{t('pr.f.seal')}</Checkbox>
            </Form.Item>
          </>
        )
      case 'generate_result':
        return (
          <Form.Item name="seal" valuePropName="checked" extra={t('pr.f.sealHelp')}>
            <Checkbox>{t('pr.f.seal')}</Checkbox>
          </Form.Item>
        )
      case 'return_result':
        return (
          <>
            <Typography.Paragraph>
              <strong>{t('pr.f.returnChannel')}:</strong> {t(`returnChannel.${d.returnChannel}`)}
              {d.returnChannel === 'post' && d.returnAddress && <span className="cs-muted"> — {d.returnAddress}</span>}
            </Typography.Paragraph>
            {d.returnChannel === 'post' && (
              <Form.Item
                name="postalTracking"
                label={t('pr.f.postalTracking')}
                extra={t('pr.f.postalTrackingHelp')}
                rules={[
                  { required: true, whitespace: true, message: t('pr.f.postalTrackingRequired') },
                  { min: 4, max: 40, message: t('pr.f.postalTrackingLength') },
                ]}
              >
                <Input maxLength={40} autoComplete="off" className="cs-mono" style={{ maxWidth: 280 }} />
              </Form.Item>
            )}
          </>
        )
      case 'postal_status':
        return select(
          'status',
          t('pr.f.postalStatus'),
          POSTAL_STATUSES.map((s) => ({ value: s, label: t(`pr.postal.${s}`) })),
        )
    }
  }

  const initialValues: Values = {
    toStepId: action === 'forward' ? only(view.forwardTargets) : action === 'return' ? only(view.returnTargets) : undefined,
    consultId: consultId ?? openConsults[0]?.id,
    workingDays: 5,
  }
  const problem = attempt.n >= firstAttempt && attempt.state === 'error' ? attempt.problem : undefined

  return (
    <Modal
      open
      title={t('pr.modal.title', { action: label, code: d.code })}
      okText={label}
      okButtonProps={{ danger: action === 'refuse' }}
      cancelText={t('common.cancel')}
      confirmLoading={attempt.state === 'busy'}
      onOk={() => void submit()}
      onCancel={() => onClose()}
      maskClosable={false}
    >
      <div data-testid={`processing-form-${action}`}>
        {action === 'apologize' ? (
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('pr.text.apologize')} />
        ) : (
          <Typography.Paragraph>{t(`pr.text.${action}`)}</Typography.Paragraph>
        )}
        <Form<Values> form={form} layout="vertical" initialValues={initialValues} onFinish={() => void submit()}>
          {fields()}
        </Form>
        {problem && <Alert type="error" showIcon role="alert" message={problem} data-testid="processing-error" />}
      </div>
    </Modal>
  )
}
