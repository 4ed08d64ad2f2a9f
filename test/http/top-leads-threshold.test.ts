import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedLead } from '../support/lead-fixtures.ts';
import { bearer, createHttpWorld, type HttpWorld } from './http-world.ts';

let world: HttpWorld;
let auth: { authorization: string };

beforeEach(async () => {
  world = await createHttpWorld();
  const { access } = await world.addClient({ id: 'alpha', settings: { scoreThreshold: 60 } });
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
