// The runs benchmark: clients with 0–200 leads each (1,000 by default, `--clients N`), on
// PostgreSQL (DATABASE_URL, else the local test database; `--engine sqlite` for files). A
// scoring run over every client is worked by 1, 2 and 4 worker processes; each prints client
// records/s and leads/s, with the speed-up over one worker, next to a baseline measured in the
// same run: the same scoring called directly, without ledger or workers. Then the ledger's own
// cost per client record: a run whose operation does nothing, against one bare write
// transaction on the control store. Each worker line also says how busy the machine's cores were
// and how much of them the workers got: on a shared machine, other work takes the rest. Run
// alone with `npx tsx bench/runs.ts [--clients 200]`.

import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ClientRegistry } from '../src/clients/client-registry.ts';
import type { AppConfig } from '../src/config.ts';
import { ServerEngine } from '../src/db/postgres-engine.ts';
import { grantTenantAccess, Stores } from '../src/db/tenancy.ts';
import { logger } from '../src/logger.ts';
import type { OperationProgress } from '../src/runs/operation.ts';
import { RunLedger } from '../src/runs/run-ledger.ts';
import { getRun } from '../src/runs/run-queries.ts';
import { addRubricVersion } from '../src/scoring/rubric-store.ts';
import { scoreLeadsOperation } from '../src/scoring/score-leads-operation.ts';
import { insertLeads, loadExampleRubric } from '../src/scoring/scoring-fixtures.ts';

logger.level = process.env.LOG_LEVEL ?? 'warn';

const { values: options } = parseArgs({
  options: {
    clients: { type: 'string', default: '1000' },
    engine: { type: 'string', default: 'postgres' },
  },
});
const clientCount = Number(options.clients);
if (!Number.isInteger(clientCount) || clientCount < 1) {
  throw new Error(`--clients must be a whole number of at least 1 (got "${options.clients}")`);
}
const engine = options.engine === 'sqlite' ? 'sqlite' : 'postgres';
const databaseUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const workerScript = join(dirname(fileURLToPath(import.meta.url)), 'runs-worker.ts');
const headlines = ['Head of Procurement at Elbkai', 'Logistics Manager', 'COO, trucking', 'Buyer'];

interface BenchWorld {
  config: AppConfig;
  env: NodeJS.ProcessEnv;
  stores: Stores;
  close(): Promise<void>;
}

async function openWorld(): Promise<BenchWorld> {
  const dataDir = mkdtempSync(join(tmpdir(), 'leadbase-bench-runs-'));
  const schemaPrefix = `bench_runs_${process.pid}_`;
  const server = engine === 'postgres' ? { databaseUrl, schemaPrefix } : {};
  const config: AppConfig = { dataDir, maxOpenTenants: 64, ...server };
  const env: NodeJS.ProcessEnv = {
    LEADBASE_DATA_DIR: dataDir,
    DATABASE_URL: engine === 'postgres' ? databaseUrl : '',
    ...(engine === 'postgres' ? { LEADBASE_PG_SCHEMA_PREFIX: schemaPrefix } : {}),
  };
  const stores = await Stores.open(config);
  return {
    config,
    env,
    stores,
    async close() {
      await stores.close();
      if (engine === 'postgres') {
        const dropper = new ServerEngine({ databaseUrl, schemaPrefix, poolSize: 1 });
        await dropper.dropAll().finally(() => dropper.close());
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Client i has (i × 37) mod 201 leads: 0 to 200, the same in every run of the bench. */
async function seed(stores: Stores): Promise<{ ids: string[]; leads: number }> {
  const rubric = loadExampleRubric('haulwise-freight-operations.json');
  const registry = new ClientRegistry(stores);
  const ids: string[] = [];
  let leads = 0;
  for (let index = 0; index < clientCount; index += 1) {
    const id = `bench-${String(index).padStart(5, '0')}`;
    const count = (index * 37) % 201;
    await registry.add({ id, name: id });
    await stores.withTenant(grantTenantAccess(id), async (store) => {
      await addRubricVersion(store, rubric);
      const rows = Array.from({ length: count }, (_, n) => ({
        id: `${id}-${n}`,
        headline: headlines[n % headlines.length]!,
      }));
      for (let start = 0; start < rows.length; start += 250) {
        await insertLeads(store, rows.slice(start, start + 250));
      }
    });
    ids.push(id);
    leads += count;
  }
  return { ids, leads };
}

/** Makes every lead due again, so that the next run scores them all. */
async function resetScores(stores: Stores, ids: string[]): Promise<void> {
  for (const id of ids) {
    await stores.withTenant(grantTenantAccess(id), (store) =>
      store.db.updateTable('leads').set({ scored_rubric_version: null }).execute(),
    );
  }
}

const silent: OperationProgress = {
  examined: async () => {},
  succeeded: async () => {},
  failed: async () => {},
  skipped: async () => {},
  usage: async () => {},
};

/** Baseline: the same scoring called directly over every client, in this one process. */
async function directScoring(stores: Stores, ids: string[]): Promise<number> {
  const registry = new ClientRegistry(stores);
  const operation = scoreLeadsOperation();
  const started = performance.now();
  for (const id of ids) {
    const client = await registry.get(id);
    await stores.withTenant(grantTenantAccess(id), (store) =>
      operation.run({
        runId: 'run_bench_baseline',
        client,
        store,
        progress: silent,
        signal: new AbortController().signal,
      }),
    );
  }
  return (performance.now() - started) / 1000;
}

async function startWorkers(world: BenchWorld, count: number, mode: string) {
  const children: ChildProcess[] = [];
  for (let n = 0; n < count; n += 1) {
    const child = spawn(process.execPath, ['--import', 'tsx', workerScript, mode], {
      env: { ...process.env, ...world.env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
  }
  // Boot time is no part of the figures: the run starts once every worker polls.
  await Promise.all(children.map((child) => once(child.stdout!, 'data')));
  return children;
}

/** CPU time every core of the machine spent so far, busy and in all, in ms. */
function machineCpu(): { busy: number; all: number } {
  let busy = 0;
  let all = 0;
  for (const { times } of cpus()) {
    busy += times.user + times.nice + times.sys + times.irq;
    all += times.user + times.nice + times.sys + times.irq + times.idle;
  }
  return { busy, all };
}

/** Stops the workers; the CPU time they used in all, in ms, as each prints it on its way out. */
async function stopWorkers(children: ChildProcess[]): Promise<number> {
  const used = await Promise.all(
    children.map(async (child) => {
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
      return Number(/cpu ([\d.]+)/.exec(output)?.[1] ?? 0);
    }),
  );
  return used.reduce((sum, ms) => sum + ms, 0);
}

/** One run over every client, worked by `count` worker processes; seconds and leads scored. */
async function timedRun(world: BenchWorld, count: number, mode: string) {
  const children = await startWorkers(world, count, mode);
  const cpuBefore = machineCpu();
  let workerCpuMs: number | undefined;
  try {
    const started = performance.now();
    const ledger = new RunLedger(world.stores);
    const { run } = await ledger.createRun({ operations: ['score-leads'], trigger: 'cli' });
    let detail = run;
    while (detail.finishedAt === null) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      detail = await getRun(world.stores, run.id);
    }
    const seconds = (performance.now() - started) / 1000;
    const leads = detail.records.reduce((sum, record) => sum + record.succeeded, 0);
    const cpuAfter = machineCpu();
    workerCpuMs = await stopWorkers(children);
    const cores = cpus().length;
    const wallMs = (cpuAfter.all - cpuBefore.all) / cores;
    return {
      seconds,
      records: detail.records.length,
      leads,
      cores,
      busyCores: (cpuAfter.busy - cpuBefore.busy) / wallMs,
      workerCores: workerCpuMs / wallMs,
    };
  } finally {
    // Stopped already unless the run failed: an exited worker would never emit 'exit' again.
    if (workerCpuMs === undefined) await stopWorkers(children);
  }
}

/** Baseline of the ledger's cost: one bare single-row write transaction on the control store. */
async function bareWriteMs(stores: Stores): Promise<number> {
  const rounds = 300;
  const started = performance.now();
  for (let round = 0; round < rounds; round += 1) {
    await stores.dialect.writeTransaction(stores.control, (trx) =>
      trx
        .updateTable('clients')
        .set({ updated_at: new Date().toISOString() })
        .where('id', '=', 'bench-00000')
        .execute(),
    );
  }
  return (performance.now() - started) / rounds;
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

async function main(): Promise<void> {
  const world = await openWorld();
  try {
    let started = performance.now();
    const { ids, leads } = await seed(world.stores);
    console.log(
      `runs bench (${engine}): ${fmt(clientCount)} clients, ${fmt(leads)} leads, seeded in ${fmt((performance.now() - started) / 1000, 1)} s`,
    );

    const baselineSeconds = await directScoring(world.stores, ids);
    const baselineRate = leads / baselineSeconds;
    console.log(
      `  baseline, scoring called directly in one process: ${fmt(baselineRate)} leads/s, ${fmt(clientCount / baselineSeconds, 1)} clients/s`,
    );

    let single = 0;
    for (const count of [1, 2, 4]) {
      await resetScores(world.stores, ids);
      const result = await timedRun(world, count, 'score');
      const rate = result.leads / result.seconds;
      if (count === 1) single = rate;
      console.log(
        `  ${count} worker${count === 1 ? ' ' : 's'}: ${fmt(result.records / result.seconds, 1)} client records/s, ${fmt(rate)} leads/s` +
          ` (${fmt(rate / baselineRate, 2)}× baseline, speed-up ${fmt(rate / single, 2)}× over 1 worker; ${fmt(result.leads)} leads in ${fmt(result.seconds, 1)} s;` +
          ` cores busy ${fmt(result.busyCores, 2)} of ${result.cores}, workers ${fmt(result.workerCores, 2)})`,
      );
    }

    started = performance.now();
    const noop = await timedRun(world, 1, 'noop');
    const perRecordMs = (noop.seconds * 1000) / noop.records;
    const writeMs = await bareWriteMs(world.stores);
    console.log(
      `  ledger cost, scoring stubbed to nothing: ${fmt(perRecordMs, 2)} ms per client record` +
        ` (claim, status, finish); a bare write transaction takes ${fmt(writeMs, 2)} ms: ${fmt(perRecordMs / writeMs, 1)}×`,
    );
  } finally {
    await world.close();
  }
}

await main();
