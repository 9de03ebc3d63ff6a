import { useEffect, useRef, useState } from 'react'
import { Alert, Button, Card, Descriptions, Form, Input, Typography } from 'antd'
import { SearchOutlined } from '@ant-design/icons'
import { useNavigate, useParams } from 'react-router-dom'
import { parseDossierCode } from '@congso/domain'
import { ApiError, get } from '../../../api/client.ts'
import { useI18n } from '../../../i18n/index.tsx'
import { formatDateTime } from '../../../lib/format.ts'
import { setFieldErrors } from '../../../lib/forms.ts'
import { usePageTitle } from '../../../lib/usePageTitle.ts'
import { DeadlineFlagTag, DossierStatusTag } from '../../../components/dossier/DossierTags.tsx'
import { DossierTimeline } from '../../../components/dossier/DossierTimeline.tsx'
import { DossierCode, Section } from '../../../components/dossier/common.tsx'
import type { TrackingViewT } from '../../../components/dossier/types.ts'

interface Values {
  code: string
  factor: string
}

/** Codes in the default pattern are upper case (`…H22-…`); anything else is looked up as typed. */
function normalizeCode(raw: string): string {
  const code = raw.trim()
  const upper = code.toUpperCase()
  return parseDossierCode(upper) ? upper : code
}

function Result({ r }: { r: TrackingViewT }) {
  const { t } = useI18n()
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [r])
  const labelStyle = { width: '35%', fontWeight: 600, color: 'rgba(0,0,0,0.88)' }
  return (
    <div data-testid="tracking-result">
      <section aria-labelledby="tracking-result-title" style={{ background: '#fff', borderRadius: 8, padding: 16, marginBottom: 16 }}>
        <Typography.Title level={2} id="tracking-result-title" ref={heading} tabIndex={-1} style={{ fontSize: 20, marginTop: 0 }}>
          {t('portal.track.resultTitle')}
        </Typography.Title>
        <div style={{ marginBottom: 12 }}>
          <DossierCode code={r.code} size={24} />
        </div>
        <div
          style={{ background: '#f0f5ff', border: '1px solid #adc6ff', borderRadius: 8, padding: '12px 16px', marginBottom: 16 }}
          data-testid="appointment"
        >
          <div style={{ fontWeight: 600 }}>{t('portal.dueAt')}</div>
          {r.dueAt ? (
            <div style={{ fontSize: 30, fontWeight: 700, lineHeight: 1.3 }}>{formatDateTime(r.dueAt)}</div>
          ) : (
            <div style={{ fontSize: 17 }}>{t('portal.track.noDue')}</div>
          )}
          {r.flag && (
            <div style={{ marginTop: 4 }}>
              <DeadlineFlagTag flag={r.flag} />
            </div>
          )}
        </div>
        <Descriptions bordered column={1} size="small" styles={{ label: labelStyle }}>
          <Descriptions.Item label={t('common.status')}>
            <DossierStatusTag status={r.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('portal.procedure')}>{r.procedureName}</Descriptions.Item>
          <Descriptions.Item label={t('portal.agency')}>{r.agencyName}</Descriptions.Item>
          <Descriptions.Item label={t('portal.submittedAt')}>{formatDateTime(r.submittedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('portal.acceptedAt')}>{formatDateTime(r.acceptedAt) || t('common.none')}</Descriptions.Item>
        </Descriptions>
      </section>
      <Section id="tracking-timeline" title={t('dossier.timeline')}>
        <DossierTimeline events={r.timeline} />
      </Section>
    </div>
  )
}

/** `/tra-cuu-ho-so(/:code)`: anyone tracks a dossier with its code and 4 digits of the applicant's phone or ID. */
export default function TrackingPage() {
  const { code: urlCode = '' } = useParams()
  const { t } = useI18n()
  const navigate = useNavigate()
  const [form] = Form.useForm<Values>()
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<TrackingViewT>()
  const [problem, setProblem] = useState<string>()
  usePageTitle(t('portal.track.title'))

  useEffect(() => {
    if (urlCode && form.getFieldValue('code') !== urlCode) form.setFieldsValue({ code: urlCode })
  }, [urlCode, form])

  const search = async (v: Values) => {
    const code = normalizeCode(v.code)
    setBusy(true)
    setProblem(undefined)
    setResult(undefined)
    try {
      const r = await get<TrackingViewT>(`/tracking/${encodeURIComponent(code)}`, { factor: v.factor.trim() })
      setResult(r)
      // The address carries the code only (as the QR code on the paper form does), never the digits.
      if (code !== urlCode) void navigate(`/tra-cuu-ho-so/${encodeURIComponent(code)}`, { replace: true })
    } catch (e) {
      // a malformed code cannot match either: the same neutral answer
      if (e instanceof ApiError && (e.status === 404 || (e.status === 400 && !e.fields.some((f) => f.path.endsWith('factor')))))
        setProblem(t('portal.track.notFound'))
      else if (e instanceof ApiError && e.status === 429) setProblem(t('portal.track.rateLimited'))
      else if (e instanceof ApiError && e.fields.length > 0) setFieldErrors(form, e.fields)
      else setProblem(e instanceof ApiError ? e.localized : t('common.error'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div style={{ maxWidth: 820, margin: '0 auto' }}>
      <Typography.Title level={1} style={{ fontSize: 26, marginTop: 0 }}>
        {t('portal.track.title')}
      </Typography.Title>
      <p>{t('portal.track.intro')}</p>
      <Card style={{ marginBottom: 16 }}>
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ code: urlCode, factor: '' }}
          onFinish={(v) => void search(v)}
          noValidate
        >
          <Form.Item
            name="code"
            label={t('dossier.code')}
            extra={t('portal.track.codeHelp')}
            rules={[
              { required: true, whitespace: true, message: t('portal.track.codeRequired') },
              { min: 5, max: 80, message: t('portal.track.codeFormat') },
            ]}
          >
            <Input size="large" autoComplete="off" spellCheck={false} className="cs-mono" placeholder="000.00.01.H22-250314-0007" />
          </Form.Item>
          <Form.Item
            name="factor"
            label={t('portal.track.factor')}
            extra={t('portal.track.factorHelp')}
            rules={[
              { required: true, message: t('portal.track.factorRequired') },
              { pattern: /^\s*\d{4}\s*$/, message: t('portal.track.factorFormat') },
            ]}
          >
            <Input
              size="large"
              inputMode="numeric"
              maxLength={4}
              autoComplete="off"
              style={{ maxWidth: 160 }}
              autoFocus={Boolean(urlCode)}
            />
          </Form.Item>
          <Button
            type="primary"
            size="large"
            htmlType="submit"
            icon={<SearchOutlined aria-hidden />}
            loading={busy}
            data-testid="tracking-submit"
          >
            {t('portal.track.submit')}
          </Button>
        </Form>
      </Card>
      {problem && (
        <Alert type="warning" showIcon role="alert" message={problem} style={{ marginBottom: 16 }} data-testid="tracking-problem" />
      )}
      {result && <Result r={result} />}
    </div>
  )
}
