import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { casesDir as sharedCasesDir } from '../../test/support/cases.ts';
import { openClientStore } from '../../test/support/lead-fixtures.ts';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import type { TenantStore } from '../db/tenancy.ts';
import { getLead } from '../leads/lead-query.ts';
import { apifyWebhookSource } from './apify-webhook.ts';
import { phantomBusterWebhookSource, resultObjectRows } from './phantombuster-webhook.ts';

const casesDir = sharedCasesDir();

let world: TestWorld;
let store: TenantStore;

beforeEach(async () => {
  world = await createTestWorld();
  ({ store } = await openClientStore(world));
});

afterEach(async () => world.close());

const notification = (resultObject: unknown, extra: Record<string, unknown> = {}) => ({
  agentId: '4812345678901234',
  agentName: 'Sales Navigator Search Export',
  containerId: '7712345678901234',
  script: 'Sales Navigator Search Export.js',
  exitCode: 0,
  exitMessage: 'finished',
  resultObject,
  ...extra,
});

/** A Sales Navigator search export result, dirty the way PhantomBuster writes it. */
const salesNavResult = `[
  {"profileUrl":"Profile URL","error":"Invalid input"},
  {"profileUrl":"https://www.linkedin.com/sales/lead/ACwAAB9xQm2Lr4TtYv8pZk3nE0aWdFgHjKlM1o,NAME_SEARCH,Qx1","fullName":"Ines Vasconcelos","firstName":"Ines","lastName":"Vasconcelos","companyName":"Norte "Frete" Lda","title":"Head of Procurement","vmid":"ACwAAB9xQm2Lr4TtYv8pZk3nE0aWdFgHjKlM1o","defaultProfileUrl":"https://www.linkedin.com/in/ines-vasconcelos-7d21a0/","connectionDegree":"2nd",},
  {"profileUrl":"https://www.linkedin.com/in/orenfalk","fullName":"Oren Falk","title":"COO","connectionDegree":"1st"},
  {"query":"https://www.linkedin.com/sales/search/people?x","error":"Rate limited"},
]`;

describe('PhantomBuster notifications', () => {
  it('writes the profile rows and lists the header and error rows as failures', async () => {
    const outcome = await phantomBusterWebhookSource.process(store, notification(salesNavResult));

    expect(outcome.status).toBe('processed');
    expect(outcome.status === 'processed' && outcome.result).toMatchObject({
      containerId: '7712345678901234',
      rows: 4,
      profiles: 2,
      posts: 0,
      created: 2,
      failures: [
        { row: 1, code: 'dropped_row', reason: 'error row: Invalid input' },
        { row: 4, code: 'dropped_row', reason: 'error row: Rate limited' },
      ],
    });
    const ines = await getLead(store, 'in:ines-vasconcelos-7d21a0');
    expect(ines.identities.sort()).toEqual([
      'in:ines-vasconcelos-7d21a0',
      'mid:ACwAAB9xQm2Lr4TtYv8pZk3nE0aWdFgHjKlM1o',
    ]);
    expect([ines.company, ines.position, ines.memberDistance]).toEqual([
      'Norte "Frete" Lda',
      'Head of Procurement',
      2,
    ]);
    expect((await getLead(store, 'in:orenfalk')).connectionStatus).toBe('connected');
  });

  it('imports the post rows of BR-20 through the posts import and drops its header row', async () => {
    const br20 = JSON.parse(
      readFileSync(resolve(casesDir, 'BR-20-phantombuster-dirty-resultobject.json'), 'utf8'),
    ) as { resultObject: string };
    const expected = JSON.parse(
      readFileSync(
        resolve(casesDir, 'BR-20-phantombuster-dirty-resultobject.expected.json'),
        'utf8',
      ),
    ) as {
      rows_in_string: number;
      header_or_error_rows_dropped: number;
      posts: { lead_key: string; post_id: string; posted_at_utc: string; likes: number }[];
    };

    const outcome = await phantomBusterWebhookSource.process(
      store,
      notification(br20.resultObject),
    );
    const replayed = await phantomBusterWebhookSource.process(
      store,
      notification(br20.resultObject),
    );

    expect(outcome).toMatchObject({
      status: 'processed',
      result: {
        rows: expected.rows_in_string,
        posts: expected.posts.length,
        profiles: 0,
        postsImport: { format: 'phantombuster', posts: 2, created: 2, rejected: 0 },
      },
    });
    const failures = outcome.status === 'processed' ? (outcome.result.failures as unknown[]) : [];
    expect(failures).toHaveLength(expected.header_or_error_rows_dropped);
    expect(replayed).toMatchObject({
      status: 'processed',
      result: { postsImport: { created: 0, updated: 0, unchanged: 2 } },
    });
    const stored = await store.db
      .selectFrom('posts')
      .select(['id', 'author_key', 'posted_at', 'likes'])
      .orderBy('id', 'desc')
      .execute();
    expect(stored).toEqual(
      expected.posts.map((post) => ({
        id: post.post_id,
        author_key: post.lead_key,
        posted_at: post.posted_at_utc,
        likes: post.likes,
      })),
    );
  });

  it('fails a result whose post rows hold no post, naming why', async () => {
    const outcome = await phantomBusterWebhookSource.process(
      store,
      notification(
        '[{"postUrl":"https://www.linkedin.com/company/halden-frost/","action":"Post"}]',
      ),
    );

    expect(outcome).toMatchObject({
      status: 'failed',
      code: 'no_usable_post',
      result: { posts: 1, postsImport: { ok: false, code: 'no_usable_post' } },
    });
  });

  it('fails a notification that carries no rows, naming why', async () => {
    const empty = await phantomBusterWebhookSource.process(store, notification(''));
    const killed = await phantomBusterWebhookSource.process(
      store,
      notification(null, { exitCode: 1, exitMessage: 'killed' }),
    );
    const junk = await phantomBusterWebhookSource.process(store, notification('[{"a":1}]'));

    expect([empty.status, killed.status, junk.status]).toEqual(['failed', 'failed', 'failed']);
    expect(empty).toMatchObject({ code: 'empty_result' });
    expect(killed).toMatchObject({ code: 'phantom_failed', message: 'the phantom ended: killed' });
    expect(junk).toMatchObject({
      code: 'no_usable_row',
      result: { failures: [{ row: 1, code: 'unknown_row' }] },
    });
  });

  it('fails a result object that is not JSON rows as a bad payload', async () => {
    const outcome = await phantomBusterWebhookSource.process(store, notification('not json ['));

    expect(outcome).toEqual({
      status: 'failed',
      code: 'bad_payload',
      message: 'resultObject: the text is not a JSON array or object of rows',
      result: { agentId: '4812345678901234', containerId: '7712345678901234' },
    });
  });

  it('reads a result object that is already an array', () => {
    expect(resultObjectRows([{ profileUrl: 'x' }])).toEqual({
      ok: true,
      rows: [{ profileUrl: 'x' }],
      unreadable: [],
    });
  });
});

describe('Apify run notifications', () => {
  const run = {
    userId: 'wRsJZtadYvn4mBZmm',
    createdAt: '2025-09-24T08:00:00.000Z',
    eventType: 'ACTOR.RUN.SUCCEEDED',
    eventData: { actorId: 'kJdK90pa2hhYYrCK8', actorRunId: 'JgwXN9BdwxGcu9MMF' },
    resource: {
      id: 'JgwXN9BdwxGcu9MMF',
      actId: 'kJdK90pa2hhYYrCK8',
      status: 'SUCCEEDED',
      defaultDatasetId: 'WkzbQMuFYuamGv3YF',
    },
  };

  it('accepts a run notification as deferred to the posts harvest, with its run and dataset', async () => {
    expect(await apifyWebhookSource.process(store, run)).toEqual({
      status: 'deferred',
      result: {
        eventType: 'ACTOR.RUN.SUCCEEDED',
        actorRunId: 'JgwXN9BdwxGcu9MMF',
        actorId: 'kJdK90pa2hhYYrCK8',
        runStatus: 'SUCCEEDED',
        datasetId: 'WkzbQMuFYuamGv3YF',
        deferredTo: 'posts',
      },
    });
  });

  it('fails a body that is not a run notification', async () => {
    expect(await apifyWebhookSource.process(store, { hello: 'world' })).toMatchObject({
      status: 'failed',
      code: 'bad_payload',
    });
    expect(await apifyWebhookSource.process(store, { eventType: 'TEST' })).toMatchObject({
      status: 'failed',
      code: 'bad_payload',
      message: 'the Apify notification names no run (resource.id or eventData.actorRunId)',
    });
  });
});
