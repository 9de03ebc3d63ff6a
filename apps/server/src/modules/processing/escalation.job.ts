import { sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { JobHandler, Schedule } from '../../jobs/queue.ts'
import { loadCalendar } from '../calendar/calendar.service.ts'
import { dueSoonLimit } from '../dossiers/lists.service.ts'
import { vnDateTime } from '../dossiers/dossier-notices.ts'
import { enqueueNotice } from '../notifications/notifications.service.ts'

export const ESCALATION_JOB = 'processing.escalate'
export const escalationSchedules: Schedule[] = [{ name: ESCALATION_JOB, cron: '*/10 * * * *' }]

type Level = 'due_soon' | 'overdue'
/** Who hears of a step falling behind: the unit head when it is due soon, the agency leader once overdue. */
const RECIPIENT_ROLE: Record<Level, 'unit_head' | 'agency_leader'> = { due_soon: 'unit_head', overdue: 'agency_leader' }

/**
 * Escalation, run by the cron role: every running step due soon (by the calendar's due-soon
 * setting) or overdue is reported once per stay and level, by e-mail, to the responsible agency's
 * unit heads (of the step's unit, when it has one) or leaders. The insert that records the notice
 * is the guard, so two cron processes never send it twice.
 */
export async function escalate(ctx: Pick<AppContext, 'database' | 'queue' | 'log' | 'config'>, now = new Date()): Promise<number> {
  const db = ctx.database.db
  const cfg = await loadCalendar(db, null)
  const soon = dueSoonLimit(cfg, now)
  const rows = await db
    .selectFrom('dossiers')
    .select(['id', 'code', 'processing_agency_id', 'step_name', 'step_unit_id', 'step_entered_at', 'step_due_at'])
    .where('closed_at', 'is', null)
    .where('status', 'in', ['processing', 'result_ready'])
    .where('step_due_at', '<', soon)
    .execute()
  let sent = 0
  for (const d of rows) {
    if (!d.step_due_at || !d.step_entered_at || !d.processing_agency_id) continue
    const level: Level = d.step_due_at.getTime() < now.getTime() ? 'overdue' : 'due_soon'
    const claimed = await db
      .insertInto('dossier_escalations')
      .values({ dossier_id: d.id, step_entered_at: d.step_entered_at, level })
      .onConflict((oc) => oc.doNothing())
      .returning('dossier_id')
      .executeTakeFirst()
    if (!claimed) continue
    const role = RECIPIENT_ROLE[level]
    const recipients = await db
      .selectFrom('users')
      .select(['email'])
      .where('kind', '=', 'officer')
      .where('agency_id', '=', d.processing_agency_id)
      .where(sql<boolean>`roles @> array[${role}]::text[]`)
      .$if(level === 'due_soon' && d.step_unit_id !== null, (q) => q.where('unit_id', '=', d.step_unit_id))
      .execute()
    const what = level === 'overdue' ? 'đã quá hạn' : 'sắp đến hạn'
    for (const r of recipients) {
      if (!r.email) continue
      await enqueueNotice(
        ctx.queue,
        {
          dossierCode: d.code,
          email: r.email,
          phone: null,
          subject: `Hồ sơ ${d.code} ${what} ở bước "${d.step_name ?? ''}"`,
          text: `Hồ sơ ${d.code} đang ở bước "${d.step_name ?? ''}" ${what}: hạn xử lý của bước là ${vnDateTime(d.step_due_at)}.\n\nXem hồ sơ: ${ctx.config.publicUrl}/quan-tri/ho-so/${encodeURIComponent(d.code)}`,
          sms: '',
        },
        ctx.log,
      )
      sent++
    }
  }
  return sent
}

export function escalationJobs(ctx: Pick<AppContext, 'database' | 'queue' | 'log' | 'config'>): JobHandler[] {
  return [
    {
      name: ESCALATION_JOB,
      async handle() {
        await escalate(ctx)
      },
    },
  ]
}
