import { afterEach, describe, expect, it } from 'vitest';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import type { Client } from '../clients/client.ts';
import type { TenantStore } from '../db/tenancy.ts';
import { AppError } from '../errors.ts';
import type { OperationOutcome } from '../runs/operation.ts';
import { offlineScorer } from './offline-scorer.ts';
import { addRubricVersion } from './rubric-store.ts';
import type { ScoreDetail } from './score-detail.ts';
import { scoreLeadsOperation } from './score-leads-operation.ts';
import { type LeadScorer, type ScoreFailure, scoreFailure } from './scorer.ts';
import {
  insertLeads,
  type LeadInput,
  legacyExampleRubric,
  loadExampleRubric,
  type RecordedProgress,
  recordingProgress,
} from './scoring-fixtures.ts';

let world: TestWorld;
afterEach(async () => world?.close());

const freight = loadExampleRubric('haulwise-freight-operations.json');

const fiveLeads: LeadInput[] = [
  { id: 'l1', headline: 'Head of Procurement', company: 'Nordhafen Freight', location: 'Hamburg' },
  { id: 'l2', position: 'Logistics Manager', industry: 'Packaging and Containers Manufacturing' },
  { id: 'l3', headline: 'Supply chain student', company: 'TU Delft' },
  { id: 'l4', position: 'Graphic Designer', company: 'Studio Blau' },
  { id: 'l5', position: 'COO', company: 'Kestrel Trucking', location: 'Rotterdam, Netherlands' },
];

interface Setup {
  store: TenantStore;
  client: Client;
}

async function setUp(leadsPerRun = 0, leads = fiveLeads): Promise<Setup> {
  world = await createTestWorld();
  const { client, access } = await world.addClient({ settings: { leadsPerRun } });
  // The test world keeps up to 16 stores open, so the handle stays usable after withTenant.
  const store = await world.stores.withTenant(access, async (opened) => opened);
  await insertLeads(store, leads);
  return { store, client };
}

async function runScoring(
  { store, client }: Setup,
  runId: string,
  options: { scorer?: LeadScorer; batchSize?: number; signal?: AbortSignal } = {},
): Promise<{ outcome: OperationOutcome; calls: RecordedProgress }> {
  const { progress, calls } = recordingProgress();
  const operation = scoreLeadsOperation({
    scorer: options.scorer,
    batchSize: options.batchSize ?? 2,
  });
  const signal = options.signal ?? new AbortController().signal;
  const outcome = await operation.run({ runId, client, store, progress, signal });
  return { outcome, calls };
}

async function scoreColumns(store: TenantStore) {
  return store.db
    .selectFrom('leads')
    .select(['id', 'score', 'score_status', 'scored_rubric_version', 'scorer'])
    .orderBy('id')
    .execute();
}

async function scoreRowsOfRun(store: TenantStore, runId: string) {
  const rows = await store.db
    .selectFrom('lead_scores')
    .select(['lead_id', 'status'])
    .where('run_id', '=', runId)
    .orderBy('lead_id')
    .execute();
  return rows.map((row) => `${row.lead_id}:${row.status}`);
}

/** A scorer that answers like the offline one, except for the leads it is told to fail. */
function scorerFailing(failures: Record<string, ScoreFailure | 'omit'>): LeadScorer {
  return {
    name: 'patchy',
    async scoreBatch(leads, rubric, signal) {
      const results = await offlineScorer.scoreBatch(leads, rubric, signal);
      for (const [id, failure] of Object.entries(failures)) {
        if (failure === 'omit') results.delete(id);
        else if (results.has(id)) results.set(id, failure);
      }
      return results;
    },
  };
}

describe('score-leads operation', () => {
  it('fails with rubric_missing when the client has no rubric', async () => {
    const setup = await setUp();
    const { outcome, calls } = await runScoring(setup, 'run-1');

    expect(outcome).toMatchObject({ status: 'failed', code: 'rubric_missing' });
    expect(calls.examined).toEqual([]);
  });

  it('is skipped with no_leads when the client has no leads at all', async () => {
    const setup = await setUp(0, []);
    await addRubricVersion(setup.store, freight);

    expect((await runScoring(setup, 'run-1')).outcome).toEqual({
      status: 'skipped',
      code: 'no_leads',
      message: 'the client has no leads yet',
    });
  });

  it('scores every due lead in batches, writing rows, columns and events', async () => {
    const setup = await setUp();
    await addRubricVersion(setup.store, freight);
    const { outcome, calls } = await runScoring(setup, 'run-1');

    expect(outcome).toEqual({ status: 'succeeded' });
    expect(calls.examined).toEqual([2, 2, 1]);
    expect(calls.succeeded).toEqual([['l1', 'l2'], ['l3', 'l4'], ['l5']]);
    expect(calls.failed).toEqual([]);
    expect(await scoreColumns(setup.store)).toEqual([
      {
        id: 'l1',
        score: 90.32,
        score_status: 'scored',
        scored_rubric_version: 1,
        scorer: 'offline',
      },
      {
        id: 'l2',
        score: 63.23,
        score_status: 'scored',
        scored_rubric_version: 1,
        scorer: 'offline',
      },
      {
        id: 'l3',
        score: 0,
        score_status: 'disqualified',
        scored_rubric_version: 1,
        scorer: 'offline',
      },
      {
        id: 'l4',
        score: 0,
        score_status: 'unqualified',
        scored_rubric_version: 1,
        scorer: 'offline',
      },
      {
        id: 'l5',
        score: 85.16,
        score_status: 'scored',
        scored_rubric_version: 1,
        scorer: 'offline',
      },
    ]);
    expect(await scoreRowsOfRun(setup.store, 'run-1')).toEqual([
      'l1:scored',
      'l2:scored',
      'l3:disqualified',
      'l4:unqualified',
      'l5:scored',
    ]);
    const events = await setup.store.db.selectFrom('lead_events').selectAll().execute();
    expect(events.map((event) => `${event.lead_id}:${event.type}`).sort()).toEqual(
      ['l1', 'l2', 'l3', 'l4', 'l5'].map((id) => `${id}:scored`),
    );
    expect(JSON.parse(events[0]!.detail)).toMatchObject({ runId: 'run-1', rubricVersion: 1 });
  });

  it('stores the detail that explains each score', async () => {
    const setup = await setUp();
    await addRubricVersion(setup.store, freight);
    await runScoring(setup, 'run-1');
    const row = await setup.store.db
      .selectFrom('leads')
      .select('score_detail')
      .where('id', '=', 'l1')
      .executeTakeFirstOrThrow();
    const detail = JSON.parse(row.score_detail!) as ScoreDetail;

    expect(detail.attributes.map((a) => [a.id, a.points])).toEqual([
      ['A', 40],
      ['B', 20],
      ['C', 10],
      ['D', 0],
      ['N1', 0],
      ['N2', 0],
    ]);
    expect(detail.attributes[0]?.evidence).toEqual([
      { field: 'headline', text: 'Head of Procurement', signal: 'head of procurement', weight: 40 },
    ]);
  });

  it('succeeds having examined nothing when every lead is up to date', async () => {
    const setup = await setUp();
    await addRubricVersion(setup.store, freight);
    await runScoring(setup, 'run-1');
    const { outcome, calls } = await runScoring(setup, 'run-2');

    expect(outcome).toEqual({ status: 'succeeded' });
    expect(calls.examined).toEqual([]);
  });

  it('rescores leads scored with an older rubric version', async () => {
    const setup = await setUp();
    await addRubricVersion(setup.store, freight);
    await runScoring(setup, 'run-1');
    await addRubricVersion(setup.store, legacyExampleRubric);
    const { calls } = await runScoring(setup, 'run-2', { batchSize: 10 });

    expect(calls.examined).toEqual([5]);
    const columns = await scoreColumns(setup.store);
    expect(columns.map((row) => row.scored_rubric_version)).toEqual([2, 2, 2, 2, 2]);
  });

  it('honours leadsPerRun, also across a resume, and leaves the rest to the next run', async () => {
    const setup = await setUp(3);
    await addRubricVersion(setup.store, freight);
    const first = await runScoring(setup, 'run-1');
    const resumed = await runScoring(setup, 'run-1');
    const next = await runScoring(setup, 'run-2');

    expect(first.calls.examined).toEqual([2, 1]);
    expect(resumed.calls.examined).toEqual([]);
    expect(next.calls.examined).toEqual([2]);
    expect(next.calls.succeeded).toEqual([['l4', 'l5']]);
  });

  it('scores each lead once when a run is resumed under the same id after a crash', async () => {
    const setup = await setUp();
    await addRubricVersion(setup.store, freight);
    const controller = new AbortController();
    const crashing: LeadScorer = {
      name: 'offline',
      async scoreBatch(leads, rubric, signal) {
        const results = await offlineScorer.scoreBatch(leads, rubric, signal);
        controller.abort(new Error('worker lost its lease'));
        return results;
      },
    };

    await expect(
      runScoring(setup, 'run-1', { scorer: crashing, signal: controller.signal }),
    ).rejects.toThrow('worker lost its lease');
    const resumed = await runScoring(setup, 'run-1');

    expect(resumed.outcome).toEqual({ status: 'succeeded' });
    expect(resumed.calls.succeeded).toEqual([['l3', 'l4'], ['l5']]);
    expect(await scoreRowsOfRun(setup.store, 'run-1')).toHaveLength(5);
    const events = await setup.store.db.selectFrom('lead_events').select('lead_id').execute();
    expect(events).toHaveLength(5);
  });

  it('marks a lead the scorer failed as failed, reports it, and retries it next run', async () => {
    const setup = await setUp();
    await addRubricVersion(setup.store, freight);
    const patchy = scorerFailing({
      l2: scoreFailure('score_invalid', 'A is outside 0..40', '{"A": 55}'),
      l4: 'omit',
    });
    const first = await runScoring(setup, 'run-1', { scorer: patchy, batchSize: 10 });

    expect(first.outcome).toEqual({ status: 'succeeded' });
    expect(first.calls.succeeded).toEqual([['l1', 'l3', 'l5']]);
    expect(first.calls.failed).toEqual([
      { itemId: 'l2', code: 'score_invalid', message: 'A is outside 0..40' },
      { itemId: 'l4', code: 'answer_missing', message: 'the scorer gave no answer' },
    ]);
    const statuses = (await scoreColumns(setup.store)).map((row) => row.score_status);
    expect(statuses).toEqual(['scored', 'failed', 'disqualified', 'failed', 'scored']);
    const kept = await setup.store.db
      .selectFrom('lead_scores')
      .select('detail')
      .where('lead_id', '=', 'l2')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(kept.detail)).toMatchObject({ code: 'score_invalid', raw: '{"A": 55}' });

    const retry = await runScoring(setup, 'run-2', { batchSize: 10 });
    expect(retry.calls.succeeded).toEqual([['l2', 'l4']]);
  });

  it('fails the record when every lead examined failed', async () => {
    const setup = await setUp(0, fiveLeads.slice(0, 2));
    await addRubricVersion(setup.store, freight);
    const broken = scorerFailing({ l1: 'omit', l2: 'omit' });

    expect((await runScoring(setup, 'run-1', { scorer: broken })).outcome).toEqual({
      status: 'failed',
      code: 'scoring_failed',
      message: 'none of the 2 leads examined could be scored',
    });
  });

  it('fails the record without touching the leads when the scorer itself is down', async () => {
    const setup = await setUp();
    await addRubricVersion(setup.store, freight);
    const down: LeadScorer = {
      name: 'remote',
      async scoreBatch() {
        throw new AppError('rate_limited', 'provider answered 429 five times');
      },
    };
    const { outcome, calls } = await runScoring(setup, 'run-1', { scorer: down });

    expect(outcome).toEqual({
      status: 'failed',
      code: 'rate_limited',
      message: 'the remote scorer failed: provider answered 429 five times',
    });
    expect(calls.examined).toEqual([]);
    const statuses = (await scoreColumns(setup.store)).map((row) => row.score_status);
    expect(statuses).toEqual(['pending', 'pending', 'pending', 'pending', 'pending']);
  });
});
