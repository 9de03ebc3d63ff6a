-- Catalog: the decision abolishing a published procedure version.
-- The guard trigger of 0001 freezes `publication` once a version leaves draft, so the abolition
-- decision has its own columns, set exactly once when the status moves from published to abolished.
-- Re-runnable: every statement is idempotent.
alter table procedure_versions add column if not exists abolition jsonb;
alter table procedure_versions add column if not exists abolished_by uuid references users(id);
alter table procedure_versions add column if not exists abolished_at timestamptz;
