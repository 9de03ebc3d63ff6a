-- Reference data (procedure versions, agencies) is cached in each server process for the hot paths
-- (a submission reads the published version and the implementing agencies). Any change to these
-- tables notifies `congso_reference` on commit, whoever makes it, and every process empties its cache.
-- Re-runnable: every statement is idempotent.
create or replace function congso_reference_changed() returns trigger language plpgsql as $$
begin
  perform pg_notify('congso_reference', tg_table_name);
  return null;
end $$;

drop trigger if exists procedure_versions_reference_changed on procedure_versions;
create trigger procedure_versions_reference_changed after insert or update or delete or truncate on procedure_versions
  for each statement execute function congso_reference_changed();
drop trigger if exists agencies_reference_changed on agencies;
create trigger agencies_reference_changed after insert or update or delete or truncate on agencies
  for each statement execute function congso_reference_changed();
