import { useState } from 'react'
import { Button, Form, Input } from 'antd'
import { ChangePassword, Password } from '@congso/contracts'
import { useT } from '../i18n/index.tsx'
import { ApiError, post } from '../api/client.ts'
import type { Me } from '../api/types.ts'
import { setFieldErrors, useErrorHandler, useRevalidateOnLangChange, validateWith, zodRule } from '../lib/forms.ts'

interface Values {
  currentPassword: string
  newPassword: string
  confirm: string
}

/**
 * Current, new and repeated password → `POST /auth/password`. The new password is checked with the
 * contracts' `Password` schema as it is typed; server field errors land on their fields, and a wrong
 * current password on the current-password field.
 */
export function ChangePasswordForm(props: {
  onChanged: (me: Me) => void
  submitLabel: string
  size?: 'middle' | 'large'
  /** Stretch the button over the whole width (the sign-in card). */
  block?: boolean
}) {
  const t = useT()
  const [form] = Form.useForm<Values>()
  const [busy, setBusy] = useState(false)
  const onError = useErrorHandler()
  useRevalidateOnLangChange(form)

  const submit = async (values: Values) => {
    const body = validateWith(ChangePassword, { currentPassword: values.currentPassword, newPassword: values.newPassword }, form)
    if (!body) return
    setBusy(true)
    try {
      const me = await post<Me>('/auth/password', body)
      form.resetFields()
      props.onChanged(me)
    } catch (e) {
      if (e instanceof ApiError && e.code === 'AUTH_WRONG_PASSWORD') {
        setFieldErrors(form, [{ path: 'currentPassword', message: e.localized }])
      }
      onError(e, form)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
      <Form.Item name="currentPassword" label={t('alogin.currentPw')} rules={[{ required: true }]}>
        <Input.Password autoComplete="current-password" size={props.size} />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('alogin.newPw')}
        extra={t('register.passwordHelp')}
        rules={[{ required: true }, zodRule(Password)]}
        validateDebounce={300}
      >
        <Input.Password autoComplete="new-password" size={props.size} />
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
        <Input.Password autoComplete="new-password" size={props.size} />
      </Form.Item>
      <Button type="primary" htmlType="submit" block={props.block} size={props.size} loading={busy} data-testid="password-submit">
        {props.submitLabel}
      </Button>
    </Form>
  )
}
