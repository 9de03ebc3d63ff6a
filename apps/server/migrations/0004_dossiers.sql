-- Dossier intake: dossiers, their append-only events, attachments, code and book counters,
-- idempotency keys, drafts, the working calendar and the development outbox.
-- Re-runnable: every statement is idempotent.

-- Working calendar: the government's annual notice (compensatory days off, swapped working days,
-- extra named days) entered by an admin; statutory holidays are computed, not stored.
create table if not exists calendar_overrides (
  date date primary key,
  kind text not null check (kind in ('day_off', 'working_day')),
  name text not null,
  updated_by uuid references users(id),
  updated_at timestamptz not null default now()
);
-- Office hours per agency; null = the province default in settings('calendar').
alter table agencies add column if not exists office_hours jsonb;

-- Gapless daily sequence per receiving agency: the row is locked by the allocating transaction,
-- so concurrent submissions queue on it and a rolled-back submission gives its number back.
create table if not exists dossier_code_counters (
  agency_id uuid not null references agencies(id),
  day date not null,
  last_seq integer not null,
  primary key (agency_id, day)
);
-- Tracking book (Sổ theo dõi hồ sơ) numbering: per agency and year, allocated at acceptance.
create table if not exists dossier_book_counters (
  agency_id uuid not null references agencies(id),
  year integer not null,
  last_no integer not null,
  primary key (agency_id, year)
);

create table if not exists dossiers (
  id uuid primary key default gen_random_uuid(),
  code text unique not null,
  procedure_code text not null references procedures(code),
  -- pinned: the version in force when the dossier was submitted
  procedure_version_id uuid not null references procedure_versions(id),
  receiving_agency_id uuid not null references agencies(id),
  -- the competent authority (may differ from the place of receipt since 01/07/2025)
  agency_id uuid not null references agencies(id),
  channel text not null check (channel in ('online', 'counter', 'post')),
  applicant_user_id uuid references users(id),
  applicant jsonb not null,
  -- digits only, for the public tracking second factor (last 4 digits of phone or ID number)
  applicant_phone_digits text not null,
  applicant_id_number text not null,
  applicant_name_search text not null,
  form_data jsonb not null default '{}',
  sets integer not null default 1 check (sets > 0),
  return_channel text not null check (return_channel in ('counter', 'post', 'online')),
  return_address text,
  postal_receipt_number text,
  processing_time jsonb not null,
  -- projection of the events, written in the same transaction as each event
  status text not null,
  version integer not null default 0,
  submitted_at timestamptz not null,
  accepted_at timestamptz,
  due_at timestamptz,
  closed_at timestamptz,
  book_year integer,
  book_no integer,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index if not exists dossiers_agency_status_idx on dossiers(agency_id, status, submitted_at desc);
create index if not exists dossiers_receiving_idx on dossiers(receiving_agency_id, submitted_at desc);
create index if not exists dossiers_applicant_idx on dossiers(applicant_user_id, submitted_at desc);
create index if not exists dossiers_due_idx on dossiers(due_at) where closed_at is null;

create table if not exists dossier_events (
  id uuid primary key default gen_random_uuid(),
  dossier_id uuid not null references dossiers(id),
  seq integer not null,
  type text not null,
  at timestamptz not null default now(),
  actor_id uuid references users(id),
  actor_name text,
  actor_role text,
  actor_agency_id uuid references agencies(id),
  from_status text,
  to_status text not null,
  note text,
  data jsonb not null default '{}',
  attachment_ids uuid[] not null default '{}',
  unique (dossier_id, seq)
);

-- The event list is append-only: no role the application connects with may change or remove a row.
create or replace function dossier_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'dossier_events is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end $$;
drop trigger if exists dossier_events_no_update on dossier_events;
create trigger dossier_events_no_update before update or delete on dossier_events
  for each row execute function dossier_events_append_only();
drop trigger if exists dossier_events_no_truncate on dossier_events;
create trigger dossier_events_no_truncate before truncate on dossier_events
  for each statement execute function dossier_events_append_only();
revoke update, delete, truncate on dossier_events from public;

-- Files of a dossier, per component of the pinned procedure version; rows are only ever added.
create table if not exists dossier_files (
  id uuid primary key default gen_random_uuid(),
  dossier_id uuid not null references dossiers(id),
  component_index integer not null,
  file_id uuid not null unique references stored_files(id),
  event_seq integer not null,
  created_at timestamptz not null default now()
);
create index if not exists dossier_files_dossier_idx on dossier_files(dossier_id);

-- Idempotency: the first request's fingerprint and answer, committed with its effect.
create table if not exists idempotency_keys (
  scope text not null,
  key text not null,
  request_hash text not null,
  status_code integer not null,
  response jsonb not null,
  created_at timestamptz not null default now(),
  primary key (scope, key)
);
create index if not exists idempotency_keys_created_idx on idempotency_keys(created_at);

create table if not exists dossier_drafts (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null references users(id),
  procedure_code text not null references procedures(code),
  payload jsonb not null,
  updated_at timestamptz not null default now(),
  unique (owner_id, procedure_code)
);

-- Development outbox: e-mail and SMS captured when no SMTP server or SMS gateway is configured.
create table if not exists outbox_messages (
  id uuid primary key default gen_random_uuid(),
  channel text not null check (channel in ('email', 'sms')),
  recipient text not null,
  subject text,
  body text not null,
  dossier_code text,
  created_at timestamptz not null default now()
);
create index if not exists outbox_created_idx on outbox_messages(created_at desc);
