import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TenantAccess } from '../../src/db/tenancy.ts';
import { writePostInputs } from '../../src/posts/post-store.ts';
import { casesDir as sharedCasesDir } from '../support/cases.ts';
import { freightPostRubric, insertLeads, postInput } from '../support/post-fixtures.ts';
import { bearer, createHttpWorld, type HttpWorld, postMultipart } from './http-world.ts';

const casesDir = sharedCasesDir();

let world: HttpWorld;
let token: string;
let access: TenantAccess;

const freight = postInput({
  authorKey: 'in:ada-moreau',
  text: 'Our freight and carrier review',
  postedAt: '2025-09-20T09:00:00.000Z',
});
const poll = postInput({
  authorKey: 'in:ada-moreau',
  text: 'A poll on supplier contract terms',
  postedAt: '2025-09-21T09:00:00.000Z',
});
const hiring = postInput({
  authorKey: 'in:noah-petit',
  text: "Freight desk: we're hiring",
  postedAt: '2025-09-22T09:00:00.000Z',
});

beforeEach(async () => {
  world = await createHttpWorld();
  ({ access } = await world.addClient({ id: 'coach', serviceLevel: 'leads+posts' }));
  token = await world.clientToken('coach');
});
afterEach(async () => world.close());

function call(method: 'GET' | 'POST', url: string, payload?: object) {
  return world.app.inject({
    method,
    url,
    headers: bearer(token),
    ...(payload ? { payload } : {}),
  });
}

async function upload(fileName: string, text: string, fields: Record<string, string> = {}) {
  return postMultipart(world.app, '/api/posts/imports', {
    files: [[fileName, text]],
    fields,
    headers: bearer(token),
  });
}

/** Two leads with three posts, scored offline against the freight post rubric. */
async function scoredPosts() {
  await world.stores.withTenant(access, async (store) => {
    await insertLeads(store, [
      {
        id: 'lead-ada',
        keys: ['in:ada-moreau'],
        profileUrl: 'https://www.linkedin.com/in/ada-moreau',
      },
      { id: 'lead-noah', keys: ['in:noah-petit'] },
    ]);
    await writePostInputs(store, [freight, poll, hiring]);
  });
  expect(
    (await call('POST', '/api/posts/rubric/versions', { rubric: freightPostRubric })).statusCode,
  ).toBe(201);
  const run = await call('POST', '/api/runs', { operations: ['score-posts'] });
  expect(run.statusCode).toBe(202);
  await world.app.services.runs.drain();
}

describe('posts API: upload', () => {
  it('imports apify-posts-50.json as `leadbase posts import` does; again, nothing changes', async () => {
    const text = readFileSync(resolve(casesDir, 'apify-posts-50.json'), 'utf8');

    const first = await upload('apify-posts-50.json', text);
    const again = await upload('apify-posts-50.json', text, { format: 'apify' });

    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      fileName: 'apify-posts-50.json',
      format: 'apify',
      items: 50,
      posts: 48,
      created: 48,
      rejected: 0,
    });
    expect(again.json()).toMatchObject({ posts: 48, created: 0, updated: 0, unchanged: 48 });
    expect(first.json().warnings).toEqual([]);
  });

  it('stores posts for a leads-only client, with a warning that its runs leave them out', async () => {
    await world.addClient({ id: 'haul', serviceLevel: 'leads' });
    token = await world.clientToken('haul');
    const text = readFileSync(resolve(casesDir, 'apify-posts-50.json'), 'utf8');

    const response = await upload('apify-posts-50.json', text);

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ posts: 48, created: 48 });
    const rubric = await call('POST', '/api/posts/rubric/versions', { rubric: freightPostRubric });

    expect(response.json().warnings).toEqual([
      'client haul has service level leads: the posts are stored, but its runs will not harvest or score posts until its service level includes posts (leads+posts)',
    ]);
    expect([rubric.statusCode, rubric.json().version, rubric.json().warnings]).toEqual([
      201,
      1,
      [
        'client haul has service level leads: the post rubric is stored, but its runs will not harvest or score posts until its service level includes posts (leads+posts)',
      ],
    ]);
  });

  it('refuses bad form fields, a file that is not JSON and a body that is not multipart', async () => {
    const zone = await upload('posts.json', '[]', { timeZone: 'Mars/Olympus' });
    const notJson = await upload('posts.json', 'not json');
    const plain = await call('POST', '/api/posts/imports', { items: [] });

    expect([zone.statusCode, zone.json().code, zone.json().errors]).toEqual([
      400,
      'validation_failed',
      [{ path: 'body.timeZone', message: 'must be an IANA time zone such as Europe/Paris' }],
    ]);
    expect([notJson.statusCode, notJson.json().code]).toEqual([422, 'bad_file']);
    expect(notJson.json().detail).toMatch(/^posts\.json is not JSON/);
    expect([plain.statusCode, plain.json().code]).toEqual([415, 'unsupported_media_type']);
  });
});

describe('posts API: rubric', () => {
  it('stores versions, shows the current one, and refuses an invalid rubric', async () => {
    const missing = await call('GET', '/api/posts/rubric');
    const added = await call('POST', '/api/posts/rubric/versions', {
      rubric: freightPostRubric,
      note: 'first',
    });
    const second = await call('POST', '/api/posts/rubric/versions', {
      rubric: { ...freightPostRubric, name: 'Freight openers 2' },
    });
    const current = await call('GET', '/api/posts/rubric');
    const versions = await call('GET', '/api/posts/rubric/versions');
    const invalid = await call('POST', '/api/posts/rubric/versions', {
      rubric: { name: 'x', criteria: [] },
    });

    expect([missing.statusCode, missing.json().code]).toEqual([404, 'rubric_missing']);
    expect([added.statusCode, added.json().version, added.json().note]).toEqual([201, 1, 'first']);
    expect(second.json().version).toBe(2);
    expect([current.json().version, current.json().rubric.name]).toEqual([2, 'Freight openers 2']);
    expect(
      versions
        .json()
        .versions.map((v: { version: number; current: boolean }) => [v.version, v.current]),
    ).toEqual([
      [1, false],
      [2, true],
    ]);
    expect([invalid.statusCode, invalid.json().code]).toEqual([400, 'validation_failed']);
  });
});

describe('posts API: top posts, a lead’s posts, mark actioned', () => {
  it('lists top posts above the client’s threshold with text, link, score and reasons', async () => {
    await scoredPosts();

    const top = await call('GET', '/api/posts/top');
    const lower = await call('GET', '/api/posts/top?threshold=30&limit=1');

    expect(top.json().threshold).toBe(50);
    expect(top.json().posts).toEqual([
      {
        postId: poll.id,
        leadId: 'lead-ada',
        leadName: 'lead-ada',
        authorKey: 'in:ada-moreau',
        authorName: 'Ada Moreau',
        isRepost: false,
        originalAuthorName: null,
        text: 'A poll on supplier contract terms',
        url: poll.url,
        postedAt: '2025-09-21T09:00:00.000Z',
        score: 60,
        reasons: [
          'P2 Supplier contracts: +30 — "supplier contract"',
          'P3 Asks the network: +30 — "poll"',
        ],
      },
    ]);
    expect([
      lower.json().threshold,
      lower.json().posts.map((p: { score: number }) => p.score),
    ]).toEqual([30, [60]]);
  });

  it("lists a lead's posts by ID or profile URL, and takes them off the list once actioned", async () => {
    await scoredPosts();

    const byId = await call('GET', '/api/leads/lead-ada/posts');
    const byUrl = await call(
      'GET',
      `/api/leads/${encodeURIComponent('https://www.linkedin.com/in/ada-moreau/')}/posts?limit=1`,
    );
    const actioned = await call('POST', '/api/leads/lead-ada/posts/actioned');
    const top = await call('GET', '/api/posts/top?threshold=0');
    const unknown = await call('POST', '/api/leads/nobody/posts/actioned');

    expect(
      byId
        .json()
        .posts.map((p: { id: string; score: number; scoreStatus: string }) => [
          p.id,
          p.score,
          p.scoreStatus,
        ]),
    ).toEqual([
      [poll.id, 60, 'scored'],
      [freight.id, 40, 'scored'],
    ]);
    expect(byId.json().posts[1].reasons).toEqual(['P1 Freight costs: +40 — "freight", "carrier"']);
    expect([byUrl.json().leadId, byUrl.json().posts.length]).toEqual(['lead-ada', 1]);
    expect([actioned.statusCode, actioned.json().leadId, actioned.json().posts]).toEqual([
      200,
      'lead-ada',
      2,
    ]);
    expect(top.json().posts.map((p: { postId: string }) => p.postId)).toEqual([hiring.id]);
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'not_found']);
  });
});
