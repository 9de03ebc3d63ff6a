import { useState } from 'react'
import { App, Button, Card, Divider, Form, Input, Typography } from 'antd'
import { Link, useNavigate, useSearchParams } from 'react-router-dom'
import { CitizenLogin, TotpCode } from '@congso/contracts'
import { useT } from '../../i18n/index.tsx'
import { post } from '../../api/client.ts'
import { useApi } from '../../api/hooks.ts'
import type { Me, OidcConfig } from '../../api/types.ts'
import { useAuth } from '../../auth/AuthContext.tsx'
import { useErrorHandler, validateWith } from '../../lib/forms.ts'
import { usePageTitle } from '../../lib/usePageTitle.ts'
import { TotpCodeField } from '../../components/TotpEnrolment.tsx'

interface Values {
  login: string
  password: string
}

export function OidcButton() {
  const t = useT()
  const oidc = useApi<OidcConfig>('/auth/oidc')
  if (!oidc.data?.enabled) return null
  return (
    <>
      <Divider plain>{t('login.or')}</Divider>
      <Button block size="large" href="/api/v1/auth/oidc/start" data-testid="oidc-login">
        {t('login.oidc')}
      </Button>
    </>
  )
}

/** `?next=/path` of a page that sent the visitor here; only same-site paths are followed. */
export function safeNext(raw: string | null): string | null {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return null
  return raw
}

export function CitizenLoginPage() {
  const t = useT()
  const [params] = useSearchParams()
  const next = safeNext(params.get('next'))
  const [form] = Form.useForm<Values>()
  const [totpForm] = Form.useForm<{ code: string }>()
  const [busy, setBusy] = useState(false)
  // A citizen who turned on TOTP on their account page is asked for the code after the password.
  const [needsTotp, setNeedsTotp] = useState(false)
  const { setMe } = useAuth()
  const navigate = useNavigate()
  const { message } = App.useApp()
  const onError = useErrorHandler()
  usePageTitle(t('login.title'))

  const done = () => {
    void message.success(t('login.success'))
    void navigate(next ?? '/', { replace: next !== null })
  }

  const verify = async (values: { code: string }) => {
    const body = validateWith(TotpCode, values, totpForm)
    if (!body) return
    setBusy(true)
    try {
      setMe(await post<Me>('/auth/totp/verify', body))
      done()
    } catch (e) {
      onError(e, totpForm)
    } finally {
      setBusy(false)
    }
  }

  const submit = async (values: Values) => {
    const body = validateWith(CitizenLogin, values, form)
    if (!body) return
    setBusy(true)
    try {
      const me = await post<Me>('/auth/citizen/login', body)
      setMe(me)
      if (me.stage === 'totp_required') setNeedsTotp(true)
      else done()
    } catch (e) {
      onError(e, form)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Card className="cs-auth-card">
      <Typography.Title level={1} style={{ fontSize: 26, marginTop: 0 }}>
        {t('login.title')}
      </Typography.Title>
      {needsTotp ? (
        <Form form={totpForm} layout="vertical" onFinish={(v) => void verify(v)}>
          <Typography.Paragraph>{t('alogin.totpTitle')}</Typography.Paragraph>
          <TotpCodeField />
          <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="totp-submit">
            {t('alogin.verify')}
          </Button>
        </Form>
      ) : (
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item name="login" label={t('login.login')} rules={[{ required: true }]}>
            <Input autoComplete="username" size="large" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
      )}
      <OidcButton />
      <p style={{ marginTop: 16 }}>
        {t('login.noAccount')} <Link to="/dang-ky">{t('login.registerLink')}</Link>
      </p>
    </Card>
  )
}
