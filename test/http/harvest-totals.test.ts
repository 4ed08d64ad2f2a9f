import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantTenantAccess } from '../../src/db/tenancy.ts';
import { bearer, createHttpWorld, type HttpWorld } from './http-world.ts';

let world: HttpWorld;
let alphaToken: string;

function harvest(runId: string, startedAt: string, posts: number, newPosts: number) {
  return {
    run_id: runId,
    status: 'succeeded',
    client_day: startedAt.slice(0, 10),
    profiles: 10,
    items: posts,
    posts,
    new_posts: newPosts,
    started_at: startedAt,
  };
}

beforeAll(async () => {
  world = await createHttpWorld();
  await world.addClient({ id: 'alpha', serviceLevel: 'leads+posts' });
  await world.addClient({ id: 'bravo', serviceLevel: 'leads+posts' });
  await world.stores.withTenant(grantTenantAccess('alpha'), (store) =>
    store.db
      .insertInto('post_harvests')
      .values([
        harvest('run_old', '2025-09-01T08:00:00.000Z', 12, 12),
        harvest('run_new', '2025-09-02T08:00:00.000Z', 30, 20),
        harvest('run_new', '2025-09-02T08:05:00.000Z', 5, 1),
      ])
      .execute(),
  );
  await world.stores.withTenant(grantTenantAccess('bravo'), (store) =>
    store.db
      .insertInto('post_harvests')
      .values([harvest('run_bravo', '2025-09-03T08:00:00.000Z', 99, 99)])
      .execute(),
  );
  alphaToken = await world.clientToken('alpha');
});
afterAll(async () => world.close());

describe('GET /api/posts/harvests', () => {
  it("sums each run's harvests for the client, newest run first", async () => {
    const all = await world.app.inject({
      method: 'GET',
      url: '/api/posts/harvests',
      headers: bearer(alphaToken),
    });
    const one = await world.app.inject({
      method: 'GET',
      url: '/api/posts/harvests?limit=1',
      headers: bearer(alphaToken),
    });

    expect(all.json().runs).toEqual([
      { runId: 'run_new', profiles: 20, posts: 35, newPosts: 21 },
      { runId: 'run_old', profiles: 10, posts: 12, newPosts: 12 },
    ]);
    expect(one.json().runs.map((run: { runId: string }) => run.runId)).toEqual(['run_new']);
  });

  it("never shows another client's harvests", async () => {
    const byHeader = await world.app.inject({
      method: 'GET',
      url: '/api/posts/harvests',
      headers: { ...bearer(alphaToken), 'x-client-id': 'bravo' },
    });
    const bravo = await world.app.inject({
      method: 'GET',
      url: '/api/posts/harvests',
      headers: bearer(await world.clientToken('bravo')),
    });

    expect([byHeader.statusCode, byHeader.json().code]).toEqual([403, 'tenant_mismatch']);
    expect(bravo.json().runs).toEqual([
      { runId: 'run_bravo', profiles: 10, posts: 99, newPosts: 99 },
    ]);
  });
});
