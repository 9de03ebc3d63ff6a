import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import { Alert, App, Button, Descriptions, Grid, Space, Spin, Typography } from 'antd'
import { FilePdfOutlined } from '@ant-design/icons'
import { useApi } from '../../api/hooks.ts'
import { useI18n } from '../../i18n/index.tsx'
import { formatDateTime } from '../../lib/format.ts'
import { CsTag } from '../Tags.tsx'
import { Section } from '../dossier/common.tsx'
import { DeadlineFlagTag } from '../dossier/DossierTags.tsx'
import type { DossierDetailT } from '../dossier/types.ts'
import { ActionModal } from './ActionModal.tsx'
import { ApologyList, ConsultationTable, postalStatusLabel, RatingView, ResultFiles, roleLabel, VisitsTable } from './ProcessingRecords.tsx'
import { ACTION_ORDER, type ProcessingActionNameT, type ProcessingViewT } from './types.ts'
import { useProcessingRun } from './useProcessingRun.ts'

const PRIMARY: ReadonlySet<ProcessingActionNameT> = new Set(['start', 'forward', 'approve', 'return_result'])

function SubTitle({ children }: { children: ReactNode }) {
  return (
    <Typography.Title level={3} style={{ fontSize: 16, marginTop: 20 }}>
      {children}
    </Typography.Title>
  )
}

function useDescriptionProps() {
  const screens = Grid.useBreakpoint()
  return {
    bordered: true,
    column: 1,
    size: 'small' as const,
    layout: screens.md === false ? ('vertical' as const) : ('horizontal' as const),
    styles: { label: { width: screens.md === false ? undefined : '32%', fontWeight: 600, color: 'rgba(0,0,0,0.88)' } },
  }
}

/** Where the dossier is: agency, current step (kind, role, entered, due with its flag), assignee, decision. */
function CurrentStep({ view }: { view: ProcessingViewT }) {
  const { t } = useI18n()
  const props = useDescriptionProps()
  const s = view.step
  const a = view.assignee
  const assignee = a.userName ? (a.unitName ? `${a.userName} — ${a.unitName}` : a.userName) : (a.unitName ?? t('pr.unassigned'))
  return (
    <Descriptions {...props} data-testid="current-step" style={{ marginBottom: 16 }}>
      {view.agency && <Descriptions.Item label={t('pr.step.agency')}>{view.agency.name}</Descriptions.Item>}
      {s && (
        <>
          <Descriptions.Item label={t('pr.step.name')}>
            <strong data-testid="step-name">{s.name}</strong> <span className="cs-muted">({t(`pr.stepKind.${s.kind}`)})</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('pr.step.role')}>{roleLabel(t, s.role)}</Descriptions.Item>
          <Descriptions.Item label={t('pr.step.entered')}>{formatDateTime(s.enteredAt)}</Descriptions.Item>
          <Descriptions.Item label={t('pr.step.due')}>
            <span data-testid="step-due">{s.dueAt ? formatDateTime(s.dueAt) : t('pr.step.noDue')}</span> <DeadlineFlagTag flag={s.flag} />
          </Descriptions.Item>
        </>
      )}
      <Descriptions.Item label={t('pr.assignee')}>
        <span data-testid="assignee">{assignee}</span>
      </Descriptions.Item>
      {view.decision && (
        <Descriptions.Item label={t('pr.decision')}>
          <CsTag color={view.decision === 'approved' ? 'green' : 'red'}>{t(`pr.decision.${view.decision}`)}</CsTag>
        </Descriptions.Item>
      )}
    </Descriptions>
  )
}

/** How the result went back to the applicant, and their rating. */
function Returned({ view }: { view: ProcessingViewT }) {
  const { t } = useI18n()
  const props = useDescriptionProps()
  const r = view.returned
  if (!r) return <p className="cs-muted">{t('pr.returned.notYet')}</p>
  return (
    <Descriptions {...props} data-testid="returned">
      <Descriptions.Item label={t('pr.returned.at')}>{formatDateTime(r.at)}</Descriptions.Item>
      <Descriptions.Item label={t('pr.returned.channel')}>{t(`returnChannel.${r.channel}`)}</Descriptions.Item>
      {r.postalTracking && (
        <Descriptions.Item label={t('pr.returned.tracking')}>
          <span className="cs-mono">{r.postalTracking}</span>
        </Descriptions.Item>
      )}
      {r.postalStatus && <Descriptions.Item label={t('pr.returned.status')}>{postalStatusLabel(t, r.postalStatus)}</Descriptions.Item>}
      <Descriptions.Item label={t('pr.rating.title')}>
        {view.rating ? <RatingView score={view.rating.score} comment={view.rating.comment} /> : t('pr.rating.none')}
      </Descriptions.Item>
    </Descriptions>
  )
}

interface Props {
  dossier: DossierDetailT
  /** Reload the dossier (after an action, or when someone else acted). */
  onChanged: () => void
}

/**
 * The processing panel of the officer's dossier page (`GET /dossiers/:code/processing`): the current
 * step, a button per allowed action opening its dialog, then consultations, results, apologies, the
 * hand-over and the control sheet's rows. After an action the dossier and the view are reloaded.
 *
 * For tests: `data-attempt`/`data-state` (see `AttemptState`) follow the last action; `data-ready`
 * is "true" once the shown processing view belongs to the shown dossier version (`data-dossier-version`).
 */
export function ProcessingPanel({ dossier: d, onChanged }: Props) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const api = useApi<ProcessingViewT>(`/dossiers/${encodeURIComponent(d.code)}/processing`)
  const { reload } = api
  const [fresh, setFresh] = useState<ProcessingViewT>()
  const [open, setOpen] = useState<{ action: ProcessingActionNameT; consultId?: string } | null>(null)
  // The dossier version the last fetch was made for, and the one the shown view belongs to.
  const fetchedFor = useRef(d.version)
  const [viewVersion, setViewVersion] = useState<number | null>(null)

  useEffect(() => {
    if (d.version === fetchedFor.current) return
    fetchedFor.current = d.version
    reload()
  }, [d.version, reload])
  useEffect(() => {
    if (!api.data) return
    setViewVersion(fetchedFor.current)
    setFresh(undefined)
  }, [api.data])
  const ready = !api.loading && viewVersion === d.version

  const onConflict = useCallback(() => {
    setOpen(null)
    onChanged()
    reload()
  }, [onChanged, reload])
  const { attempt, run, markInvalid, settle } = useProcessingRun(d.code, d.version, onConflict)
  useEffect(() => {
    if (attempt.state === 'reloading' && ready && d.version !== attempt.from) settle()
  }, [attempt.state, attempt.from, ready, d.version, settle])

  const view = fresh ?? api.data
  const allowed = new Set(view?.allowedActions ?? [])
  const actions = ACTION_ORDER.filter((a) => allowed.has(a))

  const body = (): ReactNode => {
    if (!view) {
      if (api.error) return <Alert type="error" showIcon message={api.error.localized} />
      return (
        <div role="status" style={{ padding: 16 }}>
          <Spin /> <span>{t('pr.panel.loading')}</span>
        </div>
      )
    }
    return (
      <>
        {!view.started && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('pr.panel.notStarted')} />}
        {view.started && (
          <>
            <SubTitle>{t('pr.step.title')}</SubTitle>
            {!view.step && <p className="cs-muted">{t('pr.panel.ended')}</p>}
            <CurrentStep view={view} />
          </>
        )}
        <div role="group" aria-label={t('pr.actions')} data-testid="processing-actions">
          {actions.length > 0 ? (
            <Space wrap>
              {actions.map((a) => (
                <Button
                  key={a}
                  type={PRIMARY.has(a) ? 'primary' : 'default'}
                  danger={a === 'refuse'}
                  data-action={a}
                  onClick={() => setOpen({ action: a })}
                >
                  {t(`pr.act.${a}`)}
                </Button>
              ))}
            </Space>
          ) : (
            <p className="cs-muted" style={{ margin: 0 }}>
              {t('pr.noActions')}
            </p>
          )}
        </div>

        {view.consultations.length > 0 && (
          <>
            <SubTitle>{t('pr.consult.title')}</SubTitle>
            <ConsultationTable
              items={view.consultations}
              onAnswer={allowed.has('answer_consult') ? (id) => setOpen({ action: 'answer_consult', consultId: id }) : undefined}
            />
          </>
        )}
        {view.started && (
          <>
            <SubTitle>{t('pr.results.title')}</SubTitle>
            <ResultFiles files={view.results} label={t('pr.results.title')} />
          </>
        )}
        {view.apologies.length > 0 && (
          <>
            <SubTitle>{t('pr.apologies.title')}</SubTitle>
            <ApologyList apologies={view.apologies} label={t('pr.apologies.title')} />
          </>
        )}
        {(view.returned || view.decision) && (
          <>
            <SubTitle>{t('pr.returned.title')}</SubTitle>
            <Returned view={view} />
          </>
        )}
        {view.started && (
          <>
            <SubTitle>{t('pr.visits.title')}</SubTitle>
            <VisitsTable visits={view.visits} />
          </>
        )}
      </>
    )
  }

  return (
    <div
      data-testid="processing-panel"
      data-attempt={attempt.n}
      data-state={attempt.state}
      data-dossier-version={d.version}
      data-ready={ready ? 'true' : 'false'}
    >
      <Section
        id="officer-processing"
        title={t('pr.panel.title')}
        extra={
          view?.started ? (
            <a href={view.controlSheetUrl} target="_blank" rel="noreferrer" data-testid="control-sheet">
              <FilePdfOutlined aria-hidden /> {t('pr.controlSheet')}
            </a>
          ) : undefined
        }
      >
        {body()}
      </Section>
      {open && view && (
        <ActionModal
          action={open.action}
          consultId={open.consultId}
          view={view}
          dossier={d}
          attempt={attempt}
          run={run}
          markInvalid={markInvalid}
          onClose={(next) => {
            setOpen(null)
            if (!next) return
            setFresh(next)
            void message.success(t('pr.done', { action: t(`pr.act.${open.action}`) }))
            onChanged()
          }}
        />
      )}
    </div>
  )
}
