import { clockFacts, computeDeadline, deadlineFlag, type CalendarConfig, type DeadlineFlag, type DossierEventType } from '@congso/domain'
import type { AppContext } from '../../context.ts'
import type { JobHandler } from '../../jobs/queue.ts'
import { CALENDAR_CHANGED_JOB, loadCalendar } from '../calendar/calendar.service.ts'
import type { Db, DossierRow } from './dossiers.repo.ts'

export interface ProcessingTime {
  value: number
  unit: 'working_day' | 'working_hour' | 'day'
}

interface EventLike {
  type: string
  at: Date
  data: unknown
}

const facts = (events: readonly EventLike[]) =>
  clockFacts(events.map((e) => ({ type: e.type as DossierEventType, at: e.at, data: (e.data ?? {}) as Record<string, unknown> })))

/** The deadline of an accepted dossier from its events and the agency's calendar, or null before acceptance. */
export function deadlineOf(d: Pick<DossierRow, 'processing_time'>, events: readonly EventLike[], cfg: CalendarConfig, now = new Date()) {
  const f = facts(events)
  if (!f.acceptedAt) return null
  const deadline = computeDeadline(
    {
      acceptedAt: f.acceptedAt,
      duration: d.processing_time as ProcessingTime,
      pauses: f.pauses.map((p) => ({ from: p.from, to: p.to, reason: p.reason })),
      extensions: f.extensions,
      now,
    },
    cfg,
  )
  return { deadline, facts: f }
}

/** Statuses in which the legal clock runs (a pause or a supplement request stops it). */
const RUNNING: readonly string[] = ['accepted', 'processing', 'result_ready']

/** On time / due soon / overdue for an open, running clock; null when not accepted, closed or paused. */
export function flagOf(d: Pick<DossierRow, 'status' | 'due_at' | 'closed_at'>, cfg: CalendarConfig, now = new Date()): DeadlineFlag | null {
  if (!d.due_at || d.closed_at || !RUNNING.includes(d.status)) return null
  return deadlineFlag(d.due_at, now, cfg)
}

/** Every deadline is explainable: the day-by-day computation behind a dossier's due date. */
export async function explainDeadline(db: Db, d: DossierRow, events: readonly EventLike[]) {
  const cfg = await loadCalendar(db, d.agency_id)
  const r = deadlineOf(d, events, cfg)
  return {
    code: d.code,
    acceptedAt: d.accepted_at?.toISOString() ?? null,
    startsAt: r?.deadline.startsAt ?? null,
    dueAt: r?.deadline.dueAt ?? null,
    flag: flagOf(d, cfg),
    processingTime: d.processing_time as ProcessingTime,
    totalWorkingMinutes: r?.deadline.totalWorkingMinutes ?? 0,
    pausedWorkingMinutes: r?.deadline.pausedWorkingMinutes ?? 0,
    extendedWorkingMinutes: r?.deadline.extendedWorkingMinutes ?? 0,
    pauses: (r?.facts.pauses ?? []).map((p) => ({ from: p.from.toISOString(), to: p.to?.toISOString() ?? null, reason: p.reason })),
    extensions: (r?.facts.extensions ?? []).map((x) => ({ at: x.at.toISOString(), workingMinutes: x.workingMinutes, reason: x.reason })),
    rules: r?.deadline.rules ?? ['Hồ sơ chưa được tiếp nhận: thời hạn giải quyết chưa bắt đầu tính.'],
    steps: r?.deadline.steps ?? [],
  }
}

/**
 * After a calendar change, due dates of running dossiers not yet due are recomputed (those already
 * past due keep their date: the outcome was fixed on the calendar in force then).
 */
export async function recomputeDeadlines(ctx: Pick<AppContext, 'database' | 'log'>): Promise<number> {
  const db = ctx.database.db
  const now = new Date()
  const cfgByAgency = new Map<string, CalendarConfig>()
  let changed = 0
  let after = '00000000-0000-0000-0000-000000000000'
  for (;;) {
    const batch = await db
      .selectFrom('dossiers')
      .select(['id', 'agency_id', 'processing_time', 'due_at'])
      .where('status', '=', 'accepted')
      .where('closed_at', 'is', null)
      .where('due_at', '>', now)
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute()
    if (batch.length === 0) break
    after = batch[batch.length - 1]?.id ?? after
    const events = await db
      .selectFrom('dossier_events')
      .select(['dossier_id', 'type', 'at', 'data'])
      .where(
        'dossier_id',
        'in',
        batch.map((b) => b.id),
      )
      .orderBy('dossier_id')
      .orderBy('seq')
      .execute()
    for (const d of batch) {
      let cfg = cfgByAgency.get(d.agency_id)
      if (!cfg) {
        cfg = await loadCalendar(db, d.agency_id)
        cfgByAgency.set(d.agency_id, cfg)
      }
      const r = deadlineOf(
        d,
        events.filter((e) => e.dossier_id === d.id),
        cfg,
        now,
      )
      const due = r ? new Date(r.deadline.dueAt) : null
      if (due && due.getTime() !== d.due_at?.getTime()) {
        await db.updateTable('dossiers').set({ due_at: due, updated_at: new Date() }).where('id', '=', d.id).execute()
        changed++
      }
    }
  }
  ctx.log.info({ changed }, 'due dates recomputed after a calendar change')
  return changed
}

export function calendarChangedJob(ctx: Pick<AppContext, 'database' | 'log'>): JobHandler {
  return {
    name: CALENDAR_CHANGED_JOB,
    async handle() {
      await recomputeDeadlines(ctx)
    },
  }
}
