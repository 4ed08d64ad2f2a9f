import type { Generated } from 'kysely';

/** Rows of the control store, as stored (snake_case). Timestamps are ISO-8601 UTC text. */
export interface ClientRow {
  id: string;
  name: string;
  status: string;
  service_level: string;
  time_zone: string;
  stream: string | null;
  settings: string;
  created_at: string;
  updated_at: string;
}

export interface RunRow {
  id: string;
  idempotency_key: string | null;
  trigger: string;
  request: string;
  status: string;
  created_at: string;
  finished_at: string | null;
}

export interface RunRecordRow {
  id: Generated<number>;
  run_id: string;
  client_id: string;
  operation: string;
  status: string;
  lease_owner: string | null;
  lease_expires_at: string | null;
  attempts: Generated<number>;
  queued_at: string;
  started_at: string | null;
  finished_at: string | null;
  examined: Generated<number>;
  succeeded: Generated<number>;
  failed: Generated<number>;
  skipped: Generated<number>;
  tokens: Generated<number>;
  cost: Generated<number>;
  error_code: string | null;
  error_message: string | null;
  detail: string;
}

export interface RunFailureRow {
  id: Generated<number>;
  record_id: number;
  item_id: string;
  code: string;
  message: string;
  attempts: Generated<number>;
  first_at: string;
  last_at: string;
  resolved_at: string | null;
}

export interface AccessTokenRow {
  id: string;
  token_hash: string;
  kind: string;
  client_id: string | null;
  scope: string | null;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
}

/** A run an outside provider started for a ledger record, under the provider's own ID. */
export interface RunExternalRunRow {
  id: Generated<number>;
  record_id: number;
  provider: string;
  external_run_id: string;
  status: string;
  dataset_id: string | null;
  first_seen_at: string;
  updated_at: string;
}

/** One webhook delivery, stored raw before it is processed (the inbox). */
export interface WebhookDeliveryRow {
  id: Generated<number>;
  client_id: string;
  source: string;
  body: string;
  body_sha256: string;
  headers: string;
  received_at: string;
  /** The first delivery of the same body from the same client and source, for a re-delivery. */
  duplicate_of: number | null;
  status: string;
  attempts: Generated<number>;
  processing_started_at: string | null;
  processed_at: string | null;
  result: string | null;
  error_code: string | null;
  error_message: string | null;
}

/** A portal sign-in; `id_hash` is the SHA-256 of the cookie's secret, never the secret. */
export interface PortalSessionRow {
  id_hash: string;
  token_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface ControlDatabase {
  clients: ClientRow;
  runs: RunRow;
  run_records: RunRecordRow;
  run_failures: RunFailureRow;
  access_tokens: AccessTokenRow;
  run_external_runs: RunExternalRunRow;
  webhook_deliveries: WebhookDeliveryRow;
  portal_sessions: PortalSessionRow;
}
