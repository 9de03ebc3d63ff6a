import type { z } from 'zod'
import type {
  AgencyOverview,
  HandOverOutcome,
  ProcessingAction,
  ProcessingActionName,
  ProcessingInbox,
  ProcessingInboxItem,
  ProcessingTab,
  ProcessingView,
  RateDossier,
} from '@congso/contracts'

/** Types of the processing screens (issue 4), inferred from `@congso/contracts` (processing.ts). */
export type ProcessingViewT = z.infer<typeof ProcessingView>
export type ProcessingActionT = z.infer<typeof ProcessingAction>
export type ProcessingActionNameT = z.infer<typeof ProcessingActionName>
/** An action's body without the dossier version (added when it is sent). */
export type ProcessingActionInput = ProcessingActionT extends infer A ? (A extends unknown ? Omit<A, 'version'> : never) : never
export type ProcessingTabT = z.infer<typeof ProcessingTab>
export type ProcessingInboxT = z.infer<typeof ProcessingInbox>
export type ProcessingInboxItemT = z.infer<typeof ProcessingInboxItem>
export type AgencyOverviewT = z.infer<typeof AgencyOverview>
export type HandOverOutcomeT = z.infer<typeof HandOverOutcome>
export type RateDossierBody = z.input<typeof RateDossier>
export type VisitT = ProcessingViewT['visits'][number]
export type ConsultationT = ProcessingViewT['consultations'][number]
export type ApologyT = ProcessingViewT['apologies'][number]
export type ReturnedT = NonNullable<ProcessingViewT['returned']>
export type PostalStatusT = Extract<ProcessingActionT, { action: 'postal_status' }>['status']

/** The order of the action buttons on the panel. */
export const ACTION_ORDER: readonly ProcessingActionNameT[] = [
  'start',
  'assign',
  'reassign',
  'forward',
  'approve',
  'attach_result',
  'return_result',
  'postal_status',
  'consult',
  'answer_consult',
  'return',
  'transfer',
  'pause',
  'resume',
  'apologize',
  'refuse',
]

export const POSTAL_STATUSES: readonly PostalStatusT[] = ['in_transit', 'delivered', 'returned_to_sender']

/** Dossier statuses at which the processing panel is shown. */
export const PROCESSING_STATUSES = ['accepted', 'processing', 'paused', 'result_ready', 'completed'] as const

/** The officers' inbox tabs, in order. */
export const PROCESSING_TABS: readonly ProcessingTabT[] = ['todo', 'due_soon', 'overdue', 'waiting', 'done']
