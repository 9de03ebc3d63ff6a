import { useMemo, useState } from 'react'
import { Alert, Skeleton } from 'antd'
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom'
import { useApi } from '../../../api/hooks.ts'
import type { ProcedureDetail } from '../../../api/types.ts'
import { useT } from '../../../i18n/index.tsx'
import { usePageTitle } from '../../../lib/usePageTitle.ts'
import { NotFoundPage } from '../../public/NotFoundPage.tsx'
import { ProcessEditor, type ProcedureInfo } from './ProcessEditor.tsx'
import { starterDefinition, type ProcessView } from './processModel.ts'
import { useAgencies } from './useAgencies.ts'

/** The published procedure a process is written for: its name, its e-form's fields (branch conditions) and its legal time. */
function useProcedureInfo(code: string | null): ProcedureInfo | null {
  const detail = useApi<ProcedureDetail>(code ? `/procedures/${encodeURIComponent(code)}` : null)
  return useMemo(() => {
    if (!code || detail.loading) return null
    const d = detail.data
    if (!d) return { name: null, fields: [], legalTime: null }
    return {
      name: d.name,
      fields: d.content.eForm.fields,
      legalTime: { value: d.content.processingTime.value, unit: d.content.processingTime.unit },
    }
  }, [code, detail.loading, detail.data])
}

/** A saved version (`/quan-tri/quy-trinh/:id`): a draft to edit, or a published or superseded one to read. */
function SavedProcess({ id }: { id: string }) {
  const t = useT()
  const navigate = useNavigate()
  const loaded = useApi<ProcessView>(`/admin/processes/${id}`)
  const [latest, setLatest] = useState<ProcessView>()
  const view = latest?.id === id ? latest : loaded.data
  const info = useProcedureInfo(view?.procedureCode ?? null)
  const agencies = useAgencies()
  usePageTitle(view ? `${t('wf.menu')} — ${view.procedureName ?? view.procedureCode}` : t('wf.menu'))

  if (loaded.error?.status === 404) {
    return (
      <NotFoundPage
        title={t('wf.ed.notFound')}
        text={t('wf.ed.notFoundText')}
        back={{ to: '/quan-tri/quy-trinh', label: t('wf.ed.back') }}
      />
    )
  }
  if (loaded.error) return <Alert type="error" showIcon message={loaded.error.localized} />
  if (!view || !info || (!agencies.index && !agencies.error)) return <Skeleton active />
  return (
    <div data-testid="process-editor" data-mode={view.status} data-revision={view.revision}>
      <ProcessEditor
        key={`${view.id}:${view.status}`}
        view={view}
        target={{ procedureCode: view.procedureCode, agencyId: view.agencyId }}
        initial={view.definition}
        procedure={info}
        agencyName={view.agencyName}
        units={agencies.index?.unitsUnder(view.agencyId) ?? []}
        onSaved={(saved) => {
          if (saved.id === id) setLatest(saved)
          else void navigate(`/quan-tri/quy-trinh/${saved.id}`)
        }}
      />
    </div>
  )
}

/** A process not saved yet (`/quan-tri/quy-trinh/moi?procedureCode=&agencyId=[&from=]`): the starter, or a revision of `from`. */
function NewProcess({ procedureCode, agencyId, from }: { procedureCode: string | null; agencyId: string | null; from: string | null }) {
  const t = useT()
  const navigate = useNavigate()
  const source = useApi<ProcessView>(from ? `/admin/processes/${from}` : null)
  const info = useProcedureInfo(procedureCode)
  const agencies = useAgencies()
  const initial = useMemo(() => source.data?.definition ?? starterDefinition(), [source.data])
  usePageTitle(`${t('wf.menu')} — ${t('wf.ed.newTitle')}`)

  if (!procedureCode || !agencyId) {
    return (
      <Alert type="warning" showIcon message={t('wf.ed.missingTarget')} action={<Link to="/quan-tri/quy-trinh">{t('wf.ed.back')}</Link>} />
    )
  }
  if (source.error) return <Alert type="error" showIcon message={source.error.localized} />
  if (source.loading || !info || (!agencies.index && !agencies.error)) return <Skeleton active />
  return (
    <div data-testid="process-editor" data-mode="new">
      <ProcessEditor
        key={`${procedureCode}:${agencyId}:${from ?? ''}`}
        view={null}
        target={{ procedureCode, agencyId }}
        initial={initial}
        revisionOf={source.data?.version}
        procedure={info}
        agencyName={agencies.index?.byId.get(agencyId)?.name ?? agencyId}
        units={agencies.index?.unitsUnder(agencyId) ?? []}
        onSaved={(saved) => void navigate(`/quan-tri/quy-trinh/${saved.id}`, { replace: true })}
      />
    </div>
  )
}

/** `/quan-tri/quy-trinh/:id` and `/quan-tri/quy-trinh/moi`: the internal-process editor. */
export default function ProcessEditorPage() {
  const { id } = useParams()
  const [params] = useSearchParams()
  if (id) return <SavedProcess key={id} id={id} />
  return <NewProcess procedureCode={params.get('procedureCode')} agencyId={params.get('agencyId')} from={params.get('from')} />
}
