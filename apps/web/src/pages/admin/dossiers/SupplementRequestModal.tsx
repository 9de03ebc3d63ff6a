import { Button, Card, Form, Input, Modal, type FormInstance } from 'antd'
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useI18n } from '../../../i18n/index.tsx'
import { useRevalidateOnLangChange } from '../../../lib/forms.ts'
import { NativeSelect } from '../../../components/dossier/common.tsx'
import type { DossierDetailT, SupplementItemT } from './types.ts'

/** "Khác": something outside the component list (e.g. a mistake in the e-form). */
const OTHER = 'other'

interface ItemValues {
  /** A component's index (as the select's string value) or `OTHER`. */
  componentIndex?: string
  name?: string
  reason?: string
}
interface Values {
  items?: ItemValues[]
  note?: string
}

interface Props {
  dossier: DossierDetailT
  busy: boolean
  onCancel: () => void
  onSubmit: (body: { items: SupplementItemT[]; note?: string }, form: FormInstance<Values>) => Promise<void>
}

/**
 * "Yêu cầu bổ sung, hoàn thiện hồ sơ": one line per thing the applicant must still provide — a
 * component of the dossier or "Khác" in free text — each with the reason (at least one line).
 * Mounted per opening (its own form), so it always starts with one empty line.
 */
export function SupplementRequestModal({ dossier: d, busy, onCancel, onSubmit }: Props) {
  const { t } = useI18n()
  const [form] = Form.useForm<Values>()
  useRevalidateOnLangChange(form)
  const options = [
    ...d.components.map((c) => ({ value: String(c.index), label: `${c.index + 1}. ${c.name}` })),
    { value: OTHER, label: t('officer.supp.other') },
  ]

  const submit = async () => {
    const v = await form.validateFields()
    const items: SupplementItemT[] = (v.items ?? []).map((it) => {
      const comp =
        it.componentIndex && it.componentIndex !== OTHER ? d.components.find((c) => String(c.index) === it.componentIndex) : undefined
      return {
        componentIndex: comp ? comp.index : null,
        name: comp ? comp.name.slice(0, 500) : (it.name ?? '').trim(),
        reason: (it.reason ?? '').trim(),
      }
    })
    const note = v.note?.trim()
    await onSubmit(note ? { items, note } : { items }, form)
  }

  return (
    <Modal
      open
      width={720}
      title={t('officer.supp.title', { code: d.code })}
      okText={t('officer.supp.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onCancel}
    >
      <p>{t('officer.supp.intro')}</p>
      <Form<Values> form={form} layout="vertical" initialValues={{ items: [{}] }}>
        <Form.List
          name="items"
          rules={[
            {
              validator: async (_, items: unknown[] | undefined) => {
                if (!items || items.length === 0) throw new Error(t('officer.supp.atLeastOne'))
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, i) => (
                <Card
                  key={field.key}
                  size="small"
                  style={{ marginBottom: 12 }}
                  data-testid={`supp-item-${i}`}
                  title={
                    <span role="heading" aria-level={3}>
                      {t('officer.supp.item', { n: i + 1 })}
                    </span>
                  }
                  extra={
                    fields.length > 1 ? (
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined aria-hidden />}
                        aria-label={t('officer.supp.removeItem', { n: i + 1 })}
                        onClick={() => remove(field.name)}
                      />
                    ) : null
                  }
                >
                  <Form.Item
                    name={[field.name, 'componentIndex']}
                    label={t('officer.supp.component')}
                    rules={[{ required: true, message: t('officer.supp.componentRequired') }]}
                  >
                    <NativeSelect options={options} placeholder={t('officer.supp.componentPlaceholder')} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item noStyle dependencies={[['items', field.name, 'componentIndex']]}>
                    {({ getFieldValue }) =>
                      getFieldValue(['items', field.name, 'componentIndex']) === OTHER ? (
                        <Form.Item
                          name={[field.name, 'name']}
                          label={t('officer.supp.otherName')}
                          rules={[
                            { required: true, whitespace: true, message: t('officer.supp.otherNameRequired') },
                            { min: 2, message: t('officer.reasonMin', { n: 2 }) },
                          ]}
                        >
                          <Input maxLength={500} />
                        </Form.Item>
                      ) : null
                    }
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'reason']}
                    label={t('officer.supp.reason')}
                    extra={t('officer.supp.reasonHelp')}
                    rules={[
                      { required: true, whitespace: true, message: t('officer.supp.reasonRequired') },
                      { min: 3, message: t('officer.reasonMin', { n: 3 }) },
                    ]}
                  >
                    <Input.TextArea rows={2} maxLength={1000} />
                  </Form.Item>
                </Card>
              ))}
              <Form.ErrorList errors={errors} />
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({})} style={{ marginBottom: 16 }}>
                {t('officer.supp.addItem')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="note" label={t('officer.supp.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
