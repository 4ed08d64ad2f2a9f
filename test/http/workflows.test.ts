import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { calendarDateIn } from '../../src/clock.ts';
import type { TenantAccess } from '../../src/db/tenancy.ts';
import { seedLead } from '../support/lead-fixtures.ts';
import { bearer, createHttpWorld, type HttpWorld } from './http-world.ts';

let world: HttpWorld;
let alpha: TenantAccess;
let auth: { authorization: string };
let bravoAuth: { authorization: string };

beforeEach(async () => {
  world = await createHttpWorld();
  ({ access: alpha } = await world.addClient({
    id: 'alpha',
    timeZone: 'America/New_York',
    settings: { scoreThreshold: 60 },
  }));
  await world.addClient({ id: 'bravo' });
  auth = bearer(await world.clientToken('alpha'));
  bravoAuth = bearer(await world.clientToken('bravo'));
});

afterEach(async () => world?.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

function call(
  method: Method,
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  return world.app.inject({
    method,
    url: `/api${url}`,
    headers: { ...auth, ...headers },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function createAna() {
  const response = await call('POST', '/leads', {
    profileUrl: 'https://www.linkedin.com/in/ana-lima/',
    fullName: 'Ana Lima',
    headline: 'Buyer',
  });
  return response.json() as { id: string; version: number };
}

const countLeads = () =>
  world.stores.withTenant(alpha, async (store) => {
    const rows = await store.db.selectFrom('leads').select('id').execute();
    return rows.length;
  });

describe('lead create, update, delete', () => {
  it('creates a lead with its ETag, and answers 409 with the existing id for a known person', async () => {
    const created = await call('POST', '/leads', {
      profileUrl: 'linkedin.com/in/ana-lima',
      fullName: 'Ana Lima',
    });
    const again = await call('POST', '/leads', {
      profileUrl: 'https://de.linkedin.com/in/ANA-LIMA',
    });

    const lead = created.json();
    expect([created.statusCode, created.headers.etag]).toEqual([201, '"1"']);
    expect(created.headers.location).toBe(`/api/leads/${lead.id}`);
    expect(lead).toMatchObject({ identities: ['in:ana-lima'], manualFields: ['fullName'] });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(again.json()).toMatchObject({ code: 'lead_exists', leadId: lead.id });
    expect(await countLeads()).toBe(1);
  });

  it('refuses unknown fields and bad values, naming each, and stores nothing', async () => {
    const response = await call('POST', '/leads', {
      profileUrl: 'https://www.linkedin.com/in/ana-lima/',
      email: 'not-an-email',
      clientId: 'bravo',
    });

    expect(response.statusCode).toBe(400);
    const paths = response.json().errors.map((issue: { path: string }) => issue.path);
    expect(paths.sort()).toEqual(['body.clientId', 'body.email']);
    expect(await countLeads()).toBe(0);
  });

  it('updates at the If-Match version, refuses a stale or missing one, and changes nothing then', async () => {
    const ana = await createAna();

    const missing = await call('PATCH', `/leads/${ana.id}`, { headline: 'x' });
    const updated = await call(
      'PATCH',
      `/leads/${ana.id}`,
      { headline: 'Head of Buying' },
      {
        'if-match': '"1"',
      },
    );
    const stale = await call(
      'PATCH',
      `/leads/${ana.id}`,
      { headline: 'Overwritten' },
      {
        'if-match': '"1"',
      },
    );
    const read = await call('GET', `/leads/${ana.id}`);

    expect([missing.statusCode, missing.json().code]).toEqual([412, 'precondition_failed']);
    expect([updated.statusCode, updated.headers.etag]).toEqual([200, '"2"']);
    expect([stale.statusCode, stale.json().code]).toEqual([412, 'precondition_failed']);
    expect([read.headers.etag, read.json().headline]).toEqual(['"2"', 'Head of Buying']);
    expect(read.json().manualFields).toEqual(['fullName', 'headline']);
  });

  it('quotes an If-Match that names no version as it was sent', async () => {
    const ana = await createAna();

    const response = await call(
      'PATCH',
      `/leads/${ana.id}`,
      { headline: 'x' },
      {
        'if-match': '"abc"',
      },
    );

    expect([response.statusCode, response.json().detail]).toEqual([
      412,
      'If-Match "abc" does not name a lead version; send the lead\'s ETag, like "3"',
    ]);
  });

  it('lets exactly one of two concurrent updates with the same version win', async () => {
    const ana = await createAna();
    const ifMatch = { 'if-match': '"1"' };

    const answers = await Promise.all([
      call('PATCH', `/leads/${ana.id}`, { priority: 'high' }, ifMatch),
      call('PATCH', `/leads/${ana.id}`, { priority: 'low' }, ifMatch),
    ]);

    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 412]);
    expect((await call('GET', `/leads/${ana.id}`)).json().version).toBe(2);
  });

  it('deletes at the If-Match version', async () => {
    const ana = await createAna();

    const stale = await call('DELETE', `/leads/${ana.id}`, undefined, { 'if-match': '"7"' });
    const deleted = await call('DELETE', `/leads/${ana.id}`, undefined, { 'if-match': '"1"' });
    const gone = await call('GET', `/leads/${ana.id}`);

    expect([stale.statusCode, deleted.statusCode, gone.statusCode]).toEqual([412, 204, 404]);
  });

  it('bulk-updates by ids and names the unknown ones', async () => {
    const ana = await createAna();

    const response = await call('POST', '/leads/bulk', {
      ids: [ana.id, 'nope'],
      status: 'contacted',
      addTags: ['q4'],
    });
    const empty = await call('POST', '/leads/bulk', { ids: [ana.id] });

    expect(response.json()).toEqual({ updated: [ana.id], unchanged: [], notFound: ['nope'] });
    expect((await call('GET', `/leads/${ana.id}`)).json()).toMatchObject({
      status: 'contacted',
      tags: ['q4'],
    });
    expect([empty.statusCode, empty.json().code]).toEqual([400, 'validation_failed']);
  });

  it("keeps another client's token away from the lead", async () => {
    const ana = await createAna();
    const asBravo = { authorization: bravoAuth.authorization };

    const answers = await Promise.all([
      call('PATCH', `/leads/${ana.id}`, { headline: 'x' }, { ...asBravo, 'if-match': '"1"' }),
      call('DELETE', `/leads/${ana.id}`, undefined, asBravo),
      call('POST', `/leads/${ana.id}/notes`, { body: 'x' }, asBravo),
      call('PUT', `/leads/${ana.id}/follow-up`, { date: '2025-10-01' }, asBravo),
    ]);

    expect(answers.map((answer) => answer.statusCode)).toEqual([404, 404, 404, 404]);
    expect(answers.map((answer) => answer.body).join()).not.toContain('Ana Lima');
    expect((await call('GET', `/leads/${ana.id}`)).json().version).toBe(1);
  });
});

describe('notes and follow-ups', () => {
  it('appends notes with the token as author and lists them oldest first', async () => {
    const ana = await createAna();

    const first = await call('POST', `/leads/${ana.id}/notes`, { body: 'called, interested' });
    await call('POST', `/leads/${ana.id}/notes`, { body: 'sent the deck' });
    const list = await call('GET', `/leads/${ana.id}/notes`);

    expect(first.statusCode).toBe(201);
    expect(first.json().author).toMatch(/^token:[a-z2-9]{12}$/);
    expect(list.json().notes.map((note: { body: string }) => note.body)).toEqual([
      'called, interested',
      'sent the deck',
    ]);
  });

  it("sets and clears follow-ups on the client's calendar and lists what is due today", async () => {
    const ana = await createAna();
    const today = calendarDateIn('America/New_York');

    const bad = await call('PUT', `/leads/${ana.id}/follow-up`, { date: '2025-02-30' });
    const set = await call('PUT', `/leads/${ana.id}/follow-up`, { inDays: 0 });
    const due = await call('GET', '/follow-ups/due');
    const cleared = await call('DELETE', `/leads/${ana.id}/follow-up`, undefined, {
      'if-match': set.headers.etag as string,
    });
    const dueAfter = await call('GET', '/follow-ups/due');

    expect([bad.statusCode, bad.json().code, bad.json().errors]).toEqual([
      400,
      'validation_failed',
      [{ path: 'body.date', message: 'must be a calendar date written YYYY-MM-DD' }],
    ]);
    expect([set.statusCode, set.json().followUpOn]).toEqual([200, today]);
    expect(due.json().today).toBe(today);
    expect(due.json().leads.map((lead: { id: string }) => lead.id)).toEqual([ana.id]);
    expect([cleared.statusCode, cleared.json().followUpOn]).toEqual([200, null]);
    expect(dueAfter.json().leads).toEqual([]);
  });
});

describe('top leads', () => {
  it('previews, stages, exports, finalizes and resets the invitation batch', async () => {
    await world.stores.withTenant(alpha, async (store) => {
      await seedLead(store, { slug: 'top', score: 91, company: '@Risky' });
      await seedLead(store, { slug: 'good', score: 70 });
      await seedLead(store, { slug: 'fair', score: 65 });
      await seedLead(store, { slug: 'low', score: 20 });
    });

    const preview = await call('GET', '/top-leads?limit=2');
    const staged = await call('POST', '/top-leads/stage', { size: 2 });
    const csv = await call('GET', '/top-leads/staged.csv');
    const finalized = await call('POST', '/top-leads/finalize');
    const emptyFinalize = await call('POST', '/top-leads/finalize');
    await call('POST', '/top-leads/stage', { size: 1 });
    const reset = await call('POST', '/top-leads/reset');

    expect(preview.json()).toMatchObject({ threshold: 60, total: 3 });
    expect(preview.json().leads.map((l: { fullName: string }) => l.fullName)).toEqual([
      'top',
      'good',
    ]);
    expect(staged.json().batchSize).toBe(2);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.body.split('\r\n');
    expect(lines[0]!.split(',')[0]).toBe('profile_url');
    expect(lines[1]).toMatch(/^https:\/\/www\.linkedin\.com\/in\/top\/,.*,'@Risky,/);
    expect(finalized.json()).toEqual({
      invitedOn: calendarDateIn('America/New_York'),
      invited: 2,
    });
    expect([emptyFinalize.statusCode, emptyFinalize.json().code]).toEqual([409, 'conflict']);
    expect(reset.json()).toEqual({ unstaged: 1 });
    expect((await call('GET', '/top-leads')).json().total).toBe(1);
  });

  it('keeps a connection status a person chose, even one it already had, through finalize', async () => {
    const [chosen, left] = await world.stores.withTenant(alpha, async (store) => {
      const leads = [
        await seedLead(store, { slug: 'chosen', score: 91 }),
        await seedLead(store, { slug: 'left', score: 70 }),
      ];
      // As an import said: not a person's choice.
      await store.db.updateTable('leads').set({ connection_status: 'not_connected' }).execute();
      return leads;
    });

    const patched = await call(
      'PATCH',
      `/leads/${chosen!.id}`,
      { connectionStatus: 'not_connected' },
      { 'if-match': '"1"' },
    );
    const again = await call(
      'PATCH',
      `/leads/${chosen!.id}`,
      { connectionStatus: 'not_connected' },
      { 'if-match': '"2"' },
    );
    await call('POST', '/top-leads/stage', { size: 2 });
    await call('POST', '/top-leads/finalize');

    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      connectionStatus: 'not_connected',
      manualFields: ['connectionStatus', 'fullName'],
      version: 2,
    });
    expect([again.statusCode, again.json().version]).toEqual([200, 2]);
    const read = async (id: string) => (await call('GET', `/leads/${id}`)).json();
    expect((await read(chosen!.id)).connectionStatus).toBe('not_connected');
    expect((await read(left!.id)).connectionStatus).toBe('pending');
  });

  it('shows finalized leads as invited, with a pending connection, in search and export', async () => {
    await world.stores.withTenant(alpha, async (store) => {
      await seedLead(store, { slug: 'top', score: 91 });
      await seedLead(store, { slug: 'good', score: 70 });
      await seedLead(store, { slug: 'low', score: 20 });
    });
    await call('POST', '/top-leads/stage', { size: 2 });
    await call('POST', '/top-leads/finalize');
    const today = calendarDateIn('America/New_York');

    const invited = (await call('GET', '/leads?invited=true')).json();
    const notInvited = (await call('GET', '/leads?invited=false')).json();
    const pending = (await call('GET', '/leads?connectionStatus=pending')).json();
    const csv = (await call('GET', '/leads/export?invited=true&sort=name')).body.split('\r\n');

    const shown = (page: { leads: Record<string, unknown>[] }) =>
      page.leads.map((lead) => [lead.fullName, lead.connectionStatus, lead.invitedOn]);
    expect(shown(invited)).toEqual([
      ['top', 'pending', today],
      ['good', 'pending', today],
    ]);
    expect(shown(notInvited)).toEqual([['low', 'unknown', null]]);
    expect(shown(pending)).toEqual(shown(invited));
    const column = csv[0]!.split(',').indexOf('invited_on');
    expect(csv.slice(1, 3).map((line) => line.split(',')[column])).toEqual([today, today]);
    const bad = await call('GET', '/leads?invited=yes');
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'validation_failed']);
  });
});
