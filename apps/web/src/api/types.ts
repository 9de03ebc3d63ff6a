import type { z } from 'zod'
import type {
  Agency,
  AuditEntry,
  FieldCount,
  ImportReport,
  Me,
  OidcConfigPublic,
  OrgSettings,
  ProcedureAdminView,
  ProcedureContent,
  ProcedureDetail,
  ProcedureSummary,
  ProcedureVersionRow,
  PublicationDecision,
  Staff,
  StoredFile,
  TotpSetup,
} from '@congso/contracts'

export type { Agency, Me, ProcedureContent, ProcedureDetail, PublicationDecision, Staff }
export type ProcedureSummaryT = z.infer<typeof ProcedureSummary> & { score?: number }
export type ProcedureContentInput = z.input<typeof ProcedureContent>
export type FieldCountT = z.infer<typeof FieldCount>
export type OrgSettingsT = z.infer<typeof OrgSettings>
export type OidcConfig = z.infer<typeof OidcConfigPublic>
export type TotpSetupT = z.infer<typeof TotpSetup>
export type AuditEntryT = z.infer<typeof AuditEntry>
export type ImportReportT = z.infer<typeof ImportReport>
export type StoredFileT = z.infer<typeof StoredFile>
export type ProcedureVersionRowT = z.infer<typeof ProcedureVersionRow>
export type ProcedureAdminViewT = z.infer<typeof ProcedureAdminView>
export type ImplementingLevel = ProcedureContent['levels'][number]
export type OnlineTypeT = ProcedureContent['onlineType']
export type AgencyKindT = Agency['kind']
export type RoleT = Me['roles'][number]

export interface Paged<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}

export interface AdminProcedureRow {
  code: string
  name: string
  field: string
  publishedVersion: number | null
  draftVersion: number | null
  status: 'draft' | 'published' | 'abolished'
}
