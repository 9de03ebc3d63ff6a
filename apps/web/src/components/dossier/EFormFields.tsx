import { Checkbox, DatePicker, Form, Input, InputNumber } from 'antd'
import type { Rule } from 'antd/es/form'
import { CitizenId, PhoneNumber } from '@congso/contracts'
import { useI18n, type TFunction } from '../../i18n/index.tsx'
import { DATE_FORMAT } from '../../lib/format.ts'
import { zodRule } from '../../lib/forms.ts'
import { NativeSelect } from './common.tsx'
import type { EFormFieldT } from './submitModel.ts'

function rulesFor(f: EFormFieldT, t: TFunction): Rule[] {
  const rules: Rule[] = []
  if (f.required) {
    if (f.type === 'checkbox') {
      rules.push({
        validator: (_: unknown, v: unknown) => (v === true ? Promise.resolve() : Promise.reject(new Error(t('portal.ef.mustCheck')))),
      })
    } else {
      rules.push({ required: true, message: t('portal.ef.required', { label: f.label }) })
    }
  }
  if (f.maxLength && (f.type === 'text' || f.type === 'textarea')) {
    rules.push({ max: f.maxLength, message: t('portal.ef.maxLength', { n: f.maxLength }) })
  }
  if (f.pattern) {
    let re: RegExp | null = null
    try {
      // the whole (trimmed) value must match, as the server checks it
      re = new RegExp(`^(?:${f.pattern})$`, 'u')
    } catch {
      re = null // a broken pattern in the catalog must not block citizens
    }
    if (re) {
      const pattern = re
      rules.push({
        validator: (_: unknown, v: unknown) =>
          typeof v !== 'string' || v.trim() === '' || pattern.test(v.trim())
            ? Promise.resolve()
            : Promise.reject(new Error(t('portal.ef.pattern', { label: f.label }))),
      })
    }
  }
  switch (f.type) {
    case 'citizenId':
      rules.push(zodRule(CitizenId))
      break
    case 'phone':
      rules.push(zodRule(PhoneNumber))
      break
    case 'email':
      rules.push({ type: 'email', message: t('portal.ef.email') })
      break
    default:
      break
  }
  return rules
}

/** The antd control of one field (returned as is, so Form.Item can give it its id, value and onChange). */
function control(f: EFormFieldT, t: TFunction) {
  switch (f.type) {
    case 'textarea':
      return <Input.TextArea rows={3} maxLength={f.maxLength} showCount={Boolean(f.maxLength)} />
    case 'number':
      return <InputNumber style={{ width: '100%', maxWidth: 240 }} decimalSeparator="," />
    case 'date':
      return <DatePicker format={DATE_FORMAT} placeholder={t('portal.ef.datePlaceholder')} style={{ width: '100%', maxWidth: 240 }} />
    case 'select':
      return (
        <NativeSelect
          placeholder={t('portal.ef.selectPlaceholder')}
          options={(f.options ?? []).map((o) => ({ value: o.value, label: o.label }))}
          style={{ maxWidth: 480 }}
        />
      )
    case 'citizenId':
      return <Input inputMode="numeric" maxLength={12} autoComplete="off" style={{ maxWidth: 240 }} />
    case 'phone':
      return <Input inputMode="tel" autoComplete="tel" maxLength={15} style={{ maxWidth: 240 }} />
    case 'email':
      return <Input type="email" autoComplete="email" maxLength={200} style={{ maxWidth: 480 }} />
    case 'checkbox':
      return <Checkbox>{f.label}</Checkbox>
    case 'text':
      return <Input maxLength={f.maxLength} />
  }
}

/** The procedure's e-form (tờ khai điện tử): one antd field per catalog field, under `formData.<key>`. */
export function EFormFields({ fields }: { fields: readonly EFormFieldT[] }) {
  const { t } = useI18n()
  return (
    <div data-testid="eform">
      {fields.map((f) => (
        <Form.Item
          key={f.key}
          name={['formData', f.key]}
          // a checkbox carries its own label text; the item label would repeat it
          label={f.type === 'checkbox' ? undefined : f.label}
          required={f.required}
          valuePropName={f.type === 'checkbox' ? 'checked' : 'value'}
          extra={f.help}
          rules={rulesFor(f, t)}
        >
          {control(f, t)}
        </Form.Item>
      ))}
    </div>
  )
}
