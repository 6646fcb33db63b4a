/** Version 1 of the registry schema: every table the use cases need (PostgreSQL 15 / PGlite). */
export const migration0001 = {
  version: 1,
  name: "initial",
  sql: `
CREATE TABLE units (
  id text PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id text PRIMARY KEY,
  nip text UNIQUE,
  nik text UNIQUE,
  name text NOT NULL,
  email text NOT NULL UNIQUE,
  role text NOT NULL,
  unit_id text NOT NULL REFERENCES units(id),
  password_hash text NOT NULL,
  status text NOT NULL,
  totp_enabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX users_unit_status ON users(unit_id, status);

CREATE TABLE blobs (
  hash text PRIMARY KEY,
  size integer NOT NULL,
  data bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE uploads (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users(id),
  kind text NOT NULL,
  blob_hash text NOT NULL,
  media_type text NOT NULL,
  size integer NOT NULL,
  file_name text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX uploads_user ON uploads(user_id);

CREATE TABLE registrations (
  user_id text PRIMARY KEY REFERENCES users(id),
  status text NOT NULL,
  attempt integer NOT NULL,
  specimen_upload_id text NOT NULL REFERENCES uploads(id),
  ktp_upload_id text NOT NULL REFERENCES uploads(id),
  recommendation_upload_id text NOT NULL REFERENCES uploads(id),
  submitted_at timestamptz NOT NULL,
  decided_at timestamptz,
  decided_by text REFERENCES users(id),
  reason text
);

CREATE TABLE registration_history (
  id bigserial PRIMARY KEY,
  user_id text NOT NULL REFERENCES users(id),
  event text NOT NULL,
  attempt integer NOT NULL,
  actor_id text,
  reason text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  at timestamptz NOT NULL
);
CREATE INDEX registration_history_user ON registration_history(user_id, id);

CREATE TABLE certificates (
  user_id text PRIMARY KEY REFERENCES users(id),
  status text NOT NULL,
  not_before timestamptz,
  not_after timestamptz,
  enrolled_email text NOT NULL,
  reminders_sent jsonb NOT NULL DEFAULT '[]'::jsonb,
  renewal_requested_at timestamptz,
  checked_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE documents (
  id text PRIMARY KEY,
  unit_id text NOT NULL REFERENCES units(id),
  created_by text NOT NULL REFERENCES users(id),
  jenis text NOT NULL,
  perihal text NOT NULL,
  paper_size text NOT NULL,
  anchor text NOT NULL,
  status text NOT NULL,
  current_revision integer NOT NULL,
  note text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE document_steps (
  id text PRIMARY KEY,
  document_id text NOT NULL REFERENCES documents(id),
  position integer NOT NULL,
  kind text NOT NULL,
  user_id text NOT NULL REFERENCES users(id),
  status text NOT NULL,
  completed_at timestamptz,
  note text,
  UNIQUE (document_id, position)
);
CREATE INDEX document_steps_inbox ON document_steps(user_id, status);

CREATE TABLE revisions (
  document_id text NOT NULL REFERENCES documents(id),
  number integer NOT NULL,
  blob_hash text NOT NULL,
  size integer NOT NULL,
  reason text NOT NULL,
  step_id text REFERENCES document_steps(id),
  created_by text REFERENCES users(id),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (document_id, number)
);

CREATE TABLE verification_tokens (
  token text PRIMARY KEY,
  short_code text NOT NULL UNIQUE,
  document_id text NOT NULL UNIQUE REFERENCES documents(id),
  created_at timestamptz NOT NULL
);

CREATE TABLE idempotency_keys (
  actor_id text NOT NULL,
  key text NOT NULL,
  operation text NOT NULL,
  request_hash text NOT NULL,
  response jsonb,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (actor_id, key)
);

CREATE TABLE signing_requests (
  id text PRIMARY KEY,
  step_id text NOT NULL REFERENCES document_steps(id),
  document_id text NOT NULL REFERENCES documents(id),
  actor_id text NOT NULL REFERENCES users(id),
  idempotency_key text NOT NULL,
  input_revision integer NOT NULL,
  status text NOT NULL,
  result_blob_hash text,
  error_code text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX signing_requests_one_pending ON signing_requests(step_id) WHERE status IN ('pending', 'signed');
CREATE INDEX signing_requests_status ON signing_requests(status);

CREATE TABLE outbox (
  id text PRIMARY KEY,
  kind text NOT NULL,
  recipient text NOT NULL,
  lang text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  status text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  last_error text,
  created_at timestamptz NOT NULL,
  sent_at timestamptz
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);

CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_id text,
  action text NOT NULL,
  target_type text NOT NULL,
  target_id text NOT NULL,
  summary jsonb NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL UNIQUE
);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
`,
} as const;
