import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import { grantTenantAccess } from '../db/tenancy.ts';
import { AppError } from '../errors.ts';
import { logger } from '../logger.ts';
import { addRubricVersion } from '../scoring/rubric-store.ts';
import { scoreLeadsOperation } from '../scoring/score-leads-operation.ts';
import { insertLeads, loadExampleRubric } from '../scoring/scoring-fixtures.ts';
import type { Operation, OperationName } from './operation.ts';
import { RunLedger } from './run-ledger.ts';
import { getRun } from './run-queries.ts';
import { ScriptedOperation } from './testing/fake-operations.ts';
import { RunWorker } from './worker.ts';
import { defaultWorkerSettings, type WorkerSettings } from './worker-settings.ts';

let world: TestWorld;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await world?.close();
});

function operations(...list: Operation[]): ReadonlyMap<OperationName, Operation> {
  return new Map(list.map((operation) => [operation.name, operation]));
}

/**
 * A worker over the world's stores. Workers of one process share its stores: a second SQLite
 * connection in the same process would wait for the first's write lock while blocking the very
 * thread that is to release it.
 */
function startWorker(list: Operation[], settings: Partial<WorkerSettings> = {}): RunWorker {
  const worker = new RunWorker(
    { stores: world.stores, ledger: new RunLedger(world.stores), operations: operations(...list) },
    { ...defaultWorkerSettings, pollMs: 20, ...settings },
  );
  worker.start();
  cleanups.push(() => worker.stop(0));
  return worker;
}

async function setUp(clientIds: string[]) {
  world = await createTestWorld();
  for (const id of clientIds) await world.addClient({ id, name: id });
  return new RunLedger(world.stores);
}

function until(check: () => Promise<boolean>): Promise<void> {
  return new Promise((resolve, reject) => {
    const poll = () => check().then((done) => (done ? resolve() : setTimeout(poll, 10)), reject);
    poll();
  });
}

describe('RunWorker', () => {
  it('works every record once across two workers, never one client twice at once', async () => {
    const ids = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'];
    const ledger = await setUp(ids);
    const working = new Set<string>();
    let overlaps = 0;
    const slow = () =>
      new ScriptedOperation('score-leads', async ({ client }) => {
        if (working.has(client.id)) overlaps += 1;
        working.add(client.id);
        await new Promise((resolve) => setTimeout(resolve, 15));
        working.delete(client.id);
        return { status: 'succeeded' };
      });
    const [first, second] = [slow(), slow()];
    const { run } = await ledger.createRun({ operations: ['score-leads'], trigger: 'api' });

    const workers = [
      startWorker([first], { concurrency: 2 }),
      startWorker([second], { concurrency: 2 }),
    ];
    await until(async () => (await getRun(world.stores, run.id)).status === 'succeeded');
    await Promise.all(workers.map((worker) => worker.settled()));

    const detail = await getRun(world.stores, run.id);
    expect([...first.calls, ...second.calls].sort()).toEqual(ids);
    expect(overlaps).toBe(0);
    expect(
      detail.records.map((record) => [record.clientId, record.status, record.attempts]),
    ).toEqual(ids.map((id) => [id, 'succeeded', 1]));
  });

  it("records a client's failure and goes on with the others", async () => {
    const ledger = await setUp(['alpha', 'bravo', 'charlie']);
    const operation = new ScriptedOperation('score-leads', async ({ client }) => {
      if (client.id === 'bravo') throw new AppError('rubric_missing', 'bravo has no rubric');
      return { status: 'succeeded' };
    });
    const { run } = await ledger.createRun({ operations: ['score-leads'], trigger: 'api' });

    const worker = startWorker([operation]);
    await worker.settled();

    const detail = await getRun(world.stores, run.id);
    expect(detail.status).toBe('partially_failed');
    expect(
      detail.records.map((record) => [record.clientId, record.status, record.errorCode]),
    ).toEqual([
      ['alpha', 'succeeded', null],
      ['bravo', 'failed', 'rubric_missing'],
      ['charlie', 'succeeded', null],
    ]);
  });

  it('hands unfinished work back on shutdown, and the next worker resumes it', async () => {
    const ledger = await setUp(['alpha']);
    let started = false;
    const stalling = new ScriptedOperation('score-leads', async ({ signal, progress }) => {
      started = true;
      await progress.examined(3);
      // The worker may have been stopped while that report was being written (a round trip to
      // PostgreSQL): an abort that came before the listener would never fire it.
      await new Promise((_resolve, reject) => {
        if (signal.aborted) reject(signal.reason);
        signal.addEventListener('abort', () => reject(signal.reason));
      });
      return { status: 'succeeded' };
    });
    const { run } = await ledger.createRun({ operations: ['score-leads'], trigger: 'api' });

    const stopping = startWorker([stalling]);
    await until(async () => started);
    await stopping.stop(0);
    const released = await getRun(world.stores, run.id);
    const resuming = new ScriptedOperation('score-leads', async ({ attempt, progress }) => {
      await progress.examined(attempt ?? 0);
      return { status: 'succeeded' };
    });
    const next = startWorker([resuming]);
    await next.settled();

    const detail = await getRun(world.stores, run.id);
    expect([released.status, released.records[0]!.status, released.records[0]!.examined]).toEqual([
      'running',
      'queued',
      3,
    ]);
    expect(detail.records[0]).toMatchObject({ status: 'succeeded', attempts: 2, examined: 5 });
    expect(detail.status).toBe('succeeded');
    const lease = await world.stores.control
      .selectFrom('run_records')
      .select(['lease_owner', 'lease_expires_at'])
      .executeTakeFirstOrThrow();
    expect(lease).toEqual({ lease_owner: null, lease_expires_at: null });
  });

  it('takes over a record whose worker died once its lease lapses', async () => {
    const ledger = await setUp(['alpha']);
    const { run } = await ledger.createRun({ operations: ['score-leads'], trigger: 'api' });
    const dead = await ledger.claimNext('dead-worker', 150, run.id);
    const operation = new ScriptedOperation('score-leads', async () => ({ status: 'succeeded' }));

    const worker = startWorker([operation]);
    await until(async () => (await getRun(world.stores, run.id)).status === 'succeeded');

    const detail = await getRun(world.stores, run.id);
    expect(dead?.status).toBe('running');
    expect(operation.calls).toEqual(['alpha']);
    expect(detail.records[0]).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(worker.owner).not.toBe('dead-worker');
  });

  it('stops quietly on a record another worker took over, recording nothing of its own', async () => {
    const ledger = await setUp(['alpha']);
    const warn = vi.spyOn(logger, 'warn');
    const info = vi.spyOn(logger, 'info');
    // The other worker's clock is past this worker's lease: as after a stall (SIGSTOP) of it.
    const later = new RunLedger(world.stores, { now: () => new Date(Date.now() + 3_600_000) });
    const stalled = new ScriptedOperation('score-leads', async ({ progress }) => {
      await progress.examined(5);
      const taken = await later.claimNext('worker-b', 60_000);
      await later.progressFor(taken!.id, 'worker-b').examined(3650);
      await progress.examined(1);
      return { status: 'succeeded' };
    });
    const { run } = await ledger.createRun({ operations: ['score-leads'], trigger: 'api' });

    const worker = startWorker([stalled]);
    await worker.settled();

    const record = (await getRun(world.stores, run.id)).records[0]!;
    const lines = [...warn.mock.calls, ...info.mock.calls].map(([fields, message]) => ({
      fields,
      message,
    }));
    const aboutRecord = lines.filter(
      (line) => (line.fields as { runId?: string }).runId === run.id,
    );
    expect(aboutRecord).toEqual([
      {
        fields: {
          runId: run.id,
          clientId: 'alpha',
          operation: 'score-leads',
          recordId: record.id,
          owner: worker.owner,
        },
        message: `lost the lease on run record ${record.id} (another worker took it over); stopped without recording`,
      },
    ]);
    expect(record).toMatchObject({
      status: 'running',
      attempts: 2,
      examined: 3655,
      failed: 0,
      errorCode: null,
    });
    const failures = await world.stores.control.selectFrom('run_failures').selectAll().execute();
    expect(failures).toEqual([]);
  });

  it("scores no more of a client's leads per run than its leadsPerRun setting", async () => {
    const ledger = await setUp([]);
    await world.addClient({ id: 'capped', settings: { leadsPerRun: 3 } });
    await world.addClient({ id: 'open' });
    for (const id of ['capped', 'open']) {
      await world.stores.withTenant(grantTenantAccess(id), async (store) => {
        await addRubricVersion(store, loadExampleRubric('haulwise-freight-operations.json'));
        const leads = [1, 2, 3, 4, 5].map((n) => ({ id: `${id}-${n}`, headline: 'COO' }));
        await insertLeads(store, leads);
      });
    }
    const worker = startWorker([scoreLeadsOperation({ batchSize: 2 })], { concurrency: 2 });

    const { run: first } = await ledger.createRun({ operations: ['score-leads'], trigger: 'api' });
    worker.wake();
    await worker.settled();
    const { run: second } = await ledger.createRun({ operations: ['score-leads'], trigger: 'api' });
    worker.wake();
    await worker.settled();

    const succeeded = async (runId: string) =>
      (await getRun(world.stores, runId)).records.map((r) => [r.clientId, r.status, r.succeeded]);
    expect(await succeeded(first.id)).toEqual([
      ['capped', 'succeeded', 3],
      ['open', 'succeeded', 5],
    ]);
    expect(await succeeded(second.id)).toEqual([
      ['capped', 'succeeded', 2],
      ['open', 'succeeded', 0],
    ]);
  });
});
