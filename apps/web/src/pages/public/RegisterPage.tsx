import { useState } from 'react'
import { App, Button, Card, Form, Input, Typography } from 'antd'
import { Link, useNavigate } from 'react-router-dom'
import { CitizenRegistration } from '@congso/contracts'
import { useT } from '../../i18n/index.tsx'
import { post } from '../../api/client.ts'
import type { Me } from '../../api/types.ts'
import { useAuth } from '../../auth/AuthContext.tsx'
import { useErrorHandler, validateWith } from '../../lib/forms.ts'
import { usePageTitle } from '../../lib/usePageTitle.ts'
import { OidcButton } from './CitizenLoginPage.tsx'

interface Values {
  fullName: string
  citizenId: string
  phone: string
  email: string
  password: string
  confirm: string
}

export function RegisterPage() {
  const t = useT()
  const [form] = Form.useForm<Values>()
  const [busy, setBusy] = useState(false)
  const { setMe } = useAuth()
  const navigate = useNavigate()
  const { message } = App.useApp()
  const onError = useErrorHandler()
  usePageTitle(t('register.title'))

  const submit = async ({ confirm: _confirm, ...values }: Values) => {
    const body = validateWith(CitizenRegistration, values, form)
    if (!body) return
    setBusy(true)
    try {
      const me = await post<Me>('/auth/citizen/register', {
        fullName: body.fullName,
        citizenId: body.citizenId,
        phone: body.phone,
        email: body.email,
        password: body.password,
      })
      setMe(me)
      void message.success(t('register.success'))
      void navigate('/')
    } catch (e) {
      onError(e, form)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Card className="cs-auth-card">
      <Typography.Title level={1} style={{ fontSize: 26, marginTop: 0 }}>
        {t('register.title')}
      </Typography.Title>
      <Form noValidate form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="fullName" label={t('register.fullName')} rules={[{ required: true }]}>
          <Input autoComplete="name" />
        </Form.Item>
        <Form.Item name="citizenId" label={t('register.citizenId')} rules={[{ required: true }]}>
          <Input inputMode="numeric" maxLength={12} />
        </Form.Item>
        <Form.Item name="phone" label={t('register.phone')} rules={[{ required: true }]}>
          <Input type="tel" autoComplete="tel" />
        </Form.Item>
        <Form.Item name="email" label={t('register.email')} rules={[{ required: true }]}>
          <Input type="email" autoComplete="email" />
        </Form.Item>
        <Form.Item name="password" label={t('register.password')} extra={t('register.passwordHelp')} rules={[{ required: true }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('register.confirm')}
          dependencies={['password']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, v: string | undefined) =>
                !v || getFieldValue('password') === v ? Promise.resolve() : Promise.reject(new Error(t('register.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={busy}>
          {t('register.submit')}
        </Button>
      </Form>
      <OidcButton />
      <p style={{ marginTop: 16 }}>
        {t('register.haveAccount')} <Link to="/dang-nhap">{t('nav.login')}</Link>
      </p>
    </Card>
  )
}
