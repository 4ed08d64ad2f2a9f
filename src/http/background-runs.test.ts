import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import type { Operation, OperationName } from '../runs/operation.ts';
import { RunLedger } from '../runs/run-ledger.ts';
import { getRun } from '../runs/run-queries.ts';
import { ScriptedOperation } from '../runs/testing/fake-operations.ts';
import { BackgroundRuns } from './background-runs.ts';

let world: TestWorld;
afterEach(async () => world?.close());

function backgroundRuns(operation: Operation, worker: false | { pollMs: number } = { pollMs: 20 }) {
  const ledger = new RunLedger(world.stores);
  const operations = new Map<OperationName, Operation>([[operation.name, operation]]);
  return new BackgroundRuns({
    stores: world.stores,
    ledger,
    operations,
    log: pino({ enabled: false }),
    worker,
  });
}

describe('BackgroundRuns', () => {
  it('hands an API run cut off by a shutdown to the next server, which resumes it', async () => {
    world = await createTestWorld();
    await world.addClient({ id: 'alpha' });
    let started = false;
    const stalling = new ScriptedOperation('score-leads', async ({ signal }) => {
      started = true;
      await new Promise((_resolve, reject) =>
        signal.addEventListener('abort', () => reject(signal.reason)),
      );
      return { status: 'succeeded' };
    });
    const ledger = new RunLedger(world.stores);
    const { run } = await ledger.createRun({ operations: ['score-leads'], trigger: 'api' });

    const first = backgroundRuns(stalling);
    first.start(run.id);
    while (!started) await new Promise((resolve) => setTimeout(resolve, 10));
    await first.close(0);
    const cutOff = await getRun(world.stores, run.id);
    const finishing = new ScriptedOperation('score-leads', async () => ({ status: 'succeeded' }));
    const next = backgroundRuns(finishing);
    await next.drain();
    await next.close(0);

    expect([cutOff.status, cutOff.records[0]!.status]).toEqual(['running', 'queued']);
    expect(finishing.calls).toEqual(['alpha']);
    const done = await getRun(world.stores, run.id);
    expect([done.status, done.records[0]!.attempts]).toEqual(['succeeded', 2]);
  });

  it('leaves runs queued when separate workers work them', async () => {
    world = await createTestWorld();
    await world.addClient({ id: 'alpha' });
    const operation = new ScriptedOperation('score-leads', async () => ({ status: 'succeeded' }));
    const { run } = await new RunLedger(world.stores).createRun({
      operations: ['score-leads'],
      trigger: 'api',
    });

    const runs = backgroundRuns(operation, false);
    runs.start(run.id);
    await runs.drain();

    expect(runs.working).toBe(false);
    expect(operation.calls).toEqual([]);
    expect((await getRun(world.stores, run.id)).status).toBe('queued');
  });
});
