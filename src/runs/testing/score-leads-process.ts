/**
 * A separate process that runs score-leads for one client and stalls part-way, for the test
 * that kills a worker mid-run: `score-leads-process.ts <dataDir> <clientId> <batches>`. It prints
 * `{"runId": …}` once the run exists, then `batch <n>` as each batch of two leads is reported,
 * and after `<batches>` batches its scorer waits ten minutes, long enough to be killed.
 */
import { loadConfig } from '../../config.ts';
import { Stores } from '../../db/tenancy.ts';
import { offlineScorer } from '../../scoring/offline-scorer.ts';
import { scoreLeadsOperation } from '../../scoring/score-leads-operation.ts';
import type { LeadScorer } from '../../scoring/scorer.ts';
import type { Operation, OperationName } from '../operation.ts';
import { executeRun } from '../run-executor.ts';
import { RunLedger } from '../run-ledger.ts';

const [dataDir, clientId, batches] = process.argv.slice(2);
// The engine (DATABASE_URL and the schema prefix) comes from the environment, as in production.
const stores = await Stores.open(loadConfig({ ...process.env, LEADBASE_DATA_DIR: dataDir! }));
const ledger = new RunLedger(stores);

let asked = 0;
const stalling: LeadScorer = {
  name: 'offline',
  async scoreBatch(leads, rubric, signal) {
    asked += 1;
    if (asked > Number(batches)) await new Promise((resolve) => setTimeout(resolve, 600_000));
    return offlineScorer.scoreBatch(leads, rubric, signal);
  },
};

const { run } = await ledger.createRun({
  clientIds: [clientId!],
  operations: ['score-leads'],
  trigger: 'cli',
});
process.stdout.write(`${JSON.stringify({ runId: run.id })}\n`);

let reported = 0;
await executeRun(
  {
    stores,
    ledger,
    operations: new Map<OperationName, Operation>([
      ['score-leads', scoreLeadsOperation({ scorer: stalling, batchSize: 2 })],
    ]),
    onEvent: (event) => {
      if (event.type !== 'record-progress' || event.delta.succeeded === undefined) return;
      reported += 1;
      process.stdout.write(`batch ${reported}\n`);
    },
  },
  run.id,
);
await stores.close();
