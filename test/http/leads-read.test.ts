import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { calendarDateIn } from '../../src/clock.ts';
import { bearer, createHttpWorld, type HttpWorld } from './http-world.ts';
import { seedLeads } from './lead-fixtures.ts';

let world: HttpWorld;
let token: string;

beforeEach(async () => {
  world = await createHttpWorld();
  const { access } = await world.addClient({ id: 'acme', timeZone: 'Pacific/Auckland' });
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
