import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ApifyServer, startApifyServer } from '../../test/support/apify-server.ts';
import { casesDir as sharedCasesDir } from '../../test/support/cases.ts';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import type { TenantAccess } from '../db/tenancy.ts';
import { ApifyClient } from '../posts/apify-client.ts';
import type { ApifyConfig } from '../posts/apify-config.ts';
import { createWebhookInbox } from './webhook-sources.ts';

const casesDir = sharedCasesDir();
const datasetText = readFileSync(resolve(casesDir, 'apify-posts-50.json'), 'utf8');

let world: TestWorld;
let access: TenantAccess;
let apify: ApifyServer | undefined;

beforeEach(async () => {
  world = await createTestWorld();
  ({ access } = await world.addClient({ serviceLevel: 'leads+posts' }));
});

afterEach(async () => {
  await apify?.close();
  apify = undefined;
  await world.close();
});

/** A post of a profile-posts actor, as Apify's dataset holds it. */
function datasetItem(id: string, text: string) {
  return {
    type: 'post',
    id,
    linkedinUrl: `https://www.linkedin.com/posts/ada-moreau_freight-activity-${id}-Ab1c`,
    content: text,
    author: {
      publicIdentifier: 'ada-moreau',
      name: 'Ada Moreau',
      linkedinUrl: 'https://www.linkedin.com/in/ada-moreau',
    },
    postedAt: { timestamp: 1758613272000, date: '2025-09-23T07:41:12.000Z' },
  };
}

const items = [
  datasetItem('7376158681203922567', 'Why we said no to three carriers'),
  datasetItem('7375784428568887061', 'Landed cost, one more time'),
];

/** Apify's default notification payload for a run. */
function notification(run: { id: string; defaultDatasetId: string }, status = 'SUCCEEDED') {
  return {
    userId: 'wRsJZtadYvn4mBZmm',
    createdAt: '2025-09-24T08:05:00.000Z',
    eventType: `ACTOR.RUN.${status}`,
    eventData: { actorId: 'kJdK90pa2hhYYrCK8', actorRunId: run.id },
    resource: {
      id: run.id,
      actId: 'kJdK90pa2hhYYrCK8',
      status,
      defaultDatasetId: run.defaultDatasetId,
    },
  };
}

function inbox(config?: ApifyConfig) {
  return createWebhookInbox(world.stores, undefined, { apify: () => config });
}

function deliver(body: unknown, config?: ApifyConfig, rawBody = JSON.stringify(body)) {
  return inbox(config).receive(access, { source: 'apify', rawBody });
}

async function storedPosts() {
  return world.stores.withTenant(access, (store) =>
    store.db.selectFrom('posts').select(['id', 'author_key', 'text']).orderBy('id').execute(),
  );
}

/** A run on the local Apify whose dataset holds `data`. */
async function finishedRun(data: unknown[], script: { datasetStatus?: number } = {}) {
  apify = await startApifyServer({ items: () => data, ...script });
  const run = await new ApifyClient(apify.config()).startRun({}, new AbortController().signal);
  return { run: { id: run.id, defaultDatasetId: run.defaultDatasetId! }, config: apify.config() };
}

describe('Apify webhook: a dataset in the body', () => {
  it('imports apify-posts-50.json as the posts import does; a replay changes nothing', async () => {
    const delivery = await inbox().receive(access, { source: 'apify', rawBody: datasetText });
    const replayed = await inbox().replay(access, delivery.id);

    expect([delivery.status, replayed.status]).toEqual(['processed', 'processed']);
    expect(delivery.result).toMatchObject({ format: 'apify', items: 50, posts: 48, created: 48 });
    expect(replayed.result).toMatchObject({ posts: 48, created: 0, updated: 0, unchanged: 48 });
    expect(await storedPosts()).toHaveLength(48);
  });

  it('keeps 19-digit post IDs written as bare numbers exact', async () => {
    const bare = JSON.stringify({ items }).replace(/"id":"(\d{19})"/g, '"id":$1');

    const delivery = await deliver(undefined, undefined, bare);

    expect(delivery.status).toBe('processed');
    expect((await storedPosts()).map((post) => post.id)).toEqual([
      '7375784428568887061',
      '7376158681203922567',
    ]);
  });

  it('fails an empty dataset as empty_import, kept for replay', async () => {
    const delivery = await deliver([]);

    expect([delivery.status, delivery.errorCode]).toEqual(['failed', 'empty_import']);
  });
});

describe('Apify webhook: a run notification', () => {
  it('stays deferred to the posts harvest when Apify is not configured', async () => {
    const delivery = await deliver(
      notification({ id: 'JgwXN9BdwxGcu9MMF', defaultDatasetId: 'Wk' }),
    );

    expect([delivery.status, delivery.result?.deferredTo]).toEqual(['deferred', 'posts']);
    expect(await storedPosts()).toEqual([]);
  });

  it('fetches and imports the dataset of a succeeded run when Apify is configured', async () => {
    const { run, config } = await finishedRun(items);

    const delivery = await deliver(notification(run), config);
    const again = await deliver(
      { ...notification(run), createdAt: '2025-09-24T08:06:00.000Z' },
      config,
    );

    expect(delivery.status).toBe('processed');
    expect(delivery.result).toMatchObject({
      actorRunId: run.id,
      datasetId: run.defaultDatasetId,
      format: 'apify',
      posts: 2,
      created: 2,
    });
    expect(again.result).toMatchObject({ posts: 2, created: 0, unchanged: 2 });
    const fetches = apify!.requests.filter((request) => request.path.startsWith('/v2/datasets/'));
    expect(fetches.map((request) => [request.path, request.authorization])).toEqual([
      [`/v2/datasets/${run.defaultDatasetId}/items`, `Bearer ${apify!.token}`],
      [`/v2/datasets/${run.defaultDatasetId}/items`, `Bearer ${apify!.token}`],
    ]);
    expect((await storedPosts()).map((post) => post.author_key)).toEqual([
      'in:ada-moreau',
      'in:ada-moreau',
    ]);
  });

  it('leaves a run that did not succeed to the harvest, fetching nothing', async () => {
    const { run, config } = await finishedRun(items);
    const before = apify!.requests.length;

    const delivery = await deliver(notification(run, 'FAILED'), config);

    expect(delivery.status).toBe('deferred');
    expect(apify!.requests).toHaveLength(before);
  });

  it('fails a run whose dataset is empty (suspect, BR-18) or cannot be fetched', async () => {
    const empty = await finishedRun([]);
    const nothing = await deliver(notification(empty.run), empty.config);
    await apify!.close();
    const refused = await finishedRun(items, { datasetStatus: 403 });
    const forbidden = await deliver(notification(refused.run), refused.config);

    expect([nothing.status, nothing.errorCode]).toEqual(['failed', 'empty_import']);
    expect([forbidden.status, forbidden.errorCode]).toEqual(['failed', 'provider_unavailable']);
    expect(await storedPosts()).toEqual([]);
  });
});
