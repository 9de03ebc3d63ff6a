import { useEffect, useRef } from 'react'
import { Button, Card, Descriptions, Space, Typography } from 'antd'
import { CheckCircleFilled } from '@ant-design/icons'
import { Link, useNavigate } from 'react-router-dom'
import type { ProcedureDetail } from '../../../api/types.ts'
import { useI18n } from '../../../i18n/index.tsx'
import { formatDateTime, processingTimeLabel } from '../../../lib/format.ts'
import { DossierStatusTag } from '../../../components/dossier/DossierTags.tsx'
import { DossierCode } from '../../../components/dossier/common.tsx'
import type { CreatedDossierT } from '../../../components/dossier/types.ts'

/** Shown in place of the form once the dossier is created: its code, status and what happens next. */
export function SubmitResult({
  created,
  procedure,
  agencyName,
}: {
  created: CreatedDossierT
  procedure: ProcedureDetail
  agencyName?: string
}) {
  const { t, lang } = useI18n()
  const heading = useRef<HTMLHeadingElement>(null)
  const navigate = useNavigate()
  useEffect(() => heading.current?.focus(), [])
  const detail = `/tai-khoan/ho-so/${encodeURIComponent(created.code)}`

  return (
    <Card data-testid="submit-result" style={{ maxWidth: 820 }}>
      <div style={{ display: 'flex', gap: 12, alignItems: 'center', marginBottom: 8 }}>
        <CheckCircleFilled style={{ color: '#237804', fontSize: 36 }} aria-hidden />
        <Typography.Title level={2} ref={heading} tabIndex={-1} style={{ fontSize: 24, margin: 0 }}>
          {t('portal.sub.successTitle')}
        </Typography.Title>
      </div>
      <p>{t('portal.sub.successText')}</p>
      <div style={{ background: '#f0f5ff', border: '1px solid #adc6ff', borderRadius: 8, padding: '12px 16px', marginBottom: 16 }}>
        <div style={{ fontWeight: 600 }}>{t('dossier.code')}</div>
        <DossierCode code={created.code} size={32} />
        <div className="cs-muted">{t('portal.sub.keepCode')}</div>
      </div>
      <Descriptions column={1} size="small" styles={{ label: { fontWeight: 600, color: 'rgba(0,0,0,0.88)' } }}>
        <Descriptions.Item label={t('common.status')}>
          <DossierStatusTag status={created.status} />
        </Descriptions.Item>
        <Descriptions.Item label={t('portal.sub.procedure')}>{procedure.name}</Descriptions.Item>
        {agencyName && <Descriptions.Item label={t('portal.sub.agency')}>{agencyName}</Descriptions.Item>}
        <Descriptions.Item label={t('portal.submittedAt')}>{formatDateTime(created.submittedAt)}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={3} style={{ fontSize: 18 }}>
        {t('portal.sub.nextTitle')}
      </Typography.Title>
      <ol style={{ paddingLeft: 20 }}>
        <li>{t('portal.sub.next1')}</li>
        <li>{t('portal.sub.next2', { time: processingTimeLabel(t, lang, procedure.processingTime) })}</li>
        <li>{t('portal.sub.next3')}</li>
        <li>{t('portal.sub.next4')}</li>
      </ol>
      <Space wrap>
        <Button type="primary" size="large" onClick={() => void navigate(detail)}>
          {t('portal.sub.viewDossier')}
        </Button>
        <Link to="/tai-khoan/ho-so">{t('portal.nav.myDossiers')}</Link>
      </Space>
    </Card>
  )
}
