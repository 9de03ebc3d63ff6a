import { Button, Form, Input, Space } from 'antd'
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useI18n } from '../../../i18n/index.tsx'

export const HHMM_RE = /^([01]\d|2[0-3]):[0-5]\d$/

/** Office sessions (buổi làm việc) under `name`: each a start and an end time HH:MM, up to four. */
export function SessionsFields({ name, disabled }: { name: (string | number)[]; disabled?: boolean }) {
  const { t } = useI18n()
  const timeRules = (label: string) => [
    { required: true, message: t('officer.cal.timeRequired', { label }) },
    { pattern: HHMM_RE, message: t('officer.cal.timeFormat') },
  ]
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, i) => {
            const start = t('officer.cal.sessionStart', { n: i + 1 })
            const end = t('officer.cal.sessionEnd', { n: i + 1 })
            return (
              <Space key={field.key} align="start" wrap data-testid={`session-${i}`}>
                <Form.Item name={[field.name, 'start']} label={start} rules={timeRules(start)}>
                  <Input placeholder="07:30" maxLength={5} style={{ width: 110 }} disabled={disabled} autoComplete="off" />
                </Form.Item>
                <Form.Item name={[field.name, 'end']} label={end} rules={timeRules(end)}>
                  <Input placeholder="11:30" maxLength={5} style={{ width: 110 }} disabled={disabled} autoComplete="off" />
                </Form.Item>
                {!disabled && fields.length > 1 && (
                  <Button
                    type="text"
                    danger
                    style={{ marginTop: 30 }}
                    icon={<DeleteOutlined aria-hidden />}
                    aria-label={t('officer.cal.removeSession', { n: i + 1 })}
                    onClick={() => remove(field.name)}
                  />
                )}
              </Space>
            )
          })}
          {!disabled && fields.length < 4 && (
            <div style={{ marginBottom: 16 }}>
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ start: '', end: '' })}>
                {t('officer.cal.addSession')}
              </Button>
            </div>
          )}
        </>
      )}
    </Form.List>
  )
}
