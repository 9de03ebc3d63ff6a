-- Dossier processing (ADR 0008): the projection of the processing state on the dossier row (for
-- inboxes and statistics), consultations, escalations already sent, and the citizen's document
-- store (kho dữ liệu). The truth stays in dossier_events. Re-runnable: every statement is idempotent.

alter table dossiers add column if not exists process_version_id uuid references process_versions(id);
alter table dossiers add column if not exists processing_agency_id uuid references agencies(id);
alter table dossiers add column if not exists step_id text;
alter table dossiers add column if not exists step_name text;
alter table dossiers add column if not exists step_role text;
alter table dossiers add column if not exists step_unit_id uuid references agencies(id);
alter table dossiers add column if not exists step_entered_at timestamptz;
alter table dossiers add column if not exists step_due_at timestamptz;
alter table dossiers add column if not exists assignee_user_id uuid references users(id);
-- Final on-time outcome, fixed when the result is handed over (or the dossier refused after acceptance).
alter table dossiers add column if not exists completed_at timestamptz;
alter table dossiers add column if not exists completed_late boolean;
alter table dossiers add column if not exists apologized boolean not null default false;
alter table dossiers add column if not exists rating integer check (rating between 1 and 5);

create index if not exists dossiers_processing_idx on dossiers(processing_agency_id, status) where closed_at is null;
create index if not exists dossiers_assignee_idx on dossiers(assignee_user_id) where closed_at is null;
create index if not exists dossiers_step_due_idx on dossiers(step_due_at) where closed_at is null;
create index if not exists dossiers_completed_idx on dossiers(processing_agency_id, completed_at);

create table if not exists dossier_consultations (
  consult_id uuid primary key,
  dossier_id uuid not null references dossiers(id),
  target_agency_id uuid not null references agencies(id),
  question text not null,
  asked_by uuid references users(id),
  asked_at timestamptz not null,
  due_at timestamptz not null,
  answered_by uuid references users(id),
  answered_at timestamptz,
  answer text
);
create index if not exists dossier_consultations_target_idx on dossier_consultations(target_agency_id) where answered_at is null;
create index if not exists dossier_consultations_dossier_idx on dossier_consultations(dossier_id);

-- One notice per step stay and level: the cron role never nags twice about the same thing.
create table if not exists dossier_escalations (
  dossier_id uuid not null references dossiers(id),
  step_entered_at timestamptz not null,
  level text not null check (level in ('due_soon', 'overdue')),
  notified_at timestamptz not null default now(),
  primary key (dossier_id, step_entered_at, level)
);

-- Results returned electronically, kept for the citizen and offered for reuse in later dossiers.
create table if not exists citizen_documents (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users(id),
  file_id uuid not null references stored_files(id),
  title text not null,
  dossier_id uuid references dossiers(id),
  procedure_code text,
  created_at timestamptz not null default now(),
  unique (user_id, file_id)
);
create index if not exists citizen_documents_user_idx on citizen_documents(user_id, created_at desc);
