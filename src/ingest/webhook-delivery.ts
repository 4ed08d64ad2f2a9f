import type { Selectable } from 'kysely';
import type { WebhookDeliveryRow } from '../db/control-schema.ts';
import type { TenantStore } from '../db/tenancy.ts';

/** The tools that push to Leadbase. */
export const webhookSourceNames = ['linkedhelper', 'phantombuster', 'apify'] as const;
export type WebhookSourceName = (typeof webhookSourceNames)[number];

/**
 * Where a delivery stands:
 * - `received`: stored, not yet processed (or the process stopped before it could say);
 * - `processing`: a process is working on it now;
 * - `processed`: done; per-row failures, if any, are in its result;
 * - `deferred`: accepted and kept for a part of Leadbase that handles it later;
 * - `failed`: processing failed as a whole; it is listed and can be replayed;
 * - `duplicate`: a re-delivery of a body already received; never processed again.
 */
export const deliveryStatuses = [
  'received',
  'processing',
  'processed',
  'deferred',
  'failed',
  'duplicate',
] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export interface Delivery {
  id: number;
  clientId: string;
  source: WebhookSourceName;
  bodySha256: string;
  /** The request headers worth keeping (content type, user agent, dispatch IDs); no secret. */
  headers: Record<string, string>;
  receivedAt: string;
  duplicateOf: number | null;
  status: DeliveryStatus;
  attempts: number;
  processedAt: string | null;
  result: Record<string, unknown> | null;
  errorCode: string | null;
  errorMessage: string | null;
}

export interface DeliveryWithBody extends Delivery {
  body: string;
}

/** What processing one delivery came to. */
export type DeliveryOutcome =
  | { status: 'processed' | 'deferred'; result: Record<string, unknown> }
  | { status: 'failed'; code: string; message: string; result?: Record<string, unknown> };

/** Turns one source's delivery body into leads (or defers it) in the client's store. */
export interface WebhookSourceHandler {
  process(store: TenantStore, body: unknown): Promise<DeliveryOutcome>;
}

export type WebhookSources = Record<WebhookSourceName, WebhookSourceHandler>;

/** Headers kept with a delivery; anything else (authorization, cookies, tokens) is dropped. */
export const keptHeaders = [
  'content-type',
  'content-length',
  'user-agent',
  'x-request-id',
  'x-apify-webhook',
  'x-apify-webhook-dispatch-id',
];

export function keepHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of keptHeaders) {
    const value = headers[name];
    if (value !== undefined) kept[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return kept;
}

export function deliveryFromRow(row: Omit<Selectable<WebhookDeliveryRow>, 'body'>): Delivery {
  return {
    id: row.id,
    clientId: row.client_id,
    source: row.source as WebhookSourceName,
    bodySha256: row.body_sha256,
    headers: JSON.parse(row.headers) as Record<string, string>,
    receivedAt: row.received_at,
    duplicateOf: row.duplicate_of,
    status: row.status as DeliveryStatus,
    attempts: row.attempts,
    processedAt: row.processed_at,
    result: row.result === null ? null : (JSON.parse(row.result) as Record<string, unknown>),
    errorCode: row.error_code,
    errorMessage: row.error_message,
  };
}
