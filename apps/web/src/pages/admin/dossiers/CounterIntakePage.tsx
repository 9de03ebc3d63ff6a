import { useEffect, useState } from 'react'
import { Alert, App, Button, Form, Input, InputNumber, Result, Typography } from 'antd'
import { Link, useNavigate, useSearchParams } from 'react-router-dom'
import { Applicant } from '@congso/contracts'
import { ApiError, postIdempotent } from '../../../api/client.ts'
import { useApi } from '../../../api/hooks.ts'
import type { ProcedureDetail } from '../../../api/types.ts'
import { useAuth } from '../../../auth/AuthContext.tsx'
import { useI18n } from '../../../i18n/index.tsx'
import { useErrorHandler, useRevalidateOnLangChange, validateWith } from '../../../lib/forms.ts'
import { formatNumber } from '../../../lib/format.ts'
import { usePageTitle } from '../../../lib/usePageTitle.ts'
import { EFormFields } from '../../../components/dossier/EFormFields.tsx'
import { NativeSelect, Section } from '../../../components/dossier/common.tsx'
import { hasAnyRole, INTAKE_ROLES } from './access.ts'
import { officerDossierPath } from './DossierTable.tsx'
import { IntakeApplicant } from './IntakeApplicant.tsx'
import { IntakeComponents } from './IntakeComponents.tsx'
import { INTAKE_DEFAULTS, missingComponents, toIntakeBody, type FilesByComponent, type IntakeValues } from './intakeModel.ts'
import { ProcedureSelect } from './ProcedureSelect.tsx'
import { RadioField } from './RadioField.tsx'
import { RETURN_CHANNELS, type CreatedDossierT } from './types.ts'

const processingUnit = (u: string) => (u === 'working_hour' || u === 'day' ? u : 'working_day')

function IntakeForm() {
  const { t, lang } = useI18n()
  const { me } = useAuth()
  const { message } = App.useApp()
  const onError = useErrorHandler()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const [form] = Form.useForm<IntakeValues>()
  useRevalidateOnLangChange(form)
  // One key per form session: a retried submit (lost answer, double click) never records a second dossier.
  const [idempotencyKey] = useState(() => crypto.randomUUID())
  const procedureCode = Form.useWatch('procedureCode', form)
  const channel = Form.useWatch('channel', form) ?? 'counter'
  const returnChannel = Form.useWatch('returnChannel', form) ?? 'counter'
  const proc = useApi<ProcedureDetail>(procedureCode ? `/procedures/${encodeURIComponent(procedureCode)}` : null)
  const content = proc.data?.code === procedureCode ? proc.data?.content : undefined
  const [files, setFiles] = useState<FilesByComponent>({})
  const [missing, setMissing] = useState<number[]>([])
  const [submitting, setSubmitting] = useState(false)
  const [keyReused, setKeyReused] = useState(false)

  // A new procedure: its own e-form and components; the only implementing agency (or the officer's own) preselected.
  useEffect(() => {
    setFiles({})
    setMissing([])
    form.setFieldsValue({ formData: {}, components: [], agencyCode: undefined })
  }, [procedureCode, form])
  useEffect(() => {
    const agencies = proc.data?.agencies ?? []
    const own = agencies.find((a) => a.name === me?.agencyName)
    const pick = agencies.length === 1 ? agencies[0] : own
    if (pick) form.setFieldsValue({ agencyCode: pick.code })
  }, [proc.data, me?.agencyName, form])

  const submit = async () => {
    let values: IntakeValues
    try {
      values = await form.validateFields()
    } catch {
      void message.error(t('common.formInvalid'))
      return
    }
    if (!content) return
    const miss = missingComponents(content.components, values, files)
    setMissing(miss)
    if (miss.length > 0) {
      void message.error(t('officer.intake.componentsMissing'))
      document.querySelector(`[data-testid="intake-component-${miss[0]}"]`)?.scrollIntoView({ block: 'center' })
      return
    }
    const body = toIntakeBody(content, values, files)
    if (!validateWith(Applicant, body.applicant, form, ['applicant'])) return
    setSubmitting(true)
    try {
      const created = await postIdempotent<CreatedDossierT>('/dossiers', idempotencyKey, body)
      void message.success(t('officer.intake.created', { code: created.code }))
      void navigate(officerDossierPath(created.code), { state: { created: true } })
    } catch (e) {
      if (e instanceof ApiError && e.code === 'IDEMPOTENCY_KEY_REUSED') setKeyReused(true)
      else onError(e, form)
    } finally {
      setSubmitting(false)
    }
  }

  const agencies = proc.data?.agencies ?? []
  return (
    <Form<IntakeValues>
      form={form}
      layout="vertical"
      initialValues={{ ...INTAKE_DEFAULTS, procedureCode: params.get('thu-tuc') ?? undefined }}
      onFinish={() => void submit()}
      scrollToFirstError
      requiredMark
    >
      <Section id="intake-channel" title={t('officer.intake.channel')}>
        <Form.Item name="channel" label={t('officer.intake.channelLabel')} rules={[{ required: true }]}>
          <RadioField<IntakeValues['channel']>
            label={t('officer.intake.channelLabel')}
            optionType="button"
            options={[
              { value: 'counter', label: t('officer.intake.channel.counter') },
              { value: 'post', label: t('officer.intake.channel.post') },
            ]}
          />
        </Form.Item>
        {channel === 'post' && (
          <Form.Item
            name="postalReceiptNumber"
            label={t('officer.intake.postalReceipt')}
            extra={t('officer.intake.postalReceiptHelp')}
            rules={[
              { required: true, whitespace: true, message: t('officer.intake.postalReceiptRequired') },
              { min: 3, max: 50, message: t('officer.intake.postalReceiptLength') },
            ]}
          >
            <Input maxLength={50} style={{ maxWidth: 320 }} autoComplete="off" />
          </Form.Item>
        )}
      </Section>

      <Section id="intake-procedure" title={t('officer.col.procedure')}>
        <Form.Item
          name="procedureCode"
          label={t('officer.intake.procedure')}
          rules={[{ required: true, message: t('officer.intake.procedureRequired') }]}
        >
          <ProcedureSelect currentName={proc.data?.name} />
        </Form.Item>
        {proc.error && <Alert type="error" showIcon message={proc.error.localized} style={{ marginBottom: 12 }} />}
        {proc.data && (
          <>
            <p className="cs-muted" data-testid="intake-procedure-info">
              {proc.data.content.field} · {t('proc.time')}: {formatNumber(proc.data.processingTime.value, lang)}{' '}
              {t(`unit.${processingUnit(proc.data.processingTime.unit)}`)} ·{' '}
              <Link to={`/thu-tuc/${encodeURIComponent(proc.data.code)}`} target="_blank">
                {t('officer.intake.viewProcedure')}
              </Link>
            </p>
            <Form.Item
              name="agencyCode"
              label={t('officer.intake.agency')}
              extra={t('officer.intake.agencyHelp')}
              rules={[{ required: agencies.length > 1, message: t('officer.intake.agencyRequired') }]}
            >
              <NativeSelect
                placeholder={t('officer.intake.agencyPlaceholder')}
                options={agencies.map((a) => ({ value: a.code, label: `${a.name} (${a.code})` }))}
                style={{ maxWidth: 640 }}
              />
            </Form.Item>
          </>
        )}
      </Section>

      <Section id="intake-applicant" title={t('officer.view.applicant')}>
        <IntakeApplicant form={form} />
      </Section>

      {content && content.eForm.fields.length > 0 && (
        <Section id="intake-eform" title={t('officer.view.eForm')}>
          <EFormFields fields={content.eForm.fields} />
        </Section>
      )}

      {content && (
        <Section id="intake-components" title={t('proc.components')}>
          <p>{t('officer.intake.componentsIntro')}</p>
          <IntakeComponents
            components={content.components}
            files={files}
            missing={missing}
            onFiles={(i, next) => {
              setFiles((f) => ({ ...f, [i]: next }))
              setMissing((m) => m.filter((x) => x !== i))
            }}
          />
          <Form.Item name="sets" label={t('officer.view.sets')} rules={[{ required: true }]}>
            <InputNumber min={1} max={20} precision={0} style={{ width: 120 }} />
          </Form.Item>
        </Section>
      )}

      <Section id="intake-return" title={t('officer.view.returnChannel')}>
        <Form.Item name="returnChannel" label={t('officer.intake.returnChannel')} rules={[{ required: true }]}>
          <RadioField<IntakeValues['returnChannel']>
            label={t('officer.intake.returnChannel')}
            options={RETURN_CHANNELS.map((c) => ({ value: c, label: t(`returnChannel.${c}`) }))}
          />
        </Form.Item>
        {returnChannel === 'post' && (
          <Form.Item
            name="returnAddress"
            label={t('officer.intake.returnAddress')}
            rules={[
              { required: true, whitespace: true, message: t('officer.intake.returnAddressRequired') },
              { min: 5, message: t('officer.reasonMin', { n: 5 }) },
            ]}
          >
            <Input maxLength={500} />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('officer.intake.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Section>

      {keyReused && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('officer.intake.keyReused')}
          action={<Link to="/quan-tri/so-theo-doi">{t('officer.book.title')}</Link>}
        />
      )}
      <div className="cs-toolbar">
        <Button type="primary" htmlType="submit" size="large" loading={submitting} disabled={!content} data-testid="intake-submit">
          {t('officer.intake.submit')}
        </Button>
        <Link to="/quan-tri/ho-so">{t('common.cancel')}</Link>
      </div>
    </Form>
  )
}

/** `/quan-tri/ho-so/tiep-nhan-moi`: a receiving officer records a dossier handed in at the counter or received by post. */
export default function CounterIntakePage() {
  const { t } = useI18n()
  const { me } = useAuth()
  usePageTitle(t('officer.intake.title'))
  return (
    <>
      <nav aria-label={t('proc.breadcrumb')} style={{ marginBottom: 12 }}>
        <Link to="/quan-tri/ho-so">{t('officer.inbox.title')}</Link> / <span aria-current="page">{t('officer.intake.title')}</span>
      </nav>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('officer.intake.title')}
      </Typography.Title>
      {hasAnyRole(me, INTAKE_ROLES) ? (
        <>
          <Typography.Paragraph>{t('officer.intake.intro')}</Typography.Paragraph>
          <IntakeForm />
        </>
      ) : (
        <div data-testid="forbidden">
          <Result status="403" title={t('officer.intake.forbidden')} />
        </div>
      )}
    </>
  )
}
