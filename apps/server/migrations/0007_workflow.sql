-- Internal processes (quy trình nội bộ): one versioned process definition per procedure and
-- implementing agency (ADR 0008). A dossier pins the version in force when its processing starts,
-- so a version is immutable once published: only its status may move on (published → superseded).
-- Re-runnable: every statement is idempotent.

create table if not exists process_versions (
  id uuid primary key default gen_random_uuid(),
  procedure_code text not null references procedures(code),
  agency_id uuid not null references agencies(id),
  version integer not null check (version > 0),
  -- edits of the draft: the optimistic-concurrency token of the editor (expectedRevision)
  revision integer not null default 1 check (revision > 0),
  status text not null check (status in ('draft', 'published', 'superseded')),
  definition jsonb not null,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_by uuid references users(id),
  updated_at timestamptz not null default now(),
  published_by uuid references users(id),
  published_at timestamptz,
  unique (procedure_code, agency_id, version),
  check ((status = 'draft') = (published_at is null))
);
create unique index if not exists process_one_draft on process_versions(procedure_code, agency_id) where status = 'draft';
create unique index if not exists process_one_published on process_versions(procedure_code, agency_id) where status = 'published';
create index if not exists process_versions_agency_idx on process_versions(agency_id, procedure_code);

-- Published and superseded versions are never edited nor deleted; a status moves forward only.
create or replace function process_versions_guard() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    if old.status <> 'draft' then
      raise exception 'process version % is %, it cannot be deleted', old.id, old.status using errcode = 'check_violation';
    end if;
    return old;
  end if;
  if new.procedure_code <> old.procedure_code or new.agency_id <> old.agency_id or new.version <> old.version then
    raise exception 'process version % cannot move to another procedure, agency or number', old.id using errcode = 'check_violation';
  end if;
  if old.status <> 'draft' and (new.definition is distinct from old.definition or new.revision <> old.revision) then
    raise exception 'process version % is %, its definition cannot change', old.id, old.status using errcode = 'check_violation';
  end if;
  if new.status <> old.status and not ((old.status = 'draft' and new.status = 'published')
      or (old.status = 'published' and new.status = 'superseded')) then
    raise exception 'process version % cannot go from % to %', old.id, old.status, new.status using errcode = 'check_violation';
  end if;
  return new;
end $$;
drop trigger if exists process_versions_guard on process_versions;
create trigger process_versions_guard before update or delete on process_versions
  for each row execute function process_versions_guard();
