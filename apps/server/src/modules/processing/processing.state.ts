import {
  initialProcessingState,
  applyProcessingEvent,
  ProcessingEventType,
  type ProcessDefinition,
  type ProcessingEvent,
  type ProcessingState,
  type ProcessResolver,
} from '@congso/domain'
import { AppError } from '../../http/errors.ts'
import type { Db } from '../dossiers/dossiers.repo.ts'
import { runnableProcessRow } from '../workflow/workflow.repo.ts'

/**
 * The processing state of a dossier: its events from `process_started` on, folded by the domain
 * reducer over the process versions they name (ADR 0008). Versions are immutable once published,
 * so their definitions are cached for the life of the process.
 */

const TYPES = new Set<string>(ProcessingEventType)
const DATE_FIELDS = ['dueAt', 'newDueAt'] as const
const definitions = new Map<string, ProcessDefinition>()

interface StoredEvent {
  type: string
  at: Date
  data: unknown
}

/** The processing events among a dossier's events, with their data revived (ISO strings → dates). */
export function toProcessingEvents(events: readonly StoredEvent[]): ProcessingEvent[] {
  const out: ProcessingEvent[] = []
  let started = false
  for (const e of events) {
    if (e.type === 'process_started') started = true
    if (!started || !TYPES.has(e.type)) continue
    const data = { ...((e.data ?? {}) as Record<string, unknown>) }
    for (const f of DATE_FIELDS) if (typeof data[f] === 'string') data[f] = new Date(data[f])
    out.push({ ...data, type: e.type, at: e.at } as ProcessingEvent)
  }
  return out
}

/** What an event stores: its fields without type and time (those are columns), dates as ISO strings. */
export function eventData(e: ProcessingEvent): Record<string, unknown> {
  const { type: _type, at: _at, ...rest } = e
  return Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]))
}

export async function loadDefinition(db: Db, id: string): Promise<ProcessDefinition | undefined> {
  const cached = definitions.get(id)
  if (cached) return cached
  const row = await runnableProcessRow(db, id)
  if (!row) return undefined
  const def = row.definition as ProcessDefinition
  definitions.set(id, def)
  return def
}

export interface LoadedProcessing {
  state: ProcessingState
  resolver: ProcessResolver
  defs: Map<string, ProcessDefinition>
}

/** Folds a dossier's events; `extraVersionIds` are loaded too (the target of a transfer being prepared). */
export async function loadProcessing(
  db: Db,
  events: readonly StoredEvent[],
  form: Record<string, unknown>,
  extraVersionIds: string[] = [],
): Promise<LoadedProcessing> {
  const pevents = toProcessingEvents(events)
  const ids = new Set<string>(extraVersionIds)
  for (const e of pevents) if (e.type === 'process_started' || e.type === 'transferred') ids.add(e.processVersionId)
  const defs = new Map<string, ProcessDefinition>()
  for (const id of ids) {
    const def = await loadDefinition(db, id)
    if (def) defs.set(id, def)
  }
  const resolver: ProcessResolver = { definition: (id) => defs.get(id), form }
  let state = initialProcessingState()
  for (const e of pevents) {
    const applied = applyProcessingEvent(state, e, resolver)
    // The log was checked event by event when written; a refusal here means the data is corrupt.
    if (!applied.ok) throw new AppError('INTERNAL', `processing log rejected at ${e.type}: ${applied.refusal}`)
    state = applied.state
  }
  return { state, resolver, defs }
}
