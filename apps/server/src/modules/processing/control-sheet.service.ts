import { computeDeadline } from '@congso/domain'
import type { AppContext } from '../../context.ts'
import type { Actor } from '../../http/request-context.ts'
import { loadCalendar } from '../calendar/calendar.service.ts'
import { agencyById, findDossier } from '../dossiers/dossiers.repo.ts'
import { renderControlSheet, type ControlSheetRow } from '../dossiers/forms/index.ts'
import { handOverOutcome, processingView } from './processing.view.ts'

type Deps = Pick<AppContext, 'database' | 'reference' | 'config'>

const EXIT_NOTE: Record<string, string> = {
  returned: 'Trả lại bước trước',
  transferred: 'Chuyển liên thông',
  refused: 'Từ chối giải quyết',
}

/**
 * Phiếu kiểm soát quá trình giải quyết hồ sơ, from the events: the counter's hand-over to the
 * competent agency (due the next working day), then each hand-over between steps judged against
 * the step's own allotted time, and the return of the result (blank until it happens).
 */
export async function controlSheetPdf(ctx: Deps, actor: Actor, code: string): Promise<{ fileName: string; pdf: Buffer }> {
  const view = await processingView(ctx, actor, code)
  const db = ctx.database.db
  const d = (await findDossier(db, code))!
  const receiving = await agencyById(db, d.receiving_agency_id)
  const started = await db
    .selectFrom('dossier_events')
    .select(['at', 'actor_name'])
    .where('dossier_id', '=', d.id)
    .where('type', '=', 'process_started')
    .executeTakeFirst()
  const counter = `Bộ phận Một cửa ${receiving?.name ?? ''}`.trim()
  const rows: ControlSheetRow[] = []
  const first = view.visits[0]
  if (first && started && d.accepted_at) {
    const cfg = await loadCalendar(db, d.receiving_agency_id)
    const due = new Date(
      computeDeadline({ acceptedAt: d.accepted_at, duration: { value: 1, unit: 'working_day' }, now: d.accepted_at }, cfg).dueAt,
    )
    rows.push({
      fromName: counter,
      toName: `${first.agencyName} (${first.stepName})`,
      handedOverAt: started.at,
      giver: started.actor_name,
      receiver: first.assigneeName,
      outcome: handOverOutcome(started.at, due, new Date()),
      note: null,
    })
  }
  view.visits.forEach((v, i) => {
    const next = view.visits[i + 1]
    if (!next) return
    rows.push({
      fromName: `${v.agencyName} (${v.stepName})`,
      toName: `${next.agencyName} (${next.stepName})`,
      handedOverAt: v.leftAt ? new Date(v.leftAt) : null,
      giver: v.assigneeName,
      receiver: next.assigneeName,
      outcome: v.outcome,
      note: v.exit ? (EXIT_NOTE[v.exit] ?? null) : null,
    })
  })
  const last = view.visits.at(-1)
  rows.push({
    fromName: last ? `${last.agencyName} (${last.stepName})` : counter,
    toName: 'Tổ chức, cá nhân',
    handedOverAt: view.returned ? new Date(view.returned.at) : null,
    giver: last?.assigneeName ?? null,
    receiver: (d.applicant as { fullName?: string }).fullName ?? null,
    outcome: last?.outcome ?? null,
    note: view.returned?.postalTracking ? `Bưu chính, số hiệu ${view.returned.postalTracking}` : null,
  })
  const version = await db
    .selectFrom('procedure_versions')
    .select('name')
    .where('id', '=', d.procedure_version_id)
    .executeTakeFirstOrThrow()
  const pdf = await renderControlSheet({
    agency: {
      name: receiving?.name ?? '',
      parentName: receiving?.parent_name ?? null,
      code: receiving?.code ?? '',
      place: ctx.config.provinceName.replace(/^(Tỉnh|Thành phố|TP\.?)\s+/iu, '').trim(),
    },
    dossierCode: d.code,
    applicantName: (d.applicant as { fullName?: string }).fullName ?? '',
    procedureName: version.name,
    competentAgencyName: view.agency?.name ?? null,
    receivedAt: d.accepted_at ?? d.submitted_at,
    dueAt: d.due_at,
    rows,
    printedAt: new Date(),
    trackingUrl: `${ctx.config.publicUrl}/tra-cuu-ho-so/${encodeURIComponent(d.code)}`,
  })
  return { fileName: `phieu-kiem-soat-${d.code}.pdf`, pdf }
}
