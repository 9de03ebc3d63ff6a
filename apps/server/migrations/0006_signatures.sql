-- Digital signatures: the trust store, the documents Congso signed, and two-step signing sessions.
-- Re-runnable: every statement is idempotent.

-- Root (and, if an admin chooses, intermediate) CA certificates signatures are validated against.
create table if not exists trust_anchors (
  id uuid primary key default gen_random_uuid(),
  label text not null,
  certificate bytea not null,
  sha256 text unique not null check (sha256 ~ '^[0-9a-f]{64}$'),
  subject text not null,
  issuer text not null,
  serial_number text not null,
  not_before timestamptz not null,
  not_after timestamptz not null,
  created_by uuid references users(id),
  created_at timestamptz not null default now()
);

-- One row per signature Congso applied: which file was signed into which, by whom, how.
create table if not exists signed_documents (
  file_id uuid primary key references stored_files(id),
  source_file_id uuid not null references stored_files(id),
  mode text not null check (mode in ('seal', 'external')),
  agency_id uuid not null references agencies(id),
  signed_by uuid not null references users(id),
  signer_subject text not null,
  signer_sha256 text not null,
  timestamped boolean not null default false,
  created_at timestamptz not null default now()
);
create index if not exists signed_documents_source_idx on signed_documents(source_file_id);
create index if not exists signed_documents_agency_idx on signed_documents(agency_id, created_at desc);

-- Two-step signing: the document is prepared here and only its digest leaves the server; the
-- prepared bytes wait in storage until the external signer's CMS comes back or the session expires.
create table if not exists signing_sessions (
  id uuid primary key default gen_random_uuid(),
  source_file_id uuid not null references stored_files(id),
  prepared_key text not null,
  prepared jsonb not null,
  digest text not null check (digest ~ '^[0-9a-f]{64}$'),
  agency_id uuid not null references agencies(id),
  created_by uuid not null references users(id),
  signer_subject text not null,
  signer_sha256 text not null,
  expires_at timestamptz not null,
  completed_file_id uuid references stored_files(id),
  created_at timestamptz not null default now()
);
create index if not exists signing_sessions_expiry_idx on signing_sessions(expires_at) where completed_file_id is null;
