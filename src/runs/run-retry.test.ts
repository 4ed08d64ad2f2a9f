import { afterEach, describe, expect, it } from 'vitest';
import { testEngine } from '../../test/support/engine.ts';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import type { TenantAccess } from '../db/tenancy.ts';
import { offlineScorer } from '../scoring/offline-scorer.ts';
import { addRubricVersion } from '../scoring/rubric-store.ts';
import { scoreLeadsOperation } from '../scoring/score-leads-operation.ts';
import { type LeadScorer, scoreFailure } from '../scoring/scorer.ts';
import { insertLeads, loadExampleRubric } from '../scoring/scoring-fixtures.ts';
import type { Operation, OperationName } from './operation.ts';
import type { RunStatus } from './run.ts';
import { executeRun, type RunEvent } from './run-executor.ts';
import { RunLedger } from './run-ledger.ts';
import { readCase } from './testing/cases.ts';
import { ItemBatchOperation, itemId } from './testing/fake-operations.ts';

/** Each engine's own words for the bad value the store refuses. */
const notNullRefusal = {
  sqlite: 'NOT NULL constraint failed: settings.value',
  postgres: 'null value in column "value" of relation "settings" violates not-null constraint',
};

let world: TestWorld;
afterEach(async () => world?.close());

interface RetryCase {
  attempt_1: { chunks: [number, number][]; chunk_2_result: string };
  attempt_2: { same_run_id: boolean };
  expected: {
    leads_after_attempt_2: number;
    duplicates: number;
    run_records: number;
    run_status_history: RunStatus[];
    counts_reported: { created: number; updated: number; failed: number };
  };
}

/** The run's status each time it changed, as the executor and the ledger reported it. */
class StatusHistory {
  readonly statuses: RunStatus[] = [];

  readonly onEvent = (event: RunEvent) => {
    if (event.type !== 'record-progress') this.add(event.runStatus);
  };

  add(status: RunStatus): void {
    if (this.statuses.at(-1) !== status) this.statuses.push(status);
  }
}

describe('BR-17: retrying a run that failed part-way', () => {
  it('processes each item once and ends succeeded with the failed item resolved', async () => {
    const scenario = readCase<RetryCase>('BR-17-partial-batch-failure-retry.json');
    const chunks = scenario.attempt_1.chunks;
    const total = chunks.at(-1)![1];
    const chunkSize = chunks[0]![1] - chunks[0]![0] + 1;
    const badItem = Number(/lead (\d+)/.exec(scenario.attempt_1.chunk_2_result)![1]);
    world = await createTestWorld();
    const { access } = await world.addClient({ id: 'alpha', name: 'Alpha' });
    const ledger = new RunLedger(world.stores);
    const batch = new ItemBatchOperation(total, chunkSize);
    const history = new StatusHistory();
    const deps = {
      stores: world.stores,
      ledger,
      operations: new Map<OperationName, Operation>([['score-leads', batch]]),
      onEvent: history.onEvent,
    };
    const { run } = await ledger.createRun({
      clientIds: ['alpha'],
      operations: ['score-leads'],
      trigger: 'cli',
    });

    batch.rejected.add(badItem);
    const interrupted = await executeRun(deps, run.id);
    batch.rejected.clear();
    const retried = await ledger.retry(run.id);
    history.add(retried.status);
    const done = await executeRun(deps, run.id);

    expect(interrupted.records[0]).toMatchObject({
      status: 'failed',
      errorCode: 'internal_error',
      errorMessage: `internal error; see the server log for run ${run.id}, client alpha, operation score-leads`,
      succeeded: badItem - 1,
    });
    expect(done.id).toBe(run.id);
    expect(history.statuses).toEqual(scenario.expected.run_status_history);
    expect(done.records).toHaveLength(scenario.expected.run_records);
    const record = done.records[0]!;
    expect([record.status, record.attempts, record.succeeded, record.failed]).toEqual([
      'succeeded',
      2,
      scenario.expected.counts_reported.created,
      1,
    ]);
    expect(record.failures).toEqual([
      {
        itemId: itemId(badItem),
        code: 'store_rejected',
        message: notNullRefusal[testEngine],
        attempts: 1,
        resolved: true,
      },
    ]);
    const unresolved = record.failures.filter((failure) => !failure.resolved);
    expect(unresolved).toHaveLength(scenario.expected.counts_reported.failed);

    const items = await world.stores.withTenant(access, (store) =>
      store.db.selectFrom('settings').select('key').execute(),
    );
    expect(items).toHaveLength(scenario.expected.leads_after_attempt_2);
    const writtenTwice = [...batch.written.values()].filter((times) => times > 1);
    expect(writtenTwice).toHaveLength(scenario.expected.duplicates);
    expect(batch.written.size).toBe(total);
  });
});

/** The offline scorer, except that each lead named fails the first time it is asked for. */
function failingOnce(leadIds: string[]): LeadScorer & { asked: string[][] } {
  const pending = new Set(leadIds);
  const asked: string[][] = [];
  return {
    name: 'offline',
    asked,
    async scoreBatch(leads, rubric, signal) {
      asked.push(leads.map((lead) => lead.id));
      const results = await offlineScorer.scoreBatch(leads, rubric, signal);
      for (const lead of leads) {
        if (pending.delete(lead.id)) {
          results.set(lead.id, scoreFailure('score_invalid', `points out of range for ${lead.id}`));
        }
      }
      return results;
    },
  };
}

async function scoringWorld(leadsPerRun: number) {
  world = await createTestWorld();
  const { access } = await world.addClient({ id: 'alpha', settings: { leadsPerRun } });
  await world.stores.withTenant(access, async (store) => {
    await insertLeads(
      store,
      ['l1', 'l2', 'l3', 'l4', 'l5'].map((id) => ({ id, headline: 'Head of Procurement' })),
    );
    await addRubricVersion(store, loadExampleRubric('haulwise-freight-operations.json'));
  });
  return access;
}

async function scoreRows(access: TenantAccess) {
  const rows = await world.stores.withTenant(access, (store) =>
    store.db
      .selectFrom('lead_scores')
      .select(['lead_id', 'status'])
      .orderBy('lead_id')
      .orderBy('id')
      .execute(),
  );
  return rows.map((row) => `${row.lead_id}:${row.status}`);
}

describe('retrying a run whose scorer failed some leads', () => {
  it('scores the failed leads again, once, and resolves their failures', async () => {
    const access = await scoringWorld(0);
    const ledger = new RunLedger(world.stores);
    const scorer = failingOnce(['l2', 'l4']);
    const deps = {
      stores: world.stores,
      ledger,
      operations: new Map<OperationName, Operation>([
        ['score-leads', scoreLeadsOperation({ scorer, batchSize: 2 })],
      ]),
    };
    const { run } = await ledger.createRun({ operations: ['score-leads'], trigger: 'cli' });

    const first = await executeRun(deps, run.id);
    const afterFirst = await scoreRows(access);
    await ledger.retry(run.id);
    const done = await executeRun(deps, run.id);

    expect(first.status).toBe('partially_failed');
    expect(afterFirst).toEqual(['l1:scored', 'l2:failed', 'l3:scored', 'l4:failed', 'l5:scored']);
    expect(scorer.asked).toEqual([['l1', 'l2'], ['l3', 'l4'], ['l5'], ['l2', 'l4']]);
    expect(done.status).toBe('succeeded');
    const record = done.records[0]!;
    expect([record.attempts, record.examined, record.succeeded, record.failed]).toEqual([
      2, 7, 5, 2,
    ]);
    expect(record.failures.map((f) => [f.itemId, f.attempts, f.resolved])).toEqual([
      ['l2', 1, true],
      ['l4', 1, true],
    ]);
    expect(await scoreRows(access)).toEqual([
      'l1:scored',
      'l2:scored',
      'l3:scored',
      'l4:scored',
      'l5:scored',
    ]);
  });

  it("re-attempts the run's failed lead before new ones when leadsPerRun limits the run", async () => {
    const access = await scoringWorld(3);
    const ledger = new RunLedger(world.stores);
    const scorer = failingOnce(['l2']);
    const deps = {
      stores: world.stores,
      ledger,
      operations: new Map<OperationName, Operation>([
        ['score-leads', scoreLeadsOperation({ scorer, batchSize: 10 })],
      ]),
    };
    const { run } = await ledger.createRun({ operations: ['score-leads'], trigger: 'cli' });

    await executeRun(deps, run.id);
    await ledger.retry(run.id);
    const done = await executeRun(deps, run.id);

    expect(scorer.asked).toEqual([['l1', 'l2', 'l3'], ['l2']]);
    expect(done.status).toBe('succeeded');
    expect(await scoreRows(access)).toEqual(['l1:scored', 'l2:scored', 'l3:scored']);
  });
});
