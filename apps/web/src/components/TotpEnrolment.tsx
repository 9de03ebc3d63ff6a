import { useEffect, useRef, useState } from 'react'
import { Button, Form, Input, Space, Spin, Typography } from 'antd'
import { TotpCode } from '@congso/contracts'
import { useT } from '../i18n/index.tsx'
import { post } from '../api/client.ts'
import type { Me, TotpSetupT } from '../api/types.ts'
import { useErrorHandler, useRevalidateOnLangChange, validateWith } from '../lib/forms.ts'

/** The 6-digit code field (name `code`) of the TOTP steps. */
export function TotpCodeField({ size = 'large' }: { size?: 'middle' | 'large' }) {
  const t = useT()
  return (
    <Form.Item name="code" label={t('alogin.totpLabel')} extra={t('alogin.totpHelp')} rules={[{ required: true }]}>
      <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} size={size} data-testid="totp-code" />
    </Form.Item>
  )
}

/**
 * TOTP enrolment: requests a new secret once (`POST /auth/totp/setup`), shows its QR code and the
 * secret, then confirms it with a code (`POST /auth/totp/enable`). Used by the sign-in step for
 * admins and by the account pages.
 */
export function TotpEnrolment(props: {
  onEnabled: (me: Me) => void
  onCancel?: () => void
  size?: 'middle' | 'large'
  /** Centre the QR code (the narrow sign-in card) instead of aligning it left. */
  centered?: boolean
}) {
  const t = useT()
  const onError = useErrorHandler()
  const [form] = Form.useForm<{ code: string }>()
  useRevalidateOnLangChange(form)
  const [setup, setSetup] = useState<TotpSetupT>()
  const [busy, setBusy] = useState(false)
  const started = useRef(false)
  useEffect(() => {
    // Each call issues a new secret: request it once per mount.
    if (started.current) return
    started.current = true
    post<TotpSetupT>('/auth/totp/setup').then(setSetup, (e: unknown) => onError(e))
  }, [onError])

  const submit = async (values: { code: string }) => {
    const body = validateWith(TotpCode, { code: (values.code ?? '').trim() }, form)
    if (!body) return
    setBusy(true)
    try {
      props.onEnabled(await post<Me>('/auth/totp/enable', body))
    } catch (e) {
      onError(e, form)
    } finally {
      setBusy(false)
    }
  }

  const size = props.size ?? 'large'
  const submitButton = (
    <Button type="primary" htmlType="submit" block={!props.onCancel} size={size} loading={busy} disabled={!setup} data-testid="totp-submit">
      {t('alogin.enable')}
    </Button>
  )
  return (
    <>
      <Typography.Paragraph>{t('alogin.setupHelp')}</Typography.Paragraph>
      {!setup ? (
        <Spin />
      ) : (
        <div style={{ textAlign: props.centered ? 'center' : 'left', marginBottom: 16 }}>
          <img src={setup.qrDataUrl} alt={t('alogin.qrAlt')} width={200} height={200} />
          <p>
            {t('alogin.secret')}:{' '}
            <Typography.Text code copyable={{ text: setup.secret }} className="cs-secret" data-testid="totp-secret">
              {setup.secret}
            </Typography.Text>
          </p>
        </div>
      )}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} style={props.onCancel ? { maxWidth: 360 } : undefined}>
        <TotpCodeField size={size} />
        {props.onCancel ? (
          <Space wrap>
            {submitButton}
            <Button size={size} onClick={props.onCancel}>
              {t('common.cancel')}
            </Button>
          </Space>
        ) : (
          submitButton
        )}
      </Form>
    </>
  )
}
