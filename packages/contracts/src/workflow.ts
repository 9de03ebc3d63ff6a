import { z } from 'zod'
import { PROCESS_LIMITS, StepKind, StepRole, type ProcessDefinition, type ProcessIssueCode as DomainProcessIssueCode } from '@congso/domain'
import { ProcedureCode } from './catalog.ts'
import { ErrorResponse, IsoDateTime, PageQuery, Paged, Uuid } from './common.ts'

/**
 * Internal processes (quy trình nội bộ) of a procedure in one implementing agency: the shapes of
 * `@congso/domain`'s `ProcessDefinition`, checked here for structure and size only. What makes a
 * process publishable (reachability, cycles, branches, the legal time) is `validateProcess`'s
 * job, which answers with Vietnamese messages the editor shows beside each step.
 */

export const StepRoleSchema = z.enum(StepRole)
export const StepKindSchema = z.enum(StepKind)

/** A step takes working days or working hours (calendar days are for the legal time only). */
export const StepDurationSchema = z.strictObject({
  value: z.number().positive().max(10_000),
  unit: z.enum(['working_day', 'working_hour']),
})

export const StepDefSchema = z.strictObject({
  /** A slug stable within the process (`tham-dinh`); the domain checks its form. */
  id: z.string().max(40),
  name: z.string().trim().min(1).max(200),
  kind: StepKindSchema,
  role: StepRoleSchema,
  /** A unit (phòng, ban) under the implementing agency; null = the agency's own staff with the role. */
  unitId: Uuid.nullable(),
  duration: StepDurationSchema,
})

const ConditionScalar = z.union([z.string().max(500), z.number().finite()])
export const BranchConditionSchema = z.strictObject({
  /** A field key of the procedure's e-form. */
  field: z.string().min(1).max(100),
  op: z.enum(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in']),
  value: z.union([ConditionScalar, z.boolean(), z.array(ConditionScalar).max(100)]),
})

export const TransitionDefSchema = z.strictObject({
  from: z.string().max(40),
  to: z.string().max(40),
  kind: z.enum(['forward', 'return']),
  condition: BranchConditionSchema.nullable().optional(),
  label: z.string().trim().max(200).nullable().optional(),
})

export const ProcessDefinitionInput = z
  .strictObject({
    startStepId: z.string().max(40),
    steps: z.array(StepDefSchema).max(PROCESS_LIMITS.steps),
    transitions: z.array(TransitionDefSchema).max(PROCESS_LIMITS.transitions),
  })
  .meta({ id: 'ProcessDefinition' })
export type ProcessDefinitionInput = z.infer<typeof ProcessDefinitionInput>

/** Issue codes: the domain's, and the two the server adds (units and e-form fields it looks up). */
export const ProcessIssueCode = z.enum([
  'process-empty',
  'process-too-large',
  'step-id-invalid',
  'step-id-duplicate',
  'step-duration-invalid',
  'start-unknown',
  'start-is-result',
  'transition-unknown-step',
  'transition-self',
  'transition-duplicate',
  'transition-from-result',
  'forward-cycle',
  'return-not-backward',
  'condition-on-return',
  'step-unreachable',
  'step-dead-end',
  'branch-without-default',
  'result-missing',
  'result-duplicate',
  'approval-missing',
  'approval-bypassed',
  'duration-exceeds-legal-time',
  'step-unit-invalid',
  'condition-field-unknown',
])
export type ProcessIssueCode = z.infer<typeof ProcessIssueCode>

export const ProcessIssue = z.object({
  code: ProcessIssueCode,
  /** `steps[2].unitId`, `transitions[4]`: what the editor highlights. */
  path: z.string(),
  message: z.string(),
})
export type ProcessIssue = z.infer<typeof ProcessIssue>

/** The procedure's legal processing time (thời hạn giải quyết), as the catalog publishes it. */
export const LegalTime = z.object({ value: z.number(), unit: z.enum(['working_day', 'working_hour', 'day']) })

export const ProcessVersionStatus = z.enum(['draft', 'published', 'superseded'])
export type ProcessVersionStatus = z.infer<typeof ProcessVersionStatus>

export const ProcessVersionView = z.object({
  id: Uuid,
  procedureCode: z.string(),
  /** The name in the published catalog; null while the procedure is unpublished. */
  procedureName: z.string().nullable(),
  agencyId: Uuid,
  agencyCode: z.string().nullable(),
  agencyName: z.string(),
  version: z.number().int(),
  /** Edits of the draft so far; send it back as `expectedRevision` to replace or publish the draft. */
  revision: z.number().int(),
  status: ProcessVersionStatus,
  definition: ProcessDefinitionInput,
  /** Checked now against the procedure's current legal time and the agency's units; empty = publishable. */
  issues: z.array(ProcessIssue),
  legalTime: LegalTime.nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  publishedAt: IsoDateTime.nullable(),
})
export type ProcessVersionView = z.infer<typeof ProcessVersionView>

export const ProcessSummary = ProcessVersionView.pick({
  id: true,
  procedureCode: true,
  procedureName: true,
  agencyId: true,
  agencyName: true,
  version: true,
  revision: true,
  status: true,
  createdAt: true,
  updatedAt: true,
  publishedAt: true,
}).extend({ stepCount: z.number().int() })

export const ProcessListQuery = PageQuery.extend({
  procedureCode: z.string().trim().min(1).max(30).optional(),
  agencyId: Uuid.optional(),
  status: ProcessVersionStatus.optional(),
}).strict()

export const ProcessList = Paged(ProcessSummary)
export type ProcessList = z.infer<typeof ProcessList>

/**
 * Creates the draft (no `expectedRevision`, and no draft yet) or replaces it (`expectedRevision`
 * = the draft's `revision`): two editors never overwrite each other.
 */
export const ProcessDraftInput = z.strictObject({
  procedureCode: ProcedureCode,
  agencyId: Uuid,
  definition: ProcessDefinitionInput,
  expectedRevision: z.number().int().positive().optional(),
})
export type ProcessDraftInput = z.infer<typeof ProcessDraftInput>

/** What the editor checks while typing: the issues, nothing written. */
export const ProcessCheckInput = ProcessDraftInput.omit({ expectedRevision: true })
export const ProcessCheckResult = z.object({ issues: z.array(ProcessIssue), legalTime: LegalTime.nullable() })
export type ProcessCheckResult = z.infer<typeof ProcessCheckResult>

export const ProcessPublishInput = z.strictObject({ expectedRevision: z.number().int().positive().optional() })

/** The exported file; importing it (to the same agency, or another with `agencyId`) makes a draft. */
export const ProcessExport = z.object({
  procedureCode: z.string(),
  agencyCode: z.string().nullable(),
  version: z.number().int(),
  definition: ProcessDefinitionInput,
})
export type ProcessExport = z.infer<typeof ProcessExport>

/** An exported file as it is, with the target agency by id or code (the id wins when both are given). */
export const ProcessImportInput = z
  .strictObject({
    procedureCode: ProcedureCode,
    agencyCode: z.string().trim().min(1).max(30).nullable().optional(),
    agencyId: Uuid.optional(),
    /** The version number in the exported file: informative, the draft gets the next number. */
    version: z.number().int().positive().optional(),
    definition: ProcessDefinitionInput,
    expectedRevision: z.number().int().positive().optional(),
  })
  .refine((v) => v.agencyId !== undefined || (v.agencyCode ?? '') !== '', {
    message: 'Cần mã cơ quan (agencyCode) hoặc agencyId',
    path: ['agencyId'],
  })

/** `PROCESS_INVALID`: the error envelope (every issue also a field error under `body.definition`) and the issues with their codes. */
export const ProcessValidationFailure = z.object({ error: ErrorResponse.shape.error, issues: z.array(ProcessIssue) })

// Compile-time: the contract accepts exactly what the domain runs, and names every domain issue code.
type Assignable<T extends U, U> = T
type _DefinitionFitsDomain = Assignable<ProcessDefinitionInput, ProcessDefinition>
type _IssueCodesCovered = Assignable<DomainProcessIssueCode, ProcessIssueCode>
