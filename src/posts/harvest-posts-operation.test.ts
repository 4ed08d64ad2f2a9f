import { afterEach, describe, expect, it } from 'vitest';
import { type ApifyServer, startApifyServer } from '../../test/support/apify-server.ts';
import {
  insertLeads,
  recordingProgress,
  runOperation,
  type TestLead,
} from '../../test/support/post-fixtures.ts';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import type { ClientSettings } from '../clients/client.ts';
import type { TenantAccess } from '../db/tenancy.ts';
import { operationConfigFromEnv, operationRegistry } from '../runs/operation-registry.ts';
import { harvestPostsOperation } from './harvest-posts-operation.ts';

let world: TestWorld;
let server: ApifyServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  await world?.close();
});

const now = new Date('2025-09-24T10:00:00.000Z');
const day = (n: number) => `2025-09-${String(n).padStart(2, '0')}T08:00:00.000Z`;

/** Two posts for each profile whose slug is in `posting`, in the actor's item shape. */
function postsFor(posting: string[]) {
  let serial = 0;
  return (input: Record<string, unknown>) =>
    (input.targetUrls as string[]).flatMap((url) => {
      const slug = /\/in\/([^/]+)/.exec(url)?.[1] ?? '';
      if (!posting.includes(slug)) return [];
      return [1, 2].map(() => {
        serial += 1;
        const id = ((BigInt(Date.parse(day(20))) << 22n) + BigInt(serial)).toString();
        return {
          id,
          linkedinUrl: `https://www.linkedin.com/feed/update/urn:li:activity:${id}/`,
          content: `Post ${serial} about freight`,
          author: { publicIdentifier: slug, linkedinUrl: `https://www.linkedin.com/in/${slug}` },
          postedAt: { timestamp: Date.parse(day(20)) },
        };
      });
    });
}

const leads: TestLead[] = [
  { id: 'ana', keys: ['in:ana'], score: 80, createdAt: day(9) },
  {
    id: 'ben',
    keys: ['in:ben'],
    score: 70,
    createdAt: day(8),
    profileUrl: 'https://www.linkedin.com/in/ben/',
  },
  { id: 'cy', keys: ['in:cy'], score: 65, createdAt: day(7) },
  { id: 'low', keys: ['in:low'], score: 40, createdAt: day(9) },
  { id: 'dnc', keys: ['in:dnc'], score: 90, createdAt: day(9), doNotContact: true },
  { id: 'new', keys: ['in:new'], createdAt: day(9) },
  { id: 'seen', keys: ['in:seen'], score: 85, createdAt: day(9) },
  { id: 'done', keys: ['in:done'], score: 95, createdAt: day(9) },
];

async function postsClient(settings: Partial<ClientSettings> = {}) {
  const added = await world.addClient({
    serviceLevel: 'leads+posts',
    settings: { postsBatchSize: 2, postsPerDay: 100, postsMaxBatchesPerDay: 5, ...settings },
  });
  await world.stores.withTenant(added.access, async (store) => {
    await insertLeads(store, leads);
    await store.db
      .insertInto('lead_post_state')
      .values([
        { lead_id: 'seen', checked_at: day(20), check_result: 'none', updated_at: day(20) },
        { lead_id: 'done', actioned_at: day(1), updated_at: day(1) },
      ])
      .execute();
  });
  return added;
}

async function postState(access: TenantAccess) {
  const rows = await world.stores.withTenant(access, (store) =>
    store.db
      .selectFrom('lead_post_state')
      .select(['lead_id', 'check_result'])
      .orderBy('lead_id')
      .execute(),
  );
  return Object.fromEntries(rows.map((row) => [row.lead_id, row.check_result]));
}

const harvest = () => harvestPostsOperation({ apify: server!.config(), now: () => now });

describe('harvest-posts', () => {
  it('harvests eligible leads newest first in batches and marks who had posts and who had none', async () => {
    world = await createTestWorld();
    server = await startApifyServer({ items: postsFor(['ana', 'cy']) });
    const added = await postsClient();

    const { outcome, calls } = await runOperation(world, added, harvest());

    expect(outcome).toEqual({ status: 'succeeded' });
    const starts = server.requests.filter((request) => request.method === 'POST');
    expect(starts.map((request) => request.body)).toEqual([
      {
        targetUrls: ['https://www.linkedin.com/in/ana/', 'https://www.linkedin.com/in/ben/'],
        maxPosts: 10,
      },
      { targetUrls: ['https://www.linkedin.com/in/cy/'], maxPosts: 10 },
    ]);
    expect(calls.examined).toBe(3);
    expect(calls.succeeded).toEqual(['ana', 'ben', 'cy']);
    expect(await postState(added.access)).toEqual({
      ana: 'posts',
      ben: 'none',
      cy: 'posts',
      done: null,
      seen: 'none',
    });

    const apifyRunIds = [...server.runs.keys()];
    expect(new Set(calls.externalRuns.map((ref) => ref.externalRunId))).toEqual(
      new Set(apifyRunIds),
    );
    expect(calls.externalRuns.filter((ref) => ref.status === 'SUCCEEDED')).toHaveLength(2);
    const log = await world.stores.withTenant(added.access, (store) =>
      store.db.selectFrom('post_harvests').selectAll().orderBy('id').execute(),
    );
    expect(
      log.map((row) => [row.external_run_id, row.status, row.profiles, row.posts, row.new_posts]),
    ).toEqual([
      [apifyRunIds[0], 'succeeded', 2, 2, 2],
      [apifyRunIds[1], 'succeeded', 1, 2, 2],
    ]);
    expect(log.every((row) => row.run_id === 'run_test' && row.client_day === '2025-09-24')).toBe(
      true,
    );
  });

  it('counts a lead asked for by member ID whose posts come back under its vanity slug', async () => {
    world = await createTestWorld();
    const memberId = 'ACoAAB1c2d3e4f5g6h7i8j9k0lmnopq';
    const id = ((BigInt(Date.parse(day(20))) << 22n) + 1n).toString();
    server = await startApifyServer({
      items: (input) =>
        (input.targetUrls as string[]).map((url) => ({
          id,
          linkedinUrl: `https://www.linkedin.com/feed/update/urn:li:activity:${id}/`,
          content: 'Hello',
          author: { publicIdentifier: 'zoe-vanity' },
          query: url,
        })),
    });
    const added = await world.addClient({ serviceLevel: 'leads+posts' });
    await world.stores.withTenant(added.access, (store) =>
      insertLeads(store, [{ id: 'zoe', keys: [`mid:${memberId}`], score: 90 }]),
    );

    await runOperation(world, added, harvest());

    expect(server.requests[0]!.body).toMatchObject({
      targetUrls: [`https://www.linkedin.com/in/${memberId}/`],
    });
    expect(await postState(added.access)).toEqual({ zoe: 'posts' });
  });

  it('stops at the daily post target, counted in the client’s own day', async () => {
    world = await createTestWorld();
    server = await startApifyServer({ items: postsFor(['ana', 'ben', 'cy']) });
    const added = await postsClient({ postsPerDay: 3 });

    const first = await runOperation(world, added, harvest());
    const second = await runOperation(world, added, harvest());

    // 3 posts wanted, 10 per profile at most: one profile per batch; 2 + 2 ≥ 3 after two.
    expect(server.runs.size).toBe(2);
    expect(first.outcome).toEqual({ status: 'succeeded' });
    expect(second.outcome).toEqual({
      status: 'skipped',
      code: 'daily_target_met',
      message: '4 of 3 posts harvested today',
    });
  });

  it('stops at the batch limit of the day', async () => {
    world = await createTestWorld();
    server = await startApifyServer({ items: postsFor(['ana']) });
    const added = await postsClient({ postsMaxBatchesPerDay: 1 });

    await runOperation(world, added, harvest());
    const next = await runOperation(world, added, harvest());

    expect(server.runs.size).toBe(1);
    expect(next.outcome).toMatchObject({ status: 'skipped', code: 'batch_limit_reached' });
  });

  it('fails on a FAILED actor run or an unreadable dataset, marking no lead', async () => {
    world = await createTestWorld();
    server = await startApifyServer({ items: postsFor(['ana']), finalStatus: 'FAILED' });
    const added = await postsClient();

    const failedRun = await runOperation(world, added, harvest());
    await server.close();
    server = await startApifyServer({ items: postsFor(['ana']), datasetStatus: 403 });
    const unreadable = await runOperation(world, added, harvest());

    const [failedId] = [
      ...(await world.stores.withTenant(added.access, (store) =>
        store.db.selectFrom('post_harvests').select('external_run_id').orderBy('id').execute(),
      )),
    ].map((row) => row.external_run_id);
    expect(failedRun.outcome).toEqual({
      status: 'failed',
      code: 'apify_run_failed',
      message: `Apify run ${failedId} ended FAILED`,
    });
    expect(unreadable.outcome).toMatchObject({ status: 'failed', code: 'result_unavailable' });
    expect(await postState(added.access)).toEqual({ done: null, seen: 'none' });
  });

  it('fails when Apify cannot start the run, or the run does not finish in time', async () => {
    world = await createTestWorld();
    server = await startApifyServer({
      items: postsFor(['ana']),
      failFirst: { path: /\/runs$/, status: 500, times: 1 },
    });
    const added = await postsClient();
    const notStarted = await runOperation(world, added, harvest());
    await server.close();
    server = await startApifyServer({ items: postsFor(['ana']), pollsBeforeDone: 1_000_000 });
    const slow = harvestPostsOperation({ apify: server.config({ maxRunMs: 5 }), now: () => now });
    const timedOut = await runOperation(world, added, slow);

    const [runId] = [...server.runs.keys()];
    expect(notStarted.outcome).toEqual({
      status: 'failed',
      code: 'provider_unavailable',
      message: 'Apify answered 500 (POST /v2/acts/harvestapi~linkedin-profile-posts/runs)',
    });
    expect(timedOut.outcome).toEqual({
      status: 'failed',
      code: 'apify_run_timeout',
      message: `Apify run ${runId} did not finish in time; aborted`,
    });
    expect(server.runs.get(runId!)!.status).toBe('ABORTED');
    expect(await postState(added.access)).toEqual({ done: null, seen: 'none' });
  });

  it('aborts the Apify run when our run is cancelled while it waits', async () => {
    world = await createTestWorld();
    const controller = new AbortController();
    server = await startApifyServer({
      items: postsFor(['ana']),
      pollsBeforeDone: 1_000_000,
      onPoll: (_runId, polls) => {
        if (polls === 2) controller.abort(new Error('lease lost'));
      },
    });
    const added = await postsClient();
    const client = await world.clients.get(added.client.id);
    const { progress } = recordingProgress();

    const run = world.stores.withTenant(added.access, (store) =>
      harvest().run({ runId: 'run_test', client, store, progress, signal: controller.signal }),
    );

    await expect(run).rejects.toThrow('lease lost');
    const [runId] = [...server.runs.keys()];
    expect(server.runs.get(runId!)!.status).toBe('ABORTED');
    const log = await world.stores.withTenant(added.access, (store) =>
      store.db.selectFrom('post_harvests').select(['status', 'code']).execute(),
    );
    expect(log).toEqual([{ status: 'failed', code: 'cancelled' }]);
  });

  it('skips clients without posts or without eligible leads, fails without Apify settings', async () => {
    world = await createTestWorld();
    server = await startApifyServer({ items: () => [] });
    const leadsOnly = await world.addClient({ serviceLevel: 'leads' });
    const empty = await world.addClient({ serviceLevel: 'leads+posts' });

    const results = [
      await runOperation(world, leadsOnly, harvest()),
      await runOperation(world, empty, harvest()),
      await runOperation(world, empty, harvestPostsOperation({ apify: undefined })),
      await runOperation(
        world,
        empty,
        operationRegistry(operationConfigFromEnv({})).get('harvest-posts')!,
      ),
    ];

    expect(results.map((result) => result.outcome)).toEqual([
      expect.objectContaining({ status: 'skipped', code: 'service_level' }),
      expect.objectContaining({ status: 'skipped', code: 'no_eligible_leads' }),
      expect.objectContaining({ status: 'failed', code: 'apify_not_configured' }),
      expect.objectContaining({ status: 'failed', code: 'apify_not_configured' }),
    ]);
    expect(server.requests).toEqual([]);
  });
});
