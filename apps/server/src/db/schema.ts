import type { ColumnType, Generated } from 'kysely'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type CreatedAt = ColumnType<Date, Date | string | undefined, never>
type Json<T> = ColumnType<T, string, string>

export interface SchemaMigrationsTable {
  version: string
  checksum: string
  applied_at: CreatedAt
}

export interface SettingsTable {
  key: string
  value: Json<unknown>
  updated_at: Timestamp
}

export interface AgenciesTable {
  id: Generated<string>
  code: string | null
  name: string
  short_name: string | null
  kind: string
  parent_id: string | null
  ancestor_ids: ColumnType<string[], string[] | undefined, string[]>
  address: string | null
  phone: string | null
  email: string | null
  valid_from: string | null
  valid_to: string | null
  successor_id: string | null
  office_hours: ColumnType<unknown, string | null | undefined, string | null>
  active: Generated<boolean>
  created_at: CreatedAt
  updated_at: Timestamp
}

export interface AgencyCodeHistoryTable {
  id: Generated<string>
  agency_id: string
  code: string
  valid_from: Timestamp
  valid_to: Date | null
}

export interface UsersTable {
  id: Generated<string>
  kind: 'officer' | 'citizen'
  username: string | null
  full_name: string
  email: string | null
  phone: string | null
  citizen_id: string | null
  applicant_type: Generated<string>
  organization_name: string | null
  tax_code: string | null
  agency_id: string | null
  unit_id: string | null
  roles: ColumnType<string[], string[] | undefined, string[]>
  password_hash: string | null
  totp_secret: string | null
  totp_enabled: Generated<boolean>
  totp_last_step: ColumnType<number | null, number | null | undefined, number | null>
  must_change_password: Generated<boolean>
  failed_logins: Generated<number>
  locked_until: Date | null
  disabled: Generated<boolean>
  oidc_issuer: string | null
  oidc_subject: string | null
  created_at: CreatedAt
  updated_at: Timestamp
}

export type SessionStage = 'ok' | 'totp_required' | 'totp_setup' | 'password_change'

export interface SessionsTable {
  id: string
  user_id: string
  stage: SessionStage
  csrf_token: string
  ip: string | null
  user_agent: string | null
  created_at: CreatedAt
  last_seen_at: Timestamp
  expires_at: Timestamp
}

export interface RateLimitsTable {
  key: string
  window_start: Timestamp
  hits: number
}

export interface OidcStatesTable {
  state: string
  nonce: string
  code_verifier: string
  return_to: string
  created_at: CreatedAt
}

export interface AuditLogTable {
  id: Generated<string>
  at: CreatedAt
  actor_id: string | null
  actor_roles: ColumnType<string[], string[] | undefined, never>
  action: string
  subject_type: string
  subject_id: string | null
  ip: string | null
  user_agent: string | null
  request_id: string | null
  details: Json<Record<string, unknown>>
}

export interface ProceduresTable {
  code: string
  created_at: CreatedAt
}

export type VersionStatus = 'draft' | 'published' | 'superseded' | 'abolished'

export interface ProcedureVersionsTable {
  id: Generated<string>
  procedure_code: string
  version: number
  status: VersionStatus
  content: Json<unknown>
  name: string
  field: string
  levels: ColumnType<string[], string[], string[]>
  online_type: string
  search_name: string
  search_text: string
  publication: Json<unknown> | null
  created_by: string | null
  created_at: CreatedAt
  published_by: string | null
  published_at: Date | null
  abolition: Json<unknown> | null
  abolished_by: string | null
  abolished_at: Date | null
}

export interface HeartbeatsTable {
  role: string
  beat_at: Timestamp
}

export interface StoredFilesTable {
  id: Generated<string>
  storage_key: string
  purpose: string
  file_name: string
  content_type: string
  size_bytes: number
  sha256: string
  created_by: string | null
  created_at: CreatedAt
}

export interface DB {
  schema_migrations: SchemaMigrationsTable
  settings: SettingsTable
  agencies: AgenciesTable
  agency_code_history: AgencyCodeHistoryTable
  users: UsersTable
  sessions: SessionsTable
  rate_limits: RateLimitsTable
  oidc_states: OidcStatesTable
  audit_log: AuditLogTable
  procedures: ProceduresTable
  procedure_versions: ProcedureVersionsTable
  heartbeats: HeartbeatsTable
  stored_files: StoredFilesTable
  calendar_overrides: CalendarOverridesTable
  dossier_code_counters: DossierCodeCountersTable
  dossier_book_counters: DossierBookCountersTable
  dossiers: DossiersTable
  dossier_events: DossierEventsTable
  dossier_files: DossierFilesTable
  idempotency_keys: IdempotencyKeysTable
  dossier_drafts: DossierDraftsTable
  outbox_messages: OutboxMessagesTable
  trust_anchors: TrustAnchorsTable
  dossier_consultations: DossierConsultationsTable
  dossier_escalations: DossierEscalationsTable
  citizen_documents: CitizenDocumentsTable
  signed_documents: SignedDocumentsTable
  signing_sessions: SigningSessionsTable
  process_versions: ProcessVersionsTable
}

export interface CalendarOverridesTable {
  date: ColumnType<string, string, string>
  kind: 'day_off' | 'working_day'
  name: string
  updated_by: string | null
  updated_at: Timestamp
}

export interface DossierCodeCountersTable {
  agency_id: string
  day: string
  last_seq: number
}

export interface DossierBookCountersTable {
  agency_id: string
  year: number
  last_no: number
}

export interface DossiersTable {
  id: Generated<string>
  code: string
  procedure_code: string
  procedure_version_id: string
  receiving_agency_id: string
  agency_id: string
  channel: 'online' | 'counter' | 'post'
  applicant_user_id: string | null
  applicant: Json<unknown>
  applicant_phone_digits: string
  applicant_id_number: string
  applicant_name_search: string
  form_data: Json<unknown>
  sets: number
  return_channel: 'counter' | 'post' | 'online'
  return_address: string | null
  postal_receipt_number: string | null
  processing_time: Json<unknown>
  status: string
  version: Generated<number>
  submitted_at: Timestamp
  accepted_at: Timestamp | null
  due_at: Timestamp | null
  closed_at: Timestamp | null
  book_year: number | null
  book_no: number | null
  created_by: string | null
  created_at: CreatedAt
  updated_at: Timestamp
  process_version_id: ColumnType<string | null, string | null | undefined, string | null>
  processing_agency_id: ColumnType<string | null, string | null | undefined, string | null>
  step_id: ColumnType<string | null, string | null | undefined, string | null>
  step_name: ColumnType<string | null, string | null | undefined, string | null>
  step_role: ColumnType<string | null, string | null | undefined, string | null>
  step_unit_id: ColumnType<string | null, string | null | undefined, string | null>
  step_entered_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  step_due_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  assignee_user_id: ColumnType<string | null, string | null | undefined, string | null>
  completed_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  completed_late: ColumnType<boolean | null, boolean | null | undefined, boolean | null>
  apologized: ColumnType<boolean, boolean | undefined, boolean>
  rating: ColumnType<number | null, number | null | undefined, number | null>
}

export interface DossierEventsTable {
  id: Generated<string>
  dossier_id: string
  seq: number
  type: string
  at: Timestamp
  actor_id: string | null
  actor_name: string | null
  actor_role: string | null
  actor_agency_id: string | null
  from_status: string | null
  to_status: string
  note: string | null
  data: Json<unknown>
  attachment_ids: ColumnType<string[], string[] | undefined, never>
}

export interface DossierFilesTable {
  id: Generated<string>
  dossier_id: string
  component_index: number
  file_id: string
  event_seq: number
  created_at: CreatedAt
}

export interface IdempotencyKeysTable {
  scope: string
  key: string
  request_hash: string
  status_code: number
  response: Json<unknown>
  created_at: CreatedAt
}

export interface DossierDraftsTable {
  id: Generated<string>
  owner_id: string
  procedure_code: string
  payload: Json<unknown>
  updated_at: Timestamp
}

export interface OutboxMessagesTable {
  id: Generated<string>
  channel: 'email' | 'sms'
  recipient: string
  subject: string | null
  body: string
  dossier_code: string | null
  created_at: CreatedAt
}

export interface TrustAnchorsTable {
  id: Generated<string>
  label: string
  certificate: Buffer
  sha256: string
  subject: string
  issuer: string
  serial_number: string
  not_before: Timestamp
  not_after: Timestamp
  created_by: string | null
  created_at: CreatedAt
}

export interface SignedDocumentsTable {
  file_id: string
  source_file_id: string
  mode: 'seal' | 'external'
  agency_id: string
  signed_by: string
  signer_subject: string
  signer_sha256: string
  timestamped: boolean
  created_at: CreatedAt
}

export interface SigningSessionsTable {
  id: Generated<string>
  source_file_id: string
  prepared_key: string
  prepared: Json<unknown>
  digest: string
  agency_id: string
  created_by: string
  signer_subject: string
  signer_sha256: string
  expires_at: Timestamp
  completed_file_id: string | null
  created_at: CreatedAt
}

export type ProcessVersionStatus = 'draft' | 'published' | 'superseded'

export interface ProcessVersionsTable {
  id: Generated<string>
  procedure_code: string
  agency_id: string
  version: number
  revision: Generated<number>
  status: ProcessVersionStatus
  definition: Json<unknown>
  created_by: string | null
  created_at: CreatedAt
  updated_by: string | null
  updated_at: Timestamp
  published_by: string | null
  published_at: Date | null
}

export interface DossierConsultationsTable {
  consult_id: string
  dossier_id: string
  target_agency_id: string
  question: string
  asked_by: string | null
  asked_at: Timestamp
  due_at: Timestamp
  answered_by: string | null
  answered_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  answer: string | null
}

export interface DossierEscalationsTable {
  dossier_id: string
  step_entered_at: Timestamp
  level: 'due_soon' | 'overdue'
  notified_at: Generated<Date>
}

export interface CitizenDocumentsTable {
  id: Generated<string>
  user_id: string
  file_id: string
  title: string
  dossier_id: string | null
  procedure_code: string | null
  created_at: CreatedAt
}
