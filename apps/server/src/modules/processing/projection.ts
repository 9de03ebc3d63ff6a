import { computeDeadline, type ProcessDefinition, type ProcessingEvent, type ProcessingState, type StepDef } from '@congso/domain'
import type { Transaction } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { loadCalendar } from '../calendar/calendar.service.ts'
import type { DossierRow, ProjectionChange } from '../dossiers/dossiers.repo.ts'

/** Events that put the dossier into a (new) step: its own allotted time starts then. */
const ENTERS_STEP = new Set<ProcessingEvent['type']>(['process_started', 'forwarded', 'returned', 'transferred'])

export function stepOf(state: ProcessingState, defs: Map<string, ProcessDefinition>): StepDef | undefined {
  if (!state.processVersionId || !state.stepId) return undefined
  return defs.get(state.processVersionId)?.steps.find((s) => s.id === state.stepId)
}

/** When a step stay is due: its allotted working time from entry, on the processing agency's calendar. */
export async function stepDueAt(
  db: Transaction<DB> | Parameters<typeof loadCalendar>[0],
  agencyId: string,
  step: StepDef,
  enteredAt: Date,
): Promise<Date> {
  const cfg = await loadCalendar(db, agencyId)
  const unit = step.duration.unit === 'day' ? 'day' : step.duration.unit
  return new Date(computeDeadline({ acceptedAt: enteredAt, duration: { value: step.duration.value, unit }, now: enteredAt }, cfg).dueAt)
}

/** The dossier columns the processing state projects to (inboxes, escalation and statistics read them). */
export async function projectionOf(
  tx: Transaction<DB>,
  state: ProcessingState,
  defs: Map<string, ProcessDefinition>,
  event: ProcessingEvent,
  d: Pick<DossierRow, 'step_due_at'>,
): Promise<ProjectionChange> {
  const step = stepOf(state, defs)
  const visit = state.visits.at(-1)
  const open = state.phase !== 'closed' && visit && visit.leftAt === null
  const entered = ENTERS_STEP.has(event.type)
  return {
    process_version_id: state.processVersionId,
    processing_agency_id: state.agencyId,
    step_id: open ? (step?.id ?? null) : null,
    step_name: open ? (step?.name ?? null) : null,
    step_role: open ? (step?.role ?? null) : null,
    step_unit_id: open ? (step?.unitId ?? null) : null,
    step_entered_at: open ? visit.enteredAt : null,
    step_due_at:
      open && step && state.agencyId ? (entered ? await stepDueAt(tx, state.agencyId, step, visit.enteredAt) : d.step_due_at) : null,
    assignee_user_id: open ? state.assignee.userId : null,
  }
}
