-- Files kept in the storage provider (disk or S3), one row per stored object: what it is for, its
-- name as the user gave it, the content type detected from its bytes, its size and SHA-256.
-- The object is written before this row commits; a row therefore always names an existing object.
-- Re-runnable: every statement is idempotent.
create table if not exists stored_files (
  id uuid primary key default gen_random_uuid(),
  storage_key text unique not null,
  purpose text not null,
  file_name text not null,
  content_type text not null,
  size_bytes integer not null check (size_bytes >= 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  created_by uuid references users(id),
  created_at timestamptz not null default now()
);
create index if not exists stored_files_purpose_idx on stored_files(purpose);
