import { useEffect, useState, type ReactNode } from 'react'
import { Alert, Button, Card, Form, Input, Layout, Spin, Typography } from 'antd'
import { Link, useNavigate } from 'react-router-dom'
import { OfficerLogin, TotpCode } from '@congso/contracts'
import { useT } from '../../i18n/index.tsx'
import { post } from '../../api/client.ts'
import type { Me } from '../../api/types.ts'
import { useAuth } from '../../auth/AuthContext.tsx'
import { useErrorHandler, validateWith } from '../../lib/forms.ts'
import { usePageTitle } from '../../lib/usePageTitle.ts'
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx'
import { TotpCodeField, TotpEnrolment } from '../../components/TotpEnrolment.tsx'
import { ChangePasswordForm } from '../../components/ChangePasswordForm.tsx'

function Shell({ children }: { children: ReactNode }) {
  const t = useT()
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <Layout.Header className="cs-header">
        <Link to="/" className="cs-brand">
          {t('app.title')}
        </Link>
        <LanguageSwitch className="cs-lang" />
      </Layout.Header>
      <Layout.Content id="main" tabIndex={-1} className="cs-main cs-content">
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

export default function AdminLoginPage() {
  const t = useT()
  const { me, loading, logout, setMe } = useAuth()
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
          <TotpCodeField />
        </StepForm>
      )}
      {stage === 'totp_setup' && <TotpEnrolment onEnabled={setMe} centered />}
      {stage === 'password_change' && (
        <>
          <Typography.Paragraph>{t('alogin.pwHelp')}</Typography.Paragraph>
          <ChangePasswordForm onChanged={setMe} submitLabel={t('alogin.pwTitle')} size="large" block />
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
