import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import type { TenantAccess, TenantStore } from '../db/tenancy.ts';
import { AppError } from '../errors.ts';
import type { DeliveryOutcome, WebhookSourceHandler, WebhookSources } from './webhook-delivery.ts';
import { WebhookInbox } from './webhook-inbox.ts';

/** A source that records what it was given and answers what the test sets. */
class FakeSource implements WebhookSourceHandler {
  calls: { clientId: string; body: unknown }[] = [];
  answer: () => Promise<DeliveryOutcome> = async () => ({
    status: 'processed',
    result: { created: 1 },
  });

  async process(store: TenantStore, body: unknown): Promise<DeliveryOutcome> {
    this.calls.push({ clientId: store.clientId, body });
    return this.answer();
  }
}

let world: TestWorld;
let inbox: WebhookInbox;
let source: FakeSource;
let a: TenantAccess;
let b: TenantAccess;

beforeEach(async () => {
  world = await createTestWorld();
  source = new FakeSource();
  const sources: WebhookSources = { linkedhelper: source, phantombuster: source, apify: source };
  inbox = new WebhookInbox(world.stores, sources);
  a = (await world.addClient({ id: 'alpha' })).access;
  b = (await world.addClient({ id: 'bravo' })).access;
});

afterEach(async () => world.close());

const body = JSON.stringify({ public_id: 'ana-lima', full_name: 'Ana Lima' });
const deliver = (access: TenantAccess, rawBody = body) =>
  inbox.receive(access, { source: 'linkedhelper', rawBody });

const storedRows = () =>
  world.stores.control.selectFrom('webhook_deliveries').selectAll().orderBy('id').execute();

describe('WebhookInbox.receive', () => {
  it('stores the raw body, its hash and the harmless headers before processing', async () => {
    const delivery = await inbox.receive(a, {
      source: 'linkedhelper',
      rawBody: body,
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer lb_secret',
        cookie: 'session=1',
        'user-agent': 'LinkedHelper',
      },
    });

    const [row] = await storedRows();
    expect(row!.body).toBe(body);
    expect(row!.body_sha256).toBe(createHash('sha256').update(body).digest('hex'));
    expect(JSON.parse(row!.headers)).toEqual({
      'content-type': 'application/json',
      'user-agent': 'LinkedHelper',
    });
    expect(delivery).toMatchObject({
      clientId: 'alpha',
      status: 'processed',
      attempts: 1,
      result: { created: 1 },
    });
    expect(source.calls).toEqual([{ clientId: 'alpha', body: JSON.parse(body) }]);
  });

  it('processes a body delivered ten times at once exactly once', async () => {
    const deliveries = await Promise.all(Array.from({ length: 10 }, () => deliver(a)));

    const originals = deliveries.filter((delivery) => delivery.duplicateOf === null);
    expect(originals).toHaveLength(1);
    expect(deliveries.filter((d) => d.status === 'duplicate')).toHaveLength(9);
    expect(new Set(deliveries.map((d) => d.duplicateOf ?? d.id))).toEqual(
      new Set([originals[0]!.id]),
    );
    expect(await storedRows()).toHaveLength(10);
    expect(source.calls).toHaveLength(1);
  });

  it('keeps the same body from two clients apart: each is processed for its own client', async () => {
    await deliver(a);
    await deliver(b);

    expect(source.calls.map((call) => call.clientId)).toEqual(['alpha', 'bravo']);
  });

  it('refuses a body that is not JSON and stores nothing', async () => {
    await expect(deliver(a, '{"public_id": ')).rejects.toMatchObject({ code: 'bad_request' });
    expect(await storedRows()).toEqual([]);
  });
});

describe('failed deliveries', () => {
  it('lists a failed delivery with its code, and a replay processes it again', async () => {
    source.answer = async () => {
      throw new AppError('store_unavailable', 'the store of client alpha cannot be opened');
    };
    const failed = await deliver(a);

    expect(failed).toMatchObject({
      status: 'failed',
      errorCode: 'store_unavailable',
      errorMessage: 'the store of client alpha cannot be opened',
    });
    expect((await inbox.list({ clientId: 'alpha', status: 'failed' })).map((d) => d.id)).toEqual([
      failed.id,
    ]);

    source.answer = async () => ({ status: 'processed', result: { updated: 1 } });
    const replayed = await inbox.replay(a, failed.id);

    expect(replayed).toMatchObject({
      status: 'processed',
      attempts: 2,
      errorCode: null,
      result: { updated: 1 },
    });
    expect(await inbox.list({ clientId: 'alpha', status: 'failed' })).toEqual([]);
  });

  it('records an unexpected error as internal_error without its details', async () => {
    source.answer = async () => {
      throw new TypeError('cannot read properties of undefined');
    };

    const failed = await deliver(a);

    expect([failed.errorCode, failed.errorMessage]).toEqual([
      'internal_error',
      'processing failed unexpectedly',
    ]);
  });

  it('replays the original when asked to replay a duplicate', async () => {
    source.answer = async () => ({ status: 'failed', code: 'no_usable_record', message: 'x' });
    const first = await deliver(a);
    const again = await deliver(a);
    source.answer = async () => ({ status: 'processed', result: {} });

    const replayed = await inbox.replay(a, again.id);

    expect([again.status, replayed.id, replayed.status]).toEqual([
      'duplicate',
      first.id,
      'processed',
    ]);
  });

  it("never shows or replays another client's delivery", async () => {
    const delivery = await deliver(a);

    await expect(inbox.replay(b, delivery.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(inbox.get(delivery.id, 'bravo')).rejects.toMatchObject({ code: 'not_found' });
    expect(await inbox.list({ clientId: 'bravo' })).toEqual([]);
    expect(source.calls).toHaveLength(1);
  });

  it('refuses to replay a delivery another process is working on, until its claim is stale', async () => {
    const delivery = await deliver(a);
    const setStarted = (at: string) =>
      world.stores.control
        .updateTable('webhook_deliveries')
        .set({ status: 'processing', processing_started_at: at })
        .where('id', '=', delivery.id)
        .execute();

    await setStarted(new Date().toISOString());
    await expect(inbox.replay(a, delivery.id)).rejects.toMatchObject({ code: 'conflict' });

    await setStarted(new Date(Date.now() - 10 * 60_000).toISOString());
    expect((await inbox.replay(a, delivery.id)).status).toBe('processed');
    expect(source.calls).toHaveLength(2);
  });

  it('keeps a deferred delivery out of the failed list', async () => {
    source.answer = async () => ({ status: 'deferred', result: { reason: 'posts' } });

    const delivery = await inbox.receive(a, { source: 'apify', rawBody: '{"eventType":"TEST"}' });

    expect([delivery.status, delivery.result]).toEqual(['deferred', { reason: 'posts' }]);
    expect(await inbox.list({ status: 'failed' })).toEqual([]);
  });

  it('offers for replay the failed deliveries and those a crashed process left unfinished', async () => {
    const processed = await deliver(a);
    source.answer = async () => ({ status: 'failed', code: 'no_usable_record', message: 'x' });
    const failed = await deliver(a, '{"n":1}');
    const stranded = await deliver(a, '{"n":2}');
    const fresh = await deliver(a, '{"n":3}');
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000).toISOString();
    await world.stores.control
      .updateTable('webhook_deliveries')
      .set({ status: 'received', received_at: tenMinutesAgo })
      .where('id', '=', stranded.id)
      .execute();
    await world.stores.control
      .updateTable('webhook_deliveries')
      .set({ status: 'received' })
      .where('id', '=', fresh.id)
      .execute();

    const replayable = await inbox.listReplayable();

    expect(replayable.map((d) => d.id)).toEqual([failed.id, stranded.id]);
    expect(replayable.map((d) => d.id)).not.toContain(processed.id);
    expect(await inbox.listReplayable({ clientId: 'bravo' })).toEqual([]);
  });
});
