import { useState, type ReactNode } from 'react'
import { App, Button, Card, Descriptions, Typography } from 'antd'
import { SafetyOutlined } from '@ant-design/icons'
import { useT } from '../i18n/index.tsx'
import { useAuth } from '../auth/AuthContext.tsx'
import type { Me } from '../api/types.ts'
import { ChangePasswordForm } from './ChangePasswordForm.tsx'
import { TotpEnrolment } from './TotpEnrolment.tsx'
import { CsTag } from './Tags.tsx'

/** A card whose title is a real `<h2>` (the page outline: h1 page title, h2 per card). */
export function SectionCard({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card
      className="cs-section-card"
      title={
        <Typography.Title level={2} id={id} className="cs-card-title">
          {title}
        </Typography.Title>
      }
    >
      {children}
    </Card>
  )
}

/** Label/value rows of the profile; rows with no value are left out. */
export function ProfileList({ rows }: { rows: { label: string; value: ReactNode | null | undefined }[] }) {
  return (
    <Descriptions
      column={1}
      size="small"
      bordered
      items={rows
        .filter((r) => r.value !== null && r.value !== undefined && r.value !== '')
        .map((r) => ({ key: r.label, label: r.label, children: r.value }))}
    />
  )
}

export function TotpStatusTag({ on }: { on: boolean }) {
  const t = useT()
  return <CsTag color={on ? 'green' : 'grey'}>{on ? t('account.totpOn') : t('account.totpOff')}</CsTag>
}

/** Change-password card and (for accounts without it) the TOTP enrolment card of the account pages. */
export function AccountSecurity({ me }: { me: Me }) {
  const t = useT()
  const { setMe } = useAuth()
  const { message } = App.useApp()
  const [enrolling, setEnrolling] = useState(false)

  return (
    <>
      <SectionCard id="account-password" title={t('account.changePw')}>
        <Typography.Paragraph className="cs-muted">{t('account.pwHelp')}</Typography.Paragraph>
        <div style={{ maxWidth: 420 }}>
          <ChangePasswordForm
            submitLabel={t('account.changePw')}
            onChanged={(next) => {
              setMe(next)
              void message.success(t('account.pwChanged'))
            }}
          />
        </div>
      </SectionCard>
      <SectionCard id="account-totp" title={t('account.totp')}>
        {me.totpEnabled ? (
          <Typography.Paragraph style={{ marginBottom: 0 }} data-testid="totp-on">
            <TotpStatusTag on /> {t('account.totpIsOn')}
          </Typography.Paragraph>
        ) : enrolling ? (
          <TotpEnrolment
            size="middle"
            onCancel={() => setEnrolling(false)}
            onEnabled={(next) => {
              setEnrolling(false)
              setMe(next)
              void message.success(t('account.totpEnabled'))
            }}
          />
        ) : (
          <>
            <Typography.Paragraph>{t('account.totpIntro')}</Typography.Paragraph>
            <Button type="primary" icon={<SafetyOutlined />} onClick={() => setEnrolling(true)}>
              {t('account.totpEnable')}
            </Button>
          </>
        )}
      </SectionCard>
    </>
  )
}
