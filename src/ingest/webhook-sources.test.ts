import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { casesDir as sharedCasesDir } from '../../test/support/cases.ts';
import { openClientStore } from '../../test/support/lead-fixtures.ts';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import type { TenantAccess, TenantStore } from '../db/tenancy.ts';
import { getLead } from '../leads/lead-query.ts';
import { updateLead } from '../leads/lead-updates.ts';
import type { WebhookInbox } from './webhook-inbox.ts';
import { createWebhookInbox } from './webhook-sources.ts';

const casesDir = sharedCasesDir();
const caseBodies = (name: string) =>
  (JSON.parse(readFileSync(resolve(casesDir, name), 'utf8')) as unknown[]).map((body) =>
    JSON.stringify(body),
  );

let world: TestWorld;
let store: TenantStore;
let access: TenantAccess;
let inbox: WebhookInbox;

beforeEach(async () => {
  world = await createTestWorld();
  ({ store, access } = await openClientStore(world));
  inbox = createWebhookInbox(world.stores);
});

afterEach(async () => world.close());

const linkedHelper = (rawBody: string) =>
  inbox.receive(access, { source: 'linkedhelper', rawBody });

async function count(table: 'leads' | 'lead_events') {
  const row = await store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('LinkedHelper webhooks (BR-11)', () => {
  it('gives one lead and one event for one body delivered ten times at once', async () => {
    const [body] = caseBodies('BR-11-webhook-redelivery.json');

    const deliveries = await Promise.all(Array.from({ length: 10 }, () => linkedHelper(body!)));

    expect(deliveries.filter((d) => d.status === 'processed')).toHaveLength(1);
    expect(deliveries.filter((d) => d.status === 'duplicate')).toHaveLength(9);
    expect([await count('leads'), await count('lead_events')]).toEqual([1, 1]);
    const lead = await getLead(store, 'https://www.linkedin.com/in/greta-szabo-693c0c1df/');
    expect([lead.fullName, lead.connectionStatus]).toEqual(['Greta Szabó', 'connected']);
  });

  it('drops the identical re-delivery and applies the real update', async () => {
    const bodies = caseBodies('BR-11-webhook-redelivery.json');

    const deliveries = [];
    for (const body of bodies) deliveries.push(await linkedHelper(body));

    expect(deliveries.map((d) => d.status)).toEqual(['processed', 'duplicate', 'processed']);
    expect(deliveries[1]!.duplicateOf).toBe(deliveries[0]!.id);
    expect([deliveries[0]!.result?.created, deliveries[2]!.result?.updated]).toEqual([1, 1]);
    const lead = await getLead(store, 'mid:802954722');
    expect(lead.headline).toBe('Chief Procurement Officer at Umbra Payments');
    expect(lead.tags).toEqual(['campaign:procurement-q3', 'replied']);
    expect([await count('leads'), await count('lead_events')]).toEqual([1, 2]);
  });
});

describe('LinkedHelper webhooks and edits by people', () => {
  it('never overwrites a field a person edited with a later delivery', async () => {
    const [first, , update] = caseBodies('BR-11-webhook-redelivery.json');
    await linkedHelper(first!);
    const lead = await getLead(store, 'mid:802954722');
    await updateLead(store, lead.id, lead.version, { headline: 'Procurement lead (verified)' });

    await linkedHelper(update!);

    const after = await getLead(store, lead.id);
    expect(after.headline).toBe('Procurement lead (verified)');
    expect(after.position).toBe('Chief Procurement Officer');
  });
});

describe('LinkedHelper webhooks (linkedhelper-webhook-10)', () => {
  it('gives the 8 leads of the expected file, each delivery as noted', async () => {
    const bodies = caseBodies('linkedhelper-webhook-10.json');

    const deliveries = [];
    for (const body of bodies) deliveries.push(await linkedHelper(body));

    expect(await count('leads')).toBe(8);
    expect(deliveries.map((d) => d.status)).toEqual([
      'processed',
      'duplicate',
      ...Array(8).fill('processed'),
    ]);
    expect(deliveries[4]!.result).toMatchObject({ updated: 1, created: 0 });
    expect(deliveries[6]!.result).toMatchObject({ persons: 2, created: 2 });
    const dario = await getLead(store, 'mid:641186031');
    expect(dario.identities).toEqual(
      expect.arrayContaining(['in:dario-kilic-1ad1e0', 'in:dariokilic']),
    );
    const cagla = await getLead(store, 'mid:814042404');
    expect(cagla.identities).toContain('in:çağla-başaran-166ee8647');
    const salesNavOnly = await getLead(store, 'mid:ACwAATVwldtGCU6dfYUS4qUvBaczRzw9E8UTjvz');
    expect(salesNavOnly.identities).toContain('mid:ACwAATVwldtGCU6dfYUS4qUvBaczRzw9E8UTjvz');
  });

  it('fails a body with no identifiable person, and lists it for replay', async () => {
    const delivery = await linkedHelper(JSON.stringify({ full_name: 'No Url', headline: 'x' }));

    expect([delivery.status, delivery.errorCode]).toEqual(['failed', 'no_usable_record']);
    expect((await inbox.list({ status: 'failed' })).map((d) => d.id)).toEqual([delivery.id]);
    expect(await count('leads')).toBe(0);
  });

  it('fails an empty body', async () => {
    const delivery = await linkedHelper('[]');

    expect([delivery.status, delivery.errorCode]).toEqual(['failed', 'empty_delivery']);
  });
});
