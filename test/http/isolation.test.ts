import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantTenantAccess } from '../../src/db/tenancy.ts';
import type { RouteEntry } from '../../src/http/server.ts';
import { writePostInputs } from '../../src/posts/post-store.ts';
import { freightPostRubric, postInput } from '../support/post-fixtures.ts';
import { bearer, createHttpWorld, type HttpWorld, postMultipart } from './http-world.ts';
import { founderRubric } from './lead-fixtures.ts';

/**
 * Client A's tokens try to reach client B's leads, notes, runs, rubric, imports, inbox and posts
 * through every route of the API: by B's IDs, by naming B in x-client-id, in a body field and in
 * a query parameter. Every answer must be a refusal or A's own data, no byte of B's data may
 * appear in any answer, and B's stores must be exactly as they were.
 */

let world: HttpWorld;

interface Tenant {
  portal: string;
  ingest: string;
  leadId: string;
  runId: string;
  deliveryId: number;
  importId: number;
}

let alpha: Tenant;
let bravo: Tenant;

/** Words that exist only in B's data. */
const bravoSecrets = [
  'Xanthippe',
  'Quarrelwood',
  'Bramblewick',
  'quarrelwood-demo',
  'bravo-note-secret',
  'Bravo secret rubric',
  'bravo-secret-export',
  'Zebulon',
  '555000111',
  'bravo-post-secret',
  'Bravo secret post rubric',
];

function call(token: string, method: string, url: string, payload?: unknown, extra = {}) {
  return world.app.inject({
    method: method as 'GET',
    url,
    headers: { ...bearer(token), ...extra },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function uploadAs(token: string, fileName: string, text: string) {
  const response = await postMultipart(world.app, '/api/imports', {
    files: [[fileName, text]],
    headers: bearer(token),
  });
  expect(response.statusCode).toBe(200);
}

/**
 * A client with a lead, a note, a rubric, a post of the lead and a post rubric, a finished run
 * that scored both, an import and an inbox delivery.
 */
async function populate(id: string, person: { first: string; last: string; company: string }) {
  await world.addClient({ id, name: `${id} client`, serviceLevel: 'leads+posts' });
  const portal = await world.clientToken(id);
  const ingest = await world.clientToken(id, 'ingest');
  const slug = `${person.last.toLowerCase()}-demo`;

  const lead = await call(portal, 'POST', '/api/leads', {
    profileUrl: `https://www.linkedin.com/in/${slug}`,
    fullName: `${person.first} ${person.last}`,
    company: person.company,
    email: `${person.first.toLowerCase()}@${id}.example`,
  });
  expect(lead.statusCode).toBe(201);
  const leadId = lead.json().id as string;
  await call(portal, 'POST', `/api/leads/${leadId}/notes`, { body: `${id}-note-secret` });
  await call(portal, 'POST', '/api/rubric/versions', {
    rubric: { ...founderRubric, name: `${id === 'bravo' ? 'Bravo' : 'Alpha'} secret rubric` },
  });
  const owner = id === 'bravo' ? 'Bravo' : 'Alpha';
  await call(portal, 'POST', '/api/posts/rubric/versions', {
    rubric: { ...freightPostRubric, name: `${owner} secret post rubric` },
  });
  await world.stores.withTenant(grantTenantAccess(id), (store) =>
    writePostInputs(store, [
      postInput({
        authorKey: `in:${slug}`,
        authorName: `${person.first} ${person.last}`,
        text: `${id}-post-secret: freight with ${person.company}`,
      }),
    ]),
  );
  const run = await call(
    portal,
    'POST',
    '/api/runs',
    { operations: ['score-leads', 'score-posts'] },
    { 'idempotency-key': `${id}-k` },
  );
  await world.app.services.runs.drain();
  await uploadAs(
    portal,
    `${id}-secret-export.csv`,
    'First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n' +
      `${id === 'bravo' ? 'Zebulon' : 'Yorick'},Ray,https://www.linkedin.com/in/zr-${id},,${person.company},CFO,01 Jan 2025\r\n`,
  );
  const hook = await call(ingest, 'POST', '/api/webhooks/linkedhelper', {
    profile_url: `https://www.linkedin.com/in/${slug}-2/`,
    full_name: `${person.first} ${person.last}`,
    headline: `CFO at ${person.company}`,
    member_id: id === 'bravo' ? '555000111' : '444000222',
  });
  expect(hook.statusCode).toBeLessThan(300);
  const imports = await call(portal, 'GET', '/api/imports');

  return {
    portal,
    ingest,
    leadId,
    runId: run.json().id as string,
    deliveryId: hook.json().id as number,
    importId: imports.json().imports[0].id as number,
  };
}

/** Everything B has, in its store and in the control store. */
async function snapshotOfBravo() {
  const tables = ['leads', 'lead_identities', 'lead_events', 'notes', 'lead_scores'] as const;
  const more = ['rubric_versions', 'settings', 'imports'] as const;
  const posts = ['posts', 'post_rubric_versions', 'lead_post_state'] as const;
  const tenant = await world.stores.withTenant(grantTenantAccess('bravo'), async (store) => {
    const rows: Record<string, unknown[]> = {};
    for (const table of [...tables, ...more, ...posts]) {
      rows[table] = await store.db.selectFrom(table).selectAll().execute();
    }
    return rows;
  });
  const control = world.stores.control;
  return {
    tenant,
    client: await control.selectFrom('clients').selectAll().where('id', '=', 'bravo').execute(),
    records: await control
      .selectFrom('run_records')
      .selectAll()
      .where('client_id', '=', 'bravo')
      .execute(),
    deliveries: await control
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('client_id', '=', 'bravo')
      .execute(),
  };
}

/** The URL of a route with B's IDs in it (A's own ingest token where a path takes one). */
function pathWithIdsOf(route: RouteEntry, of: Tenant, ingestToken: string): string {
  return route.url
    .replace(':leadId', of.leadId)
    .replace(':runId', of.runId)
    .replace(':deliveryId', String(of.deliveryId))
    .replace(':importId', String(of.importId))
    .replace(':version', '1')
    .replace(':clientId', 'bravo')
    .replace(':ingestToken', ingestToken);
}

/** A body the route would accept, so that a broken tenancy check would really act. */
function validBody(route: RouteEntry, leadId: string): Record<string, unknown> {
  const key = `${route.method} ${route.url}`;
  const bodies: Record<string, Record<string, unknown>> = {
    'POST /api/leads': { profileUrl: 'https://www.linkedin.com/in/quarrelwood-demo' },
    'PATCH /api/leads/:leadId': { status: 'contacted' },
    'POST /api/leads/bulk': { ids: [leadId], status: 'contacted' },
    'POST /api/leads/:leadId/notes': { body: 'written by A' },
    'PUT /api/leads/:leadId/follow-up': { date: '2030-01-01' },
    'POST /api/top-leads/stage': { size: 10 },
    'POST /api/rubric/versions': { rubric: founderRubric },
    'POST /api/rubric/preview': { rubric: founderRubric },
    'POST /api/posts/rubric/versions': { rubric: freightPostRubric },
    'POST /api/clients': { name: 'New' },
    'PATCH /api/clients/:clientId/settings': { scoreThreshold: 1 },
    'POST /api/webhooks/linkedhelper': { profile_url: 'https://www.linkedin.com/in/a-new' },
  };
  return bodies[key] ?? (route.url.startsWith('/api/webhooks/') ? { from: 'A' } : {});
}

const takesBody = (method: string) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method);

interface Attempt {
  name: string;
  route: RouteEntry;
  url: string;
  body: Record<string, unknown> | undefined;
  headers: Record<string, string>;
}

function attemptsOn(route: RouteEntry): Attempt[] {
  const token = route.auth === 'ingest' ? alpha.ingest : alpha.portal;
  const headers = { ...bearer(token), 'if-match': '"1"' };
  const withBody = (body: Record<string, unknown>) => (takesBody(route.method) ? body : undefined);
  const ownUrl = pathWithIdsOf(route, alpha, alpha.ingest);
  const join = ownUrl.includes('?') ? '&' : '?';
  return [
    {
      name: 'by ID',
      route,
      url: pathWithIdsOf(route, bravo, alpha.ingest),
      body: withBody(validBody(route, bravo.leadId)),
      headers,
    },
    {
      name: 'by header',
      route,
      url: ownUrl,
      body: withBody(validBody(route, alpha.leadId)),
      headers: { ...headers, 'x-client-id': 'bravo' },
    },
    {
      name: 'by body field',
      route,
      url: ownUrl,
      body: withBody({ ...validBody(route, alpha.leadId), clientId: 'bravo', client: 'bravo' }),
      headers,
    },
    {
      name: 'by query parameter',
      route,
      url: `${ownUrl}${join}clientId=bravo&client=bravo`,
      body: withBody(validBody(route, alpha.leadId)),
      headers,
    },
  ];
}

beforeAll(async () => {
  world = await createHttpWorld();
  alpha = await populate('alpha', { first: 'Oskar', last: 'Lindqvist', company: 'Fjordpay' });
  bravo = await populate('bravo', {
    first: 'Xanthippe',
    last: 'Quarrelwood',
    company: 'Bramblewick Payments',
  });
  await world.app.ready();
});
afterAll(async () => world.close());

describe('tenant isolation', () => {
  it("answers A's reads of B's records by ID as not found", async () => {
    const reads = [
      `/api/leads/${bravo.leadId}`,
      `/api/leads/${bravo.leadId}/notes`,
      `/api/leads/${encodeURIComponent('https://www.linkedin.com/in/quarrelwood-demo')}`,
      `/api/runs/${bravo.runId}`,
      `/api/inbox/${bravo.deliveryId}`,
      `/api/leads/${bravo.leadId}/posts`,
      `/api/leads/${encodeURIComponent('https://www.linkedin.com/in/quarrelwood-demo')}/posts`,
    ];

    const answers = [];
    for (const url of reads) answers.push((await call(alpha.portal, 'GET', url)).statusCode);
    const actioned = await call(alpha.portal, 'POST', `/api/leads/${bravo.leadId}/posts/actioned`);

    expect(answers).toEqual([404, 404, 404, 404, 404, 404, 404]);
    expect(actioned.statusCode).toBe(404);
  });

  it("lists only A's own leads, runs, imports, rubric versions and deliveries", async () => {
    const lists = await Promise.all(
      ['/api/leads', '/api/runs', '/api/imports', '/api/rubric/versions', '/api/inbox'].map(
        async (url) => (await call(alpha.portal, 'GET', url)).json(),
      ),
    );

    // The webhook's person has another profile URL, so it is a lead of its own.
    expect(lists[0].leads.map((lead: { fullName: string }) => lead.fullName).sort()).toEqual([
      'Oskar Lindqvist',
      'Oskar Lindqvist',
      'Yorick Ray',
    ]);
    expect(lists[1].runs.map((run: { id: string }) => run.id)).toEqual([alpha.runId]);
    expect(lists[2].imports.map((entry: { fileName: string }) => entry.fileName)).toEqual([
      'alpha-secret-export.csv',
    ]);
    expect(lists[3].versions.map((v: { rubric: { name: string } }) => v.rubric.name)).toEqual([
      'Alpha secret rubric',
    ]);
    expect(lists[4].deliveries.map((d: { id: number }) => d.id)).toEqual([alpha.deliveryId]);
  });

  it("lists only A's own top posts and post rubric versions", async () => {
    const top = await call(alpha.portal, 'GET', '/api/posts/top?threshold=0');
    const versions = await call(alpha.portal, 'GET', '/api/posts/rubric/versions');

    expect(
      top.json().posts.map((post: { text: string; score: number }) => [post.text, post.score]),
    ).toEqual([['alpha-post-secret: freight with Fjordpay', 40]]);
    expect(
      versions.json().versions.map((v: { rubric: { name: string } }) => v.rubric.name),
    ).toEqual(['Alpha secret post rubric']);
  });

  // Last: the walk acts as A on every route, adding to A's own data.
  it("keeps every byte of B's data from A's tokens, on every route, and B's stores unchanged", async () => {
    const before = await snapshotOfBravo();
    const routes = world.app.routeTable.filter(
      (route) => route.auth !== 'public' && route.method !== 'HEAD' && route.url.startsWith('/api'),
    );
    const leaks: string[] = [];
    const headerAnswers = new Set<string>();

    for (const attempt of routes.flatMap(attemptsOn)) {
      const response = await world.app.inject({
        method: attempt.route.method as 'GET',
        url: attempt.url,
        headers: attempt.headers,
        ...(attempt.body === undefined ? {} : { payload: attempt.body }),
      });
      const asked = `${attempt.url} ${JSON.stringify(attempt.body ?? {})}`;
      const found = [...bravoSecrets, bravo.leadId, bravo.runId, 'bravo'].filter(
        (secret) => !asked.includes(secret) && response.body.includes(secret),
      );
      const where = `${attempt.name}: ${attempt.route.method} ${attempt.route.url}`;
      if (found.length > 0) leaks.push(`${where} → ${response.statusCode} shows ${found}`);
      if (attempt.name === 'by header') {
        const code = /"code":"(\w+)"/.exec(response.body)?.[1] ?? 'no problem';
        headerAnswers.add(`${response.statusCode} ${code}`);
      }
    }

    expect(routes.length).toBeGreaterThan(40);
    expect(leaks).toEqual([]);
    expect([...headerAnswers].sort()).toEqual(['403 forbidden', '403 tenant_mismatch']);
    expect(await snapshotOfBravo()).toEqual(before);
  });
});
