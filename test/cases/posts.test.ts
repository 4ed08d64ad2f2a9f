import { afterEach, describe, expect, it } from 'vitest';
import type { TenantAccess } from '../../src/db/tenancy.ts';
import { importFile } from '../../src/ingest/import-file.ts';
import { harvestPostsOperation } from '../../src/posts/harvest-posts-operation.ts';
import { parseJsonLosslessly } from '../../src/posts/lossless-json.ts';
import { postFromRow } from '../../src/posts/post.ts';
import { importPostsBody, importPostsFile } from '../../src/posts/posts-import.ts';
import { executeRun } from '../../src/runs/run-executor.ts';
import { RunLedger } from '../../src/runs/run-ledger.ts';
import { type ApifyServer, startApifyServer } from '../support/apify-server.ts';
import { casePath, readCaseText } from '../support/cases.ts';
import { insertLeads } from '../support/post-fixtures.ts';
import { createTestWorld, type TestWorld } from '../support/stores.ts';

interface ApifyExpected {
  items: number;
  unique_posts_by_id: number;
  unique_authors: string[];
  duplicate_items: { index: number; same_as_index: number }[];
  per_item: {
    index: number;
    post_id: string;
    posted_at_utc: string;
    author_key: string;
    is_repost: boolean;
    original_author_key: string | null;
  }[];
}

interface Br20Expected {
  rows_in_string: number;
  header_or_error_rows_dropped: number;
  posts: {
    lead_key: string;
    post_id: string;
    content?: string;
    posted_at_utc: string;
    is_repost: boolean;
    original_author?: string;
    likes: number;
    comments: number | null;
    reposts: number;
  }[];
}

let world: TestWorld;
afterEach(async () => world?.close());

async function storedPosts(access: TenantAccess) {
  return world.stores.withTenant(access, async (store) => {
    const rows = await store.db.selectFrom('posts').selectAll().execute();
    return new Map(rows.map((row) => [row.id, postFromRow(row)]));
  });
}

describe('apify-posts-50.json', () => {
  const expected = JSON.parse(readCaseText('apify-posts-50.expected.json')) as ApifyExpected;

  it('gives 48 posts, each with its exact ID, UTC time, author key and repost origin', async () => {
    world = await createTestWorld();
    const { access } = await world.addClient();
    const file = casePath('apify-posts-50.json');

    const report = await world.stores.withTenant(access, (store) => importPostsFile(store, file));
    const posts = await storedPosts(access);

    expect(report).toMatchObject({ format: 'apify', items: 50, posts: 48, created: 48 });
    expect(report.repeats).toBe(expected.duplicate_items.length);
    expect(report.rejected).toBe(0);
    expect(posts.size).toBe(expected.unique_posts_by_id);
    for (const item of expected.per_item) {
      const post = posts.get(item.post_id);
      expect(post, `item ${item.index}`).toMatchObject({
        id: item.post_id,
        postedAt: item.posted_at_utc,
        authorKey: item.author_key,
        isRepost: item.is_repost,
        originalAuthorKey: item.original_author_key,
      });
    }
    const authors = [...new Set([...posts.values()].map((post) => post.authorKey))].sort();
    expect(authors).toEqual(expected.unique_authors);
  });

  it('keeps the IDs exact even when the dataset states them as bare numbers', async () => {
    world = await createTestWorld();
    const { access } = await world.addClient();
    const asNumbers = readCaseText('apify-posts-50.json').replace(
      /"(id|repostId)": "(\d+)"/g,
      '"$1": $2',
    );

    const items = parseJsonLosslessly(asNumbers);
    await world.stores.withTenant(access, (store) => importPostsBody(store, items, 'numbers'));
    const posts = await storedPosts(access);

    expect([...posts.keys()].sort()).toEqual(
      [...new Set(expected.per_item.map((item) => item.post_id))].sort(),
    );
  });

  it('stores no share link with the scraping account in it', async () => {
    world = await createTestWorld();
    const { access } = await world.addClient();
    await world.stores.withTenant(access, (store) =>
      importPostsFile(store, casePath('apify-posts-50.json')),
    );
    const urls = [...(await storedPosts(access)).values()].map((post) => post.url);
    expect(urls.filter((url) => url.includes('rcm=') || url.includes('?'))).toEqual([]);
  });
});

describe('BR-20: PhantomBuster resultObject as a dirty JSON string', () => {
  const expected = JSON.parse(
    readCaseText('BR-20-phantombuster-dirty-resultobject.expected.json'),
  ) as Br20Expected;

  it('repairs the string, drops the header/error row and keeps unknown counts unknown', async () => {
    world = await createTestWorld();
    const { access } = await world.addClient();
    const file = casePath('BR-20-phantombuster-dirty-resultobject.json');

    const report = await world.stores.withTenant(access, (store) => importPostsFile(store, file));
    const posts = await storedPosts(access);

    expect(report).toMatchObject({
      format: 'phantombuster',
      items: expected.rows_in_string,
      dropped: expected.header_or_error_rows_dropped,
      rejected: 0,
      posts: expected.posts.length,
    });
    for (const want of expected.posts) {
      const post = posts.get(want.post_id);
      expect(post, want.post_id).toMatchObject({
        authorKey: want.lead_key,
        postedAt: want.posted_at_utc,
        isRepost: want.is_repost,
        likes: want.likes,
        comments: want.comments,
        reposts: want.reposts,
        originalAuthorKey: want.original_author ?? null,
      });
      if (want.content !== undefined) expect(post!.text).toBe(want.content);
    }
  });
});

interface Br18 {
  cases: {
    source: string;
    run_status?: string;
    dataset_item_count?: number;
    input_profiles?: number;
    expect: { run_item_status?: string; reason?: string };
  }[];
}

describe("BR-18: an Apify run that 'succeeded' with nothing is suspect", () => {
  const apifyCase = (
    JSON.parse(readCaseText('BR-18-empty-result-reported-as-success.json')) as Br18
  ).cases.find((entry) => entry.source === 'apify')!;
  let server: ApifyServer | undefined;
  afterEach(async () => server?.close());

  it('records the client failed as suspect, with the Apify run ID, and marks no lead "no posts"', async () => {
    const profiles = apifyCase.input_profiles!;
    world = await createTestWorld();
    server = await startApifyServer({
      items: () => Array.from({ length: apifyCase.dataset_item_count! }),
      finalStatus: apifyCase.run_status!,
    });
    const added = await world.addClient({
      id: 'coach',
      serviceLevel: 'leads+posts',
      settings: { postsBatchSize: profiles, postsPerDay: 1000 },
    });
    await world.stores.withTenant(added.access, (store) =>
      insertLeads(
        store,
        Array.from({ length: profiles }, (_, n) => ({
          id: `lead-${n}`,
          keys: [`in:person-${n}`],
          score: 90,
        })),
      ),
    );
    const ledger = new RunLedger(world.stores);
    const { run } = await ledger.createRun({ operations: ['harvest-posts'], trigger: 'cli' });
    const operations = new Map([
      ['harvest-posts' as const, harvestPostsOperation({ apify: server.config() })],
    ]);

    const done = await executeRun({ stores: world.stores, ledger, operations }, run.id);

    const record = done.records[0]!;
    const [apifyRun] = [...server.runs.keys()];
    expect(server.requests[0]!.body).toMatchObject({ targetUrls: expect.any(Array) });
    expect((server.requests[0]!.body as { targetUrls: string[] }).targetUrls).toHaveLength(
      profiles,
    );
    expect(done.status).toBe('failed');
    expect(record).toMatchObject({
      status: 'failed',
      errorCode: 'suspect_empty_result',
      errorMessage: `0 posts for ${profiles} profiles from Apify run ${apifyRun} (0 items); no lead is recorded as having none`,
      examined: profiles,
      succeeded: 0,
    });
    const outside = await world.stores.control
      .selectFrom('run_external_runs')
      .select(['record_id', 'provider', 'external_run_id', 'status'])
      .execute();
    expect(outside).toEqual([
      { record_id: record.id, provider: 'apify', external_run_id: apifyRun, status: 'SUCCEEDED' },
    ]);
    expect(apifyRun).not.toBe(run.id);
    const marked = await world.stores.withTenant(added.access, (store) =>
      store.db.selectFrom('lead_post_state').selectAll().execute(),
    );
    const log = await world.stores.withTenant(added.access, (store) =>
      store.db.selectFrom('post_harvests').select(['status', 'code']).execute(),
    );
    expect(marked).toEqual([]);
    expect(log).toEqual([{ status: 'suspect', code: 'suspect_empty_result' }]);
  });
});

describe('a posts file given to the lead import', () => {
  it('is refused whole, saying it holds posts and how to import them', async () => {
    world = await createTestWorld();
    const { access } = await world.addClient();
    await world.stores.withTenant(access, async (store) => {
      await expect(importFile(store, casePath('apify-posts-50.json'))).rejects.toMatchObject({
        code: 'unknown_format',
        message:
          'apify-posts-50.json is an Apify posts dataset, not lead profiles: import it as posts, with `leadbase posts import apify-posts-50.json --client <id>`',
      });
      const phantom = importFile(store, casePath('BR-20-phantombuster-dirty-resultobject.json'));
      await expect(phantom).rejects.toMatchObject({
        code: 'unknown_format',
        message: expect.stringContaining('is a PhantomBuster activity result, not lead profiles'),
      });
      const leads = await store.db.selectFrom('leads').select('id').execute();
      expect(leads).toEqual([]);
    });
  });
});
