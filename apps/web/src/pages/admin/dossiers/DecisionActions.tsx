import { useState } from 'react'
import { Button, Form, Input, InputNumber, Modal, Space } from 'antd'
import { CheckOutlined, ClockCircleOutlined, CloseOutlined, FileSearchOutlined } from '@ant-design/icons'
import { useI18n } from '../../../i18n/index.tsx'
import { useRevalidateOnLangChange } from '../../../lib/forms.ts'
import { SupplementRequestModal } from './SupplementRequestModal.tsx'
import type { DossierDetailT } from './types.ts'
import { useDecision, type DecisionPath } from './useDecision.ts'

export type DecisionKind = 'accept' | 'supplement' | 'refuse' | 'extend'

interface Props {
  dossier: DossierDetailT
  /** A decision went through: the updated dossier. */
  onDone: (next: DossierDetailT, kind: DecisionKind) => void
  /** The dossier changed under the officer: reload it. */
  onConflict: () => void
}

/** What each dialog gets: the decision runner, and closing (with the updated dossier when it went through). */
interface ModalProps {
  dossier: DossierDetailT
  busy: boolean
  run: ReturnType<typeof useDecision>['run']
  onClose: (next?: DossierDetailT) => void
}

function AcceptModal({ dossier: d, busy, run, onClose }: ModalProps) {
  const { t } = useI18n()
  const [form] = Form.useForm<{ note?: string }>()
  const submit = async () => {
    const note = (await form.validateFields()).note?.trim()
    const next = await run('accept', note ? { note } : {}, form)
    if (next) onClose(next)
  }
  return (
    <Modal
      open
      title={t('officer.accept.title', { code: d.code })}
      okText={t('officer.act.accept')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={() => onClose()}
    >
      <p>{t('officer.accept.text')}</p>
      <Form form={form} layout="vertical">
        <Form.Item name="note" label={t('officer.accept.note')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

function RefuseModal({ dossier: d, busy, run, onClose }: ModalProps) {
  const { t } = useI18n()
  const [form] = Form.useForm<{ reason: string }>()
  useRevalidateOnLangChange(form)
  const submit = async () => {
    const v = await form.validateFields()
    const next = await run('refuse', { reason: v.reason.trim() }, form)
    if (next) onClose(next)
  }
  return (
    <Modal
      open
      title={t('officer.refuse.title', { code: d.code })}
      okText={t('officer.act.refuse')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={() => onClose()}
    >
      <p>{t('officer.refuse.text')}</p>
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('officer.refuse.reason')}
          rules={[
            { required: true, whitespace: true, message: t('officer.refuse.reasonRequired') },
            { min: 5, message: t('officer.reasonMin', { n: 5 }) },
          ]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  )
}

function ExtendModal({ dossier: d, busy, run, onClose }: ModalProps) {
  const { t } = useI18n()
  const [form] = Form.useForm<{ workingDays: number; reason: string }>()
  useRevalidateOnLangChange(form)
  const submit = async () => {
    const v = await form.validateFields()
    const next = await run('extend', { workingDays: v.workingDays, reason: v.reason.trim() }, form)
    if (next) onClose(next)
  }
  return (
    <Modal
      open
      title={t('officer.extend.title', { code: d.code })}
      okText={t('officer.act.extend')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={() => onClose()}
    >
      <p>{t('officer.extend.text')}</p>
      <Form form={form} layout="vertical" initialValues={{ workingDays: 1 }}>
        <Form.Item
          name="workingDays"
          label={t('officer.extend.days')}
          extra={t('officer.extend.daysHelp')}
          rules={[
            { required: true, message: t('officer.extend.daysRequired') },
            {
              validator: (_, v: unknown) =>
                typeof v !== 'number' || (v >= 0.5 && v <= 365 && Number.isInteger(v * 2))
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('officer.extend.daysStep'))),
            },
          ]}
        >
          <InputNumber min={0.5} max={365} step={0.5} decimalSeparator="," style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('officer.extend.reason')}
          rules={[
            { required: true, whitespace: true, message: t('officer.extend.reasonRequired') },
            { min: 5, message: t('officer.reasonMin', { n: 5 }) },
          ]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  )
}

/**
 * The receiving officer's (and leaders') decision buttons, as `allowedActions` allows, each with its
 * dialog (mounted per opening, so every dialog starts empty).
 */
export function DecisionActions({ dossier: d, onDone, onConflict }: Props) {
  const { t } = useI18n()
  const [open, setOpen] = useState<DecisionKind | null>(null)
  const { run, busy } = useDecision(d, () => {
    setOpen(null)
    onConflict()
  })
  const can = (a: DossierDetailT['allowedActions'][number]) => d.allowedActions.includes(a)
  if (!can('accept') && !can('request_supplement') && !can('refuse') && !can('extend')) return null

  const modal = (kind: DecisionKind): ModalProps => ({
    dossier: d,
    busy,
    run,
    onClose: (next) => {
      setOpen(null)
      if (next) onDone(next, kind)
    },
  })
  const supplement = modal('supplement')

  return (
    <>
      <Space wrap data-testid="decision-actions">
        {can('accept') && (
          <Button type="primary" icon={<CheckOutlined aria-hidden />} onClick={() => setOpen('accept')}>
            {t('officer.act.accept')}
          </Button>
        )}
        {can('request_supplement') && (
          <Button icon={<FileSearchOutlined aria-hidden />} onClick={() => setOpen('supplement')}>
            {t('officer.act.supplement')}
          </Button>
        )}
        {can('refuse') && (
          <Button danger icon={<CloseOutlined aria-hidden />} onClick={() => setOpen('refuse')}>
            {t('officer.act.refuse')}
          </Button>
        )}
        {can('extend') && (
          <Button icon={<ClockCircleOutlined aria-hidden />} onClick={() => setOpen('extend')}>
            {t('officer.act.extend')}
          </Button>
        )}
      </Space>
      {open === 'accept' && <AcceptModal {...modal('accept')} />}
      {open === 'refuse' && <RefuseModal {...modal('refuse')} />}
      {open === 'extend' && <ExtendModal {...modal('extend')} />}
      {open === 'supplement' && (
        <SupplementRequestModal
          dossier={d}
          busy={busy}
          onCancel={() => supplement.onClose()}
          onSubmit={async (body, form) => {
            const next = await run('supplement-request' satisfies DecisionPath, body, form)
            if (next) supplement.onClose(next)
          }}
        />
      )}
    </>
  )
}
