import { z } from 'zod'
import { StoredFile } from './catalog.ts'
import { IsoDateTime, PageQuery, Paged, Uuid } from './common.ts'
import { DeadlineFlag, DossierSummary } from './dossiers.ts'

/**
 * Processing a dossier through its agency's internal process (ADR 0008): the officers' actions,
 * the processing view of a dossier, the officers' inbox, the applicant's rating and the leaders'
 * overview. Every action carries the dossier `version` the officer saw (optimistic concurrency).
 */

const version = z.number().int().min(0)
const text = (max: number) => z.string().trim().min(3, 'Cần ghi rõ nội dung').max(max)

export const ProcessingAction = z.discriminatedUnion('action', [
  /** The one-stop counter hands the accepted dossier to the competent agency (with the control sheet). */
  z.strictObject({ action: z.literal('start'), version }),
  z.strictObject({ action: z.literal('assign'), version, userId: Uuid.nullable(), unitId: Uuid.nullable().optional() }),
  z.strictObject({
    action: z.literal('reassign'),
    version,
    userId: Uuid.nullable(),
    unitId: Uuid.nullable().optional(),
    reason: text(1000),
  }),
  z.strictObject({
    action: z.literal('forward'),
    version,
    toStepId: z.string().max(40),
    opinion: text(2000),
    userId: Uuid.nullable().optional(),
  }),
  z.strictObject({ action: z.literal('return'), version, toStepId: z.string().max(40), reason: text(2000) }),
  z.strictObject({
    action: z.literal('consult'),
    version,
    targetAgencyId: Uuid,
    question: text(2000),
    /** The consulted agency's own deadline, in working days. */
    workingDays: z.number().positive().max(60),
  }),
  z.strictObject({ action: z.literal('answer_consult'), version, consultId: Uuid, answer: text(4000) }),
  z.strictObject({ action: z.literal('transfer'), version, agencyId: Uuid, reason: text(1000) }),
  z.strictObject({ action: z.literal('approve'), version, opinion: text(2000) }),
  z.strictObject({ action: z.literal('refuse'), version, reason: text(2000) }),
  z.strictObject({ action: z.literal('pause'), version, reason: text(1000) }),
  z.strictObject({ action: z.literal('resume'), version }),
  z.strictObject({ action: z.literal('apologize'), version, newDueAt: IsoDateTime, reason: text(2000) }),
  z.strictObject({
    action: z.literal('attach_result'),
    version,
    fileId: Uuid,
    /** Seal the (PDF) result with the agency's digital seal before attaching it: the electronic result then has legal value. */
    seal: z.boolean().optional(),
  }),
  /** Generate the result from the procedure's template (filled from the dossier), optionally sealed, and attach it. */
  z.strictObject({ action: z.literal('generate_result'), version, seal: z.boolean().optional() }),
  z.strictObject({
    action: z.literal('return_result'),
    version,
    /** Postal returns need the tracking number of the public postal service. */
    postalTracking: z.string().trim().min(4).max(40).optional(),
  }),
  z.strictObject({ action: z.literal('postal_status'), version, status: z.enum(['in_transit', 'delivered', 'returned_to_sender']) }),
])
export type ProcessingAction = z.infer<typeof ProcessingAction>
export type ProcessingActionName = ProcessingAction['action']
export const ProcessingActionName = z.enum([
  'start',
  'assign',
  'reassign',
  'forward',
  'return',
  'consult',
  'answer_consult',
  'transfer',
  'approve',
  'refuse',
  'pause',
  'resume',
  'apologize',
  'attach_result',
  'generate_result',
  'return_result',
  'postal_status',
])

const Named = z.object({ id: z.string(), name: z.string() })
export const HandOverOutcome = z.enum(['early', 'on_time', 'late'])

export const ProcessingVisit = z.object({
  agencyId: Uuid,
  agencyName: z.string(),
  stepId: z.string(),
  stepName: z.string(),
  enteredAt: IsoDateTime,
  leftAt: IsoDateTime.nullable(),
  dueAt: IsoDateTime.nullable(),
  assigneeName: z.string().nullable(),
  exit: z.enum(['forwarded', 'returned', 'transferred', 'refused', 'completed']).nullable(),
  /** Judged against the step's own allotted time once it is left (or now, while in it). */
  outcome: HandOverOutcome.nullable(),
})

export const ProcessingView = z.object({
  started: z.boolean(),
  processVersionId: Uuid.nullable(),
  agency: Named.nullable(),
  step: z
    .object({
      id: z.string(),
      name: z.string(),
      kind: z.enum(['task', 'approval', 'result']),
      role: z.string(),
      enteredAt: IsoDateTime,
      dueAt: IsoDateTime.nullable(),
      flag: DeadlineFlag.nullable(),
    })
    .nullable(),
  assignee: z.object({
    userId: Uuid.nullable(),
    userName: z.string().nullable(),
    unitId: Uuid.nullable(),
    unitName: z.string().nullable(),
  }),
  decision: z.enum(['approved', 'refused']).nullable(),
  consultations: z.array(
    z.object({
      id: Uuid,
      agencyName: z.string(),
      question: z.string(),
      askedAt: IsoDateTime,
      dueAt: IsoDateTime,
      answeredAt: IsoDateTime.nullable(),
      answer: z.string().nullable(),
    }),
  ),
  visits: z.array(ProcessingVisit),
  results: z.array(StoredFile),
  apologies: z.array(z.object({ at: IsoDateTime, newDueAt: IsoDateTime, reason: z.string(), url: z.string() })),
  returned: z
    .object({
      at: IsoDateTime,
      channel: z.enum(['counter', 'post', 'online']),
      postalTracking: z.string().nullable(),
      postalStatus: z.string().nullable(),
    })
    .nullable(),
  rating: z.object({ score: z.number().int(), comment: z.string().nullable() }).nullable(),
  /** What this officer may do now, and where to. */
  allowedActions: z.array(ProcessingActionName),
  forwardTargets: z.array(Named),
  returnTargets: z.array(Named),
  transferTargets: z.array(Named),
  /** Agencies an opinion can be asked of (xin ý kiến): any agency but the one processing. */
  consultTargets: z.array(Named),
  assignees: z.array(z.object({ userId: Uuid, name: z.string(), unitName: z.string().nullable() })),
  controlSheetUrl: z.string(),
})
export type ProcessingView = z.infer<typeof ProcessingView>

export const ProcessingTab = z.enum(['todo', 'due_soon', 'overdue', 'waiting', 'done'])
export const ProcessingInboxQuery = PageQuery.extend({ tab: ProcessingTab.default('todo') }).strict()
export const ProcessingInboxItem = DossierSummary.extend({
  stepName: z.string().nullable(),
  stepDueAt: IsoDateTime.nullable(),
  stepFlag: DeadlineFlag.nullable(),
  assigneeName: z.string().nullable(),
})
export const ProcessingInbox = Paged(ProcessingInboxItem).extend({
  counts: z.object({ todo: z.number(), due_soon: z.number(), overdue: z.number(), waiting: z.number(), done: z.number() }),
})
export type ProcessingInbox = z.infer<typeof ProcessingInbox>

export const RateDossier = z.strictObject({
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().max(1000).optional(),
})

export const AgencyOverviewQuery = z.strictObject({
  agencyId: Uuid.optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
})
export const AgencyOverview = z.object({
  agency: Named,
  period: z.object({ from: z.iso.date(), to: z.iso.date() }),
  byStep: z.array(z.object({ stepName: z.string(), count: z.number(), overdue: z.number() })),
  overdue: z.array(DossierSummary),
  completed: z.number(),
  onTime: z.number(),
  late: z.number(),
  /** Completed on time ÷ completed, in the period; null when nothing was completed. */
  onTimeRate: z.number().nullable(),
  averageRating: z.number().nullable(),
  ratings: z.number(),
})
export type AgencyOverview = z.infer<typeof AgencyOverview>
