import type { CreateDossier, ProcedureContent } from '@congso/contracts'
import { dossierCodeTemplate, foldVietnamese, vietnamDate } from '@congso/domain'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { AppError } from '../../http/errors.ts'
import { replay, requestFingerprint, type IdempotentResult } from '../../http/idempotency.ts'
import type { Actor, RequestMeta } from '../../http/request-context.ts'
import { can } from '../../auth/policy.ts'
import { checkComponents } from './components.ts'
import { insertSubmission } from './dossiers.repo.ts'
import { validateEForm } from './eform.ts'
import { noticeAfterCommit } from './dossier-notices.ts'

type Deps = Pick<AppContext, 'database' | 'queue' | 'log' | 'config' | 'reference'>

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
  // The citizen account holding this ID, if any, is linked in the insert (the dossier then shows in "Hồ sơ của tôi").
  return {
    userId: null,
    snapshot: { fullName: a.fullName, idNumber: a.idNumber, phone: a.phone, email: a.email ?? null, address: a.address },
  }
}

/** The competent agency: the one asked for, or the only implementing one. */
function pickAgency(content: ProcedureContent, codes: string[], asked: string | undefined, fallback: string | null): string {
  if (asked) {
    if (!codes.includes(asked)) throw new AppError('DOSSIER_AGENCY_NOT_IMPLEMENTING', asked)
    return asked
  }
  if (fallback && codes.includes(fallback)) return fallback
  if (codes.length === 1 && codes[0]) return codes[0]
  throw new AppError('DOSSIER_AGENCY_REQUIRED', content.code)
}

/** Everything a submission needs, checked; throws the first problem found. */
async function prepare(ctx: Deps, actor: Actor, input: CreateDossier) {
  const db = ctx.database.db
  if (actor.kind === 'citizen' && input.channel !== 'online') throw new AppError('FORBIDDEN')
  if (actor.kind === 'officer' && input.channel === 'online') throw new AppError('FORBIDDEN')
  if (input.channel === 'post' && !input.postalReceiptNumber) throw new AppError('DOSSIER_POSTAL_RECEIPT_REQUIRED')
  if (input.returnChannel === 'post' && !input.returnAddress) throw new AppError('DOSSIER_RETURN_ADDRESS_REQUIRED')

  const procedure = await ctx.reference.published(input.procedureCode)
  if (!procedure) throw new AppError('CATALOG_NOT_PUBLISHED', input.procedureCode)
  const content = procedure.content
  if (input.channel === 'online' && content.onlineType === 'none') throw new AppError('DOSSIER_ONLINE_NOT_ALLOWED')

  const officerAgency = actor.kind === 'officer' && actor.agencyId ? await ctx.reference.agencyById(actor.agencyId) : null
  if (actor.kind === 'officer') {
    if (!officerAgency?.code) throw new AppError('FORBIDDEN')
    if (!can(actor, { kind: 'dossier.intake', agency: { agencyId: officerAgency.id, ancestorIds: officerAgency.ancestorIds } })) {
      throw new AppError('FORBIDDEN')
    }
  }
  const competentCode = pickAgency(content, procedure.implementing, input.agencyCode, officerAgency?.code ?? null)
  const competent = await ctx.reference.agencyByCode(competentCode)
  if (!competent?.code) throw new AppError('DOSSIER_AGENCY_NOT_IMPLEMENTING', competentCode)
  // Online dossiers are received by the competent agency's one-stop; paper ones where they were handed in.
  const receiving = officerAgency ?? competent

  const form = validateEForm(content.eForm.fields, input.formData)
  if (form.errors.length > 0) throw new AppError('DOSSIER_FORM_INVALID', undefined, form.errors)
  const files = await checkComponents(db, actor, content, input.components, { requireAll: true, paperCounts: input.channel !== 'online' })
  const applicant = await applicantFor(db, actor, input)
  return { procedure, content, competent, receiving, form, files, applicant }
}

/**
 * Submission online (citizen), at the counter or by post (receiving officer): checked first, then
 * written in one statement (see `insertSubmission`). A retry with the same key gets the first
 * answer; it is looked up only when the key turns out to be taken, or when the checks fail (a
 * retry's files are attached by then), so a first submission costs no extra query.
 */
export async function submitDossier(ctx: Deps, meta: RequestMeta, key: string, input: CreateDossier): Promise<IdempotentResult<Created>> {
  const actor = meta.actor
  if (!actor) throw new AppError('UNAUTHENTICATED')
  const db = ctx.database.db
  const scope = `dossier:${actor.userId}`
  const fingerprint = requestFingerprint(input)
  let p: Awaited<ReturnType<typeof prepare>>
  try {
    p = await prepare(ctx, actor, input)
  } catch (e) {
    const earlier = await replay<Created>(db, scope, key, fingerprint)
    if (earlier) return earlier
    throw e
  }
  const now = new Date()
  const { template, width } = dossierCodeTemplate(p.receiving.code ?? '', now, codePattern(ctx))
  const row = await insertSubmission(db, {
    receivingAgencyId: p.receiving.id,
    day: vietnamDate(now),
    codeTemplate: template,
    seqWidth: width,
    linkApplicantByIdNumber: actor.kind === 'officer' ? p.applicant.snapshot.idNumber : null,
    idempotency: { scope, key, fingerprint },
    meta,
    files: p.files,
    dossier: {
      procedure_code: p.content.code,
      procedure_version_id: p.procedure.versionId,
      receiving_agency_id: p.receiving.id,
      agency_id: p.competent.id,
      channel: input.channel,
      applicant_user_id: p.applicant.userId,
      applicant: JSON.stringify(p.applicant.snapshot),
      applicant_phone_digits: p.applicant.snapshot.phone.replace(/\D/g, ''),
      applicant_id_number: p.applicant.snapshot.idNumber,
      applicant_name_search: foldVietnamese(p.applicant.snapshot.fullName),
      form_data: JSON.stringify(p.form.data),
      sets: input.sets,
      return_channel: input.returnChannel,
      return_address: input.returnAddress ?? null,
      postal_receipt_number: input.postalReceiptNumber ?? null,
      processing_time: JSON.stringify(p.content.processingTime),
      status: 'submitted',
      version: 1,
      submitted_at: now,
      created_by: actor.userId,
    },
    event: {
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
        procedureVersion: p.procedure.version,
        components: input.components.map((c) => ({ index: c.index, originalSighted: c.originalSighted, paperCopies: c.paperCopies })),
        requestId: meta.requestId,
      }),
    },
  })
  if (row === 'key_taken') {
    const first = await replay<Created>(db, scope, key, fingerprint)
    if (!first) throw new AppError('IDEMPOTENCY_IN_PROGRESS')
    return first
  }
  noticeAfterCommit(ctx, {
    code: row.code,
    type: 'submitted',
    at: now,
    data: {},
    procedureName: p.content.name,
    applicant: p.applicant.snapshot,
  })
  return { status: 201, replayed: false, body: { id: row.id, code: row.code, status: 'submitted', submittedAt: now.toISOString() } }
}
