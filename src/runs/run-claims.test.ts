import { afterEach, describe, expect, it } from 'vitest';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import { Stores } from '../db/tenancy.ts';
import { RunLedger } from './run-ledger.ts';
import { getRun } from './run-queries.ts';
import { TestClock } from './testing/test-clock.ts';

let world: TestWorld;
afterEach(async () => world?.close());

const leaseMs = 60_000;

async function setUp(clientIds: string[]) {
  world = await createTestWorld();
  for (const id of clientIds) await world.addClient({ id, name: id });
  const clock = new TestClock();
  return { clock, ledger: new RunLedger(world.stores, { now: clock.now }) };
}

async function leaseOf(recordId: number) {
  return world.stores.control
    .selectFrom('run_records')
    .select(['status', 'lease_owner', 'lease_expires_at', 'attempts'])
    .where('id', '=', recordId)
    .executeTakeFirstOrThrow();
}

describe('claiming records', () => {
  it('claims queued records one at a time under a lease', async () => {
    const { ledger } = await setUp(['alpha', 'bravo']);
    const { run } = await ledger.createRun({ operations: ['score-leads'], trigger: 'cli' });

    const first = await ledger.claimNext('worker-a', leaseMs, run.id);
    const second = await ledger.claimNext('worker-b', leaseMs, run.id);
    const third = await ledger.claimNext('worker-c', leaseMs, run.id);

    expect([first?.clientId, first?.status, first?.attempts]).toEqual(['alpha', 'running', 1]);
    expect(first?.startedAt).toBe('2025-09-24T01:00:00.000Z');
    expect(await leaseOf(first!.id)).toEqual({
      status: 'running',
      lease_owner: 'worker-a',
      lease_expires_at: '2025-09-24T01:01:00.000Z',
      attempts: 1,
    });
    expect(second?.clientId).toBe('bravo');
    expect(third).toBeUndefined();
    expect((await getRun(world.stores, run.id)).status).toBe('running');
  });

  it('lets another owner reclaim a record whose lease expired', async () => {
    const { clock, ledger } = await setUp(['alpha']);
    const { run } = await ledger.createRun({ operations: ['score-leads'], trigger: 'cli' });
    const claimed = await ledger.claimNext('worker-a', leaseMs, run.id);

    clock.advance(leaseMs - 1);
    const tooEarly = await ledger.claimNext('worker-b', leaseMs, run.id);
    clock.advance(2);
    const reclaimed = await ledger.claimNext('worker-b', leaseMs, run.id);
    const renewedByCrashed = await ledger.renewLease(claimed!.id, 'worker-a', leaseMs);
    await ledger.finish(claimed!.id, 'worker-a', { status: 'succeeded' });
    const afterStaleFinish = await leaseOf(claimed!.id);
    await ledger.finish(claimed!.id, 'worker-b', { status: 'succeeded' });

    expect(tooEarly).toBeUndefined();
    expect([reclaimed?.id, reclaimed?.attempts]).toEqual([claimed!.id, 2]);
    expect(renewedByCrashed).toBe(false);
    expect(afterStaleFinish).toMatchObject({ status: 'running', lease_owner: 'worker-b' });
    const detail = await getRun(world.stores, run.id);
    expect([detail.status, detail.records[0]!.status]).toEqual(['succeeded', 'succeeded']);
    expect(detail.finishedAt).toBe('2025-09-24T01:01:00.001Z');
  });

  it('renews a lease only for its owner', async () => {
    const { clock, ledger } = await setUp(['alpha']);
    const { run } = await ledger.createRun({ operations: ['score-leads'], trigger: 'cli' });
    const claimed = await ledger.claimNext('worker-a', leaseMs, run.id);

    clock.advance(30_000);
    const renewed = await ledger.renewLease(claimed!.id, 'worker-a', leaseMs);
    const stolen = await ledger.renewLease(claimed!.id, 'worker-b', leaseMs);

    expect([renewed, stolen]).toEqual([true, false]);
    expect((await leaseOf(claimed!.id)).lease_expires_at).toBe('2025-09-24T01:01:30.000Z');
  });

  it('never runs one (client, operation) in two runs at once', async () => {
    const { ledger } = await setUp(['alpha']);
    const request = { operations: ['score-leads' as const], trigger: 'cli' as const };
    const first = await ledger.createRun(request);
    const firstRecord = await ledger.claimNext('worker-a', leaseMs, first.run.id);
    await ledger.finish(firstRecord!.id, 'worker-a', {
      status: 'failed',
      code: 'provider_unavailable',
      message: 'provider down',
    });
    const second = await ledger.createRun(request);
    const secondRecord = await ledger.claimNext('worker-b', leaseMs, second.run.id);

    await ledger.retry(first.run.id);
    const blocked = await ledger.claimNext('worker-a', leaseMs);
    await ledger.finish(secondRecord!.id, 'worker-b', { status: 'succeeded' });
    const unblocked = await ledger.claimNext('worker-a', leaseMs);

    expect(blocked).toBeUndefined();
    expect([unblocked?.id, unblocked?.attempts]).toEqual([firstRecord!.id, 2]);
  });
});

describe('progress', () => {
  it('loses no increment between concurrent writers', async () => {
    const { ledger } = await setUp(['alpha']);
    const { run } = await ledger.createRun({ operations: ['score-leads'], trigger: 'cli' });
    const record = await ledger.claimNext('worker-a', leaseMs, run.id);
    const writers = [
      ledger.progressFor(record!.id, 'worker-a'),
      ledger.progressFor(record!.id, 'worker-a'),
    ];

    await Promise.all(
      writers.flatMap((progress, writer) =>
        Array.from({ length: 50 }, async (_, round) => {
          await progress.examined(3);
          await progress.skipped(1);
          await progress.usage(120, 0.25);
          await progress.succeeded([`w${writer}-ok-${round}`]);
          await progress.failed(`w${writer}-bad-${round}`, 'score_invalid', 'out of range');
        }),
      ),
    );

    const detail = await getRun(world.stores, run.id);
    expect(detail.records[0]).toMatchObject({
      examined: 300,
      skipped: 100,
      tokens: 12_000,
      cost: 25,
      succeeded: 100,
      failed: 100,
    });
    expect(detail.records[0]!.failures).toHaveLength(100);
  });

  it('loses no increment between writers in separate connections', async () => {
    const { ledger } = await setUp(['alpha']);
    const { run } = await ledger.createRun({ operations: ['score-leads'], trigger: 'cli' });
    const record = await ledger.claimNext('worker-a', leaseMs, run.id);
    const otherStores = await Stores.open(world.config);
    const otherLedger = new RunLedger(otherStores);

    try {
      const writers = [
        ledger.progressFor(record!.id, 'worker-a'),
        otherLedger.progressFor(record!.id, 'worker-a'),
      ];
      await Promise.all(
        writers.flatMap((progress) =>
          Array.from({ length: 100 }, () => progress.examined(1).then(() => progress.skipped(2))),
        ),
      );
    } finally {
      await otherStores.close();
    }

    const detail = await getRun(world.stores, run.id);
    expect([detail.records[0]!.examined, detail.records[0]!.skipped]).toEqual([200, 400]);
  });

  it('counts retries of an item and resolves it when it later succeeds', async () => {
    const { clock, ledger } = await setUp(['alpha']);
    const { run } = await ledger.createRun({ operations: ['score-leads'], trigger: 'cli' });
    const record = await ledger.claimNext('worker-a', leaseMs, run.id);
    const progress = ledger.progressFor(record!.id, 'worker-a');

    await progress.failed('lead-1', 'score_invalid', 'points 12 above maximum 10');
    clock.advance(1000);
    await progress.failed('lead-1', 'provider_unavailable', 'HTTP 503');
    await progress.failed('lead-2', 'score_invalid', 'points -3 below 0');
    await progress.succeeded(['lead-1', 'lead-3']);
    await ledger.finish(record!.id, 'worker-a', { status: 'succeeded' });

    const detail = await getRun(world.stores, run.id);
    expect(detail.records[0]!.failures).toEqual([
      {
        itemId: 'lead-1',
        code: 'provider_unavailable',
        message: 'HTTP 503',
        attempts: 2,
        resolved: true,
      },
      {
        itemId: 'lead-2',
        code: 'score_invalid',
        message: 'points -3 below 0',
        attempts: 1,
        resolved: false,
      },
    ]);
    expect([detail.records[0]!.failed, detail.records[0]!.succeeded]).toEqual([3, 2]);
    expect(detail.status).toBe('partially_failed');
  });

  it("keeps one row per outside provider's run, with its latest status", async () => {
    const { ledger } = await setUp(['alpha']);
    const { run } = await ledger.createRun({ operations: ['harvest-posts'], trigger: 'cli' });
    const progress = ledger.progressFor(run.records[0]!.id, 'worker-a');
    const ref = { provider: 'apify' as const, externalRunId: 'HG7ML7M8z78YcAPEB' };

    await progress.externalRun?.({ ...ref, status: 'RUNNING', datasetId: 'wmKPijuyDnPZAPRMk' });
    await progress.externalRun?.({ ...ref, status: 'SUCCEEDED', datasetId: null });

    const rows = await world.stores.control
      .selectFrom('run_external_runs')
      .select(['record_id', 'external_run_id', 'status', 'dataset_id'])
      .execute();
    expect(rows).toEqual([
      {
        record_id: run.records[0]!.id,
        external_run_id: 'HG7ML7M8z78YcAPEB',
        status: 'SUCCEEDED',
        dataset_id: 'wmKPijuyDnPZAPRMk',
      },
    ]);
  });

  it('refuses to move a counter backwards', async () => {
    const { ledger } = await setUp(['alpha']);
    const { run } = await ledger.createRun({ operations: ['score-leads'], trigger: 'cli' });

    await expect(
      ledger.progressFor(run.records[0]!.id, 'worker-a').examined(-1),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      message: 'progress examined(-1): counters only grow',
    });
  });
});

describe('retry and cancel', () => {
  it('cancels what is left and lets a retry queue it again', async () => {
    const { ledger } = await setUp(['alpha', 'bravo']);
    const { run } = await ledger.createRun({ operations: ['score-leads'], trigger: 'cli' });
    const working = await ledger.claimNext('worker-a', leaseMs, run.id);

    const cancelled = await ledger.cancel(run.id);
    const renewed = await ledger.renewLease(working!.id, 'worker-a', leaseMs);
    await ledger.finish(working!.id, 'worker-a', { status: 'succeeded' });
    const afterFinish = await getRun(world.stores, run.id);
    const retried = await ledger.retry(run.id);

    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.records.map((r) => [r.status, r.errorCode])).toEqual([
      ['cancelled', 'cancelled'],
      ['cancelled', 'cancelled'],
    ]);
    expect(renewed).toBe(false);
    expect(afterFinish.records.map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
    expect(retried.status).toBe('running');
    expect(retried.finishedAt).toBeNull();
    expect(retried.records.map((r) => [r.status, r.errorCode])).toEqual([
      ['queued', null],
      ['queued', null],
    ]);
  });

  it('leaves a finished run as it was when it is cancelled or retried', async () => {
    const { clock, ledger } = await setUp(['alpha']);
    const { run } = await ledger.createRun({ operations: ['score-leads'], trigger: 'cli' });
    const record = await ledger.claimNext('worker-a', leaseMs, run.id);
    await ledger.finish(record!.id, 'worker-a', { status: 'succeeded' });

    clock.advance(5000);
    const cancelled = await ledger.cancel(run.id);
    const retried = await ledger.retry(run.id);

    for (const detail of [cancelled, retried]) {
      expect([detail.status, detail.finishedAt]).toEqual(['succeeded', '2025-09-24T01:00:00.000Z']);
      expect(detail.records[0]!.status).toBe('succeeded');
    }
  });

  it('refuses an unknown run', async () => {
    const { ledger } = await setUp([]);

    await expect(ledger.retry('run_nope')).rejects.toMatchObject({ code: 'run_not_found' });
    await expect(ledger.cancel('run_nope')).rejects.toMatchObject({ code: 'run_not_found' });
  });
});
