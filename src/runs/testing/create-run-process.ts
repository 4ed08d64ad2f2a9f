/**
 * A separate process that creates a run, for the test that races several processes on one
 * idempotency key: `create-run-process.ts <dataDir> <key> <startAtMs>`. Prints the outcome as
 * JSON on stdout.
 */
import { loadConfig } from '../../config.ts';
import { Stores } from '../../db/tenancy.ts';
import { RunLedger } from '../run-ledger.ts';

const [dataDir, key, startAt] = process.argv.slice(2);
// The engine (DATABASE_URL and the schema prefix) comes from the environment, as in production.
const stores = await Stores.open(loadConfig({ ...process.env, LEADBASE_DATA_DIR: dataDir! }));

// Every process opens its stores first and then starts together, so that their writes collide.
await new Promise((resolve) => setTimeout(resolve, Math.max(Number(startAt) - Date.now(), 0)));
const { run, created } = await new RunLedger(stores).createRun({
  operations: ['score-leads', 'harvest-posts'],
  trigger: 'schedule',
  idempotencyKey: key!,
});
process.stdout.write(JSON.stringify({ runId: run.id, created, records: run.records.length }));
await stores.close();
