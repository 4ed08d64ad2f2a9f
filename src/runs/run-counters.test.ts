import { afterEach, describe, expect, it } from 'vitest';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import { offlineScorer } from '../scoring/offline-scorer.ts';
import { addRubricVersion } from '../scoring/rubric-store.ts';
import { scoreLeadsOperation } from '../scoring/score-leads-operation.ts';
import { type LeadScorer, scoreFailure } from '../scoring/scorer.ts';
import { insertLeads, loadExampleRubric } from '../scoring/scoring-fixtures.ts';
import type { BatchReport, Operation, OperationName } from './operation.ts';
import { executeRun } from './run-executor.ts';
import { RunLedger } from './run-ledger.ts';
import { getRun } from './run-queries.ts';

let world: TestWorld;
afterEach(async () => world?.close());

async function setUp() {
  world = await createTestWorld();
  const { access } = await world.addClient({ id: 'alpha' });
  await world.stores.withTenant(access, async (store) => {
    await insertLeads(
      store,
      ['l1', 'l2', 'l3', 'l4', 'l5'].map((id) => ({ id, headline: 'Head of Procurement' })),
    );
    await addRubricVersion(store, loadExampleRubric('haulwise-freight-operations.json'));
  });
  const ledger = new RunLedger(world.stores);
  const { run } = await ledger.createRun({ operations: ['score-leads'], trigger: 'cli' });
  return { ledger, runId: run.id };
}

/**
 * score-leads whose worker dies right after the `fatal`-th batch is written and before it is
 * reported: the batch is in the client's store, the ledger never hears of it.
 */
function dyingAfterWrite(fatal: number, scorer?: LeadScorer): Operation {
  const inner = scoreLeadsOperation({ batchSize: 2, ...(scorer ? { scorer } : {}) });
  return {
    name: 'score-leads',
    run(context) {
      let batches = 0;
      const progress = {
        ...context.progress,
        async batch(report: BatchReport) {
          batches += 1;
          if (batches === fatal) throw new Error('worker killed');
          await context.progress.batch?.(report);
        },
      };
      return inner.run({ ...context, progress });
    },
  };
}

function execute(ledger: RunLedger, runId: string, operation: Operation) {
  const operations = new Map<OperationName, Operation>([['score-leads', operation]]);
  return executeRun({ stores: world.stores, ledger, operations }, runId);
}

const counters = (record: { examined: number; succeeded: number; failed: number }) => [
  record.examined,
  record.succeeded,
  record.failed,
];

describe('counters after a crash between a batch and its report', () => {
  it('count the lost batch on the next attempt, so they equal the work done', async () => {
    const { ledger, runId } = await setUp();

    const crashed = await execute(ledger, runId, dyingAfterWrite(2));
    await ledger.retry(runId);
    const resumed = await execute(ledger, runId, scoreLeadsOperation({ batchSize: 2 }));

    expect(counters(crashed.records[0]!)).toEqual([2, 2, 0]);
    expect(resumed.status).toBe('succeeded');
    expect(counters(resumed.records[0]!)).toEqual([5, 5, 0]);
  });

  it("resolve the failure of a lead whose retried score was the lost batch's", async () => {
    const { ledger, runId } = await setUp();
    let failedOnce = false;
    const failingL2Once: LeadScorer = {
      name: 'offline',
      async scoreBatch(leads, rubric, signal) {
        const results = await offlineScorer.scoreBatch(leads, rubric, signal);
        if (!failedOnce && results.has('l2')) {
          failedOnce = true;
          results.set('l2', scoreFailure('score_invalid', 'points out of range'));
        }
        return results;
      },
    };

    const first = await execute(ledger, runId, scoreLeadsOperation({ scorer: failingL2Once }));
    await ledger.retry(runId);
    await execute(ledger, runId, dyingAfterWrite(1));
    await ledger.retry(runId);
    const done = await execute(ledger, runId, scoreLeadsOperation());

    expect(first.status).toBe('partially_failed');
    expect(done.status).toBe('succeeded');
    expect(counters(done.records[0]!)).toEqual([6, 5, 1]);
    expect(done.records[0]!.failures.map((f) => [f.itemId, f.resolved])).toEqual([['l2', true]]);
  });

  it('count a whole batch in one report, its failures recorded and earlier ones resolved', async () => {
    const { ledger, runId } = await setUp();
    const record = (await ledger.claimNext('worker-a', 60_000, runId))!;
    const progress = ledger.progressFor(record.id, 'worker-a');
    await progress.failed('l1', 'score_invalid', 'points out of range');

    await progress.batch?.({
      examined: 4,
      succeededIds: ['l1', 'l2'],
      failures: [{ itemId: 'l3', code: 'score_invalid', message: 'points -3 below 0' }],
      skipped: 1,
    });

    const detail = await getRun(world.stores, runId);
    expect([...counters(detail.records[0]!), detail.records[0]!.skipped]).toEqual([4, 2, 2, 1]);
    expect(detail.records[0]!.failures.map((f) => [f.itemId, f.resolved])).toEqual([
      ['l1', true],
      ['l3', false],
    ]);
  });

  it('change nothing when every batch was reported', async () => {
    const { ledger, runId } = await setUp();
    const record = (await ledger.claimNext('worker-a', 60_000, runId))!;
    const progress = ledger.progressFor(record.id, 'worker-a');
    await progress.examined(3);
    await progress.succeeded(['l1', 'l2']);
    await progress.failed('l3', 'score_invalid', 'points out of range');

    await progress.reconcile?.({ settledIds: ['l1', 'l2'], failed: 1 });
    await progress.reconcile?.({ settledIds: ['l1'], failed: 0 });

    const detail = await getRun(world.stores, runId);
    expect(counters(detail.records[0]!)).toEqual([3, 2, 1]);
    expect(detail.records[0]!.failures.map((f) => [f.itemId, f.resolved])).toEqual([['l3', false]]);
  });
});
