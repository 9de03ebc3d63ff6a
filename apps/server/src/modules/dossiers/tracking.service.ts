import type { TrackingView } from '@congso/contracts'
import type { DossierStatus } from '@congso/domain'
import { hitRateLimit } from '../../auth/rate-limit.ts'
import type { DB } from '../../db/schema.ts'
import { AppError } from '../../http/errors.ts'
import type { Kysely } from 'kysely'
import { loadCalendar } from '../calendar/calendar.service.ts'
import { flagOf } from './deadline.service.ts'
import { agencyById, findDossier, listEvents } from './dossiers.repo.ts'

/**
 * Limits: per client address, and per dossier code whoever asks — four digits are 10,000 guesses,
 * so a code allows 10 wrong-or-right looks per hour from everywhere together.
 */
const PER_IP = { limit: 30, windowMs: 10 * 60_000 }
const PER_CODE = { limit: 10, windowMs: 60 * 60_000 }

/**
 * Public tracking by code and a second factor (the last 4 digits of the applicant's phone or ID
 * number). Shows status, timeline and appointment date, and nothing personal (Decree 13/2023:
 * minimal disclosure). A wrong code and a wrong factor get the same 404.
 */
export async function trackDossier(db: Kysely<DB>, ip: string, code: string, factor: string): Promise<TrackingView> {
  await hitRateLimit(db, `track:ip:${ip}`, PER_IP.limit, PER_IP.windowMs)
  await hitRateLimit(db, `track:code:${code}`, PER_CODE.limit, PER_CODE.windowMs)
  const d = await findDossier(db, code)
  const ok = d !== undefined && (d.applicant_phone_digits.endsWith(factor) || d.applicant_id_number.endsWith(factor))
  if (!d || !ok) throw new AppError('NOT_FOUND')
  const [events, agency, version, cfg] = await Promise.all([
    listEvents(db, d.id),
    agencyById(db, d.agency_id),
    db.selectFrom('procedure_versions').select('name').where('id', '=', d.procedure_version_id).executeTakeFirstOrThrow(),
    loadCalendar(db, d.agency_id),
  ])
  return {
    code: d.code,
    status: d.status as DossierStatus,
    procedureName: version.name,
    agencyName: agency?.name ?? '',
    submittedAt: d.submitted_at.toISOString(),
    acceptedAt: d.accepted_at?.toISOString() ?? null,
    dueAt: d.due_at?.toISOString() ?? null,
    flag: flagOf(d, cfg),
    timeline: events.map((e) => ({
      type: e.type as TrackingView['timeline'][number]['type'],
      at: e.at.toISOString(),
      toStatus: e.to_status as DossierStatus,
      agencyName: e.actor_role === 'citizen' ? null : e.agency_name,
    })),
  }
}
