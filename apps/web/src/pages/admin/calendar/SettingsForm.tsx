import { useEffect, useState } from 'react'
import { App, Button, Form, Input, InputNumber } from 'antd'
import { CalendarSettings } from '@congso/contracts'
import { put } from '../../../api/client.ts'
import { useI18n } from '../../../i18n/index.tsx'
import { useErrorHandler, useRevalidateOnLangChange, validateWith } from '../../../lib/forms.ts'
import { HHMM_RE, SessionsFields } from './SessionsFields.tsx'
import type { CalendarSettingsT } from './types.ts'

/** Province-wide settings of the deadline engine: office sessions, the same-day cutoff and the "due soon" threshold. */
export function SettingsForm({ settings, canEdit, onSaved }: { settings: CalendarSettingsT; canEdit: boolean; onSaved: () => void }) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const onError = useErrorHandler()
  const [form] = Form.useForm<CalendarSettingsT>()
  const [saving, setSaving] = useState(false)
  useRevalidateOnLangChange(form)
  useEffect(() => form.setFieldsValue(settings), [settings, form])

  const save = async (values: CalendarSettingsT) => {
    const body = validateWith(CalendarSettings, values, form)
    if (!body) return
    setSaving(true)
    try {
      await put('/admin/calendar/settings', body)
      void message.success(t('officer.cal.settingsSaved'))
      onSaved()
    } catch (e) {
      onError(e, form)
    } finally {
      setSaving(false)
    }
  }

  return (
    <Form<CalendarSettingsT>
      form={form}
      layout="vertical"
      initialValues={settings}
      onFinish={(v) => void save(v)}
      data-testid="calendar-settings"
    >
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={{ fontSize: 16, fontWeight: 600, border: 0, marginBottom: 8 }}>{t('officer.cal.officeHours')}</legend>
        <SessionsFields name={['officeHours', 'sessions']} disabled={!canEdit} />
      </fieldset>
      <Form.Item
        name="sameDayCutoff"
        label={t('officer.cal.cutoff')}
        extra={t('officer.cal.cutoffHelp')}
        rules={[{ required: true }, { pattern: HHMM_RE, message: t('officer.cal.timeFormat') }]}
      >
        <Input maxLength={5} style={{ width: 110 }} disabled={!canEdit} autoComplete="off" />
      </Form.Item>
      <Form.Item name="dueSoonHours" label={t('officer.cal.dueSoon')} extra={t('officer.cal.dueSoonHelp')} rules={[{ required: true }]}>
        <InputNumber min={1} max={240} precision={0} style={{ width: 110 }} disabled={!canEdit} />
      </Form.Item>
      {canEdit && (
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('officer.cal.saveSettings')}
        </Button>
      )}
    </Form>
  )
}
