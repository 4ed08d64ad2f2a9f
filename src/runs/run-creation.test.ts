import { afterEach, describe, expect, it } from 'vitest';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import { RunLedger } from './run-ledger.ts';

let world: TestWorld;
afterEach(async () => world?.close());

async function runCount(): Promise<number> {
  const rows = await world.stores.control.selectFrom('runs').select('id').execute();
  return rows.length;
}

describe('a repeated idempotency key', () => {
  it('returns the run it started for the same clients and operations, in any order', async () => {
    world = await createTestWorld();
    await world.addClient({ id: 'alpha' });
    await world.addClient({ id: 'bravo' });
    const ledger = new RunLedger(world.stores);

    const first = await ledger.createRun({
      clientIds: ['bravo', 'alpha'],
      operations: ['score-posts', 'score-leads'],
      trigger: 'cli',
      idempotencyKey: 'nightly',
    });
    const again = await ledger.createRun({
      clientIds: ['alpha', 'bravo', 'alpha'],
      operations: ['score-leads', 'score-posts'],
      trigger: 'api',
      idempotencyKey: 'nightly',
    });

    expect([again.created, again.run.id]).toEqual([false, first.run.id]);
    expect(await runCount()).toBe(1);
  });

  it('refuses other clients or operations with idempotency_conflict, creating nothing', async () => {
    world = await createTestWorld();
    await world.addClient({ id: 'alpha' });
    await world.addClient({ id: 'bravo' });
    const ledger = new RunLedger(world.stores);
    const { run } = await ledger.createRun({
      clientIds: ['alpha'],
      operations: ['score-leads'],
      trigger: 'cli',
      idempotencyKey: 'nightly',
    });

    const otherOperations = ledger.createRun({
      clientIds: ['alpha'],
      operations: ['score-leads', 'harvest-posts'],
      trigger: 'cli',
      idempotencyKey: 'nightly',
    });
    const everyClient = ledger.createRun({
      operations: ['score-leads'],
      trigger: 'cli',
      idempotencyKey: 'nightly',
    });

    const conflict = {
      code: 'idempotency_conflict',
      message: `this idempotency key already started run ${run.id} with other clients or operations; use a new key for a different request`,
    };
    await expect(otherOperations).rejects.toMatchObject(conflict);
    await expect(everyClient).rejects.toMatchObject(conflict);
    expect(await runCount()).toBe(1);
  });
});

describe('a run limited to a processing stream', () => {
  it("takes only the stream's clients, and a stream with clients named is refused", async () => {
    world = await createTestWorld();
    await world.addClient({ id: 'alpha', stream: 'eu' });
    await world.addClient({ id: 'bravo', stream: 'us' });
    await world.addClient({ id: 'charlie', stream: 'eu' });
    await world.addClient({ id: 'delta' });
    const ledger = new RunLedger(world.stores);

    const { run } = await ledger.createRun({
      stream: 'eu',
      operations: ['score-leads'],
      trigger: 'schedule',
      idempotencyKey: 'eu-nightly',
    });
    const otherStream = await ledger
      .createRun({
        stream: 'us',
        operations: ['score-leads'],
        trigger: 'schedule',
        idempotencyKey: 'eu-nightly',
      })
      .catch((error: unknown) => error);
    const both = await ledger
      .createRun({
        clientIds: ['alpha'],
        stream: 'eu',
        operations: ['score-leads'],
        trigger: 'cli',
      })
      .catch((error: unknown) => error);

    expect(run.records.map((record) => record.clientId)).toEqual(['alpha', 'charlie']);
    expect(run.request).toEqual({ clientIds: null, stream: 'eu', operations: ['score-leads'] });
    expect(otherStream).toMatchObject({ code: 'idempotency_conflict' });
    expect(both).toMatchObject({
      code: 'validation_failed',
      message:
        'invalid run request: stream names a stream as well as clients; give one or the other',
    });
    expect(await runCount()).toBe(1);
  });
});
