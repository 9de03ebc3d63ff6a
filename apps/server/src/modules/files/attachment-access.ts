import type { Kysely } from 'kysely'
import { can } from '../../auth/policy.ts'
import type { DB } from '../../db/schema.ts'
import type { Actor } from '../../http/request-context.ts'

/**
 * An attachment is readable by its uploader, by whoever may see a dossier it belongs to (the
 * applicant, officers of the receiving or competent agency's jurisdiction), and a document Congso
 * signed also by the signing agency's officers.
 */
export async function canReadAttachment(db: Kysely<DB>, actor: Actor, fileId: string, createdBy: string | null): Promise<boolean> {
  if (createdBy === actor.userId) return true
  if (actor.kind === 'officer' && actor.agencyId) {
    const signed = await db
      .selectFrom('signed_documents as s')
      .innerJoin('agencies as a', 'a.id', 's.agency_id')
      .select(['a.id', 'a.ancestor_ids'])
      .where('s.file_id', '=', fileId)
      .executeTakeFirst()
    if (signed && (signed.id === actor.agencyId || signed.ancestor_ids.includes(actor.agencyId))) return true
  }
  const rows = await db
    .selectFrom('dossier_files as df')
    .innerJoin('dossiers as d', 'd.id', 'df.dossier_id')
    .select(['d.receiving_agency_id', 'd.agency_id', 'd.applicant_user_id'])
    .where('df.file_id', '=', fileId)
    .execute()
  for (const d of rows) {
    const agencies = await db
      .selectFrom('agencies')
      .select(['id', 'ancestor_ids'])
      .where('id', 'in', [d.receiving_agency_id, d.agency_id])
      .execute()
    const dossier = {
      agencies: agencies.map((a) => ({ agencyId: a.id, ancestorIds: a.ancestor_ids })),
      applicantUserId: d.applicant_user_id,
    }
    if (can(actor, { kind: 'dossier.view', dossier })) return true
  }
  return false
}
