import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import { RunLedger } from './run-ledger.ts';
import { getRun, listRuns } from './run-queries.ts';
import { readCase } from './testing/cases.ts';
import { TestClock } from './testing/test-clock.ts';

let world: TestWorld;
afterEach(async () => world?.close());

async function count(table: 'runs' | 'run_records'): Promise<number> {
  const row = await world.stores.control
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('creating a run', () => {
  it('writes one queued record per client and operation, in canonical order', async () => {
    world = await createTestWorld();
    await world.addClient({ id: 'bravo', name: 'Bravo' });
    await world.addClient({ id: 'alpha', name: 'Alpha' });
    const ledger = new RunLedger(world.stores);

    const { run, created } = await ledger.createRun({
      operations: ['score-posts', 'score-leads'],
      trigger: 'cli',
    });

    expect(created).toBe(true);
    expect(run.id).toMatch(/^run_[0-9a-f]{24}$/);
    expect(run.status).toBe('queued');
    expect(run.request).toEqual({ clientIds: null, operations: ['score-leads', 'score-posts'] });
    expect(run.records.map((r) => [r.clientId, r.operation, r.status, r.attempts])).toEqual([
      ['alpha', 'score-leads', 'queued', 0],
      ['alpha', 'score-posts', 'queued', 0],
      ['bravo', 'score-leads', 'queued', 0],
      ['bravo', 'score-posts', 'queued', 0],
    ]);
  });

  it('refuses unknown clients by name and writes nothing', async () => {
    world = await createTestWorld();
    await world.addClient({ id: 'alpha', name: 'Alpha' });
    const ledger = new RunLedger(world.stores);

    const attempt = ledger.createRun({
      clientIds: ['alpha', 'ghost', 'nobody'],
      operations: ['score-leads'],
      trigger: 'api',
    });

    await expect(attempt).rejects.toMatchObject({
      code: 'client_not_found',
      message: 'no client with id "ghost", "nobody"',
    });
    expect(await count('runs')).toBe(0);
    expect(await count('run_records')).toBe(0);
  });

  it('names every bad field of a request', async () => {
    world = await createTestWorld();
    const ledger = new RunLedger(world.stores);

    const attempt = ledger.createRun({
      operations: [],
      trigger: 'cron' as 'cli',
      idempotencyKey: ' ',
    });

    await expect(attempt).rejects.toMatchObject({
      code: 'validation_failed',
      issues: [
        { path: 'operations', message: expect.any(String) },
        { path: 'trigger', message: expect.any(String) },
        { path: 'idempotencyKey', message: expect.any(String) },
      ],
    });
  });

  it("creates a paused client's record skipped", async () => {
    world = await createTestWorld();
    await world.addClient({ id: 'alpha', name: 'Alpha' });
    await world.addClient({ id: 'bravo', name: 'Bravo' });
    await world.clients.setStatus('bravo', 'paused');
    const ledger = new RunLedger(world.stores);

    const { run } = await ledger.createRun({ operations: ['score-leads'], trigger: 'cli' });

    expect(run.records.map((r) => [r.clientId, r.status, r.errorCode])).toEqual([
      ['alpha', 'queued', null],
      ['bravo', 'skipped', 'client_paused'],
    ]);
    expect(run.status).toBe('queued');
  });

  it("queues a paused client's skipped record again on retry, once the client is active", async () => {
    world = await createTestWorld();
    await world.addClient({ id: 'alpha', name: 'Alpha' });
    await world.clients.setStatus('alpha', 'paused');
    const ledger = new RunLedger(world.stores);
    const { run } = await ledger.createRun({ operations: ['score-leads'], trigger: 'cli' });

    const stillPaused = await ledger.retry(run.id);
    await world.clients.setStatus('alpha', 'active');
    const resumed = await ledger.retry(run.id);

    expect(stillPaused.records.map((r) => [r.status, r.errorCode])).toEqual([
      ['skipped', 'client_paused'],
    ]);
    expect(stillPaused.status).toBe('skipped');
    expect(resumed.records.map((r) => [r.status, r.errorCode])).toEqual([['queued', null]]);
    expect(resumed.status).toBe('queued');
  });

  it('maps a repeated idempotency key to the run it created, writing nothing new', async () => {
    world = await createTestWorld();
    await world.addClient({ id: 'alpha', name: 'Alpha' });
    const ledger = new RunLedger(world.stores);
    const request = {
      operations: ['score-leads' as const],
      trigger: 'api' as const,
      idempotencyKey: 'req-7',
    };

    const first = await ledger.createRun(request);
    await world.addClient({ id: 'bravo', name: 'Bravo' });
    const second = await ledger.createRun(request);

    expect(second.created).toBe(false);
    expect(second.run).toEqual(first.run);
    expect(await count('runs')).toBe(1);
    expect(await count('run_records')).toBe(1);
  });

  it('creates one run and one record per (client, operation) under concurrent calls', async () => {
    world = await createTestWorld();
    await world.addClient({ id: 'alpha', name: 'Alpha' });
    await world.addClient({ id: 'bravo', name: 'Bravo' });
    const ledger = new RunLedger(world.stores);

    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        ledger.createRun({
          operations: ['score-leads', 'harvest-posts'],
          trigger: 'schedule',
          idempotencyKey: 'nightly:2025-09-23',
        }),
      ),
    );

    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.run.id)).size).toBe(1);
    expect(await count('runs')).toBe(1);
    expect(await count('run_records')).toBe(4);
  });

  it('creates one run when separate processes race on the same key', async () => {
    world = await createTestWorld();
    await world.addClient({ id: 'alpha', name: 'Alpha' });
    const script = fileURLToPath(new URL('./testing/create-run-process.ts', import.meta.url));
    const startAt = String(Date.now() + 1500);

    const outputs = await Promise.all(
      Array.from({ length: 4 }, () =>
        promisify(execFile)(
          process.execPath,
          ['--import', 'tsx', script, world.dataDir, 'slot:2025-09-23', startAt],
          { env: { ...process.env, ...world.env, LOG_LEVEL: 'silent' } },
        ),
      ),
    );
    const results = outputs.map(
      (output) => JSON.parse(output.stdout) as { runId: string; created: boolean },
    );

    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.runId)).size).toBe(1);
    expect(await count('runs')).toBe(1);
    expect(await count('run_records')).toBe(2);
  });
});

interface OverlapCase {
  events: { trigger: string; tenant: string; batch_window: string }[];
  expected: { run_records_for_client_alpha_2025_09_23: number };
}

describe('BR-16: overlapping triggers', () => {
  it('never has one client worked on twice, and a repeated slot returns its run', async () => {
    world = await createTestWorld();
    const overlap = readCase<OverlapCase>('BR-16-overlapping-batch-triggers.json');
    await world.addClient({ id: 'client-alpha', name: 'Client Alpha' });
    const ledger = new RunLedger(world.stores);

    const results = [];
    for (const event of overlap.events) {
      const scheduled = event.trigger.startsWith('scheduler');
      results.push(
        await ledger.createRun({
          clientIds: [event.tenant],
          operations: ['harvest-posts'],
          trigger: scheduled ? 'schedule' : 'cli',
          idempotencyKey: scheduled ? `schedule:${event.batch_window}` : undefined,
        }),
      );
      // The scheduled run is already working when the later triggers arrive.
      if (results.length === 1) await ledger.claimNext('worker-a', 60_000, results[0]!.run.id);
    }
    const [scheduled, manual, repeated] = results;
    const working = await world.stores.control
      .selectFrom('run_records')
      .select('run_id')
      .where('client_id', '=', 'client-alpha')
      .where('status', '!=', 'skipped')
      .execute();

    expect(working).toHaveLength(overlap.expected.run_records_for_client_alpha_2025_09_23);
    expect(working[0]!.run_id).toBe(scheduled!.run.id);
    expect(manual!.created).toBe(true);
    expect(manual!.run.status).toBe('skipped');
    expect(manual!.run.records.map((r) => [r.status, r.errorCode, r.detail])).toEqual([
      ['skipped', 'already_active', { activeRunId: scheduled!.run.id }],
    ]);
    expect(repeated!.created).toBe(false);
    expect(repeated!.run.id).toBe(scheduled!.run.id);
    expect(repeated!.run.status).toBe('running');
    expect(await count('runs')).toBe(2);
  });
});

describe('reading runs', () => {
  it('lists the newest runs first, by client, and refuses an unknown run', async () => {
    world = await createTestWorld();
    await world.addClient({ id: 'alpha', name: 'Alpha' });
    await world.addClient({ id: 'bravo', name: 'Bravo' });
    const clock = new TestClock();
    const ledger = new RunLedger(world.stores, { now: clock.now });

    const first = await ledger.createRun({ operations: ['score-leads'], trigger: 'cli' });
    clock.advance(1000);
    const second = await ledger.createRun({
      clientIds: ['bravo'],
      operations: ['score-posts'],
      trigger: 'api',
    });

    expect((await listRuns(world.stores)).map((run) => run.id)).toEqual([
      second.run.id,
      first.run.id,
    ]);
    expect((await listRuns(world.stores, { clientId: 'alpha' })).map((run) => run.id)).toEqual([
      first.run.id,
    ]);
    expect(await listRuns(world.stores, { limit: 1 })).toHaveLength(1);
    await expect(getRun(world.stores, 'run_missing')).rejects.toMatchObject({
      code: 'run_not_found',
    });
  });
});
