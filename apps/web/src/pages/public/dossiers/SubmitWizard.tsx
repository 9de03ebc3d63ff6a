import { useEffect, useRef, useState } from 'react'
import { Alert, App, Button, Checkbox, Form, Space, Steps, Typography } from 'antd'
import { SaveOutlined, SendOutlined } from '@ant-design/icons'
import { Link } from 'react-router-dom'
import { ApiError, postIdempotent, put } from '../../../api/client.ts'
import type { Me, ProcedureDetail, StoredFileT } from '../../../api/types.ts'
import { useI18n } from '../../../i18n/index.tsx'
import { formatDateTime } from '../../../lib/format.ts'
import { localizeMessage, setFieldErrors, toNamePath, useErrorHandler } from '../../../lib/forms.ts'
import { NativeSelect } from '../../../components/dossier/common.tsx'
import { ComponentsStep } from './ComponentsStep.tsx'
import { ContactFields } from './ContactFields.tsx'
import { EFormFields } from '../../../components/dossier/EFormFields.tsx'
import { ReturnChannelField } from './ReturnChannelField.tsx'
import { ReviewStep } from './ReviewStep.tsx'
import { SubmitResult } from './SubmitResult.tsx'
import {
  clearSubmissionKey,
  componentIndexOfPath,
  componentsBody,
  filesFromDraft,
  fromFormData,
  missingRequired,
  stepOfPath,
  submissionKey,
  toFormData,
  STEP_COMPONENTS,
  STEP_INFO,
  STEP_RETURN,
  STEP_REVIEW,
  type FilesByComponent,
  type WizardValues,
} from '../../../components/dossier/submitModel.ts'
import type { CreateDossierBody, CreatedDossierT, DraftT, SaveDraftBody } from '../../../components/dossier/types.ts'

interface Props {
  procedure: ProcedureDetail
  draft: DraftT | undefined
  me: Me
}

const CONTACT_FIELDS = [
  ['contact', 'phone'],
  ['contact', 'email'],
  ['contact', 'address'],
]

interface SubmitProblem {
  title: string
  text?: string
}

/** Steps (a)–(e) of the online submission, a draft saved at any point, and the result panel. */
export function SubmitWizard({ procedure, draft, me }: Props) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const onError = useErrorHandler()
  const [form] = Form.useForm<WizardValues>()
  const c = procedure.content
  const fields = c.eForm.fields
  const agencies = procedure.agencies
  const single = agencies.length === 1 ? agencies[0] : undefined

  const [step, setStep] = useState(STEP_INFO)
  const [maxStep, setMaxStep] = useState(STEP_INFO)
  const [files, setFiles] = useState<FilesByComponent>(() => (draft ? filesFromDraft(draft) : {}))
  const [compErrors, setCompErrors] = useState<Record<number, string[]>>({})
  const [savedAt, setSavedAt] = useState(draft?.updatedAt)
  const [busy, setBusy] = useState<'draft' | 'submit' | null>(null)
  const [problem, setProblem] = useState<SubmitProblem | null>(null)
  const [created, setCreated] = useState<CreatedDossierT>()
  const [idemKey, setIdemKey] = useState(() => submissionKey(procedure.code))
  const [review, setReview] = useState<WizardValues>({})
  const returnChannel = Form.useWatch('returnChannel', form)
  const headings = useRef<(HTMLHeadingElement | null)[]>([])
  const firstRender = useRef(true)

  const [initialValues] = useState<WizardValues>(() => ({
    agencyCode: agencies.some((a) => a.code === draft?.agencyCode) ? draft?.agencyCode : single?.code,
    contact: {
      phone: draft?.contact?.phone || (me.phone ?? undefined),
      email: draft?.contact?.email || (me.email ?? undefined),
      address: draft?.contact?.address,
    },
    formData: draft ? fromFormData(fields, draft.formData) : {},
    returnChannel: draft?.returnChannel ?? 'online',
    returnAddress: draft?.returnAddress,
  }))

  // Move focus to the heading of the step just shown (not on the first render: the page's h1 comes first).
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false
      return
    }
    headings.current[step]?.focus()
  }, [step])

  const stepTitles = [t('portal.sub.stepInfo'), t('portal.sub.stepComponents'), t('portal.sub.stepReturn'), t('portal.sub.stepReview')]

  const goTo = (s: number) => {
    if (s === STEP_REVIEW) setReview(form.getFieldsValue(true) as WizardValues)
    setStep(s)
    setMaxStep((m) => Math.max(m, s))
  }

  const fieldsOfStep = (s: number): (string | number)[][] => {
    if (s === STEP_INFO) return [['agencyCode'], ...CONTACT_FIELDS, ...fields.map((f) => ['formData', f.key])]
    if (s === STEP_RETURN) return [['returnChannel'], ['returnAddress']]
    return []
  }

  /** Marks required components that have no file; true when there are none. */
  const checkRequiredFiles = (): boolean => {
    const missing = missingRequired(c.components, files)
    if (missing.length === 0) return true
    setCompErrors(Object.fromEntries(missing.map((i) => [i, [t('portal.sub.requiredFile')]])))
    setTimeout(() => document.getElementById(`component-${missing[0] ?? 0}-name`)?.scrollIntoView({ block: 'center' }), 0)
    return false
  }

  const next = async () => {
    if (step === STEP_COMPONENTS) {
      if (checkRequiredFiles()) goTo(step + 1)
      else void message.error(t('portal.sub.requiredFilesMissing'))
      return
    }
    try {
      await form.validateFields(fieldsOfStep(step) as never)
    } catch {
      const first = form.getFieldsError().find((f) => f.errors.length > 0)
      if (first) form.scrollToField(first.name, { focus: true, block: 'center' })
      return
    }
    goTo(step + 1)
  }

  const setFilesOf = (index: number, list: StoredFileT[]) => {
    setFiles((prev) => ({ ...prev, [index]: list }))
    setCompErrors((prev) => {
      if (!prev[index]) return prev
      const { [index]: _gone, ...rest } = prev
      return rest
    })
  }

  const saveDraft = async () => {
    const v = form.getFieldsValue(true) as WizardValues
    const body: SaveDraftBody = {
      procedureCode: procedure.code,
      agencyCode: v.agencyCode ?? undefined,
      contact: {
        phone: v.contact?.phone?.trim() || undefined,
        email: v.contact?.email?.trim() || undefined,
        address: v.contact?.address?.trim() || undefined,
      },
      formData: toFormData(fields, v.formData),
      components: componentsBody(c.components, files).filter((x) => x.fileIds.length > 0),
      returnChannel: v.returnChannel ?? 'online',
      returnAddress: v.returnAddress?.trim() || undefined,
    }
    setBusy('draft')
    try {
      const saved = await put<DraftT>('/me/drafts', body)
      setSavedAt(saved.updatedAt)
      void message.success(t('portal.sub.draftSaved'))
    } catch (e) {
      onError(e)
    } finally {
      setBusy(null)
    }
  }

  /** Marks the fields the server named; returns the messages that belong to no field shown here. */
  const showServerErrors = (e: ApiError): string[] => {
    const known = new Set([...fieldsOfStep(STEP_INFO), ...fieldsOfStep(STEP_RETURN)].map((n) => n.join('.')))
    const formErrors = e.fields.filter((f) => componentIndexOfPath(f.path) === null && known.has(toNamePath(f.path).join('.')))
    const others = e.fields.filter((f) => componentIndexOfPath(f.path) === null && !known.has(toNamePath(f.path).join('.')))
    setFieldErrors(form, formErrors)
    const byComponent: Record<number, string[]> = {}
    for (const f of e.fields) {
      const i = componentIndexOfPath(f.path)
      if (i !== null) (byComponent[i] ??= []).push(f.message)
    }
    setCompErrors(byComponent)
    const target = Math.min(...e.fields.map((f) => stepOfPath(f.path)))
    if (target < STEP_REVIEW) goTo(target)
    const first = formErrors[0]
    if (first && stepOfPath(first.path) === target) {
      setTimeout(() => form.scrollToField(toNamePath(first.path), { focus: true, block: 'center' }), 50)
    }
    return others.map((f) => localizeMessage(f.message))
  }

  const submit = async () => {
    setProblem(null)
    let values: WizardValues
    try {
      values = await form.validateFields()
    } catch {
      const first = form.getFieldsError().find((f) => f.errors.length > 0)
      if (first) {
        const s = stepOfPath(first.name.join('.'))
        setStep(s)
        setTimeout(() => form.scrollToField(first.name, { focus: true, block: 'center' }), 0)
      }
      return
    }
    if (!checkRequiredFiles()) {
      setStep(STEP_COMPONENTS)
      setProblem({ title: t('portal.sub.requiredFilesMissing') })
      return
    }
    const channel = values.returnChannel ?? 'online'
    const contact = values.contact ?? {}
    const body: CreateDossierBody = {
      procedureCode: procedure.code,
      agencyCode: single?.code ?? values.agencyCode,
      channel: 'online',
      contact: { phone: contact.phone?.trim(), email: contact.email?.trim() || undefined, address: contact.address?.trim() },
      formData: toFormData(fields, values.formData),
      components: componentsBody(c.components, files),
      returnChannel: channel,
      returnAddress: channel === 'post' ? values.returnAddress?.trim() : undefined,
    }
    setBusy('submit')
    try {
      const res = await postIdempotent<CreatedDossierT>('/dossiers', idemKey, body)
      clearSubmissionKey(procedure.code)
      setCreated(res)
      window.scrollTo({ top: 0 })
    } catch (e) {
      if (!(e instanceof ApiError)) {
        setProblem({ title: t('common.error') })
      } else if (e.status === 0) {
        // The dossier may or may not have been created: the same key makes the retry safe.
        setProblem({ title: t('portal.sub.networkTitle'), text: t('portal.sub.networkText') })
      } else if (e.code === 'IDEMPOTENCY_KEY_REUSED') {
        clearSubmissionKey(procedure.code)
        setIdemKey(submissionKey(procedure.code))
        setProblem({ title: e.localized, text: t('portal.sub.keyReusedText') })
      } else {
        const others = e.fields.length > 0 ? showServerErrors(e) : []
        setProblem({ title: e.localized, text: e.fields.length > 0 ? [t('portal.sub.fixFields'), ...others].join(' ') : undefined })
      }
    } finally {
      setBusy(null)
    }
  }

  if (created) {
    const agencyName = agencies.find((a) => a.code === (single?.code ?? review.agencyCode))?.name
    return <SubmitResult created={created} procedure={procedure} agencyName={agencyName} />
  }

  const stepHeading = (s: number) => (
    <Typography.Title
      level={2}
      ref={(el: HTMLHeadingElement | null) => {
        headings.current[s] = el
      }}
      tabIndex={-1}
      style={{ fontSize: 20, marginTop: 0 }}
    >
      {stepTitles[s]}
    </Typography.Title>
  )
  const panel = { background: '#fff', borderRadius: 8, padding: 16, marginBottom: 16 }

  return (
    <>
      {draft && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="draft-restored"
          message={t('portal.sub.draftRestored', { time: formatDateTime(draft.updatedAt) })}
        />
      )}
      <nav aria-label={t('portal.sub.stepsLabel')} style={{ ...panel, padding: '12px 16px' }}>
        <Steps
          current={step}
          size="small"
          onChange={(s) => (s <= maxStep ? goTo(s) : undefined)}
          items={stepTitles.map((title, i) => ({ title, disabled: i > maxStep }))}
        />
      </nav>
      <Form<WizardValues> form={form} layout="vertical" initialValues={initialValues} noValidate>
        <section style={panel} hidden={step !== STEP_INFO} aria-label={stepTitles[STEP_INFO]}>
          {stepHeading(STEP_INFO)}
          {agencies.length > 1 ? (
            <Form.Item
              name="agencyCode"
              label={t('portal.sub.agency')}
              extra={t('portal.sub.agencyHelp')}
              rules={[{ required: true, message: t('portal.sub.agencyRequired') }]}
            >
              <NativeSelect
                placeholder={t('portal.sub.agencyPlaceholder')}
                options={agencies.map((a) => ({ value: a.code, label: a.name }))}
                style={{ maxWidth: 560 }}
              />
            </Form.Item>
          ) : single ? (
            <p>
              <strong>{t('portal.sub.agency')}:</strong> {single.name}
            </p>
          ) : null}
          <ContactFields me={me} />
          {fields.length > 0 ? (
            <>
              <Typography.Title level={3} style={{ fontSize: 17 }}>
                {t('portal.sub.eForm')}
              </Typography.Title>
              <p className="cs-muted">{t('portal.sub.requiredNote')}</p>
              <EFormFields fields={fields} />
            </>
          ) : (
            <p>{t('portal.sub.noEForm')}</p>
          )}
        </section>

        <section style={panel} hidden={step !== STEP_COMPONENTS} aria-label={stepTitles[STEP_COMPONENTS]}>
          {stepHeading(STEP_COMPONENTS)}
          <ComponentsStep
            components={c.components}
            files={files}
            onFilesChange={setFilesOf}
            errors={compErrors}
            disabled={busy === 'submit'}
          />
        </section>

        <section style={panel} hidden={step !== STEP_RETURN} aria-label={stepTitles[STEP_RETURN]}>
          {stepHeading(STEP_RETURN)}
          <ReturnChannelField channel={returnChannel} />
        </section>

        <section style={panel} hidden={step !== STEP_REVIEW} aria-label={stepTitles[STEP_REVIEW]}>
          {stepHeading(STEP_REVIEW)}
          {step === STEP_REVIEW && <ReviewStep procedure={procedure} values={review} files={files} goTo={goTo} />}
          <Form.Item
            name="pledge"
            valuePropName="checked"
            rules={[
              {
                validator: (_: unknown, v: unknown) =>
                  v === true ? Promise.resolve() : Promise.reject(new Error(t('portal.sub.pledgeRequired'))),
              },
            ]}
          >
            <Checkbox>{t('portal.sub.pledge')}</Checkbox>
          </Form.Item>
        </section>
      </Form>
      {problem && (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="submit-error"
          message={problem.title}
          description={problem.text}
          style={{ marginBottom: 16 }}
        />
      )}

      <div className="cs-toolbar" style={{ justifyContent: 'space-between' }}>
        <Space wrap>
          {step > STEP_INFO && <Button onClick={() => goTo(step - 1)}>{t('portal.sub.back')}</Button>}
          {step < STEP_REVIEW ? (
            <Button type="primary" onClick={() => void next()}>
              {t('portal.sub.next')}
            </Button>
          ) : (
            <Button
              type="primary"
              size="large"
              icon={<SendOutlined aria-hidden />}
              loading={busy === 'submit'}
              onClick={() => void submit()}
              data-testid="submit-dossier"
            >
              {t('portal.sub.submit')}
            </Button>
          )}
        </Space>
        <Space wrap>
          {savedAt && (
            <span className="cs-muted" role="status" data-testid="draft-saved-at">
              {t('portal.sub.savedAt', { time: formatDateTime(savedAt) })}
            </span>
          )}
          <Button
            icon={<SaveOutlined aria-hidden />}
            loading={busy === 'draft'}
            disabled={busy === 'submit'}
            onClick={() => void saveDraft()}
            data-testid="save-draft"
          >
            {t('portal.sub.saveDraft')}
          </Button>
        </Space>
      </div>
      <p className="cs-muted" style={{ marginTop: 8 }}>
        {t('portal.sub.helpText')} <Link to={`/thu-tuc/${encodeURIComponent(procedure.code)}`}>{t('portal.sub.procedureInfo')}</Link>
      </p>
    </>
  )
}
