import type { CreateDossier, ProcedureContent } from '@congso/contracts'
import { foldVietnamese, formatDossierCode, vietnamDate } from '@congso/domain'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { AppError } from '../../http/errors.ts'
import { replay, requestFingerprint, runIdempotent } from '../../http/idempotency.ts'
import type { Actor, RequestMeta } from '../../http/request-context.ts'
import { can } from '../../auth/policy.ts'
import { findVersion, listActiveAgencies } from '../catalog/catalog.repo.ts'
import { implementingAgencies } from '../catalog/catalog.search.ts'
import { checkComponents, type ComponentInput } from './components.ts'
import { agencyByCode, agencyById, insertDossier, insertDossierFiles, insertEvent, nextDailySeq } from './dossiers.repo.ts'
import { validateEForm } from './eform.ts'
import { noticeAfterCommit } from './dossier-notices.ts'

type Deps = Pick<AppContext, 'database' | 'queue' | 'log' | 'config'>

/** Dossier code pattern (Circular 01/2018 art. 19 by default); see `formatDossierCode`. */
const codePattern = (ctx: Deps) => ctx.config.dossierCodePattern

export interface Created {
  id: string
  code: string
  status: 'submitted'
  submittedAt: string
}

interface ApplicantSnapshot {
  fullName: string
  idNumber: string
  phone: string
  email: string | null
  address: string
}

/** Citizens submit as themselves (identity from their account); officers enter the applicant. */
async function applicantFor(
  db: Kysely<DB>,
  actor: Actor,
  input: CreateDossier,
): Promise<{ snapshot: ApplicantSnapshot; userId: string | null }> {
  if (actor.kind === 'citizen') {
    const u = await db
      .selectFrom('users')
      .select(['full_name', 'citizen_id', 'phone', 'email'])
      .where('id', '=', actor.userId)
      .executeTakeFirst()
    if (!u?.citizen_id) throw new AppError('DOSSIER_APPLICANT_REQUIRED', 'citizenId')
    const phone = input.contact?.phone ?? u.phone
    if (!phone) throw new AppError('DOSSIER_APPLICANT_REQUIRED', 'phone')
    return {
      userId: actor.userId,
      snapshot: {
        fullName: u.full_name,
        idNumber: u.citizen_id,
        phone,
        email: input.contact?.email ?? u.email ?? null,
        address: input.contact?.address ?? '',
      },
    }
  }
  if (!input.applicant) throw new AppError('DOSSIER_APPLICANT_REQUIRED')
  const a = input.applicant
  // Link the applicant's account when one holds this citizen ID, so the dossier shows in "Hồ sơ của tôi".
  const account = await db
    .selectFrom('users')
    .select('id')
    .where('kind', '=', 'citizen')
    .where('citizen_id', '=', a.idNumber)
    .executeTakeFirst()
  return {
    userId: account?.id ?? null,
    snapshot: { fullName: a.fullName, idNumber: a.idNumber, phone: a.phone, email: a.email ?? null, address: a.address },
  }
}

/** The competent agency: the one asked for, or the only implementing one. */
function pickAgency(
  content: ProcedureContent,
  implementing: { code: string }[],
  asked: string | undefined,
  fallback: string | null,
): string {
  const codes = implementing.map((a) => a.code)
  if (asked) {
    if (!codes.includes(asked)) throw new AppError('DOSSIER_AGENCY_NOT_IMPLEMENTING', asked)
    return asked
  }
  if (fallback && codes.includes(fallback)) return fallback
  if (codes.length === 1 && codes[0]) return codes[0]
  throw new AppError('DOSSIER_AGENCY_REQUIRED', content.code)
}

/**
 * Submission online (citizen), at the counter or by post (receiving officer). Everything is checked
 * before the transaction; inside it the daily code number is taken, and the dossier, its first
 * event, its files and the idempotency record commit together.
 */
export async function submitDossier(ctx: Deps, meta: RequestMeta, key: string, input: CreateDossier) {
  const actor = meta.actor
  if (!actor) throw new AppError('UNAUTHENTICATED')
  const db = ctx.database.db
  // A retry is answered before anything is checked again: its files are attached by now.
  const scope = `dossier:${actor.userId}`
  const fingerprint = requestFingerprint(input)
  const earlier = await replay<Created>(db, scope, key, fingerprint)
  if (earlier) return earlier
  if (actor.kind === 'citizen' && input.channel !== 'online') throw new AppError('FORBIDDEN')
  if (actor.kind === 'officer' && input.channel === 'online') throw new AppError('FORBIDDEN')
  if (input.channel === 'post' && !input.postalReceiptNumber) throw new AppError('DOSSIER_POSTAL_RECEIPT_REQUIRED')
  if (input.returnChannel === 'post' && !input.returnAddress) throw new AppError('DOSSIER_RETURN_ADDRESS_REQUIRED')

  const version = await findVersion(db, input.procedureCode, 'published')
  if (!version) throw new AppError('CATALOG_NOT_PUBLISHED', input.procedureCode)
  const content = version.content as ProcedureContent
  if (input.channel === 'online' && content.onlineType === 'none') throw new AppError('DOSSIER_ONLINE_NOT_ALLOWED')

  const officerAgency = actor.kind === 'officer' && actor.agencyId ? await agencyById(db, actor.agencyId) : undefined
  if (actor.kind === 'officer') {
    if (!officerAgency?.code) throw new AppError('FORBIDDEN')
    if (!can(actor, { kind: 'dossier.intake', agency: { agencyId: officerAgency.id, ancestorIds: officerAgency.ancestor_ids } })) {
      throw new AppError('FORBIDDEN')
    }
  }
  const implementing = implementingAgencies(content, await listActiveAgencies(db))
  const competentCode = pickAgency(content, implementing, input.agencyCode, officerAgency?.code ?? null)
  const competent = await agencyByCode(db, competentCode)
  if (!competent?.code) throw new AppError('DOSSIER_AGENCY_NOT_IMPLEMENTING', competentCode)
  // Online dossiers are received by the competent agency's one-stop; paper ones where they were handed in.
  const receiving = officerAgency ?? { id: competent.id, code: competent.code }
  if (!receiving.code) throw new AppError('FORBIDDEN')

  const form = validateEForm(content.eForm.fields, input.formData)
  if (form.errors.length > 0) throw new AppError('DOSSIER_FORM_INVALID', undefined, form.errors)
  const components: ComponentInput[] = input.components
  const files = await checkComponents(db, actor, content, components, { requireAll: true, paperCounts: input.channel !== 'online' })
  const applicant = await applicantFor(db, actor, input)

  const result = await runIdempotent<Created>(db, scope, key, fingerprint, async (tx) => {
    const now = new Date()
    const seq = await nextDailySeq(tx, receiving.id, vietnamDate(now))
    const code = formatDossierCode(receiving.code ?? '', now, seq, codePattern(ctx))
    const id = await insertDossier(tx, {
      code,
      procedure_code: content.code,
      procedure_version_id: version.id,
      receiving_agency_id: receiving.id,
      agency_id: competent.id,
      channel: input.channel,
      applicant_user_id: applicant.userId,
      applicant: JSON.stringify(applicant.snapshot),
      applicant_phone_digits: applicant.snapshot.phone.replace(/\D/g, ''),
      applicant_id_number: applicant.snapshot.idNumber,
      applicant_name_search: foldVietnamese(applicant.snapshot.fullName),
      form_data: JSON.stringify(form.data),
      sets: input.sets,
      return_channel: input.returnChannel,
      return_address: input.returnAddress ?? null,
      postal_receipt_number: input.postalReceiptNumber ?? null,
      processing_time: JSON.stringify(content.processingTime),
      status: 'submitted',
      version: 1,
      submitted_at: now,
      created_by: actor.userId,
    })
    await insertEvent(tx, {
      dossier_id: id,
      seq: 1,
      type: 'submitted',
      at: now,
      actor_id: actor.userId,
      actor_name: actor.fullName,
      actor_role: actor.kind === 'citizen' ? 'citizen' : 'receiving_officer',
      actor_agency_id: actor.kind === 'officer' ? actor.agencyId : null,
      from_status: null,
      to_status: 'submitted',
      note: input.note ?? null,
      data: JSON.stringify({
        channel: input.channel,
        procedureVersion: version.version,
        components: components.map((c) => ({ index: c.index, originalSighted: c.originalSighted, paperCopies: c.paperCopies })),
        requestId: meta.requestId,
      }),
      attachment_ids: files.map((f) => f.fileId),
    })
    await insertDossierFiles(tx, id, 1, files)
    return { status: 201, body: { id, code, status: 'submitted' as const, submittedAt: now.toISOString() } }
  })
  if (!result.replayed) noticeAfterCommit(ctx, result.body.code, 1)
  return result
}
