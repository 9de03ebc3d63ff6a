import { Form, Input, Radio, Space } from 'antd'
import { useI18n } from '../../../i18n/index.tsx'
import type { ReturnChannelT } from '../../../components/dossier/types.ts'

const CHANNELS: readonly ReturnChannelT[] = ['online', 'counter', 'post']

/** The radio group with a proper `radiogroup` role and name (antd's group is a plain div). */
function ChannelRadios({ value, onChange, id }: { value?: ReturnChannelT; onChange?: (v: ReturnChannelT) => void; id?: string }) {
  const { t } = useI18n()
  return (
    <div role="radiogroup" aria-labelledby="returnChannel-legend" id={id}>
      <Radio.Group value={value} onChange={(e) => onChange?.(e.target.value as ReturnChannelT)}>
        <Space direction="vertical">
          {CHANNELS.map((c) => (
            <Radio key={c} value={c}>
              <strong>{t(`returnChannel.${c}`)}</strong>
              <div className="cs-muted">{t(`portal.sub.return.${c}`)}</div>
            </Radio>
          ))}
        </Space>
      </Radio.Group>
    </div>
  )
}

/** Step (d): where the citizen wants the result; a postal address is required for `post`. */
export function ReturnChannelField({ channel }: { channel: ReturnChannelT | undefined }) {
  const { t } = useI18n()
  return (
    <>
      <Form.Item
        name="returnChannel"
        label={<span id="returnChannel-legend">{t('portal.sub.returnChannel')}</span>}
        rules={[{ required: true, message: t('portal.sub.returnChannelRequired') }]}
      >
        <ChannelRadios />
      </Form.Item>
      {channel === 'post' && (
        <Form.Item
          name="returnAddress"
          label={t('portal.sub.returnAddress')}
          extra={t('portal.sub.returnAddressHelp')}
          rules={[
            { required: true, whitespace: true, message: t('portal.sub.returnAddressRequired') },
            { min: 5, message: t('portal.sub.returnAddressMin') },
            { max: 500, message: t('portal.ef.maxLength', { n: 500 }) },
          ]}
        >
          <Input.TextArea rows={2} maxLength={500} autoComplete="street-address" />
        </Form.Item>
      )}
    </>
  )
}
