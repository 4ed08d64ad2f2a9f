import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantTenantAccess } from '../../src/db/tenancy.ts';
import { leadRow } from '../support/lead-rows.ts';
import { bearer, createHttpWorld, type HttpWorld } from './http-world.ts';

let world: HttpWorld;
let alphaToken: string;

const today = new Date().toISOString().slice(0, 10);

/** Alpha: eight leads across the pipeline and score bands; bravo: fifty leads of its own. */
async function seed() {
  await world.addClient({ id: 'alpha' });
  await world.addClient({ id: 'bravo' });
  const alphaRows = [
    leadRow({ id: 'a1', score: 0, score_status: 'scored' }),
    leadRow({ id: 'a2', score: 9.99, score_status: 'scored' }),
    leadRow({ id: 'a3', score: 65, score_status: 'scored' }),
    leadRow({ id: 'a4', score: 72, score_status: 'scored', staged_at: '2025-09-01T10:00:00Z' }),
    leadRow({ id: 'a5', score: 100, score_status: 'scored', invited_on: '2025-09-02' }),
    leadRow({ id: 'a6', score: 90, score_status: 'scored', connection_status: 'connected' }),
    leadRow({ id: 'a7', score: 0, score_status: 'disqualified' }),
    leadRow({ id: 'a8' }),
  ];
  await world.stores.withTenant(grantTenantAccess('alpha'), async (store) => {
    await store.db.insertInto('leads').values(alphaRows).execute();
    const scoreRow = (leadId: string, runId: string, at: string, status = 'scored') => ({
      lead_id: leadId,
      run_id: runId,
      rubric_version: 1,
      scorer: 'offline',
      score: 50,
      status,
      detail: '{}',
      created_at: at,
    });
    await store.db
      .insertInto('lead_scores')
      .values([
        scoreRow('a1', 'r1', `${today}T08:00:00.000Z`),
        scoreRow('a2', 'r1', `${today}T08:00:01.000Z`),
        scoreRow('a2', 'r2', `${today}T09:00:00.000Z`),
        scoreRow('a3', 'r2', `${today}T09:00:00.000Z`, 'failed'),
        scoreRow('a3', 'r0', '2020-01-01T00:00:00.000Z'),
      ])
      .execute();
  });
  await world.stores.withTenant(grantTenantAccess('bravo'), (store) =>
    store.db
      .insertInto('leads')
      .values(
        Array.from({ length: 50 }, (_, n) =>
          leadRow({ id: `b${n}`, score: 95, score_status: 'scored' }),
        ),
      )
      .execute(),
  );
  alphaToken = await world.clientToken('alpha');
}

beforeAll(async () => {
  world = await createHttpWorld();
  await seed();
});
afterAll(async () => world.close());

describe('GET /api/overview', () => {
  it("counts the client's leads by score band, status and pipeline stage", async () => {
    const response = await world.app.inject({
      method: 'GET',
      url: '/api/overview',
      headers: bearer(alphaToken),
    });
    const body = response.json();

    expect(response.statusCode).toBe(200);
    expect(body.leads).toBe(8);
    expect(body.scoreStatus).toEqual({
      pending: 1,
      scored: 6,
      failed: 0,
      disqualified: 1,
      unqualified: 0,
    });
    expect(body.scoreBands.map((band: { leads: number }) => band.leads)).toEqual([
      3, 0, 0, 0, 0, 0, 1, 1, 0, 2,
    ]);
    expect(body.scoreBands[9]).toEqual({ from: 90, to: 100, leads: 2 });
    // Threshold 60: a3 only (a4 is staged, a5 invited, a6 connected).
    expect(body.threshold).toBe(60);
    expect(body.pipeline).toEqual({ candidates: 1, staged: 1, invited: 1, connected: 1 });
    // Today: a1 and a2 (twice, counted once); a3's failure and 2020's score are not counted.
    expect(body.scoredPerDay).toEqual([{ day: today, leads: 2 }]);
  });

  it("never counts another client's leads, and refuses to name another client", async () => {
    const byHeader = await world.app.inject({
      method: 'GET',
      url: '/api/overview',
      headers: { ...bearer(alphaToken), 'x-client-id': 'bravo' },
    });
    const byQuery = await world.app.inject({
      method: 'GET',
      url: '/api/overview?clientId=bravo',
      headers: bearer(alphaToken),
    });
    const admin = await world.app.inject({
      method: 'GET',
      url: '/api/overview',
      headers: { ...bearer(await world.adminToken()), 'x-client-id': 'bravo' },
    });
    const anonymous = await world.app.inject({ method: 'GET', url: '/api/overview' });

    expect([byHeader.statusCode, byHeader.json().code]).toEqual([403, 'tenant_mismatch']);
    expect([byQuery.statusCode, byQuery.json().code]).toEqual([400, 'validation_failed']);
    expect([admin.statusCode, admin.json().leads, admin.json().pipeline.candidates]).toEqual([
      200, 50, 50,
    ]);
    expect(anonymous.statusCode).toBe(401);
  });
});
