import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import { addRubricVersion } from '../scoring/rubric-store.ts';
import { scoreLeadsOperation } from '../scoring/score-leads-operation.ts';
import { insertLeads, loadExampleRubric } from '../scoring/scoring-fixtures.ts';
import type { Operation, OperationName } from './operation.ts';
import { executeRun } from './run-executor.ts';
import { RunLedger } from './run-ledger.ts';
import { getRun } from './run-queries.ts';
import { TestClock } from './testing/test-clock.ts';

let world: TestWorld;
let child: ChildProcess | undefined;
afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
  child = undefined;
  await world?.close();
});

const leaseMs = 60_000;

async function setUp(clientIds: string[]) {
  world = await createTestWorld();
  for (const id of clientIds) await world.addClient({ id, name: id });
  const clock = new TestClock();
  return { clock, ledger: new RunLedger(world.stores, { now: clock.now }) };
}

const records = (run: { records: { status: string; errorCode: string | null }[] }) =>
  run.records.map((record) => [record.status, record.errorCode]);

describe('a run whose worker stopped', () => {
  it('is superseded by a new run once its lease has lapsed, and its status finishes', async () => {
    const { clock, ledger } = await setUp(['alpha']);
    const request = { operations: ['score-leads' as const], trigger: 'cli' as const };
    const dead = await ledger.createRun(request);
    await ledger.claimNext('worker-a', leaseMs, dead.run.id);

    clock.advance(leaseMs);
    const tooEarly = await ledger.createRun(request);
    clock.advance(1);
    const next = await ledger.createRun(request);
    const deadAfter = await getRun(world.stores, dead.run.id);

    expect(records(tooEarly.run)).toEqual([['skipped', 'already_active']]);
    expect(records(next.run)).toEqual([['queued', null]]);
    expect(deadAfter.status).toBe('failed');
    expect(deadAfter.finishedAt).toBe('2025-09-24T01:01:00.001Z');
    expect(deadAfter.records[0]).toMatchObject({
      status: 'failed',
      errorCode: 'superseded',
      errorMessage: `its worker stopped (lease lapsed at 2025-09-24T01:01:00.000Z); run ${next.run.id} took the work over`,
      detail: { supersededBy: next.run.id },
    });
    const claimed = await ledger.claimNext('worker-b', leaseMs, next.run.id);
    expect([claimed?.id, claimed?.status]).toEqual([next.run.records[0]!.id, 'running']);
  });

  it('gives up the queued records it never reached, but only once it holds no live lease', async () => {
    const { clock, ledger } = await setUp(['alpha', 'bravo']);
    const everyone = { operations: ['score-leads' as const], trigger: 'cli' as const };
    const bravoOnly = { ...everyone, clientIds: ['bravo'] };
    const alphaOnly = { ...everyone, clientIds: ['alpha'] };
    const dead = await ledger.createRun(everyone);
    await ledger.claimNext('worker-a', leaseMs, dead.run.id);

    const whileAlive = await ledger.createRun(bravoOnly);
    clock.advance(leaseMs + 1);
    const forBravo = await ledger.createRun(bravoOnly);
    const deadMidway = await getRun(world.stores, dead.run.id);
    const forAlpha = await ledger.createRun(alphaOnly);
    const deadAfter = await getRun(world.stores, dead.run.id);

    expect(records(whileAlive.run)).toEqual([['skipped', 'already_active']]);
    expect(records(forBravo.run)).toEqual([['queued', null]]);
    expect(records(deadMidway)).toEqual([
      ['running', null],
      ['failed', 'superseded'],
    ]);
    expect(deadMidway.records[1]!.errorMessage).toBe(
      `its run stopped before reaching it; run ${forBravo.run.id} took the work over`,
    );
    expect(deadMidway.status).toBe('running');
    expect(records(forAlpha.run)).toEqual([['queued', null]]);
    expect(records(deadAfter)).toEqual([
      ['failed', 'superseded'],
      ['failed', 'superseded'],
    ]);
    expect(deadAfter.status).toBe('failed');
  });

  it("never takes over a paused client's work", async () => {
    const { clock, ledger } = await setUp(['alpha']);
    const request = { operations: ['score-leads' as const], trigger: 'cli' as const };
    const dead = await ledger.createRun(request);
    await ledger.claimNext('worker-a', leaseMs, dead.run.id);
    await world.clients.setStatus('alpha', 'paused');

    clock.advance(leaseMs + 1);
    const paused = await ledger.createRun(request);

    expect(records(paused.run)).toEqual([['skipped', 'client_paused']]);
    expect(records(await getRun(world.stores, dead.run.id))).toEqual([['running', null]]);
  });
});

/** The first `count` lines the child prints; rejects when it exits before printing them. */
function firstLines(process: ChildProcess, count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    const reader = createInterface({ input: process.stdout! });
    reader.on('line', (line) => {
      lines.push(line);
      if (lines.length === count) resolve(lines);
    });
    process.on('exit', (code) => reject(new Error(`the worker exited (${code}) after ${lines}`)));
  });
}

async function scoreRowsByRun(access: Parameters<TestWorld['stores']['withTenant']>[0]) {
  return world.stores.withTenant(access, (store) =>
    store.db
      .selectFrom('lead_scores')
      .select(['lead_id', 'run_id', 'status'])
      .orderBy('lead_id')
      .execute(),
  );
}

describe('a worker killed with SIGKILL part-way through score-leads', () => {
  it('leaves the rest to the next run, which scores each remaining lead once', async () => {
    world = await createTestWorld();
    const { access } = await world.addClient({ id: 'big', name: 'Big' });
    const leadIds = Array.from({ length: 20 }, (_, n) => `lead-${String(n + 1).padStart(2, '0')}`);
    await world.stores.withTenant(access, async (store) => {
      await insertLeads(
        store,
        leadIds.map((id) => ({ id, headline: 'Head of Procurement', company: 'Nordhafen' })),
      );
      await addRubricVersion(store, loadExampleRubric('haulwise-freight-operations.json'));
    });
    const script = fileURLToPath(new URL('./testing/score-leads-process.ts', import.meta.url));
    child = spawn(process.execPath, ['--import', 'tsx', script, world.dataDir, 'big', '3'], {
      env: { ...process.env, ...world.env, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });

    const printed = await firstLines(child, 4);
    child.kill('SIGKILL');
    await once(child, 'exit');
    const deadRunId = (JSON.parse(printed[0]!) as { runId: string }).runId;
    const deadRecord = await world.stores.control
      .selectFrom('run_records')
      .select(['status', 'lease_expires_at'])
      .where('run_id', '=', deadRunId)
      .executeTakeFirstOrThrow();
    // The clock of the next run stands just past the dead worker's lease: no waiting.
    const clock = new TestClock(deadRecord.lease_expires_at!);
    clock.advance(1);
    const ledger = new RunLedger(world.stores, { now: clock.now });
    const { run } = await ledger.createRun({
      clientIds: ['big'],
      operations: ['score-leads'],
      trigger: 'cli',
    });
    const done = await executeRun(
      {
        stores: world.stores,
        ledger,
        operations: new Map<OperationName, Operation>([
          ['score-leads', scoreLeadsOperation({ batchSize: 2 })],
        ]),
        leaseMs: 1000,
      },
      run.id,
    );
    const dead = await getRun(world.stores, deadRunId);
    const rows = await scoreRowsByRun(access);

    expect(printed.slice(1)).toEqual(['batch 1', 'batch 2', 'batch 3']);
    expect(deadRecord.status).toBe('running');
    expect(done.status).toBe('succeeded');
    expect(done.records[0]).toMatchObject({ status: 'succeeded', examined: 14, succeeded: 14 });
    expect(dead.status).toBe('partially_failed');
    expect(dead.records[0]).toMatchObject({
      status: 'failed',
      errorCode: 'superseded',
      succeeded: 6,
      detail: { supersededBy: run.id },
    });
    expect(rows.map((row) => row.lead_id)).toEqual(leadIds);
    expect(rows.filter((row) => row.status !== 'scored')).toEqual([]);
    expect(rows.filter((row) => row.run_id === deadRunId)).toHaveLength(6);
    expect(rows.filter((row) => row.run_id === run.id)).toHaveLength(14);
  }, 30_000);
});
