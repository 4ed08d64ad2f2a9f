import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { calendarDateIn } from '../../src/clock.ts';
import { addPostRubricVersion } from '../../src/posts/post-rubric-store.ts';
import { writePostInputs } from '../../src/posts/post-store.ts';
import { scorePostsOperation } from '../../src/posts/score-posts-operation.ts';
import { freightPostRubric, postInput, runOperation } from '../support/post-fixtures.ts';
import { bearer, createHttpWorld, type HttpWorld } from './http-world.ts';
import { seedLeads } from './lead-fixtures.ts';

let world: HttpWorld;
let token: string;
let acme: Awaited<ReturnType<HttpWorld['addClient']>>;

beforeEach(async () => {
  world = await createHttpWorld();
  acme = await world.addClient({
    id: 'acme',
    timeZone: 'Pacific/Auckland',
    serviceLevel: 'leads+posts',
  });
  const { access } = acme;
  token = await world.clientToken('acme');
  const today = calendarDateIn('Pacific/Auckland');
  await seedLeads(world, access, [
    {
      id: 'l-ann',
      fullName: 'Ann Arbor',
      headline: 'Founder',
      score: 82,
      tags: ['vip', 'eu'],
      slug: 'ann-arbor',
    },
    { id: 'l-bob', fullName: 'Bob Brook', headline: 'CFO at Payly', score: 64, tags: ['eu'] },
    { id: 'l-cyd', fullName: 'Cyd Cole', company: '=Sum Partners', score: 31, followUpOn: today },
    { id: 'l-dee', fullName: 'Dée Dune', about: 'Café owner', followUpOn: '2999-01-01' },
  ]);
});
afterEach(async () => world.close());

async function get(url: string) {
  return world.app.inject({ method: 'GET', url, headers: bearer(token) });
}

const ids = (body: { leads: { id: string }[] }) => body.leads.map((lead) => lead.id);

describe('lead search', () => {
  it('filters, sorts and counts', async () => {
    const answers = await Promise.all([
      get('/api/leads'),
      get('/api/leads?minScore=60&withTotal=true'),
      get('/api/leads?tags=vip,eu'),
      get('/api/leads?tags=eu&sort=name&direction=desc'),
      get('/api/leads?q=cafe'),
      get('/api/leads?due=true'),
      get('/api/leads?scoreStatus=pending'),
    ]);

    expect(answers.map((answer) => ids(answer.json()))).toEqual([
      ['l-ann', 'l-bob', 'l-cyd', 'l-dee'],
      ['l-ann', 'l-bob'],
      ['l-ann'],
      ['l-bob', 'l-ann'],
      ['l-dee'],
      ['l-cyd'],
      ['l-dee'],
    ]);
    expect(answers[1]!.json().total).toBe(2);
  });

  it('lists each lead as a list shows it; the lead itself has every field', async () => {
    const page = (await get('/api/leads?tags=vip')).json();
    const whole = (await get('/api/leads/l-ann')).json();

    expect(Object.keys(page.leads[0]).sort()).toEqual([
      'company',
      'connectionStatus',
      'createdAt',
      'doNotContact',
      'followUpOn',
      'fullName',
      'headline',
      'id',
      'invitedOn',
      'location',
      'position',
      'priority',
      'profileUrl',
      'score',
      'scoreStatus',
      'scoredAt',
      'stagedAt',
      'status',
      'tags',
      'updatedAt',
      'version',
    ]);
    expect(page.leads[0]).toMatchObject({ id: 'l-ann', fullName: 'Ann Arbor', score: 82 });
    expect(whole).toMatchObject({ id: 'l-ann', identities: ['in:ann-arbor'], about: null });
  });

  it('pages with an opaque cursor until the last page', async () => {
    const first = (await get('/api/leads?limit=3')).json();
    const second = (await get(`/api/leads?limit=3&cursor=${first.nextCursor}`)).json();

    expect([ids(first), ids(second)]).toEqual([['l-ann', 'l-bob', 'l-cyd'], ['l-dee']]);
    expect(second.nextCursor).toBeNull();
  });

  it('names every bad query parameter', async () => {
    const response = await get('/api/leads?minScore=lots&sort=shoe-size&clientId=other');

    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((issue: { path: string }) => issue.path)).toEqual([
      'query.minScore',
      'query.sort',
      'query.clientId',
    ]);
  });
});

describe('strict query values', () => {
  const issues = (response: { json(): { errors: unknown } }) => response.json().errors;

  it('takes only real calendar dates and UTC times', async () => {
    const answers = await Promise.all([
      get('/api/leads?followUpDue=2025-13-45'),
      get('/api/leads?createdFrom=2025-02-30'),
      get('/api/leads?createdTo=2025-02-28T25:00:00Z'),
      get(
        '/api/leads?createdFrom=2025-02-28T10:30:00Z&createdTo=2999-12-31&followUpDue=2999-01-01',
      ),
    ]);

    expect(answers.map((r) => r.statusCode)).toEqual([400, 400, 400, 200]);
    expect(answers.slice(0, 3).map(issues)).toEqual([
      [{ path: 'query.followUpDue', message: 'must be a calendar date written YYYY-MM-DD' }],
      [
        {
          path: 'query.createdFrom',
          message: 'must be a calendar date YYYY-MM-DD or a UTC time YYYY-MM-DDTHH:MM:SSZ',
        },
      ],
      [
        {
          path: 'query.createdTo',
          message: 'must be a calendar date YYYY-MM-DD or a UTC time YYYY-MM-DDTHH:MM:SSZ',
        },
      ],
    ]);
    expect(ids(answers[3]!.json())).toEqual(['l-cyd', 'l-dee']);
  });

  it('takes numbers in plain decimal digits only, and names a bad one once', async () => {
    const answers = await Promise.all([
      get('/api/leads?limit=0x10'),
      get('/api/leads?limit=%205'),
      get('/api/leads?limit=1e3'),
      get('/api/leads?limit=99999999999999999999'),
      get('/api/leads?minScore=60.5&limit=2'),
    ]);

    const digits = 'must be a whole number written in decimal digits';
    expect(answers.slice(0, 4).map(issues)).toEqual([
      [{ path: 'query.limit', message: digits }],
      [{ path: 'query.limit', message: digits }],
      [{ path: 'query.limit', message: digits }],
      [{ path: 'query.limit', message: digits }],
    ]);
    expect(answers[3]!.json().detail).toBe('invalid request: query.limit');
    expect(ids(answers[4]!.json())).toEqual(['l-ann', 'l-bob']);
  });

  it('refuses a crafted cursor whose value does not fit its sort', async () => {
    const crafted = (payload: object) => Buffer.from(JSON.stringify(payload)).toString('base64url');

    const answers = await Promise.all([
      get(`/api/leads?cursor=${crafted({ s: 'score:desc', v: 'x', i: 'l-ann' })}`),
      get(`/api/leads?sort=created&cursor=${crafted({ s: 'created:desc', v: 5, i: 'l-ann' })}`),
      get(`/api/leads?sort=name&cursor=${crafted({ s: 'name:asc', v: 7, i: 'l-ann' })}`),
      get(`/api/leads?cursor=${crafted({ s: 'name:asc', v: 'ann', i: 'l-ann' })}`),
      get('/api/leads?cursor=not-a-cursor'),
    ]);

    const noValue = (sort: string) =>
      `the cursor holds no ${sort} value; it is not one this lead search handed out`;
    expect(answers.map((r) => [r.statusCode, r.json().code, r.json().detail])).toEqual([
      [400, 'invalid_cursor', noValue('score')],
      [400, 'invalid_cursor', noValue('created')],
      [400, 'invalid_cursor', noValue('name')],
      [400, 'invalid_cursor', 'the cursor belongs to a search sorted by name:asc, not score:desc'],
      [400, 'invalid_cursor', 'the cursor is not one this lead search handed out'],
    ]);
  });
});

describe('one lead', () => {
  it('is found by id or by any LinkedIn reference, with its version as ETag', async () => {
    const byId = await get('/api/leads/l-ann');
    const byUrl = await get(
      `/api/leads/${encodeURIComponent('https://de.linkedin.com/in/Ann-Arbor/?trk=x')}`,
    );
    const missing = await get('/api/leads/l-zed');

    expect([byId.statusCode, byId.json().fullName, byId.headers.etag]).toEqual([
      200,
      'Ann Arbor',
      '"1"',
    ]);
    expect(byUrl.json().id).toBe('l-ann');
    expect([missing.statusCode, missing.json().code]).toEqual([404, 'not_found']);
  });
});

/** Two posts by Ann, scored offline against the freight post rubric: the first is her best. */
async function scoreAnnsPosts() {
  const best = postInput({
    authorKey: 'in:ann-arbor',
    text: 'Freight tender season again: quick poll on carrier contracts',
    postedAt: '2025-09-10T08:00:00.000Z',
  });
  const weak = postInput({
    authorKey: 'in:ann-arbor',
    text: 'Happy Friday, everyone',
    postedAt: '2025-09-12T08:00:00.000Z',
  });
  await world.stores.withTenant(acme.access, async (store) => {
    await addPostRubricVersion(store, freightPostRubric);
    await writePostInputs(store, [best, weak]);
  });
  const { outcome } = await runOperation(world, acme, scorePostsOperation());
  expect(outcome.status).toBe('succeeded');
  return best;
}

function send(method: 'PATCH' | 'PUT', url: string, version: number, payload: object) {
  return world.app.inject({
    method,
    url,
    headers: { ...bearer(token), 'if-match': `"${version}"` },
    payload,
  });
}

describe('one lead, with what its posts are worth and whether its score is stale', () => {
  it('carries its post relevance and best post; a write answers it too', async () => {
    const best = await scoreAnnsPosts();

    const ann = (await get('/api/leads/l-ann')).json();
    const bob = (await get('/api/leads/l-bob')).json();
    const patched = (await send('PATCH', '/api/leads/l-ann', 1, { priority: 'high' })).json();
    const followUp = await send('PUT', '/api/leads/l-ann/follow-up', 2, { date: '2030-01-31' });

    expect(ann.postRelevance).toMatchObject({
      score: 100,
      bestPost: {
        id: best.id,
        url: best.url,
        text: best.text,
        score: 100,
        scoreStatus: 'scored',
        scorer: 'offline-posts',
      },
    });
    expect(ann.postRelevance.bestPost.reasons).toEqual([
      'P1 Freight costs: +40 — "Freight", "carrier"',
      'P2 Supplier contracts: +30 — "tender"',
      'P3 Asks the network: +30 — "poll"',
    ]);
    expect(Date.parse(ann.postRelevance.scoredAt)).not.toBeNaN();
    expect(bob.postRelevance).toBeNull();
    expect([patched.priority, patched.postRelevance]).toEqual(['high', ann.postRelevance]);
    expect([followUp.statusCode, followUp.json().postRelevance]).toEqual([200, ann.postRelevance]);
  });

  it("reads the lead's own scored posts now: re-attributed, re-worded or earlier posts", async () => {
    const best = await scoreAnnsPosts();
    const relevanceOf = async (id: string) => (await get(`/api/leads/${id}`)).json().postRelevance;
    const before = await relevanceOf('l-ann');

    await world.stores.withTenant(acme.access, async (store) => {
      await writePostInputs(store, [{ ...best, text: 'We are hiring, nothing about trucks' }]);
    });
    const reworded = await relevanceOf('l-ann');
    await world.stores.withTenant(acme.access, async (store) => {
      await writePostInputs(store, [{ ...best, authorKey: 'in:someone-else' }]);
      await writePostInputs(store, [
        postInput({ authorKey: 'in:bob-brook', text: 'Freight poll' }),
      ]);
    });
    await runOperation(world, acme, scorePostsOperation());
    const movedAway = await relevanceOf('l-ann');
    const scoredBeforeTheLead = await world.app.inject({
      method: 'POST',
      url: '/api/leads',
      headers: bearer(token),
      payload: { profileUrl: 'https://www.linkedin.com/in/someone-else' },
    });

    expect(before.bestPost.id).toBe(best.id);
    expect([reworded.bestPost.id, reworded.bestPost.scoreStatus]).not.toEqual([best.id, 'pending']);
    expect(reworded.bestPost.text).toBe('Happy Friday, everyone');
    expect(movedAway.bestPost.text).toBe('Happy Friday, everyone');
    expect(scoredBeforeTheLead.statusCode).toBe(201);
    expect(scoredBeforeTheLead.json().postRelevance.bestPost).toMatchObject({
      id: best.id,
      scoreStatus: 'scored',
    });
  });

  it('says when a field the scorer reads changed, and nothing for other edits', async () => {
    const before = (await get('/api/leads/l-ann')).json();
    const tagged = (await send('PATCH', '/api/leads/l-ann', 1, { tags: ['vip'] })).json();
    const edited = (await send('PATCH', '/api/leads/l-ann', 2, { headline: 'CEO' })).json();
    const after = (await get('/api/leads/l-ann')).json();

    expect([before.profileChangedAt, tagged.profileChangedAt]).toEqual([null, null]);
    // Set in the same write as the headline, after the tags' write.
    expect(tagged.updatedAt <= edited.profileChangedAt).toBe(true);
    expect(edited.profileChangedAt <= edited.updatedAt).toBe(true);
    expect(after.profileChangedAt).toBe(edited.profileChangedAt);
  });

  it('is described as LeadDetail in the OpenAPI document', async () => {
    const spec = (await world.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const answer = spec.paths['/api/leads/{leadId}'].get.responses['200'].content;
    const detail = spec.components.schemas.LeadDetail;

    expect(answer['application/json'].schema).toEqual({ $ref: '#/components/schemas/LeadDetail' });
    expect(detail.required).toEqual(expect.arrayContaining(['postRelevance', 'profileChangedAt']));
    expect(spec.components.schemas.Lead.required).toContain('profileChangedAt');
    expect(spec.components.schemas.Lead.properties.postRelevance).toBeUndefined();
  });
});

describe('lead export', () => {
  it('streams CSV with formula-like cells neutralised, and JSON', async () => {
    const csv = await get('/api/leads/export?format=csv&minScore=30');
    const json = await get('/api/leads/export?format=json&tags=eu');

    const lines = csv.body.trim().split('\r\n');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="leads-acme.csv"');
    expect(lines).toHaveLength(4);
    expect(lines[0]!.startsWith('id,full_name,')).toBe(true);
    expect(lines[3]!.split(',').slice(0, 2)).toEqual(['l-cyd', 'Cyd Cole']);
    expect(lines[3]).toContain(",'=Sum Partners,");
    expect(json.json().map((lead: { id: string }) => lead.id)).toEqual(['l-ann', 'l-bob']);
  });
});
