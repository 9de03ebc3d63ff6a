import { Descriptions, Form, Input, Typography } from 'antd'
import { PhoneNumber } from '@congso/contracts'
import type { Me } from '../../../api/types.ts'
import { useI18n } from '../../../i18n/index.tsx'
import { zodRule } from '../../../lib/forms.ts'

/**
 * The applicant of an online dossier is the signed-in citizen: name and ID come from the account
 * (shown, not editable); phone, e-mail and address are this dossier's contact details.
 */
export function ContactFields({ me }: { me: Me }) {
  const { t } = useI18n()
  return (
    <div data-testid="contact">
      <Typography.Title level={3} style={{ fontSize: 17 }}>
        {t('portal.sub.applicant')}
      </Typography.Title>
      <Descriptions column={1} size="small" style={{ marginBottom: 12 }} styles={{ label: { fontWeight: 600, color: 'rgba(0,0,0,0.88)' } }}>
        <Descriptions.Item label={t('account.fullName')}>{me.fullName}</Descriptions.Item>
        {me.citizenIdLast4 && (
          <Descriptions.Item label={t('account.citizenId')}>
            <span aria-hidden="true" className="cs-mono">
              {'••••••••'}
              {me.citizenIdLast4}
            </span>
            <span className="visually-hidden">{t('account.citizenIdMasked', { last4: me.citizenIdLast4.split('').join(' ') })}</span>
          </Descriptions.Item>
        )}
      </Descriptions>
      <Form.Item
        name={['contact', 'phone']}
        label={t('portal.sub.contactPhone')}
        rules={[{ required: true, whitespace: true, message: t('portal.sub.contactPhoneRequired') }, zodRule(PhoneNumber)]}
      >
        <Input inputMode="tel" autoComplete="tel" maxLength={15} style={{ maxWidth: 240 }} />
      </Form.Item>
      <Form.Item
        name={['contact', 'email']}
        label={t('portal.sub.contactEmail')}
        rules={[{ type: 'email', message: t('portal.ef.email') }]}
      >
        <Input type="email" autoComplete="email" maxLength={200} style={{ maxWidth: 480 }} />
      </Form.Item>
      <Form.Item
        name={['contact', 'address']}
        label={t('portal.sub.contactAddress')}
        extra={t('portal.sub.contactAddressHelp')}
        rules={[
          { required: true, whitespace: true, message: t('portal.sub.contactAddressRequired') },
          { min: 5, message: t('portal.sub.returnAddressMin') },
          { max: 500, message: t('portal.ef.maxLength', { n: 500 }) },
        ]}
      >
        <Input maxLength={500} autoComplete="street-address" />
      </Form.Item>
    </div>
  )
}
