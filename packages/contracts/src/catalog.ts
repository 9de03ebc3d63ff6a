import { z } from 'zod'
import { isValidProcedureCode } from '@congso/domain'
import { IsoDate, IsoDateTime, PageQuery, Paged } from './common.ts'

/** Online public service type per Decree 42/2022: full (toàn trình), partial (một phần), none. */
export const OnlineType = z.enum(['full', 'partial', 'none'])
export type OnlineType = z.infer<typeof OnlineType>

/** Level of government that implements a procedure. District is optional since 01/07/2025. */
export const ImplementingLevel = z.enum(['central', 'province', 'district', 'commune'])
export type ImplementingLevel = z.infer<typeof ImplementingLevel>

export const ApplicantType = z.enum(['citizen', 'business', 'organization'])

export const ProcedureCode = z
  .string()
  .trim()
  .refine(isValidProcedureCode, { message: 'Mã thủ tục không đúng định dạng (ví dụ 1.001193 hoặc 1.001193.H38)' })

export const ProcessingTime = z.strictObject({
  value: z.number().positive().max(3650),
  unit: z.enum(['working_day', 'working_hour', 'day']),
  note: z.string().max(1000).optional(),
})

export const Fee = z.strictObject({
  name: z.string().min(1).max(500),
  /** Amount in VND; null when the amount varies and is described in the note. */
  amountVnd: z.number().int().min(0).nullable(),
  note: z.string().max(1000).optional(),
})

export const Component = z.strictObject({
  name: z.string().min(1).max(1000),
  /** original = bản chính, copy = bản sao (chứng thực or compared with original), either = bản chính hoặc bản sao */
  form: z.enum(['original', 'copy', 'either']),
  quantity: z.number().int().min(0).max(100),
  required: z.boolean(),
  templateName: z.string().max(500).optional(),
  /** The uploaded template (a `StoredFile` of purpose procedure_template), downloadable by anyone. */
  templateFileId: z.uuid().optional(),
  note: z.string().max(1000).optional(),
})

/** A stored file as the upload answers it: the type is the one detected from the bytes, not the declared one. */
export const StoredFile = z.object({
  id: z.uuid(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
})
export type StoredFile = z.infer<typeof StoredFile>

export const LegalBasis = z.strictObject({
  number: z.string().min(1).max(100),
  title: z.string().min(1).max(1000),
  issuedOn: IsoDate.optional(),
})

export const EFormField = z.strictObject({
  key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/),
  label: z.string().min(1).max(300),
  type: z.enum(['text', 'textarea', 'number', 'date', 'select', 'citizenId', 'phone', 'email', 'checkbox']),
  required: z.boolean(),
  options: z.array(z.strictObject({ value: z.string(), label: z.string() })).optional(),
  maxLength: z.number().int().positive().optional(),
  pattern: z.string().optional(),
  help: z.string().max(500).optional(),
})
export const EForm = z.strictObject({ fields: z.array(EFormField).max(200) })

/** The editable content of a procedure version (what an admin edits and what import files carry). */
export const ProcedureContent = z.strictObject({
  code: ProcedureCode,
  name: z.string().trim().min(3).max(500),
  field: z.string().trim().min(2).max(200),
  levels: z.array(ImplementingLevel).min(1),
  /** Agency codes that implement the procedure in this province; empty = every agency of the listed levels. */
  agencyCodes: z.array(z.string()).default([]),
  applicantTypes: z.array(ApplicantType).min(1),
  processingTime: ProcessingTime,
  fees: z.array(Fee).default([]),
  components: z.array(Component).min(1),
  results: z.array(z.string().min(1).max(500)).min(1),
  legalBasis: z.array(LegalBasis).default([]),
  conditions: z.string().max(5000).default(''),
  onlineType: OnlineType,
  legacyLevel: z.number().int().min(1).max(4),
  eForm: EForm.default({ fields: [] }),
  /** Public sources for the demo data, and fields that could not be confirmed from them. */
  sources: z.array(z.string()).default([]),
  unverified: z.array(z.string()).default([]),
})
export type ProcedureContent = z.infer<typeof ProcedureContent>

export const VersionStatus = z.enum(['draft', 'published', 'superseded', 'abolished'])
export const PublicationKind = z.enum(['new', 'amended', 'replaced', 'abolished'])

export const PublicationDecision = z.strictObject({
  kind: PublicationKind,
  number: z.string().trim().min(3).max(100),
  date: IsoDate,
  signer: z.string().trim().min(3).max(200),
})
export type PublicationDecision = z.infer<typeof PublicationDecision>

export const ProcedureSummary = z.object({
  code: z.string(),
  name: z.string(),
  field: z.string(),
  levels: z.array(ImplementingLevel),
  processingDays: z.number(),
  processingTime: ProcessingTime,
  onlineType: OnlineType,
  legacyLevel: z.number().int(),
  version: z.number().int(),
})

export const ProcedureDetail = ProcedureSummary.extend({
  content: ProcedureContent,
  status: VersionStatus,
  publication: PublicationDecision.nullable(),
  publishedAt: IsoDateTime.nullable(),
  agencies: z.array(z.object({ code: z.string(), name: z.string(), level: z.string() })),
})
export type ProcedureDetail = z.infer<typeof ProcedureDetail>

export const ProcedureSearchQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional(),
  field: z.string().max(200).optional(),
  agency: z.string().max(30).optional(),
  level: ImplementingLevel.optional(),
  onlineType: OnlineType.optional(),
}).strict()

export const ProcedureSearchResult = Paged(ProcedureSummary.extend({ score: z.number().optional() }))

export const ProcedureVersionRow = z.object({
  id: z.string(),
  version: z.number().int(),
  status: VersionStatus,
  name: z.string(),
  publication: PublicationDecision.nullable(),
  createdAt: IsoDateTime,
  createdBy: z.string().nullable(),
  publishedAt: IsoDateTime.nullable(),
})
export const ProcedureAdminView = z.object({
  code: z.string(),
  versions: z.array(ProcedureVersionRow),
  draft: ProcedureContent.nullable(),
  published: ProcedureContent.nullable(),
})

export const ImportReport = z.object({
  imported: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), field: z.string(), message: z.string() })),
})

export const FieldCount = z.object({ field: z.string(), count: z.number().int() })

/** Admin list: one row per procedure code, with its current published and draft version numbers. */
export const AdminProcedureItem = z.object({
  code: z.string(),
  name: z.string(),
  field: z.string(),
  publishedVersion: z.number().int().nullable(),
  draftVersion: z.number().int().nullable(),
  status: z.enum(['draft', 'published', 'abolished']),
})
export const AdminProcedureList = Paged(AdminProcedureItem)
export const AdminProcedureQuery = PageQuery.extend({ q: z.string().trim().max(200).optional() }).strict()

export const CatalogFormat = z.enum(['json', 'xlsx'])
export const CatalogExportQuery = z.strictObject({ format: CatalogFormat.default('json') })
/** Import options: with `publish=true`, every imported draft is published under the one decision given. */
export const CatalogImportQuery = z
  .strictObject({
    /** Defaults to the request's content type: xlsx for a spreadsheet body, json otherwise. */
    format: CatalogFormat.optional(),
    publish: z.enum(['true', 'false']).default('false'),
    decisionNumber: z.string().trim().min(3).max(100).optional(),
    decisionDate: IsoDate.optional(),
    decisionSigner: z.string().trim().min(3).max(200).optional(),
  })
  .refine((q) => q.publish === 'false' || (q.decisionNumber && q.decisionDate && q.decisionSigner), {
    message: 'Công bố khi nhập cần số, ngày và người ký quyết định',
    path: ['decisionNumber'],
  })
