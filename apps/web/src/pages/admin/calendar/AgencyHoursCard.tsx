import { useEffect, useState } from 'react'
import { Alert, App, Button, Form, Radio, Select, Spin } from 'antd'
import { OfficeHours } from '@congso/contracts'
import { put } from '../../../api/client.ts'
import { useApi } from '../../../api/hooks.ts'
import type { Agency } from '../../../api/types.ts'
import { useI18n } from '../../../i18n/index.tsx'
import { useErrorHandler, useRevalidateOnLangChange, validateWith } from '../../../lib/forms.ts'
import { SessionsFields } from './SessionsFields.tsx'
import type { AgencyOfficeHoursT, CalendarSettingsT } from './types.ts'

interface Values {
  mode: 'default' | 'own'
  sessions?: { start: string; end: string }[]
}

function HoursForm({ agency, defaults }: { agency: Agency; defaults: CalendarSettingsT['officeHours'] }) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const onError = useErrorHandler()
  const current = useApi<AgencyOfficeHoursT>(`/admin/agencies/${agency.id}/office-hours`)
  const [form] = Form.useForm<Values>()
  const [saving, setSaving] = useState(false)
  useRevalidateOnLangChange(form)
  const mode = Form.useWatch('mode', form)

  useEffect(() => {
    if (!current.data) return
    const own = current.data.officeHours
    form.setFieldsValue({ mode: own ? 'own' : 'default', sessions: (own ?? defaults).sessions })
  }, [current.data, defaults, form])

  const save = async (v: Values) => {
    let body: AgencyOfficeHoursT = { officeHours: null }
    if (v.mode === 'own') {
      const own = validateWith(OfficeHours, { sessions: v.sessions ?? [] }, form)
      if (!own) return
      body = { officeHours: own }
    }
    setSaving(true)
    try {
      await put(`/admin/agencies/${agency.id}/office-hours`, body)
      void message.success(t('officer.cal.agencyHoursSaved', { name: agency.name }))
      current.reload()
    } catch (e) {
      onError(e)
    } finally {
      setSaving(false)
    }
  }

  if (current.error) return <Alert type="error" showIcon message={current.error.localized} />
  if (!current.data) return <Spin />
  return (
    <Form<Values> form={form} layout="vertical" onFinish={(v) => void save(v)} data-testid="agency-hours">
      <Form.Item name="mode" label={t('officer.cal.agencyHoursMode')}>
        <Radio.Group
          options={[
            { value: 'default', label: t('officer.cal.agencyHoursDefault') },
            { value: 'own', label: t('officer.cal.agencyHoursOwn') },
          ]}
        />
      </Form.Item>
      {mode === 'own' && <SessionsFields name={['sessions']} />}
      <Button type="primary" htmlType="submit" loading={saving}>
        {t('common.save')}
      </Button>
    </Form>
  )
}

/** Per-agency office hours, for an agency whose sessions differ from the province's (null = the province's). */
export function AgencyHoursCard({ defaults }: { defaults: CalendarSettingsT['officeHours'] }) {
  const { t } = useI18n()
  const agencies = useApi<Agency[]>('/admin/agencies')
  const [agencyId, setAgencyId] = useState<string>()
  const agency = agencies.data?.find((a) => a.id === agencyId)
  return (
    <>
      <p className="cs-muted">{t('officer.cal.agencyHoursIntro')}</p>
      <Form layout="vertical" style={{ maxWidth: 560 }}>
        <Form.Item label={t('officer.cal.agency')} htmlFor="hours-agency">
          <Select
            id="hours-agency"
            showSearch
            optionFilterProp="label"
            value={agencyId}
            onChange={setAgencyId}
            loading={agencies.loading}
            placeholder={t('officer.cal.agencyPlaceholder')}
            options={(agencies.data ?? [])
              .filter((a) => a.kind !== 'unit')
              .map((a) => ({ value: a.id, label: a.code ? `${a.name} (${a.code})` : a.name }))}
          />
        </Form.Item>
      </Form>
      {agencies.error && <Alert type="error" showIcon message={agencies.error.localized} />}
      {agency && <HoursForm key={agency.id} agency={agency} defaults={defaults} />}
    </>
  )
}
