import { useEffect, useRef, useState, type ReactNode } from 'react'
import { Alert, Button, Card, Form, Input, Layout, Spin, Typography } from 'antd'
import { Link, useNavigate } from 'react-router-dom'
import { ChangePassword, OfficerLogin, TotpCode } from '@congso/contracts'
import { useT } from '../../i18n/index.tsx'
import { post } from '../../api/client.ts'
import type { Me, TotpSetupT } from '../../api/types.ts'
import { useAuth } from '../../auth/AuthContext.tsx'
import { useErrorHandler, validateWith } from '../../lib/forms.ts'
import { usePageTitle } from '../../lib/usePageTitle.ts'
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx'

function Shell({ children }: { children: ReactNode }) {
  const t = useT()
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="cs-header">
        <Link to="/" className="cs-brand">
          {t('app.title')}
        </Link>
        <LanguageSwitch className="cs-lang" />
      </Layout.Header>
      <Layout.Content id="main" className="cs-main cs-content">
        <Card className="cs-auth-card">{children}</Card>
      </Layout.Content>
    </Layout>
  )
}

/** One step of the sign-in: a small form posting to `url` and storing the returned Me. */
function StepForm<V extends object>(props: {
  url: string
  schema: Parameters<typeof validateWith>[0]
  toBody?: (v: V) => unknown
  submitLabel: string
  submitTestId?: string
  children: ReactNode
}) {
  const [form] = Form.useForm<V>()
  const [busy, setBusy] = useState(false)
  const { setMe } = useAuth()
  const onError = useErrorHandler()
  const submit = async (values: V) => {
    const body = props.toBody ? props.toBody(values) : values
    if (!validateWith(props.schema, body, form)) return
    setBusy(true)
    try {
      setMe(await post<Me>(props.url, body))
    } catch (e) {
      onError(e, form)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
      {props.children}
      <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid={props.submitTestId}>
        {props.submitLabel}
      </Button>
    </Form>
  )
}

function TotpInput() {
  const t = useT()
  return (
    <Form.Item name="code" label={t('alogin.totpLabel')} extra={t('alogin.totpHelp')} rules={[{ required: true }]}>
      <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} size="large" data-testid="totp-code" />
    </Form.Item>
  )
}

function TotpSetupStep() {
  const t = useT()
  const onError = useErrorHandler()
  const [setup, setSetup] = useState<TotpSetupT>()
  const started = useRef(false)
  useEffect(() => {
    // Each call issues a new secret: request it once per visit of this step.
    if (started.current) return
    started.current = true
    post<TotpSetupT>('/auth/totp/setup').then(setSetup, (e: unknown) => onError(e))
  }, [onError])
  return (
    <>
      <Typography.Paragraph>{t('alogin.setupHelp')}</Typography.Paragraph>
      {!setup ? (
        <Spin />
      ) : (
        <div style={{ textAlign: 'center', marginBottom: 16 }}>
          <img src={setup.qrDataUrl} alt={t('alogin.qrAlt')} width={200} height={200} />
          <p>
            {t('alogin.secret')}: <code data-testid="totp-secret">{setup.secret}</code>
          </p>
        </div>
      )}
      <StepForm url="/auth/totp/enable" schema={TotpCode} submitLabel={t('alogin.enable')} submitTestId="totp-submit">
        <TotpInput />
      </StepForm>
    </>
  )
}

export default function AdminLoginPage() {
  const t = useT()
  const { me, loading, logout } = useAuth()
  const navigate = useNavigate()
  const officer = me?.kind === 'officer' ? me : null
  const stage = officer?.stage ?? 'credentials'
  usePageTitle(t('alogin.title'))

  useEffect(() => {
    if (stage === 'ok') void navigate('/quan-tri', { replace: true })
  }, [stage, navigate])

  if (loading || stage === 'ok') {
    return (
      <Shell>
        <Spin />
      </Shell>
    )
  }

  const titles = {
    credentials: t('alogin.title'),
    totp_required: t('alogin.totpTitle'),
    totp_setup: t('alogin.setupTitle'),
    password_change: t('alogin.pwTitle'),
  } as const

  return (
    <Shell>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {titles[stage]}
      </Typography.Title>
      {me?.kind === 'citizen' && <Alert type="warning" showIcon message={t('alogin.notOfficer')} style={{ marginBottom: 16 }} />}
      {stage === 'credentials' && (
        <StepForm url="/auth/officer/login" schema={OfficerLogin} submitLabel={t('login.submit')} submitTestId="login-submit">
          <Form.Item name="username" label={t('alogin.username')} rules={[{ required: true }]}>
            <Input autoComplete="username" size="large" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" size="large" />
          </Form.Item>
        </StepForm>
      )}
      {stage === 'totp_required' && (
        <StepForm url="/auth/totp/verify" schema={TotpCode} submitLabel={t('alogin.verify')} submitTestId="totp-submit">
          <TotpInput />
        </StepForm>
      )}
      {stage === 'totp_setup' && <TotpSetupStep />}
      {stage === 'password_change' && (
        <>
          <Typography.Paragraph>{t('alogin.pwHelp')}</Typography.Paragraph>
          <StepForm<{ currentPassword: string; newPassword: string; confirm: string }>
            url="/auth/password"
            schema={ChangePassword}
            toBody={(v) => ({ currentPassword: v.currentPassword, newPassword: v.newPassword })}
            submitLabel={t('alogin.pwTitle')}
            submitTestId="password-submit"
          >
            <Form.Item name="currentPassword" label={t('alogin.currentPw')} rules={[{ required: true }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Form.Item name="newPassword" label={t('alogin.newPw')} extra={t('register.passwordHelp')} rules={[{ required: true }]}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              name="confirm"
              label={t('alogin.confirmPw')}
              dependencies={['newPassword']}
              rules={[
                { required: true },
                ({ getFieldValue }) => ({
                  validator: (_, v: string | undefined) =>
                    !v || getFieldValue('newPassword') === v ? Promise.resolve() : Promise.reject(new Error(t('register.mismatch'))),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </StepForm>
        </>
      )}
      {stage !== 'credentials' && (
        <Button type="link" style={{ marginTop: 12, paddingLeft: 0 }} onClick={() => void logout()}>
          {t('alogin.startOver')}
        </Button>
      )}
    </Shell>
  )
}
