-- Foundation: settings, organization, identity, sessions, rate limits, audit, catalog.
-- Re-runnable: every statement is idempotent.
create extension if not exists pg_trgm;

create table if not exists settings (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);

create table if not exists agencies (
  id uuid primary key default gen_random_uuid(),
  code text unique,
  name text not null,
  short_name text,
  kind text not null check (kind in ('province','department','district','commune','service_center','unit')),
  parent_id uuid references agencies(id),
  -- ids of every ancestor, root first: scope checks are one array test, no recursive query
  ancestor_ids uuid[] not null default '{}',
  address text,
  phone text,
  email text,
  valid_from date,
  valid_to date,
  successor_id uuid references agencies(id),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index if not exists agencies_parent_idx on agencies(parent_id);
create index if not exists agencies_ancestors_idx on agencies using gin(ancestor_ids);

create table if not exists agency_code_history (
  id uuid primary key default gen_random_uuid(),
  agency_id uuid not null references agencies(id),
  code text not null,
  valid_from timestamptz not null default now(),
  valid_to timestamptz
);

create table if not exists users (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('officer','citizen')),
  username text unique,
  full_name text not null,
  email text,
  phone text,
  citizen_id text unique,
  applicant_type text not null default 'citizen',
  organization_name text,
  tax_code text,
  agency_id uuid references agencies(id),
  unit_id uuid references agencies(id),
  roles text[] not null default '{}',
  password_hash text,
  totp_secret text,
  totp_enabled boolean not null default false,
  totp_last_step bigint,
  must_change_password boolean not null default false,
  failed_logins integer not null default 0,
  locked_until timestamptz,
  disabled boolean not null default false,
  oidc_issuer text,
  oidc_subject text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (kind = 'citizen' or agency_id is not null)
);
create unique index if not exists users_email_citizen_uidx on users(lower(email)) where kind = 'citizen';
create unique index if not exists users_phone_citizen_uidx on users(phone) where kind = 'citizen';
create unique index if not exists users_oidc_uidx on users(oidc_issuer, oidc_subject) where oidc_subject is not null;
create index if not exists users_agency_idx on users(agency_id);

create table if not exists sessions (
  id text primary key, -- sha256 of the cookie token; the token itself is never stored
  user_id uuid not null references users(id) on delete cascade,
  stage text not null check (stage in ('ok','totp_required','totp_setup','password_change')),
  csrf_token text not null,
  ip text,
  user_agent text,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index if not exists sessions_user_idx on sessions(user_id);
create index if not exists sessions_expires_idx on sessions(expires_at);

create table if not exists rate_limits (
  key text primary key,
  window_start timestamptz not null,
  hits integer not null
);

create table if not exists oidc_states (
  state text primary key,
  nonce text not null,
  code_verifier text not null,
  return_to text not null default '/',
  created_at timestamptz not null default now()
);

create table if not exists audit_log (
  id uuid primary key default gen_random_uuid(),
  at timestamptz not null default now(),
  actor_id uuid references users(id),
  actor_roles text[] not null default '{}',
  action text not null,
  subject_type text not null,
  subject_id text,
  ip text,
  user_agent text,
  request_id text,
  details jsonb not null default '{}'
);
create index if not exists audit_at_idx on audit_log(at desc);
create index if not exists audit_subject_idx on audit_log(subject_type, subject_id);

create table if not exists procedures (
  code text primary key,
  created_at timestamptz not null default now()
);

create table if not exists procedure_versions (
  id uuid primary key default gen_random_uuid(),
  procedure_code text not null references procedures(code),
  version integer not null,
  status text not null check (status in ('draft','published','superseded','abolished')),
  content jsonb not null,
  name text not null,
  field text not null,
  levels text[] not null,
  online_type text not null,
  -- folded (no diacritics, lower case) text for diacritic-insensitive, typo-tolerant search
  search_name text not null,
  search_text text not null,
  publication jsonb,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  published_by uuid references users(id),
  published_at timestamptz,
  unique (procedure_code, version)
);
create unique index if not exists procedure_one_published on procedure_versions(procedure_code) where status = 'published';
create unique index if not exists procedure_one_draft on procedure_versions(procedure_code) where status = 'draft';
create index if not exists procedure_search_trgm on procedure_versions using gin(search_text gin_trgm_ops) where status = 'published';
create index if not exists procedure_field_idx on procedure_versions(field) where status = 'published';

-- A published version is never edited in place: only its status may move on (superseded/abolished).
create or replace function procedure_versions_guard() returns trigger language plpgsql as $$
begin
  if old.status <> 'draft' and (new.content is distinct from old.content or new.version <> old.version
      or new.procedure_code <> old.procedure_code or new.publication is distinct from old.publication) then
    raise exception 'procedure version % is %, its content cannot change', old.id, old.status
      using errcode = 'check_violation';
  end if;
  return new;
end $$;
drop trigger if exists procedure_versions_guard on procedure_versions;
create trigger procedure_versions_guard before update on procedure_versions
  for each row execute function procedure_versions_guard();

create table if not exists heartbeats (
  role text primary key,
  beat_at timestamptz not null
);

