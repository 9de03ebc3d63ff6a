import type { DossierDetail, ProcedureContent, SupplementItem } from '@congso/contracts'
import type { DossierStatus } from '@congso/domain'
import { can } from '../../auth/policy.ts'
import { AppError } from '../../http/errors.ts'
import type { Actor } from '../../http/request-context.ts'
import { loadCalendar } from '../calendar/calendar.service.ts'
import { dossierSubject } from './actions.service.ts'
import { explainDeadline, flagOf } from './deadline.service.ts'
import { agencyById, findDossier, listDossierFiles, listEvents, type Db, type DossierRow } from './dossiers.repo.ts'

type Events = Awaited<ReturnType<typeof listEvents>>

/** The dossier if the actor may see it; NOT_FOUND otherwise (whether it exists is not revealed). */
export async function visibleDossier(db: Db, actor: Actor, code: string): Promise<DossierRow> {
  const d = await findDossier(db, code)
  if (!d || !can(actor, { kind: 'dossier.view', dossier: await dossierSubject(db, d) })) throw new AppError('NOT_FOUND', code)
  return d
}

const DOCUMENT_KINDS = new Set(['receipt', 'supplement', 'refusal', 'apology'])

export const documentUrl = (code: string, seq: number) => `/api/v1/dossiers/${encodeURIComponent(code)}/documents/${seq}.pdf`

function documentsOf(code: string, e: Events[number]): { kind: string; url: string }[] {
  const kinds = (e.data as { documents?: unknown }).documents
  return Array.isArray(kinds)
    ? kinds
        .filter((k): k is string => typeof k === 'string' && DOCUMENT_KINDS.has(k))
        .map((kind) => ({ kind, url: documentUrl(code, e.seq) }))
    : []
}

/** The open supplement request: the last request not yet answered. */
export function openSupplement(status: string, events: Events): { requestedAt: string; items: SupplementItem[] } | null {
  if (status !== 'supplement_requested') return null
  const last = [...events].reverse().find((e) => e.type === 'supplement_requested')
  if (!last) return null
  return { requestedAt: last.at.toISOString(), items: (last.data as { items?: SupplementItem[] }).items ?? [] }
}

function allowedActions(actor: Actor, status: DossierStatus, canReceive: boolean, canExtend: boolean): DossierDetail['allowedActions'] {
  const out: DossierDetail['allowedActions'] = []
  if (canReceive && status === 'submitted') out.push('accept')
  // During processing the counter asks the applicant for what the appraisal found missing (the clock stops).
  if (canReceive && (status === 'submitted' || status === 'accepted' || status === 'processing')) out.push('request_supplement')
  if (canReceive && (status === 'submitted' || status === 'supplement_requested')) out.push('refuse')
  if ((actor.kind === 'citizen' || canReceive) && status === 'supplement_requested') out.push('submit_supplement')
  if (actor.kind === 'citizen' && (status === 'submitted' || status === 'supplement_requested' || status === 'accepted'))
    out.push('withdraw')
  if (canExtend && (status === 'accepted' || status === 'processing' || status === 'paused')) out.push('extend')
  return out
}

export async function dossierDetail(db: Db, actor: Actor, code: string): Promise<DossierDetail> {
  const d = await visibleDossier(db, actor, code)
  const subject = await dossierSubject(db, d)
  const [events, files, agency, version, cfg] = await Promise.all([
    listEvents(db, d.id),
    listDossierFiles(db, d.id),
    agencyById(db, d.agency_id),
    db
      .selectFrom('procedure_versions')
      .select(['version', 'content', 'name'])
      .where('id', '=', d.procedure_version_id)
      .executeTakeFirstOrThrow(),
    loadCalendar(db, d.agency_id),
  ])
  const content = version.content as ProcedureContent
  // The latest reception facts per component (submission, then each supplement).
  const checks = new Map<number, { originalSighted: boolean; paperCopies: number }>()
  for (const e of events) {
    const comps = (e.data as { components?: { index: number; originalSighted: boolean; paperCopies: number }[] }).components ?? []
    for (const c of comps) checks.set(c.index, { originalSighted: c.originalSighted, paperCopies: c.paperCopies })
  }
  const status = d.status as DossierStatus
  const applicant = d.applicant as DossierDetail['applicant']
  return {
    id: d.id,
    code: d.code,
    status,
    channel: d.channel,
    version: d.version,
    procedureCode: d.procedure_code,
    procedureName: version.name,
    procedureVersion: version.version,
    agencyName: agency?.name ?? '',
    agencyCode: agency?.code ?? '',
    applicantName: applicant.fullName,
    applicant: { ...applicant, email: applicant.email ?? null },
    submittedAt: d.submitted_at.toISOString(),
    acceptedAt: d.accepted_at?.toISOString() ?? null,
    dueAt: d.due_at?.toISOString() ?? null,
    flag: flagOf(d, cfg),
    formData: d.form_data as Record<string, unknown>,
    eForm: { fields: content.eForm.fields.map((f) => ({ key: f.key, label: f.label, type: f.type, options: f.options })) },
    components: content.components.map((c, index) => ({
      index,
      name: c.name,
      form: c.form,
      quantity: c.quantity,
      required: c.required,
      originalSighted: checks.get(index)?.originalSighted ?? false,
      paperCopies: checks.get(index)?.paperCopies ?? 0,
      files: files
        .filter((f) => f.component_index === index)
        .map((f) => ({
          id: f.id,
          fileName: f.file_name,
          contentType: f.content_type,
          sizeBytes: f.size_bytes,
          sha256: f.sha256,
          componentIndex: index,
          addedAt: f.created_at.toISOString(),
        })),
    })),
    sets: d.sets,
    returnChannel: d.return_channel,
    returnAddress: d.return_address,
    postalReceiptNumber: d.postal_receipt_number,
    processingTime: d.processing_time as { value: number; unit: string },
    bookNumber: d.book_no,
    openSupplement: openSupplement(status, events),
    events: events.map((e) => ({
      seq: e.seq,
      type: e.type as DossierDetail['events'][number]['type'],
      at: e.at.toISOString(),
      actorName: e.actor_name,
      actorRole: e.actor_role,
      agencyName: e.agency_name,
      fromStatus: e.from_status as DossierStatus | null,
      toStatus: e.to_status as DossierStatus,
      note: e.note,
      data: stripInternal(e.data as Record<string, unknown>),
      documents: documentsOf(d.code, e),
    })),
    allowedActions: allowedActions(
      actor,
      status,
      can(actor, { kind: 'dossier.receive', dossier: subject }),
      can(actor, { kind: 'dossier.extend', dossier: subject }),
    ),
  }
}

function stripInternal(data: Record<string, unknown>): Record<string, unknown> {
  const { requestId: _r, documents: _d, ...rest } = data
  return rest
}

export async function dossierDeadline(db: Db, actor: Actor, code: string) {
  const d = await visibleDossier(db, actor, code)
  return explainDeadline(db, d, await listEvents(db, d.id))
}
