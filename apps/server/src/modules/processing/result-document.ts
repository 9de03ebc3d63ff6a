import type { ProcedureContent, StoredFile } from '@congso/contracts'
import type { AppContext } from '../../context.ts'
import { AppError } from '../../http/errors.ts'
import type { Actor, RequestMeta } from '../../http/request-context.ts'
import { agencyById, listEvents, type DossierRow } from '../dossiers/dossiers.repo.ts'
import { renderResult } from '../dossiers/forms/index.ts'
import { storeFile } from '../files/files.service.ts'

type Deps = Pick<AppContext, 'database' | 'storage' | 'log' | 'config'>

/** An e-form answer as printed: option labels, dd/mm/yyyy dates, Có/Không. */
function printable(field: ProcedureContent['eForm']['fields'][number], raw: unknown): string | null {
  if (raw === undefined || raw === null || raw === '') return null
  const value = typeof raw === 'string' ? raw : typeof raw === 'number' || typeof raw === 'boolean' ? `${raw}` : JSON.stringify(raw)
  if (field.type === 'select') return field.options?.find((o) => o.value === value)?.label ?? value
  if (field.type === 'checkbox') return raw === true ? 'Có' : 'Không'
  if (field.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value.split('-').reverse().join('/')
  if (field.type === 'number' && typeof raw === 'number') return raw.toLocaleString('vi-VN')
  return value
}

/**
 * Generates the result document from the procedure's template (its result name, legal basis and
 * e-form, filled from the dossier, signed off by the leader who approved) and stores it as the
 * acting officer's file, ready to be sealed and attached.
 */
export async function generateResultFile(ctx: Deps, meta: RequestMeta, actor: Actor, d: DossierRow, agencyId: string): Promise<StoredFile> {
  const db = ctx.database.db
  const version = await db
    .selectFrom('procedure_versions')
    .select(['name', 'content'])
    .where('id', '=', d.procedure_version_id)
    .executeTakeFirstOrThrow()
  const content = version.content as ProcedureContent
  const approved = [...(await listEvents(db, d.id))].reverse().find((e) => e.type === 'approved')
  if (!approved) throw new AppError('PROCESSING_NOT_ALLOWED', 'hồ sơ chưa được phê duyệt')
  const agency = await agencyById(db, agencyId)
  if (!agency) throw new AppError('NOT_FOUND', agencyId)
  const form = (d.form_data ?? {}) as Record<string, unknown>
  const pdf = await renderResult({
    agency: {
      name: agency.name,
      parentName: agency.parent_name ?? null,
      code: agency.code ?? '',
      place: ctx.config.provinceName.replace(/^(Tỉnh|Thành phố|TP\.?)\s+/iu, '').trim(),
    },
    dossierCode: d.code,
    resultName: content.results[0] ?? `Kết quả giải quyết ${version.name}`,
    procedureName: version.name,
    legalBasis: content.legalBasis.map((b) => ({ number: b.number, title: b.title })),
    applicantName: (d.applicant as { fullName?: string }).fullName ?? '',
    fields: content.eForm.fields.flatMap((f) => {
      const value = printable(f, form[f.key])
      return value === null ? [] : [{ label: f.label, value }]
    }),
    approvedAt: approved.at,
    signerTitle: `TM. ${agency.name.toUpperCase()}`,
    signerName: approved.actor_name,
    trackingUrl: `${ctx.config.publicUrl}/tra-cuu-ho-so/${encodeURIComponent(d.code)}`,
  })
  return storeFile(ctx, meta, {
    purpose: 'dossier_attachment',
    prefix: 'results',
    fileName: `ket-qua-${d.code}.pdf`,
    contentType: 'application/pdf',
    body: pdf,
    auditAction: 'processing.result.generate',
    auditDetails: { dossierCode: d.code, approvedBy: approved.actor_name },
  })
}
