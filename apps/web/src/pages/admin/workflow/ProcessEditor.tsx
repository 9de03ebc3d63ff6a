import { useEffect, useMemo, useRef, useState } from 'react'
import { Alert, App, Button, Card, Form, Popconfirm, Select, Space, Tooltip, Typography } from 'antd'
import { CopyOutlined, DeleteOutlined, DownloadOutlined, ReloadOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons'
import { Link, useNavigate } from 'react-router-dom'
import type { LegalTime, ProcessDefinitionInput, ProcessList } from '@congso/contracts'
import type { BranchCondition } from '@congso/domain'
import type { z } from 'zod'
import { api, ApiError, get, post, put } from '../../../api/client.ts'
import type { Agency } from '../../../api/types.ts'
import { useAuth } from '../../../auth/AuthContext.tsx'
import { useI18n } from '../../../i18n/index.tsx'
import { useErrorHandler } from '../../../lib/forms.ts'
import { formatDateTime } from '../../../lib/format.ts'
import { CsTag } from '../../../components/Tags.tsx'
import { ProcessDiagram, OP_SYMBOL } from '../../../components/workflow/ProcessDiagram.tsx'
import { ProcessStatusTag } from '../../../components/workflow/ProcessStatusTag.tsx'
import { analyzeProcess, longestPathMinutes } from '../../../components/workflow/graph.ts'
import { durationLabel } from '../../../components/workflow/text.ts'
import { canEditProcesses } from './access.ts'
import { fieldHelp } from './fieldIssues.tsx'
import { IssuesPanel } from './IssuesPanel.tsx'
import {
  issuesByTarget,
  issuesOfBody,
  parseForm,
  renameStepRefs,
  toFormValues,
  type EditorIssue,
  type EFormFieldT,
  type ProcessFormValues,
  type ProcessView,
} from './processModel.ts'
import { ProcessTables } from './ProcessTables.tsx'
import { StepsFields } from './StepsFields.tsx'
import { TransitionsFields } from './TransitionsFields.tsx'
import { useLiveCheck, type CheckTarget } from './useLiveCheck.ts'

export interface ProcedureInfo {
  name: string | null
  fields: EFormFieldT[]
  legalTime: z.infer<typeof LegalTime> | null
}

interface Props {
  /** The saved version; null while a new process (or a revision) has not been saved yet. */
  view: ProcessView | null
  target: CheckTarget
  initial: ProcessDefinitionInput
  /** The version a new draft revises. */
  revisionOf?: number
  procedure: ProcedureInfo
  agencyName: string
  units: readonly Agency[]
  onSaved: (v: ProcessView) => void
}

type Busy = 'save' | 'publish' | 'discard' | 'revise' | null

/**
 * The process editor: the form (start, steps, transitions), the live check and its issues, the
 * diagram of what the form holds, and the actions on the version (save the draft, publish,
 * discard, export, start a revision of a published one).
 */
export function ProcessEditor({ view, target, initial, revisionOf, procedure, agencyName, units, onSaved }: Props) {
  const { t, lang } = useI18n()
  const { message } = App.useApp()
  const onError = useErrorHandler()
  const navigate = useNavigate()
  const { me } = useAuth()
  const [form] = Form.useForm<ProcessFormValues>()
  const initialValues = useMemo(() => toFormValues(initial), [initial])
  const watched = Form.useWatch([], { form, preserve: true }) as ProcessFormValues | undefined
  const [busy, setBusy] = useState<Busy>(null)
  const [conflict, setConflict] = useState(false)
  const [refused, setRefused] = useState<{ key: string; issues: EditorIssue[] } | null>(null)

  const canEdit = canEditProcesses(me)
  const editable = canEdit && (!view || view.status === 'draft')
  // Read-only versions have no form: what they show is the version itself.
  const values = (editable ? watched : undefined) ?? initialValues
  const fields = procedure.fields
  const parsed = useMemo(() => parseForm(values, fields), [values, fields])
  const baseline = useMemo(
    () => (view ? JSON.stringify(parseForm(toFormValues(view.definition), fields).definition) : null),
    [view, fields],
  )
  const currentKey = parsed.definition ? JSON.stringify(parsed.definition) : null
  const dirty = editable && (view === null || currentKey !== baseline)
  const check = useLiveCheck(target, parsed.definition, editable)

  const issues: readonly EditorIssue[] = !editable
    ? (view?.issues ?? [])
    : parsed.problems.length > 0
      ? parsed.problems
      : refused && refused.key === currentKey
        ? refused.issues
        : (check.result?.issues ?? view?.issues ?? [])
  const located = useMemo(() => issuesByTarget(issues), [issues])
  const legalTime = check.result?.legalTime ?? view?.legalTime ?? procedure.legalTime
  const shown = parsed.definition ?? view?.definition ?? initial
  const total = useMemo(() => longestPathMinutes(shown, analyzeProcess(shown)), [shown])

  // Leaving with unsaved changes asks first (closing the tab or reloading).
  useEffect(() => {
    if (!dirty) return
    const warn = (e: BeforeUnloadEvent) => e.preventDefault()
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [dirty])

  // A step's new code follows into the start and the transitions that named it.
  const previousIds = useRef((initialValues.steps ?? []).map((s) => s.id))
  const onValuesChange = (changed: ProcessFormValues, all: ProcessFormValues) => {
    const before = previousIds.current
    previousIds.current = (all.steps ?? []).map((s) => s?.id)
    const entries = changed.steps ? Object.entries(changed.steps) : []
    if (entries.length !== 1 || (all.steps ?? []).length !== before.length) return
    const [index, step] = entries[0]!
    if (!step || Object.keys(step).join() !== 'id') return
    const patch = renameStepRefs(all, before[Number(index)] ?? '', all.steps?.[Number(index)]?.id ?? '')
    if (patch) form.setFieldsValue(patch)
  }

  const removeStep = (index: number) => {
    const all = form.getFieldsValue(true) as ProcessFormValues
    const steps = all.steps ?? []
    const id = steps[index]?.id
    const transitions = all.transitions ?? []
    const kept = id ? transitions.filter((tr) => tr.from !== id && tr.to !== id) : transitions
    form.setFieldsValue({
      steps: steps.filter((_, i) => i !== index),
      transitions: kept,
      startStepId: all.startStepId === id ? undefined : all.startStepId,
    })
    previousIds.current = steps.filter((_, i) => i !== index).map((s) => s.id)
    if (kept.length < transitions.length) void message.info(t('wf.step.removedRefs', { n: transitions.length - kept.length }))
  }

  const writeFailed = (e: unknown) => {
    if (e instanceof ApiError && e.code === 'PROCESS_VERSION_CONFLICT') setConflict(true)
    if (e instanceof ApiError && e.code === 'PROCESS_INVALID') {
      const list = issuesOfBody(e.body)
      if (list && currentKey) setRefused({ key: currentKey, issues: list })
      void message.error(t('wf.ed.saveInvalid'))
      return
    }
    onError(e)
  }

  /** Writes the draft; the saved version, or null when refused (the reason is shown). */
  const persist = async (): Promise<ProcessView | null> => {
    if (!parsed.definition) {
      void message.error(t('wf.ed.saveInvalid'))
      return null
    }
    try {
      return await put<ProcessView>('/admin/processes/draft', {
        ...target,
        definition: parsed.definition,
        ...(view?.status === 'draft' ? { expectedRevision: view.revision } : {}),
      })
    } catch (e) {
      if (e instanceof ApiError && e.code === 'PROCESS_DRAFT_EXISTS') {
        await openExistingDraft()
        return null
      }
      writeFailed(e)
      return null
    }
  }

  const openExistingDraft = async (): Promise<boolean> => {
    const drafts = await get<ProcessList>('/admin/processes', { ...target, status: 'draft' })
    const draft = drafts.items[0]
    if (!draft) return false
    void message.info(t('wf.create.draftExists'))
    void navigate(`/quan-tri/quy-trinh/${draft.id}`)
    return true
  }

  const run = async (kind: Busy, fn: () => Promise<void>) => {
    setBusy(kind)
    try {
      await fn()
    } catch (e) {
      writeFailed(e)
    } finally {
      setBusy(null)
    }
  }

  const save = () =>
    run('save', async () => {
      const saved = await persist()
      if (!saved) return
      void message.success(t('wf.ed.saved'))
      onSaved(saved)
    })

  const publish = () =>
    run('publish', async () => {
      const draft = view && !dirty ? view : await persist()
      if (!draft) return
      const published = await post<ProcessView>(`/admin/processes/${draft.id}/publish`, { expectedRevision: draft.revision })
      void message.success(t('wf.ed.published', { version: published.version }))
      onSaved(published)
    })

  const discard = () =>
    run('discard', async () => {
      if (!view) return
      await api(`/admin/processes/${view.id}`, { method: 'DELETE', query: { expectedRevision: view.revision } })
      void message.success(t('wf.ed.discarded'))
      void navigate(`/quan-tri/quy-trinh?procedure=${encodeURIComponent(target.procedureCode)}&agency=${target.agencyId}`)
    })

  const revise = () =>
    run('revise', async () => {
      if (!view || (await openExistingDraft())) return
      const q = new URLSearchParams({ procedureCode: target.procedureCode, agencyId: target.agencyId, from: view.id })
      void navigate(`/quan-tri/quy-trinh/moi?${q.toString()}`)
    })

  const fieldByKey = useMemo(() => new Map(fields.map((f) => [f.key, f])), [fields])
  const describeCondition = (c: BranchCondition) => {
    const f = fieldByKey.get(c.field)
    const one = (v: string | number | boolean) =>
      typeof v === 'boolean' ? t(v ? 'common.yes' : 'common.no') : (f?.options?.find((o) => o.value === String(v))?.label ?? String(v))
    const value = Array.isArray(c.value) ? c.value.map(one).join(', ') : one(c.value)
    return `${f?.label ?? c.field} ${OP_SYMBOL[c.op]} ${value}`
  }
  const unitName = (id: string) => units.find((u) => u.id === id)?.name
  const stepIssueSet = useMemo(() => new Set(located.steps.keys()), [located])
  const transitionIssueSet = useMemo(() => new Set(located.transitions.keys()), [located])
  const stepOptions = (values.steps ?? []).filter((s) => s?.id).map((s) => ({ value: s.id, label: s.name ? `${s.name} (${s.id})` : s.id }))

  const notice = !view
    ? revisionOf
      ? t('wf.ed.reviseNotice', { version: revisionOf })
      : t('wf.ed.newNotice')
    : !canEdit
      ? t('wf.ed.viewOnly')
      : view.status === 'published'
        ? t('wf.ed.publishedNotice')
        : view.status === 'superseded'
          ? t('wf.ed.supersededNotice')
          : null

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22, marginBottom: 8 }}>
        {procedure.name ?? view?.procedureName ?? target.procedureCode}
      </Typography.Title>
      <Space wrap size={[16, 4]} style={{ marginBottom: 12 }} data-testid="process-meta">
        <span>
          {t('wf.ed.procedure')}: <strong>{target.procedureCode}</strong>
        </span>
        <span>
          {t('wf.ed.agency')}: <strong>{agencyName}</strong>
        </span>
        {view ? (
          <Space size={6}>
            <span>{t('wf.ed.version', { version: view.version })}</span>
            <ProcessStatusTag status={view.status} />
          </Space>
        ) : (
          <CsTag color="orange">{t('wf.ed.newTitle')}</CsTag>
        )}
        {legalTime && (
          <span>
            {t('wf.ed.legalTime')}: <strong>{durationLabel(t, lang, legalTime)}</strong>
          </span>
        )}
        {view?.publishedAt && (
          <span>
            {t('wf.ed.publishedAt')}: {formatDateTime(view.publishedAt)}
          </span>
        )}
        {view?.status === 'draft' && (
          <span>
            {t('wf.ed.updatedAt')}: {formatDateTime(view.updatedAt)}
          </span>
        )}
        {dirty && view && <CsTag color="blue">{t('wf.ed.unsaved')}</CsTag>}
      </Space>

      <div className="cs-toolbar">
        {editable && (
          <Button
            type="primary"
            icon={<SaveOutlined aria-hidden />}
            loading={busy === 'save'}
            disabled={busy !== null || conflict}
            onClick={() => void save()}
          >
            {t('wf.ed.save')}
          </Button>
        )}
        {editable && (
          <Popconfirm
            title={t('wf.ed.publishConfirm')}
            description={
              <div style={{ maxWidth: 360 }}>{`${t('wf.ed.publishConfirmText')}${dirty ? ` ${t('wf.ed.publishUnsaved')}` : ''}`}</div>
            }
            okText={t('wf.ed.publish')}
            cancelText={t('common.cancel')}
            onConfirm={() => void publish()}
          >
            <Button icon={<SendOutlined aria-hidden />} loading={busy === 'publish'} disabled={busy !== null || conflict}>
              {t('wf.ed.publish')}
            </Button>
          </Popconfirm>
        )}
        {editable && view && (
          <Popconfirm
            title={t('wf.ed.discardConfirm')}
            okText={t('wf.ed.discard')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => void discard()}
          >
            <Button danger icon={<DeleteOutlined aria-hidden />} loading={busy === 'discard'} disabled={busy !== null}>
              {t('wf.ed.discard')}
            </Button>
          </Popconfirm>
        )}
        {canEdit && view && view.status !== 'draft' && (
          <Button type="primary" icon={<CopyOutlined aria-hidden />} loading={busy === 'revise'} onClick={() => void revise()}>
            {t('wf.ed.revise')}
          </Button>
        )}
        {view && (
          <Tooltip title={dirty ? t('wf.ed.exportUnsaved') : undefined}>
            <Button icon={<DownloadOutlined aria-hidden />} href={`/api/v1/admin/processes/${view.id}/export`} download>
              {t('wf.ed.export')}
            </Button>
          </Tooltip>
        )}
        <Link to="/quan-tri/quy-trinh" style={{ alignSelf: 'center' }}>
          {t('wf.ed.back')}
        </Link>
      </div>

      {notice && <Alert type="info" showIcon message={notice} style={{ marginBottom: 12 }} />}
      {conflict && (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={t('wf.ed.conflict')}
          action={
            <Button icon={<ReloadOutlined aria-hidden />} onClick={() => window.location.reload()}>
              {t('wf.ed.reload')}
            </Button>
          }
          style={{ marginBottom: 12 }}
        />
      )}

      <IssuesPanel
        issues={issues}
        state={editable ? check.state : 'idle'}
        checkError={check.error?.localized ?? null}
        totalMinutes={total}
        legalTime={legalTime}
        stepName={(i) => values.steps?.[i]?.name || values.steps?.[i]?.id || String(i + 1)}
        editable={editable}
      />

      <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('wf.ed.diagram')}</h2>} size="small" style={{ marginBottom: 16 }}>
        <ProcessDiagram
          definition={shown}
          unitName={unitName}
          describeCondition={describeCondition}
          stepIssues={stepIssueSet}
          transitionIssues={transitionIssueSet}
        />
      </Card>

      {editable ? (
        <Form<ProcessFormValues>
          form={form}
          name="process"
          layout="vertical"
          initialValues={initialValues}
          onValuesChange={onValuesChange}
          requiredMark={false}
        >
          <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('wf.ed.definition')}</h2>} size="small" style={{ marginBottom: 16 }}>
            <Form.Item name="startStepId" label={t('wf.ed.start')} style={{ maxWidth: 480 }} {...fieldHelp(located.start, 'startStepId')}>
              <Select options={stepOptions} showSearch optionFilterProp="label" />
            </Form.Item>
            <h3 style={{ fontSize: 16 }}>{t('wf.ed.steps', { n: values.steps?.length ?? 0 })}</h3>
            <StepsFields values={values} editable issues={located.steps} units={units} onRemove={removeStep} />
            <h3 style={{ fontSize: 16, marginTop: 24 }}>{t('wf.ed.transitions', { n: values.transitions?.length ?? 0 })}</h3>
            <TransitionsFields values={values} editable issues={located.transitions} fields={fields} />
          </Card>
        </Form>
      ) : (
        <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('wf.ed.definition')}</h2>} size="small" style={{ marginBottom: 16 }}>
          <ProcessTables
            definition={shown}
            unitName={unitName}
            describeCondition={describeCondition}
            stepIssues={located.steps}
            transitionIssues={located.transitions}
          />
        </Card>
      )}
    </>
  )
}
