import { useState } from 'react'
import { Alert, Button, Descriptions, Form, Input, InputNumber, Space } from 'antd'
import { SignatureOutlined } from '@ant-design/icons'
import { SealRequest, type SealInfo, type SignedFile } from '@congso/contracts'
import { ApiError, post } from '../../../api/client.ts'
import type { ApiState } from '../../../api/hooks.ts'
import { useI18n } from '../../../i18n/index.tsx'
import { useRevalidateOnLangChange, validateWith } from '../../../lib/forms.ts'
import { formatVnDate } from '../../../components/signatures/format.ts'
import { SigTag } from '../../../components/signatures/parts.tsx'
import { RadioField } from '../dossiers/RadioField.tsx'
import type { PositionPreset } from './access.ts'

const labelStyle = { width: '30%', fontWeight: 600, color: 'rgba(0,0,0,0.88)' }

/** Whether the agency seal can be used (a certificate, no problem). */
export const sealReady = (seal: SealInfo | undefined) => Boolean(seal?.configured && seal.certificate && !seal.problem)

/** The officer's agency seal: whose, which certificate and until when, or why it cannot be used. */
export function SealInfoView({ seal }: { seal: ApiState<SealInfo> }) {
  const { t } = useI18n()
  if (seal.error) return <Alert type="warning" showIcon message={seal.error.localized} data-testid="seal-info-error" />
  const s = seal.data
  if (!s) return null
  const ready = sealReady(s)
  const status = ready ? 'ready' : s.configured ? 'unusable' : 'notConfigured'
  const items = [
    { key: 'agency', label: t('sig.seal.agency'), children: s.agencyName },
    {
      key: 'status',
      label: t('sig.seal.status'),
      children: (
        <>
          <span data-status={status}>
            <SigTag color={ready ? 'green' : s.configured ? 'red' : 'grey'}>{t(`sig.seal.${status}`)}</SigTag>
          </span>
          {s.problem && <div style={{ marginTop: 4 }}>{s.problem}</div>}
        </>
      ),
    },
  ]
  if (s.certificate) {
    items.push(
      {
        key: 'certificate',
        label: t('sig.seal.certificate'),
        children: (
          <>
            <div>{s.certificate.commonName}</div>
            <div className="cs-muted" style={{ wordBreak: 'break-word', fontSize: 13 }}>
              {s.certificate.subject}
            </div>
          </>
        ),
      },
      { key: 'issuer', label: t('sig.seal.issuer'), children: <span style={{ wordBreak: 'break-word' }}>{s.certificate.issuer}</span> },
      {
        key: 'validity',
        label: t('sig.seal.validity'),
        children: t('sig.cert.validityRange', { from: formatVnDate(s.certificate.notBefore), to: formatVnDate(s.certificate.notAfter) }),
      },
    )
  }
  items.push({
    key: 'timestamping',
    label: t('sig.seal.timestamping'),
    children: <>{t(s.timestamping ? 'sig.seal.tsOn' : 'sig.seal.tsOff')}</>,
  })
  return <Descriptions bordered size="small" column={1} styles={{ label: labelStyle }} items={items} data-testid="seal-info" />
}

interface Values {
  page: number | null
  position: PositionPreset
  x1?: number | null
  y1?: number | null
  x2?: number | null
  y2?: number | null
  reason?: string
}

interface Props {
  fileId: string
  seal: ApiState<SealInfo>
  onSigned: (signed: SignedFile) => void
}

/** Page, position preset (or custom rectangle) and reason, then "Ký số bằng chứng thư số của cơ quan" (for clerks and agency leaders). */
export function SealForm({ fileId, seal, onSigned }: Props) {
  const { t } = useI18n()
  const [form] = Form.useForm<Values>()
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string>()
  // `data-attempt`/`data-state` on the form let tests wait for this click's outcome.
  const [attempt, setAttempt] = useState<{ n: number; state: 'idle' | 'busy' | 'invalid' | 'error' | 'done' }>({ n: 0, state: 'idle' })
  useRevalidateOnLangChange(form)
  const position = Form.useWatch('position', form) ?? 'bottomRight'
  const blocked = seal.loading || (seal.data ? !sealReady(seal.data) : Boolean(seal.error))

  const sign = async (v: Values) => {
    setProblem(undefined)
    const n = attempt.n + 1
    // Top right is the Decree 30 mark of an electronic copy or attachment: no seal image, the server places it.
    const rect = v.position === 'custom' ? [Number(v.x1), Number(v.y1), Number(v.x2), Number(v.y2)] : undefined
    const appearance = v.position === 'topRight' ? 'copy' : 'seal'
    const reason = v.reason?.trim()
    const body = validateWith(
      SealRequest,
      { fileId, page: v.page ?? 1, appearance, ...(rect ? { rect } : {}), ...(reason ? { reason } : {}) },
      form,
    )
    if (!body) {
      setAttempt({ n, state: 'invalid' })
      return
    }
    setBusy(true)
    setAttempt({ n, state: 'busy' })
    try {
      const signed = await post<SignedFile>('/signatures/seal', body)
      setAttempt({ n, state: 'done' })
      onSigned(signed)
    } catch (e) {
      setAttempt({ n, state: 'error' })
      if (e instanceof ApiError && e.code === 'SIGNATURE_PAGE_OUT_OF_RANGE') form.setFields([{ name: 'page', errors: [e.localized] }])
      else setProblem(e instanceof ApiError ? e.localized : t('common.error'))
    } finally {
      setBusy(false)
    }
  }

  const coordinate = (name: 'x1' | 'y1' | 'x2' | 'y2') => (
    <Form.Item
      key={name}
      name={name}
      label={t(`sig.sign.${name}`)}
      rules={[
        { required: true },
        ...(name === 'x2' || name === 'y2'
          ? [
              {
                validator: (_: unknown, value: number | null) => {
                  const low = form.getFieldValue(name === 'x2' ? 'x1' : 'y1') as number | null | undefined
                  return value == null || low == null || value > low
                    ? Promise.resolve()
                    : Promise.reject(new Error(t(name === 'x2' ? 'sig.sign.x2Invalid' : 'sig.sign.y2Invalid')))
                },
              },
            ]
          : []),
      ]}
      dependencies={name === 'x2' ? ['x1'] : name === 'y2' ? ['y1'] : []}
      style={{ marginBottom: 8 }}
    >
      <InputNumber min={0} max={14400} precision={0} style={{ width: 130 }} />
    </Form.Item>
  )

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      noValidate
      initialValues={{ page: 1, position: 'bottomRight', reason: t('sig.sign.reasonDefault'), x1: 330, y1: 40, x2: 565, y2: 130 }}
      onFinish={(v) => void sign(v)}
      onFinishFailed={() => setAttempt((a) => ({ n: a.n + 1, state: 'invalid' }))}
      data-testid="seal-form"
      data-attempt={attempt.n}
      data-state={attempt.state}
    >
      <Form.Item name="page" label={t('sig.sign.page')} extra={t('sig.sign.pageHelp')} rules={[{ required: true }]}>
        <InputNumber min={1} max={10000} precision={0} style={{ width: 130 }} />
      </Form.Item>
      <Form.Item name="position" label={t('sig.sign.position')} extra={position === 'custom' ? t('sig.sign.posHelp') : undefined}>
        <RadioField<PositionPreset>
          label={t('sig.sign.position')}
          options={[
            { value: 'bottomRight', label: t('sig.sign.pos.bottomRight') },
            { value: 'topRight', label: t('sig.sign.pos.topRight') },
            { value: 'custom', label: t('sig.sign.pos.custom') },
          ]}
        />
      </Form.Item>
      {position === 'custom' && (
        <div role="group" aria-label={t('sig.sign.pos.custom')} style={{ marginBottom: 16 }}>
          <Space wrap size={16} align="start">
            {(['x1', 'y1', 'x2', 'y2'] as const).map(coordinate)}
          </Space>
        </div>
      )}
      <Form.Item name="reason" label={t('sig.sign.reason')}>
        <Input maxLength={200} style={{ maxWidth: 480 }} />
      </Form.Item>
      {problem && <Alert type="error" showIcon role="alert" message={problem} style={{ marginBottom: 16 }} data-testid="sign-problem" />}
      {blocked && !seal.loading && (
        <Alert type="warning" showIcon message={t('sig.sign.sealNotReady')} style={{ marginBottom: 12 }} data-testid="seal-not-ready" />
      )}
      <Button type="primary" size="large" htmlType="submit" icon={<SignatureOutlined aria-hidden />} loading={busy} disabled={blocked}>
        {t('sig.sign.submit')}
      </Button>
    </Form>
  )
}
