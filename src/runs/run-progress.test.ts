import { afterEach, describe, expect, it } from 'vitest';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import { addRubricVersion } from '../scoring/rubric-store.ts';
import { scoreLeadsOperation } from '../scoring/score-leads-operation.ts';
import { insertLeads, loadExampleRubric } from '../scoring/scoring-fixtures.ts';
import type { BatchReport, Operation, OperationName } from './operation.ts';
import type { RunRecord } from './run.ts';
import { executeRecord, resolveExecutor } from './run-executor.ts';
import { RunLedger } from './run-ledger.ts';
import { getRun } from './run-queries.ts';
import { TestClock } from './testing/test-clock.ts';

let world: TestWorld;
afterEach(async () => world?.close());

const leaseMs = 60_000;
const leadIds = ['l1', 'l2', 'l3', 'l4', 'l5'];

async function setUp() {
  world = await createTestWorld();
  const { access } = await world.addClient({ id: 'alpha' });
  await world.stores.withTenant(access, async (store) => {
    await insertLeads(
      store,
      leadIds.map((id) => ({ id, headline: 'Head of Procurement' })),
    );
    await addRubricVersion(store, loadExampleRubric('haulwise-freight-operations.json'));
  });
  const clock = new TestClock();
  const ledger = new RunLedger(world.stores, { now: clock.now });
  const { run } = await ledger.createRun({ operations: ['score-leads'], trigger: 'cli' });
  return { clock, ledger, runId: run.id };
}

const batch = (report: Partial<BatchReport>): BatchReport => ({
  examined: 0,
  succeededIds: [],
  failures: [],
  skipped: 0,
  ...report,
});

const failure = (itemId: string) => ({ itemId, code: 'score_invalid', message: 'points -3' });

const counters = (record: RunRecord) => [record.examined, record.succeeded, record.failed];

describe("a worker's progress, fenced by its lease", () => {
  it("refuses a stalled worker's late reports and keeps the new owner's counts exact", async () => {
    const { clock, ledger, runId } = await setUp();
    const record = (await ledger.claimNext('worker-a', leaseMs, runId))!;
    const stalled = ledger.progressFor(record.id, 'worker-a');
    await stalled.batch?.(batch({ examined: 2, succeededIds: ['l1'], failures: [failure('l2')] }));

    clock.advance(leaseMs + 1);
    const takenOver = await ledger.claimNext('worker-b', leaseMs, runId);
    const late = [
      stalled.batch?.(batch({ examined: 2, succeededIds: ['l3'], failures: [failure('l4')] })),
      stalled.examined(1),
      stalled.succeeded(['l5']),
      stalled.failed('l5', 'score_invalid', 'points -3'),
      stalled.reconcile?.({ settledIds: ['l1', 'l3'], failed: 1 }),
    ];
    const refusals = await Promise.allSettled(late);
    const current = ledger.progressFor(record.id, 'worker-b');
    await current.batch?.(batch({ examined: 3, succeededIds: ['l2', 'l3', 'l4'] }));
    await ledger.finish(record.id, 'worker-a', { status: 'failed', code: 'late', message: 'x' });
    await ledger.finish(record.id, 'worker-b', { status: 'succeeded' });

    expect([takenOver?.id, takenOver?.attempts]).toEqual([record.id, 2]);
    expect(refusals.map((result) => result.status)).toEqual(Array(5).fill('rejected'));
    expect((refusals[0] as PromiseRejectedResult).reason).toMatchObject({
      code: 'conflict',
      message: `run record ${record.id} is no longer held by worker-a: its progress was not counted`,
    });
    const detail = await getRun(world.stores, runId);
    expect(detail.status).toBe('succeeded');
    expect(counters(detail.records[0]!)).toEqual([5, 4, 1]);
    expect(detail.records[0]!.failures.map((f) => [f.itemId, f.attempts, f.resolved])).toEqual([
      ['l2', 1, true],
    ]);
  });

  it('refuses reports into a record whose run was cancelled', async () => {
    const { ledger, runId } = await setUp();
    const record = (await ledger.claimNext('worker-a', leaseMs, runId))!;
    const progress = ledger.progressFor(record.id, 'worker-a');
    await progress.examined(2);

    await ledger.cancel(runId);

    await expect(progress.skipped(1)).rejects.toMatchObject({ code: 'conflict' });
    const detail = await getRun(world.stores, runId);
    expect([detail.records[0]!.status, detail.records[0]!.examined]).toEqual(['cancelled', 2]);
  });

  it('stops the operation whose report is refused; the new owner counts what it wrote', async () => {
    const { clock, ledger, runId } = await setUp();
    const scoring = scoreLeadsOperation({ batchSize: 2 });
    const reports: string[] = [];
    let takeover: RunRecord | undefined;
    // Stalls past its lease before its first report, while worker-b takes the record over.
    const stalling: Operation = {
      name: 'score-leads',
      run(context) {
        const progress = {
          ...context.progress,
          async batch(report: BatchReport) {
            if (!takeover) {
              clock.advance(leaseMs + 1);
              takeover = await ledger.claimNext('worker-b', leaseMs, runId);
            }
            reports.push(report.succeededIds.join(','));
            await context.progress.batch?.(report);
          },
        };
        return scoring.run({ ...context, progress });
      },
    };
    const executor = (owner: string, operation: Operation) =>
      resolveExecutor({
        stores: world.stores,
        ledger,
        owner,
        operations: new Map<OperationName, Operation>([['score-leads', operation]]),
      });

    const claimed = (await ledger.claimNext('worker-a', leaseMs, runId))!;
    await executeRecord(executor('worker-a', stalling), claimed);
    const afterStall = await getRun(world.stores, runId);
    await executeRecord(executor('worker-b', scoring), takeover!);
    const done = await getRun(world.stores, runId);

    expect(reports).toEqual(['l1,l2']);
    expect([afterStall.records[0]!.status, ...counters(afterStall.records[0]!)]).toEqual([
      'running',
      0,
      0,
      0,
    ]);
    expect(done.status).toBe('succeeded');
    expect(counters(done.records[0]!)).toEqual([5, 5, 0]);
  });

  // On PostgreSQL each report takes its own pooled connection: the transactions overlap.
  it('counts concurrent batch reports exactly, one failure row per item', async () => {
    const { ledger, runId } = await setUp();
    const record = (await ledger.claimNext('worker-a', leaseMs, runId))!;
    const writers = [
      ledger.progressFor(record.id, 'worker-a'),
      ledger.progressFor(record.id, 'worker-a'),
    ];

    await Promise.all(
      writers.flatMap((progress, writer) =>
        Array.from({ length: 20 }, (_, round) =>
          progress.batch?.(
            batch({
              examined: 3,
              succeededIds: [`w${writer}-${round}`],
              failures: [failure('shared'), failure(`w${writer}-bad-${round}`)],
            }),
          ),
        ),
      ),
    );

    const detail = await getRun(world.stores, runId);
    expect(counters(detail.records[0]!)).toEqual([120, 40, 80]);
    const failures = detail.records[0]!.failures;
    expect(failures).toHaveLength(41);
    expect(failures.find((f) => f.itemId === 'shared')?.attempts).toBe(40);
  });
});
