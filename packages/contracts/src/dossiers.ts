import { z } from 'zod'
import { DossierStatus, DossierEventType } from '@congso/domain'
import { IsoDateTime, PageQuery, Paged, Uuid } from './common.ts'
import { StoredFile } from './catalog.ts'
import { CitizenId, PhoneNumber } from './identity.ts'

export { DossierStatus, DossierEventType }

/** How the dossier reached the agency. */
export const Channel = z.enum(['online', 'counter', 'post'])
export type Channel = z.infer<typeof Channel>
/** Where the applicant wants the result: at the counter, by public postal service, or online. */
export const ReturnChannel = z.enum(['counter', 'post', 'online'])
export type ReturnChannel = z.infer<typeof ReturnChannel>

export const DossierStatusSchema = z.enum(DossierStatus)
export const DeadlineFlag = z.enum(['on_time', 'due_soon', 'overdue'])

export const Applicant = z.strictObject({
  fullName: z.string().trim().min(2, 'Họ và tên phải có ít nhất 2 ký tự').max(200),
  idNumber: CitizenId,
  phone: PhoneNumber,
  email: z
    .email('E-mail không hợp lệ')
    .max(200)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  address: z.string().trim().min(5, 'Địa chỉ phải có ít nhất 5 ký tự').max(500),
})
export type Applicant = z.infer<typeof Applicant>
export const ApplicantContact = Applicant.pick({ phone: true, email: true, address: true }).partial()

/** Files given for one component of the procedure version (by its position in the version's list). */
export const ComponentFiles = z.strictObject({
  index: z.number().int().min(0).max(199),
  fileIds: z.array(Uuid).max(20).default([]),
  /** Counter: the officer saw the original (bản chính) and compared the copy. */
  originalSighted: z.boolean().default(false),
  /** Counter/post: paper copies handed in, counted even without a scan. */
  paperCopies: z.number().int().min(0).max(100).default(0),
})
export type ComponentFiles = z.infer<typeof ComponentFiles>

export const CreateDossier = z.strictObject({
  procedureCode: z.string().trim().min(3).max(40),
  /** The agency that receives the dossier; defaults to the only implementing agency when there is one. */
  agencyCode: z.string().trim().max(30).optional(),
  channel: Channel.default('online'),
  /** Required for counter and postal submissions (the officer enters it); citizens submit as themselves. */
  applicant: Applicant.optional(),
  /** Citizens: contact details for this dossier (name and ID come from the account); defaults from the account. */
  contact: ApplicantContact.optional(),
  formData: z.record(z.string(), z.unknown()).default({}),
  components: z.array(ComponentFiles).max(200).default([]),
  sets: z.number().int().min(1).max(20).default(1),
  returnChannel: ReturnChannel.default('counter'),
  returnAddress: z.string().trim().max(500).optional(),
  /** Postal submissions: the receipt number of the postal service. */
  postalReceiptNumber: z.string().trim().min(3).max(50).optional(),
  note: z.string().trim().max(2000).optional(),
})
export type CreateDossier = z.infer<typeof CreateDossier>

export const SaveDraft = z.strictObject({
  procedureCode: z.string().trim().min(3).max(40),
  /** Contact details as typed so far (a draft is not checked: that happens on submission). */
  contact: z
    .strictObject({
      phone: z.string().trim().max(20).optional(),
      email: z.string().trim().max(200).optional(),
      address: z.string().trim().max(500).optional(),
    })
    .optional(),
  agencyCode: z.string().trim().max(30).optional(),
  formData: z.record(z.string(), z.unknown()).default({}),
  components: z.array(ComponentFiles).max(200).default([]),
  returnChannel: ReturnChannel.default('online'),
  returnAddress: z.string().trim().max(500).optional(),
})
export const Draft = SaveDraft.extend({ id: Uuid, procedureName: z.string(), updatedAt: IsoDateTime, files: z.array(StoredFile) })
export type Draft = z.infer<typeof Draft>

export const DossierFile = StoredFile.extend({ componentIndex: z.number().int(), addedAt: IsoDateTime })

export const DossierComponentView = z.object({
  index: z.number().int(),
  name: z.string(),
  form: z.enum(['original', 'copy', 'either']),
  quantity: z.number().int(),
  required: z.boolean(),
  originalSighted: z.boolean(),
  paperCopies: z.number().int(),
  files: z.array(DossierFile),
})

export const DossierEvent = z.object({
  seq: z.number().int(),
  type: z.enum(DossierEventType),
  at: IsoDateTime,
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  agencyName: z.string().nullable(),
  fromStatus: DossierStatusSchema.nullable(),
  toStatus: DossierStatusSchema,
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  /** Forms issued with this event (receipt, supplement request, refusal) that can be downloaded. */
  documents: z.array(z.object({ kind: z.string(), url: z.string() })),
})
export type DossierEvent = z.infer<typeof DossierEvent>

export const DossierSummary = z.object({
  code: z.string(),
  status: DossierStatusSchema,
  channel: Channel,
  procedureCode: z.string(),
  procedureName: z.string(),
  agencyName: z.string(),
  applicantName: z.string(),
  submittedAt: IsoDateTime,
  acceptedAt: IsoDateTime.nullable(),
  dueAt: IsoDateTime.nullable(),
  flag: DeadlineFlag.nullable(),
})
export type DossierSummary = z.infer<typeof DossierSummary>

export const SupplementItem = z.strictObject({
  /** The component concerned, or null for something not in the list (e.g. e-form data). */
  componentIndex: z.number().int().min(0).nullable(),
  name: z.string().trim().min(2).max(500),
  reason: z.string().trim().min(3, 'Cần ghi rõ lý do').max(1000),
})
export type SupplementItem = z.infer<typeof SupplementItem>

export const DossierDetail = DossierSummary.extend({
  id: Uuid,
  version: z.number().int(),
  procedureVersion: z.number().int(),
  agencyCode: z.string(),
  applicant: z.object({
    fullName: z.string(),
    idNumber: z.string(),
    phone: z.string(),
    email: z.string().nullable(),
    address: z.string(),
  }),
  formData: z.record(z.string(), z.unknown()),
  /** The e-form of the pinned version: labels, and the option labels of select fields. */
  eForm: z.object({
    fields: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        type: z.string(),
        options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
      }),
    ),
  }),
  components: z.array(DossierComponentView),
  sets: z.number().int(),
  returnChannel: ReturnChannel,
  returnAddress: z.string().nullable(),
  postalReceiptNumber: z.string().nullable(),
  processingTime: z.object({ value: z.number(), unit: z.string() }),
  bookNumber: z.number().int().nullable(),
  /** Open supplement request (what the applicant must still provide), if any. */
  openSupplement: z.object({ requestedAt: IsoDateTime, items: z.array(SupplementItem) }).nullable(),
  events: z.array(DossierEvent),
  /** What the current viewer may do now. */
  allowedActions: z.array(z.enum(['accept', 'request_supplement', 'refuse', 'submit_supplement', 'withdraw', 'extend'])),
})
export type DossierDetail = z.infer<typeof DossierDetail>

export const CreatedDossier = z.object({ code: z.string(), status: DossierStatusSchema, id: Uuid, submittedAt: IsoDateTime })

export const AcceptDossier = z.strictObject({
  /** Optimistic concurrency: the version the officer looked at. */
  version: z.number().int().min(0),
  note: z.string().trim().max(2000).optional(),
})
export const RequestSupplement = z.strictObject({
  version: z.number().int().min(0),
  items: z.array(SupplementItem).min(1, 'Cần liệt kê ít nhất một nội dung cần bổ sung').max(100),
  note: z.string().trim().max(2000).optional(),
})
export const RefuseDossier = z.strictObject({
  version: z.number().int().min(0),
  reason: z.string().trim().min(5, 'Cần ghi rõ lý do từ chối').max(2000),
})
export const SubmitSupplement = z.strictObject({
  version: z.number().int().min(0),
  components: z.array(ComponentFiles).min(1).max(200),
  formData: z.record(z.string(), z.unknown()).optional(),
  note: z.string().trim().max(2000).optional(),
})
export const WithdrawDossier = z.strictObject({
  version: z.number().int().min(0),
  reason: z.string().trim().min(3).max(2000),
})
export const ExtendDossier = z.strictObject({
  version: z.number().int().min(0),
  workingDays: z.number().min(0.5).max(365).multipleOf(0.5),
  reason: z.string().trim().min(5).max(2000),
})

export const DossierListQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  status: DossierStatusSchema.optional(),
  channel: Channel.optional(),
  flag: DeadlineFlag.optional(),
  procedureCode: z.string().trim().max(40).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
}).strict()
export const DossierList = Paged(DossierSummary)

export const InboxCounts = z.object({
  waitingReception: z.number().int(),
  supplementsReturned: z.number().int(),
  supplementRequested: z.number().int(),
  dueSoon: z.number().int(),
  overdue: z.number().int(),
})
export const InboxQuery = PageQuery.extend({
  box: z.enum(['waiting_reception', 'supplements_returned', 'supplement_requested', 'due_soon', 'overdue']).default('waiting_reception'),
}).strict()

export const DeadlineStepView = z.object({
  date: z.iso.date(),
  kind: z.string(),
  name: z.string().optional(),
  minutesCounted: z.number(),
  cumulativeMinutes: z.number(),
  note: z.string().optional(),
})
export const DeadlineExplanation = z.object({
  code: z.string(),
  acceptedAt: IsoDateTime.nullable(),
  startsAt: IsoDateTime.nullable(),
  dueAt: IsoDateTime.nullable(),
  flag: DeadlineFlag.nullable(),
  processingTime: z.object({ value: z.number(), unit: z.string() }),
  totalWorkingMinutes: z.number(),
  pausedWorkingMinutes: z.number(),
  extendedWorkingMinutes: z.number(),
  pauses: z.array(z.object({ from: IsoDateTime, to: IsoDateTime.nullable(), reason: z.string() })),
  extensions: z.array(z.object({ at: IsoDateTime, workingMinutes: z.number(), reason: z.string() })),
  rules: z.array(z.string()),
  steps: z.array(DeadlineStepView),
})

export const TrackingQuery = z.strictObject({
  factor: z
    .string()
    .trim()
    .regex(/^\d{4}$/, 'Nhập 4 chữ số cuối của số điện thoại hoặc số CCCD'),
})
/** What anyone with the code and the second factor sees: no personal data. */
export const TrackingView = z.object({
  code: z.string(),
  status: DossierStatusSchema,
  procedureName: z.string(),
  agencyName: z.string(),
  submittedAt: IsoDateTime,
  acceptedAt: IsoDateTime.nullable(),
  dueAt: IsoDateTime.nullable(),
  flag: DeadlineFlag.nullable(),
  timeline: z.array(
    z.object({ type: z.enum(DossierEventType), at: IsoDateTime, toStatus: DossierStatusSchema, agencyName: z.string().nullable() }),
  ),
})
export type TrackingView = z.infer<typeof TrackingView>

export const ApplicantSearchQuery = z.strictObject({ q: z.string().trim().min(3).max(100) })
export const ApplicantMatch = z.object({
  userId: Uuid,
  fullName: z.string(),
  idNumber: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
})
