import { afterAll, describe, expect, it } from 'vitest';
import { grantTenantAccess } from '../../src/db/tenancy.ts';
import { RunLedger } from '../../src/runs/run-ledger.ts';
import { getRun } from '../../src/runs/run-queries.ts';
import { testEngine } from '../support/engine.ts';
import {
  type ChaosWorld,
  chaosEngine,
  createChaosWorld,
  seedScoringClients,
} from './chaos-world.ts';
import { WorkerFleet, type WorkerProcess } from './worker-fleet.ts';

// Four `leadbase worker` processes score 50 clients while the test kills workers with SIGKILL
// at random moments and starts new ones. The ledger must come out as if nothing had happened.
// It runs once per suite, in the first engine project, on PostgreSQL unless the test engines
// leave it out (see chaos-world.ts).

const engine = chaosEngine();
const firstProject = (process.env.LEADBASE_TEST_ENGINES ?? 'sqlite').split(',')[0]!.trim();
const clients = 50;
const workers = 4;
const maxKills = 8;
/** The kill phase ends this long after the first claim at the latest; then workers finish. */
const killPhaseMs = 25_000;
/** The run must be finished by then, counted from the workers' start (a test bound, generous). */
const finishWithinMs = 120_000;
// Long enough that a worker starved of CPU by a busy machine does not lose a lease it still
// works under; a killed worker's records are taken over once it lapses.
const leaseMs = 5_000;

/** A deterministic stream of pseudo-random numbers in [0, 1), so a failure can be replayed. */
function randomStream(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let world: ChaosWorld | undefined;
let fleet: WorkerFleet | undefined;
afterAll(async () => {
  await fleet?.stopAll();
  await world?.close();
});

async function leaseHolders(runId: string): Promise<Set<string>> {
  const rows = await world!.stores.control
    .selectFrom('run_records')
    .select('lease_owner')
    .where('run_id', '=', runId)
    .where('status', '=', 'running')
    .execute();
  return new Set(rows.map((row) => String(row.lease_owner)));
}

/** A worker holding a lease when there is one (the owner is host:pid:…), else any live one. */
async function victim(runId: string, random: () => number): Promise<WorkerProcess | undefined> {
  const holders = await leaseHolders(runId);
  const live = [...fleet!.live];
  const working = live.filter((worker) =>
    [...holders].some((owner) => owner.split(':')[1] === String(worker.pid)),
  );
  const pool = working.length > 0 ? working : live;
  return pool[Math.floor(random() * pool.length)];
}

async function runFinished(runId: string): Promise<boolean> {
  return (await getRun(world!.stores, runId)).finishedAt !== null;
}

async function scoreRowsOfRun(clientId: string, runId: string) {
  return world!.stores.withTenant(grantTenantAccess(clientId), async (store) => {
    const leads = await store.db.selectFrom('leads').select('id').execute();
    const scores = await store.db
      .selectFrom('lead_scores')
      .select(['lead_id', 'status'])
      .where('run_id', '=', runId)
      .execute();
    return { leads: leads.length, scores };
  });
}

describe.runIf(testEngine === firstProject)(`chaos: workers killed mid-run (${engine})`, () => {
  it('leaves one finished record per client, every lead scored once, exact counters, no lease', async () => {
    const random = randomStream(Number(process.env.LEADBASE_CHAOS_SEED ?? 20_260_404));
    world = await createChaosWorld(engine);
    const counts = Array.from({ length: clients }, () => 10 + Math.floor(random() * 60));
    const ids = await seedScoringClients(world.stores, counts);
    const { run } = await new RunLedger(world.stores).createRun({
      operations: ['score-leads'],
      trigger: 'cli',
    });
    fleet = new WorkerFleet(world.env, [
      '--concurrency',
      '2',
      '--lease-ms',
      String(leaseMs),
      '--poll-ms',
      '100',
      '--grace-ms',
      '0',
    ]);

    for (let n = 0; n < workers; n += 1) fleet.start();
    const started = Date.now();
    // Kills start once the workers work: a kill while they all still boot proves little.
    while ((await getRun(world.stores, run.id)).status === 'queued') {
      if (Date.now() - started > finishWithinMs) throw new Error(fleet.logs.join('\n'));
      await sleep(100);
    }
    const working = Date.now();
    let kills = 0;
    while (kills < maxKills && Date.now() - working < killPhaseMs && !(await runFinished(run.id))) {
      await sleep(300 + Math.floor(random() * 1200));
      const target = await victim(run.id, random);
      if (!target) continue;
      await fleet.kill(target, 'SIGKILL');
      kills += 1;
      fleet.start();
    }
    while (!(await runFinished(run.id)) && Date.now() - started < finishWithinMs) await sleep(200);
    const exitCodes = await fleet.stopAll();

    const detail = await getRun(world.stores, run.id);
    console.log(
      `chaos (${engine}): ${kills} SIGKILLs survived; ${clients} clients, ` +
        `${counts.reduce((a, b) => a + b, 0)} leads, ${Date.now() - started} ms`,
    );
    expect(
      exitCodes.every((code) => code === 0),
      fleet.logs.join('\n'),
    ).toBe(true);
    expect(kills).toBeGreaterThan(0);
    expect(detail.status).toBe('succeeded');
    expect(detail.records.map((record) => record.clientId)).toEqual(ids);
    const leases = await world.stores.control
      .selectFrom('run_records')
      .select(['lease_owner', 'lease_expires_at'])
      .where((eb) =>
        eb.or([eb('lease_owner', 'is not', null), eb('lease_expires_at', 'is not', null)]),
      )
      .execute();
    expect(leases).toEqual([]);

    for (const [index, record] of detail.records.entries()) {
      const { leads, scores } = await scoreRowsOfRun(record.clientId, run.id);
      const scoredLeads = new Set(scores.map((score) => score.lead_id));
      expect([leads, scores.length, scoredLeads.size]).toEqual([counts[index], leads, leads]);
      expect(scores.every((score) => score.status !== 'failed')).toBe(true);
      expect({
        status: record.status,
        examined: record.examined,
        succeeded: record.succeeded,
        failed: record.failed,
        skipped: record.skipped,
      }).toEqual({ status: 'succeeded', examined: leads, succeeded: leads, failed: 0, skipped: 0 });
    }
  }, 200_000);
});
