import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, createHttpWorld, type HttpWorld } from './http-world.ts';
import { founderRubric, seedLeads } from './lead-fixtures.ts';

let world: HttpWorld;
let alpha: string;
let bravo: string;

beforeEach(async () => {
  world = await createHttpWorld();
  for (const id of ['alpha', 'bravo']) {
    const { access } = await world.addClient({ id });
    await seedLeads(world, access, [
      { id: `${id}-1`, fullName: 'Ann Arbor', headline: 'Founder' },
      { id: `${id}-2`, fullName: 'Bob Brook', headline: 'Engineer' },
    ]);
  }
  alpha = await world.clientToken('alpha');
  bravo = await world.clientToken('bravo');
  for (const token of [alpha, bravo]) {
    await world.app.inject({
      method: 'POST',
      url: '/api/rubric/versions',
      headers: bearer(token),
      payload: { rubric: founderRubric },
    });
  }
});
afterEach(async () => world.close());

function start(token: string, key?: string, operations?: string[]) {
  return world.app.inject({
    method: 'POST',
    url: '/api/runs',
    headers: { ...bearer(token), ...(key ? { 'idempotency-key': key } : {}) },
    ...(operations ? { payload: { operations } } : {}),
  });
}

function get(token: string, url: string) {
  return world.app.inject({ method: 'GET', url, headers: bearer(token) });
}

describe('runs', () => {
  it('starts a run that scores the client, and returns it again for the same key', async () => {
    const started = await start(alpha, 'nightly-1');
    await world.app.services.runs.drain();
    const again = await start(alpha, 'nightly-1');
    const shown = await get(alpha, `/api/runs/${started.json().id}`);

    expect([started.statusCode, started.json().status, started.headers.location]).toEqual([
      202,
      'queued',
      `/api/runs/${started.json().id}`,
    ]);
    expect([again.statusCode, again.json().id]).toEqual([200, started.json().id]);
    expect(shown.json()).toMatchObject({
      status: 'succeeded',
      trigger: 'api',
      idempotencyKey: 'nightly-1',
      operations: ['score-leads'],
      records: [{ operation: 'score-leads', status: 'succeeded', examined: 2, succeeded: 2 }],
    });
  });

  it('refuses a repeated key with other operations, and starts nothing', async () => {
    const started = await start(alpha, 'nightly-1', ['score-leads']);
    const other = await start(alpha, 'nightly-1', ['score-leads', 'harvest-posts']);
    await world.app.services.runs.drain();
    const list = (await get(alpha, '/api/runs')).json();

    expect([other.statusCode, other.json().code, other.json().detail]).toEqual([
      422,
      'idempotency_conflict',
      `this idempotency key already started run ${started.json().id} with other clients or operations; use a new key for a different request`,
    ]);
    expect(list.runs.map((run: { id: string }) => run.id)).toEqual([started.json().id]);
  });

  it('keeps idempotency keys apart between clients', async () => {
    const a = await start(alpha, 'same-key');
    const b = await start(bravo, 'same-key');
    await world.app.services.runs.drain();

    expect([a.statusCode, b.statusCode]).toEqual([202, 202]);
    expect(a.json().id).not.toBe(b.json().id);
  });

  it('shows a client only its own records of a run over every client', async () => {
    const { run } = await world.app.services.ledger.createRun({
      operations: ['score-leads'],
      trigger: 'cli',
      idempotencyKey: 'operator-secret-key',
    });

    const list = (await get(alpha, '/api/runs')).json();
    const shown = await get(alpha, `/api/runs/${run.id}`);
    const cancel = await world.app.inject({
      method: 'POST',
      url: `/api/runs/${run.id}/cancel`,
      headers: bearer(alpha),
    });

    expect(list.runs.map((r: { id: string }) => r.id)).toEqual([run.id]);
    expect(shown.json().records).toHaveLength(1);
    expect(shown.json().idempotencyKey).toBeNull();
    expect(shown.body).not.toContain('bravo');
    expect(shown.body).not.toContain('operator-secret-key');
    expect([cancel.statusCode, cancel.json().code]).toEqual([409, 'conflict']);
  });

  it("cancels the client's own queued run, and knows no run it has no part in", async () => {
    const { run } = await world.app.services.ledger.createRun({
      clientIds: ['alpha'],
      operations: ['score-leads'],
      trigger: 'cli',
    });

    const cancelled = await world.app.inject({
      method: 'POST',
      url: `/api/runs/${run.id}/cancel`,
      headers: bearer(alpha),
    });
    const fromBravo = await get(bravo, `/api/runs/${run.id}`);
    const unknown = await get(bravo, '/api/runs/run_nothing');

    expect([cancelled.statusCode, cancelled.json().status]).toEqual([200, 'cancelled']);
    expect(cancelled.json().records[0].errorCode).toBe('cancelled');
    expect([fromBravo.statusCode, fromBravo.json().code]).toEqual([404, 'run_not_found']);
    expect(fromBravo.json().detail).toBe(`no run with id "${run.id}"`);
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'run_not_found']);
  });
});
