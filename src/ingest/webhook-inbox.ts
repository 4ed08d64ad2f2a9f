import { createHash } from 'node:crypto';
import type { BaseLogger } from 'pino';
import { nowIso } from '../clock.ts';
import type { Stores, TenantAccess } from '../db/tenancy.ts';
import { AppError, isAppError } from '../errors.ts';
import { logger } from '../logger.ts';
import { parseJsonLosslessly } from '../posts/lossless-json.ts';
import {
  type Delivery,
  type DeliveryOutcome,
  type DeliveryStatus,
  type DeliveryWithBody,
  deliveryFromRow,
  keepHeaders,
  type WebhookSourceName,
  type WebhookSources,
} from './webhook-delivery.ts';

export interface IncomingDelivery {
  source: WebhookSourceName;
  /** The body exactly as received; its bytes are what is stored and hashed. */
  rawBody: string;
  headers?: Record<string, string | string[] | undefined>;
}

export interface DeliveryFilter {
  /** Only this client's deliveries; the API always sets it from the caller's token. */
  clientId?: string;
  status?: DeliveryStatus;
  source?: WebhookSourceName;
  /** Deliveries with a smaller id than this one (the next page, newest first). */
  beforeId?: number;
  limit?: number;
}

/** The part of a logger the inbox uses; the CLI's and the server's both fit. */
export type EventLog = Pick<BaseLogger, 'info' | 'error'>;

/** A delivery left `processing` this long ago by a process that died may be taken over. */
const staleProcessingMs = 5 * 60_000;

const deliveryColumns = [
  'id',
  'client_id',
  'source',
  'body_sha256',
  'headers',
  'received_at',
  'duplicate_of',
  'status',
  'attempts',
  'processing_started_at',
  'processed_at',
  'result',
  'error_code',
  'error_message',
] as const;

function parseBody(rawBody: string): unknown {
  try {
    // Lossless: a 19-digit post ID in an Apify dataset would lose digits as a number.
    return parseJsonLosslessly(rawBody);
  } catch (error) {
    throw new AppError('bad_request', `the delivery body is not JSON: ${(error as Error).message}`);
  }
}

function notFound(id: number): AppError {
  return new AppError('not_found', `no webhook delivery with id ${id}`, {
    details: { deliveryId: id },
  });
}

/**
 * The webhook inbox: every delivery is stored raw before it is processed, the same body from
 * the same client and source is processed once however often (and however concurrently) it
 * arrives, and failed deliveries are listed and can be replayed.
 */
export class WebhookInbox {
  constructor(
    private readonly stores: Stores,
    /** How each source's bodies are processed (`webhookSources()` in webhook-sources.ts). */
    private readonly sources: WebhookSources,
    /** Where processing events go: the server passes its own, so they sit with its requests. */
    private readonly log: EventLog = logger,
  ) {}

  /** Stores a delivery for the client, then processes it unless it is a re-delivery. */
  async receive(access: TenantAccess, incoming: IncomingDelivery): Promise<Delivery> {
    parseBody(incoming.rawBody);
    const { id, original } = await this.store(access.clientId, incoming);
    if (!original) return this.get(id, access.clientId);
    return this.process(access, id);
  }

  /**
   * Processes a delivery again: a failed one, one a crashed process left behind, or any other
   * (processing is idempotent). A duplicate replays the delivery it duplicates.
   */
  async replay(access: TenantAccess, id: number): Promise<Delivery> {
    const delivery = await this.get(id, access.clientId);
    return this.process(access, delivery.duplicateOf ?? delivery.id);
  }

  async list(filter: DeliveryFilter = {}): Promise<Delivery[]> {
    let query = this.stores.control.selectFrom('webhook_deliveries').select(deliveryColumns);
    if (filter.clientId !== undefined) query = query.where('client_id', '=', filter.clientId);
    if (filter.status !== undefined) query = query.where('status', '=', filter.status);
    if (filter.source !== undefined) query = query.where('source', '=', filter.source);
    if (filter.beforeId !== undefined) query = query.where('id', '<', filter.beforeId);
    const rows = await query
      .orderBy('id', 'desc')
      .limit(filter.limit ?? 100)
      .execute();
    return rows.map(deliveryFromRow);
  }

  /**
   * What an operator should replay: failed deliveries, and those a process stopped with before
   * it could finish (left `received` or `processing` for longer than a delivery takes).
   */
  async listReplayable(filter: { clientId?: string; limit?: number } = {}): Promise<Delivery[]> {
    const staleBefore = new Date(Date.now() - staleProcessingMs).toISOString();
    let query = this.stores.control
      .selectFrom('webhook_deliveries')
      .select(deliveryColumns)
      .where((eb) =>
        eb.or([
          eb('status', '=', 'failed'),
          eb.and([eb('status', '=', 'received'), eb('received_at', '<', staleBefore)]),
          eb.and([eb('status', '=', 'processing'), eb('processing_started_at', '<', staleBefore)]),
        ]),
      );
    if (filter.clientId !== undefined) query = query.where('client_id', '=', filter.clientId);
    const rows = await query
      .orderBy('id')
      .limit(filter.limit ?? 1000)
      .execute();
    return rows.map(deliveryFromRow);
  }

  /** One delivery; with `clientId`, only if it is that client's. */
  async get(id: number, clientId?: string): Promise<Delivery> {
    const { body: _body, ...delivery } = await this.getWithBody(id, clientId);
    return delivery;
  }

  async getWithBody(id: number, clientId?: string): Promise<DeliveryWithBody> {
    let query = this.stores.control
      .selectFrom('webhook_deliveries')
      .select([...deliveryColumns, 'body'])
      .where('id', '=', id);
    if (clientId !== undefined) query = query.where('client_id', '=', clientId);
    const row = await query.executeTakeFirst();
    if (!row) throw notFound(id);
    return { ...deliveryFromRow(row), body: row.body };
  }

  /** Writes the delivery row: the original of its body, or a duplicate pointing at it. */
  private async store(
    clientId: string,
    incoming: IncomingDelivery,
  ): Promise<{ id: number; original: boolean }> {
    const row = {
      client_id: clientId,
      source: incoming.source,
      body: incoming.rawBody,
      body_sha256: createHash('sha256').update(incoming.rawBody, 'utf8').digest('hex'),
      headers: JSON.stringify(keepHeaders(incoming.headers ?? {})),
      received_at: nowIso(),
    };
    const control = this.stores.control;

    return this.stores.dialect.writeTransaction(control, async (trx) => {
      const inserted = await trx
        .insertInto('webhook_deliveries')
        .values({ ...row, duplicate_of: null, status: 'received' })
        .onConflict((conflict) => conflict.doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted) return { id: inserted.id, original: true };

      const first = await trx
        .selectFrom('webhook_deliveries')
        .select('id')
        .where('client_id', '=', clientId)
        .where('source', '=', incoming.source)
        .where('body_sha256', '=', row.body_sha256)
        .where('duplicate_of', 'is', null)
        .executeTakeFirstOrThrow();
      const duplicate = await trx
        .insertInto('webhook_deliveries')
        .values({ ...row, duplicate_of: first.id, status: 'duplicate' })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: duplicate.id, original: false };
    });
  }

  private async process(access: TenantAccess, id: number): Promise<Delivery> {
    const delivery = await this.claim(access.clientId, id);
    const started = performance.now();
    const outcome = await this.run(access, delivery);
    await this.stores.control
      .updateTable('webhook_deliveries')
      .set({
        status: outcome.status,
        result: outcome.result === undefined ? null : JSON.stringify(outcome.result),
        error_code: outcome.status === 'failed' ? outcome.code : null,
        error_message: outcome.status === 'failed' ? outcome.message : null,
        processed_at: nowIso(),
      })
      .where('id', '=', id)
      .where('status', '=', 'processing')
      .execute();

    this.log.info(
      {
        clientId: access.clientId,
        deliveryId: id,
        source: delivery.source,
        status: outcome.status,
        ...(outcome.status === 'failed' ? { code: outcome.code } : {}),
        attempt: delivery.attempts,
        durationMs: Math.round(performance.now() - started),
      },
      'webhook delivery processed',
    );
    return this.get(id, access.clientId);
  }

  /** Takes the delivery for this process, so two processes never work on one delivery. */
  private async claim(clientId: string, id: number): Promise<DeliveryWithBody> {
    const now = nowIso();
    const staleBefore = new Date(Date.now() - staleProcessingMs).toISOString();
    const claimed = await this.stores.control
      .updateTable('webhook_deliveries')
      .set((eb) => ({
        status: 'processing',
        attempts: eb('attempts', '+', 1),
        processing_started_at: now,
      }))
      .where('id', '=', id)
      .where('client_id', '=', clientId)
      .where('duplicate_of', 'is', null)
      .where((eb) =>
        eb.or([eb('status', '!=', 'processing'), eb('processing_started_at', '<', staleBefore)]),
      )
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 1) return this.getWithBody(id, clientId);

    await this.get(id, clientId);
    throw new AppError('conflict', `webhook delivery ${id} is being processed right now`, {
      details: { deliveryId: id },
    });
  }

  private async run(access: TenantAccess, delivery: DeliveryWithBody): Promise<DeliveryOutcome> {
    const handler = this.sources[delivery.source];
    try {
      const body = parseBody(delivery.body);
      return await this.stores.withTenant(access, (store) => handler.process(store, body));
    } catch (error) {
      if (isAppError(error)) return { status: 'failed', code: error.code, message: error.message };
      this.log.error(
        {
          clientId: delivery.clientId,
          deliveryId: delivery.id,
          source: delivery.source,
          err: error,
        },
        'webhook delivery failed unexpectedly',
      );
      return {
        status: 'failed',
        code: 'internal_error',
        message: 'processing failed unexpectedly',
      };
    }
  }
}
