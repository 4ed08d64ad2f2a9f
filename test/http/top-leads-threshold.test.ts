import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedLead } from '../support/lead-fixtures.ts';
import { bearer, createHttpWorld, type HttpWorld } from './http-world.ts';

let world: HttpWorld;
let auth: { authorization: string };
let alpha: Parameters<HttpWorld['stores']['withTenant']>[0];

beforeEach(async () => {
  world = await createHttpWorld();
  const { access } = await world.addClient({ id: 'alpha', settings: { scoreThreshold: 60 } });
  alpha = access;
  await world.stores.withTenant(access, async (store) => {
    for (const [slug, score] of [
      ['top', 91],
      ['good', 70],
      ['fair', 55.5],
      ['low', 20],
    ] as const) {
      await seedLead(store, { slug, score });
    }
  });
  auth = bearer(await world.clientToken('alpha'));
});

afterEach(async () => world?.close());

function call(method: 'GET' | 'POST', url: string, payload?: object) {
  return world.app.inject({
    method,
    url: `/api${url}`,
    headers: auth,
    ...(payload === undefined ? {} : { payload }),
  });
}

const names = (body: { leads: { fullName: string }[] }) => body.leads.map((lead) => lead.fullName);

describe('top leads at a threshold of the request', () => {
  it("previews and stages at the asked threshold, and at the client's without one", async () => {
    const byDefault = await call('GET', '/top-leads');
    const lower = await call('GET', '/top-leads?threshold=55.5');
    const staged = await call('POST', '/top-leads/stage', { size: 5, threshold: 50 });
    const batch = await call('GET', '/top-leads/staged');

    expect([byDefault.json().threshold, byDefault.json().total]).toEqual([60, 2]);
    expect([lower.json().threshold, lower.json().total, names(lower.json())]).toEqual([
      55.5,
      3,
      ['top', 'good', 'fair'],
    ]);
    expect(staged.json().batchSize).toBe(3);
    expect(names(batch.json())).toEqual(['top', 'good', 'fair']);
  });

  it('refuses a threshold outside 0..100 or not a number, naming the field', async () => {
    const query = await call('GET', '/top-leads?threshold=101');
    const text = await call('GET', '/top-leads?threshold=high');
    const body = await call('POST', '/top-leads/stage', { size: 5, threshold: -1 });

    expect([query.statusCode, query.json().errors]).toEqual([
      400,
      [{ path: 'query.threshold', message: 'must be at most 100' }],
    ]);
    expect(text.json().errors).toEqual([
      { path: 'query.threshold', message: 'must be a number written in decimal digits' },
    ]);
    expect([body.statusCode, body.json().errors[0].path]).toEqual([400, 'body.threshold']);
  });
});

describe('top leads whose profile changed after their score', () => {
  const headline = 'Recruiter for logistics roles | Talent acquisition';

  async function leadIdOf(slug: string) {
    const list = (await call('GET', '/top-leads?threshold=0')).json();
    return list.leads.find((lead: { fullName: string }) => lead.fullName === slug) as {
      id: string;
      version: number;
    };
  }

  function patchHeadline(lead: { id: string; version: number }) {
    return world.app.inject({
      method: 'PATCH',
      url: `/api/leads/${lead.id}`,
      headers: { ...auth, 'if-match': `"${lead.version}"` },
      payload: { headline },
    });
  }

  it('lists them apart, counted, and never stages them on their old score', async () => {
    await world.stores.withTenant(alpha, (store) =>
      store.db.updateTable('leads').set({ scored_at: '2025-09-01T08:00:00.000Z' }).execute(),
    );
    const patched = await patchHeadline(await leadIdOf('good'));

    const preview = (await call('GET', '/top-leads')).json();
    const staged = (await call('POST', '/top-leads/stage', { size: 5 })).json();
    const batch = (await call('GET', '/top-leads/staged')).json();

    expect(patched.statusCode).toBe(200);
    expect([preview.total, names(preview)]).toEqual([1, ['top']]);
    expect([preview.outOfDate.total, names(preview.outOfDate)]).toEqual([1, ['good']]);
    expect(preview.outOfDate.leads[0].headline).toBe(headline);
    expect([names({ leads: staged.staged }), staged.batchSize]).toEqual([['top'], 1]);
    expect([names(batch), batch.outOfDate]).toEqual([['top'], 0]);
  });

  it('counts a staged lead whose profile changed after staging, for a reset to drop it', async () => {
    await world.stores.withTenant(alpha, (store) =>
      store.db.updateTable('leads').set({ scored_at: '2025-09-01T08:00:00.000Z' }).execute(),
    );
    const staged = (await call('POST', '/top-leads/stage', { size: 5 })).json();
    const good = staged.staged.find((lead: { fullName: string }) => lead.fullName === 'good');
    await patchHeadline(good);

    const batch = (await call('GET', '/top-leads/staged')).json();
    await call('POST', '/top-leads/reset', {});
    const again = (await call('POST', '/top-leads/stage', { size: 5 })).json();

    expect([names(batch), batch.outOfDate]).toEqual([['top', 'good'], 1]);
    expect(names({ leads: again.staged })).toEqual(['top']);
  });
});
