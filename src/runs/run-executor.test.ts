import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { itSqliteOnly } from '../../test/support/engine.ts';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import { AppError } from '../errors.ts';
import type { Operation, OperationName, OperationOutcome } from './operation.ts';
import { executeRun, type RunEvent } from './run-executor.ts';
import { RunLedger } from './run-ledger.ts';
import { ScriptedOperation, succeeding } from './testing/fake-operations.ts';

let world: TestWorld;
afterEach(async () => world?.close());

async function setUp(clientIds: string[]) {
  world = await createTestWorld();
  for (const id of clientIds) await world.addClient({ id, name: id });
  return new RunLedger(world.stores);
}

function operations(...list: Operation[]): ReadonlyMap<OperationName, Operation> {
  return new Map(list.map((operation) => [operation.name, operation]));
}

const summary = (records: { clientId: string; status: string; errorCode: string | null }[]) =>
  records.map((r) => [r.clientId, r.status, r.errorCode]);

/** Writes one setting in the client's store and reports it. */
const storeWriter = new ScriptedOperation('score-leads', async ({ store, progress }) => {
  await store.db.insertInto('settings').values({ key: 'seen', value: '"yes"' }).execute();
  await progress.examined(1);
  await progress.succeeded([store.clientId]);
  return { status: 'succeeded' };
});

describe('executing a run', () => {
  it('works client by client and reports each step', async () => {
    const ledger = await setUp(['alpha', 'bravo']);
    const { run } = await ledger.createRun({ operations: ['score-leads'], trigger: 'cli' });
    const events: string[] = [];
    const scorer = new ScriptedOperation('score-leads', async ({ client, store, progress }) => {
      expect(store.clientId).toBe(client.id);
      await progress.examined(4);
      await progress.succeeded(['a', 'b', 'c']);
      await progress.usage(300, 0.01);
      await progress.externalRun?.({
        provider: 'apify',
        externalRunId: `actor-run-${client.id}`,
        status: 'SUCCEEDED',
        datasetId: null,
      });
      return { status: 'succeeded' };
    });
    const onEvent = (event: RunEvent) =>
      events.push(
        event.type === 'record-progress'
          ? `${event.clientId} ${JSON.stringify(event.delta)}`
          : `${event.type} ${event.record.clientId}`,
      );

    const done = await executeRun(
      { stores: world.stores, ledger, operations: operations(scorer), onEvent },
      run.id,
    );

    expect(scorer.calls).toEqual(['alpha', 'bravo']);
    expect(done.status).toBe('succeeded');
    expect(done.records.map((r) => [r.status, r.examined, r.succeeded, r.tokens])).toEqual([
      ['succeeded', 4, 3, 300],
      ['succeeded', 4, 3, 300],
    ]);
    expect(events.slice(0, 5)).toEqual([
      'record-started alpha',
      'alpha {"examined":4}',
      'alpha {"succeeded":3}',
      'alpha {"tokens":300,"cost":0.01}',
      'record-finished alpha',
    ]);
    expect(events).toHaveLength(10);
    const outside = await world.stores.control
      .selectFrom('run_external_runs')
      .select('external_run_id')
      .orderBy('id')
      .execute();
    expect(outside.map((row) => row.external_run_id)).toEqual([
      'actor-run-alpha',
      'actor-run-bravo',
    ]);
  });

  // A store file is an embedded store's own failure; the engine test covers an unreachable server.
  itSqliteOnly('fails only the record of a client whose store file is corrupt', async () => {
    const ledger = await setUp(['alpha', 'bravo', 'charlie']);
    const corrupt = world.stores.tenantPath('bravo');
    mkdirSync(dirname(corrupt), { recursive: true });
    writeFileSync(corrupt, 'this is not a database '.repeat(200));
    const { run } = await ledger.createRun({ operations: ['score-leads'], trigger: 'cli' });

    const done = await executeRun(
      { stores: world.stores, ledger, operations: operations(storeWriter) },
      run.id,
    );

    expect(summary(done.records)).toEqual([
      ['alpha', 'succeeded', null],
      ['bravo', 'failed', 'store_unavailable'],
      ['charlie', 'succeeded', null],
    ]);
    expect(done.records[1]!.errorMessage).toBe('the store of client bravo cannot be opened');
    expect(done.status).toBe('partially_failed');
  });

  it('maps each kind of failure to its code and keeps the others going', async () => {
    const ledger = await setUp(['alpha', 'bravo', 'charlie', 'delta', 'echo']);
    const { run } = await ledger.createRun({
      operations: ['score-leads', 'harvest-posts'],
      trigger: 'cli',
    });
    await world.stores.control.deleteFrom('clients').where('id', '=', 'delta').execute();
    await world.clients.setStatus('echo', 'paused');
    const scorer = new ScriptedOperation('score-leads', async ({ client }) => {
      if (client.id === 'alpha') throw new AppError('rubric_missing', 'client alpha has no rubric');
      if (client.id === 'bravo') throw new TypeError('cannot read properties of undefined');
      return { status: 'succeeded' };
    });

    const done = await executeRun(
      { stores: world.stores, ledger, operations: operations(scorer) },
      run.id,
    );

    expect(done.records.map((r) => [r.clientId, r.operation, r.status, r.errorCode])).toEqual([
      ['alpha', 'score-leads', 'failed', 'rubric_missing'],
      ['alpha', 'harvest-posts', 'failed', 'unknown_operation'],
      ['bravo', 'score-leads', 'failed', 'internal_error'],
      ['bravo', 'harvest-posts', 'failed', 'unknown_operation'],
      ['charlie', 'score-leads', 'succeeded', null],
      ['charlie', 'harvest-posts', 'failed', 'unknown_operation'],
      ['delta', 'score-leads', 'failed', 'client_not_found'],
      ['delta', 'harvest-posts', 'failed', 'client_not_found'],
      ['echo', 'score-leads', 'skipped', 'client_paused'],
      ['echo', 'harvest-posts', 'skipped', 'client_paused'],
    ]);
    // The driver's or library's words stay in the log; the ledger, shown to clients, says where.
    expect(done.records[2]!.errorMessage).toBe(
      `internal error; see the server log for run ${run.id}, client bravo, operation score-leads`,
    );
    expect(scorer.calls).toEqual(['alpha', 'bravo', 'charlie']);
    expect(done.status).toBe('partially_failed');
  });

  it('refuses an unknown run', async () => {
    const ledger = await setUp([]);

    const attempt = executeRun({ stores: world.stores, ledger, operations: new Map() }, 'run_x');

    await expect(attempt).rejects.toMatchObject({ code: 'run_not_found' });
  });

  it('survives a progress listener that throws', async () => {
    const ledger = await setUp(['alpha']);
    const { run } = await ledger.createRun({ operations: ['score-leads'], trigger: 'cli' });
    const onEvent = () => {
      throw new Error('terminal went away');
    };

    const done = await executeRun(
      { stores: world.stores, ledger, operations: operations(storeWriter), onEvent },
      run.id,
    );

    expect(done.status).toBe('succeeded');
  });
});

describe('BR-18: nothing delivered is never a success', () => {
  it('records skipped and failed outcomes as such', async () => {
    const ledger = await setUp(['alpha', 'bravo']);
    const { run } = await ledger.createRun({ operations: ['harvest-posts'], trigger: 'cli' });
    const harvester = new ScriptedOperation('harvest-posts', async ({ client, progress }) => {
      await progress.examined(12);
      if (client.id === 'alpha') {
        return { status: 'failed', code: 'empty_result', message: '0 posts for 12 profiles' };
      }
      return { status: 'bogus' } as unknown as OperationOutcome;
    });

    const done = await executeRun(
      { stores: world.stores, ledger, operations: operations(harvester) },
      run.id,
    );

    expect(summary(done.records)).toEqual([
      ['alpha', 'failed', 'empty_result'],
      ['bravo', 'failed', 'invalid_outcome'],
    ]);
    expect(done.status).toBe('failed');
  });

  it('calls a run whose every record was skipped skipped, not succeeded', async () => {
    const ledger = await setUp(['alpha', 'bravo']);
    const { run } = await ledger.createRun({ operations: ['score-posts'], trigger: 'schedule' });
    const postScorer = new ScriptedOperation('score-posts', async () => ({
      status: 'skipped',
      code: 'no_posts_service',
      message: 'the service level has no posts',
    }));

    const done = await executeRun(
      { stores: world.stores, ledger, operations: operations(postScorer) },
      run.id,
    );

    expect(summary(done.records)).toEqual([
      ['alpha', 'skipped', 'no_posts_service'],
      ['bravo', 'skipped', 'no_posts_service'],
    ]);
    expect(done.status).toBe('skipped');
    expect(done.finishedAt).not.toBeNull();
  });
});

describe('cancelling a run under way', () => {
  it("aborts the running operation's signal and runs nothing more", async () => {
    const ledger = await setUp(['alpha', 'bravo']);
    const { run } = await ledger.createRun({ operations: ['score-leads'], trigger: 'cli' });
    let sawAbort = false;
    const scorer = new ScriptedOperation('score-leads', async ({ runId, signal, progress }) => {
      await progress.examined(1);
      await ledger.cancel(runId);
      await new Promise((resolve) => {
        if (signal.aborted) resolve(undefined);
        signal.addEventListener('abort', resolve, { once: true });
      });
      sawAbort = signal.aborted;
      return { status: 'succeeded' };
    });

    // A short lease so that the renewal that notices the cancellation comes soon.
    const done = await executeRun(
      { stores: world.stores, ledger, operations: operations(scorer), leaseMs: 30 },
      run.id,
    );

    expect(sawAbort).toBe(true);
    expect(scorer.calls).toEqual(['alpha']);
    expect(summary(done.records)).toEqual([
      ['alpha', 'cancelled', 'cancelled'],
      ['bravo', 'cancelled', 'cancelled'],
    ]);
    expect(done.records[0]!.examined).toBe(1);
    expect(done.status).toBe('cancelled');
  });
});

describe('BR-16: a run started while another works on the client', () => {
  it('does not process the client a second time', async () => {
    const ledger = await setUp(['alpha']);
    const request = { operations: ['harvest-posts' as const], trigger: 'cli' as const };
    const first = await ledger.createRun(request);
    const second = await ledger.createRun(request);
    const harvester = succeeding('harvest-posts');

    const secondDone = await executeRun(
      { stores: world.stores, ledger, operations: operations(harvester) },
      second.run.id,
    );
    const firstDone = await executeRun(
      { stores: world.stores, ledger, operations: operations(harvester) },
      first.run.id,
    );

    expect(summary(secondDone.records)).toEqual([['alpha', 'skipped', 'already_active']]);
    expect(secondDone.status).toBe('skipped');
    expect(firstDone.status).toBe('succeeded');
    expect(harvester.calls).toEqual(['alpha']);
  });
});
