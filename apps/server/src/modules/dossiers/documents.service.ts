import type { ProcedureContent, SupplementItem } from '@congso/contracts'
import type { AppContext } from '../../context.ts'
import { AppError } from '../../http/errors.ts'
import type { Actor } from '../../http/request-context.ts'
import { visibleDossier } from './detail.service.ts'
import { agencyById, listDossierFiles, listEvents, type DossierRow } from './dossiers.repo.ts'
import { renderApology, renderReceipt, renderRefusal, renderSupplementRequest, type FormAgency, type FormApplicant } from './forms/index.ts'

type Deps = Pick<AppContext, 'database' | 'config'>

const UNIT_TEXT: Record<string, string> = { working_day: 'ngày làm việc', working_hour: 'giờ làm việc', day: 'ngày' }

/** "Tỉnh Demo" → "Demo": the place name (địa danh) of the date line. */
const placeOf = (province: string) => province.replace(/^(Tỉnh|Thành phố|TP\.?)\s+/iu, '').trim()

async function formAgency(ctx: Deps, id: string): Promise<FormAgency> {
  const a = await agencyById(ctx.database.db, id)
  if (!a) throw new AppError('NOT_FOUND', id)
  return { name: a.name, parentName: a.parent_name ?? null, code: a.code ?? '', place: placeOf(ctx.config.provinceName) }
}

function formApplicant(d: DossierRow): FormApplicant {
  const a = d.applicant as { fullName: string; idNumber: string; phone: string; email: string | null; address: string }
  return { name: a.fullName, idNumber: a.idNumber, phone: a.phone, email: a.email, address: a.address || null }
}

export interface RenderedDocument {
  fileName: string
  pdf: Buffer
}

/**
 * The form issued with an event, rendered from the event and the dossier as they were committed
 * (events are immutable, so the document is the same every time it is downloaded).
 */
export async function renderDossierDocument(ctx: Deps, actor: Actor, code: string, seq: number): Promise<RenderedDocument> {
  const db = ctx.database.db
  const d = await visibleDossier(db, actor, code)
  const events = await listEvents(db, d.id)
  const e = events.find((x) => x.seq === seq)
  if (!e) throw new AppError('NOT_FOUND', `${code}/${seq}`)
  const data = e.data as Record<string, unknown>
  const version = await db
    .selectFrom('procedure_versions')
    .select(['name', 'content'])
    .where('id', '=', d.procedure_version_id)
    .executeTakeFirstOrThrow()
  const content = version.content as ProcedureContent
  const agency = await formAgency(ctx, d.receiving_agency_id)
  const trackingUrl = `${ctx.config.publicUrl}/tra-cuu-ho-so/${encodeURIComponent(d.code)}`
  const common = {
    agency,
    dossierCode: d.code,
    applicant: formApplicant(d),
    procedureName: version.name,
    officerName: e.actor_name ?? '',
    trackingUrl,
  }

  switch (e.type) {
    case 'accepted': {
      // Components received up to acceptance: those with files or paper copies.
      const files = (await listDossierFiles(db, d.id)).filter((f) => f.event_seq <= seq)
      const paper = new Map<number, number>()
      for (const ev of events.filter((x) => x.seq <= seq)) {
        for (const c of (ev.data as { components?: { index: number; paperCopies: number }[] }).components ?? [])
          paper.set(c.index, c.paperCopies)
      }
      const components = content.components.flatMap((c, i) => {
        const n = files.filter((f) => f.component_index === i).length
        const p = paper.get(i) ?? 0
        return n > 0 || p > 0 ? [{ name: c.name, form: c.form, quantity: Math.max(p, c.quantity, n > 0 ? 1 : 0) }] : []
      })
      const pt = d.processing_time as { value: number; unit: string }
      const pdf = await renderReceipt({
        ...common,
        components,
        sets: d.sets,
        processingTime: `${String(pt.value).replace('.', ',')} ${UNIT_TEXT[pt.unit] ?? pt.unit}`,
        receivedAt: e.at,
        appointmentAt: new Date(String(data.dueAt)),
        returnChannel: d.return_channel,
        returnAddress: d.return_address,
        bookVolume: typeof data.bookYear === 'number' ? String(data.bookYear) : '',
        bookNumber: Number(data.bookNo ?? 0),
      })
      return { fileName: `giay-tiep-nhan-${d.code}.pdf`, pdf }
    }
    case 'supplement_requested': {
      const items = ((data.items ?? []) as SupplementItem[]).map((i) => ({ name: i.name, reason: i.reason }))
      const pdf = await renderSupplementRequest({ ...common, issuedAt: e.at, items })
      return { fileName: `phieu-yeu-cau-bo-sung-${d.code}.pdf`, pdf }
    }
    case 'refused': {
      const pdf = await renderRefusal({ ...common, issuedAt: e.at, reason: typeof data.reason === 'string' ? data.reason : (e.note ?? '') })
      return { fileName: `phieu-tu-choi-${d.code}.pdf`, pdf }
    }
    case 'apology_issued': {
      // Issued by the agency at fault for the delay: the one processing the dossier then.
      const issuer = await formAgency(ctx, e.actor_agency_id ?? d.agency_id)
      const pdf = await renderApology({
        agency: issuer,
        dossierCode: d.code,
        applicantName: common.applicant.name,
        procedureName: version.name,
        receivedAt: d.accepted_at ?? d.submitted_at,
        originalDueAt: new Date(String(data.previousDueAt ?? data.newDueAt)),
        newDueAt: new Date(String(data.newDueAt)),
        reason: typeof data.reason === 'string' ? data.reason : (e.note ?? ''),
        number: null,
        issuedAt: e.at,
        signerTitle: 'THỦ TRƯỞNG CƠ QUAN',
        signerName: e.actor_name,
        trackingUrl,
      })
      return { fileName: `phieu-xin-loi-${d.code}.pdf`, pdf }
    }
    default:
      throw new AppError('NOT_FOUND', `${code}/${seq}`)
  }
}
