// One worker process of bench/runs.ts: `runs-worker.ts score|noop`, over the stores that
// LEADBASE_DATA_DIR / DATABASE_URL / LEADBASE_PG_SCHEMA_PREFIX name. `score` scores with the
// offline scorer, as `leadbase worker` does; `noop` succeeds at once, so that what remains is
// the ledger's own cost. Prints "ready" once it polls; SIGTERM stops it, after it prints the CPU
// time it used since it was ready (`cpu <ms>`).

import { loadConfig } from '../src/config.ts';
import { Stores } from '../src/db/tenancy.ts';
import { logger } from '../src/logger.ts';
import type { Operation, OperationName } from '../src/runs/operation.ts';
import { RunLedger } from '../src/runs/run-ledger.ts';
import { RunWorker } from '../src/runs/worker.ts';
import { defaultWorkerSettings } from '../src/runs/worker-settings.ts';
import { scoreLeadsOperation } from '../src/scoring/score-leads-operation.ts';

logger.level = 'warn';

const noop: Operation = { name: 'score-leads', run: async () => ({ status: 'succeeded' }) };
const operation = process.argv[2] === 'noop' ? noop : scoreLeadsOperation();

const stores = await Stores.open(loadConfig(process.env));
const worker = new RunWorker(
  {
    stores,
    ledger: new RunLedger(stores),
    operations: new Map<OperationName, Operation>([['score-leads', operation]]),
  },
  { ...defaultWorkerSettings, pollMs: 20 },
);
worker.start();
const readyCpu = process.cpuUsage();
process.stdout.write('ready\n');

process.once('SIGTERM', () => {
  void worker
    .stop(0)
    .then(() => stores.close())
    .then(() => {
      const { user, system } = process.cpuUsage(readyCpu);
      process.stdout.write(`cpu ${(user + system) / 1000}\n`, () => process.exit(0));
    });
});
