import type { Command } from 'commander';
import { RunLedger } from '../runs/run-ledger.ts';
import { RunWorker } from '../runs/worker.ts';
import { type WorkerSettings, workerSettings } from '../runs/worker-settings.ts';
import type { Scheduler } from '../schedules/scheduler.ts';
import type { CliContext } from './context.ts';
import { cliOperations } from './operations.ts';
import { configuredSchedules, scheduleLines, startScheduler } from './schedules-setup.ts';
import { nextSignal } from './shutdown-signals.ts';

interface WorkerOptions {
  concurrency?: string;
  leaseMs?: string;
  pollMs?: string;
  graceMs?: string;
  schedules?: boolean;
}

async function work(ctx: CliContext, options: WorkerOptions): Promise<void> {
  const settings: WorkerSettings = workerSettings(ctx.env, {
    concurrency: options.concurrency,
    leaseMs: options.leaseMs,
    pollMs: options.pollMs,
    graceMs: options.graceMs,
  });
  const stores = await ctx.stores();
  const ledger = new RunLedger(stores);
  const worker = new RunWorker({ stores, ledger, operations: cliOperations(ctx.env) }, settings);
  let scheduler: Scheduler | undefined;
  if (options.schedules) scheduler = startScheduler(ctx, ledger, () => worker.wake());

  worker.start();
  ctx.note(
    `worker ${worker.owner} working runs, ${settings.concurrency} at a time (SIGINT or SIGTERM stops it)`,
  );
  const signal = await nextSignal(() => {
    ctx.note('stopping now: records in hand go back to the queue');
    void worker.stop(0);
  });

  ctx.note(`stopping on ${signal}: finishing records in hand for up to ${settings.graceMs} ms`);
  await scheduler?.stop();
  await worker.stop();
  ctx.note('worker stopped');
}

async function schedule(ctx: CliContext, options: { check?: boolean }): Promise<void> {
  if (options.check) {
    const { path, schedules } = configuredSchedules(ctx);
    ctx.print(`${schedules.length} schedule(s) in ${path}`);
    for (const line of scheduleLines(schedules)) ctx.print(line);
    return;
  }

  const scheduler = startScheduler(ctx, new RunLedger(await ctx.stores()));
  const signal = await nextSignal();
  ctx.note(`stopping on ${signal}`);
  await scheduler.stop();
}

export function registerWorkerCommands(program: Command, ctx: CliContext): void {
  program
    .command('worker')
    .description('work queued runs from the ledger, client record by client record, until stopped')
    .option(
      '--concurrency <n>',
      'records worked on at once (LEADBASE_WORKER_CONCURRENCY, default 1)',
    )
    .option(
      '--lease-ms <ms>',
      'lease of a claimed record (LEADBASE_WORKER_LEASE_MS, default 60000)',
    )
    .option('--poll-ms <ms>', 'wait between looks for work (LEADBASE_WORKER_POLL_MS, default 2000)')
    .option(
      '--grace-ms <ms>',
      'time a shutdown lets records finish (LEADBASE_WORKER_GRACE_MS, default 10000)',
    )
    .option('--schedules', 'also fire the configured schedules (see `leadbase scheduler`)')
    .action((options: WorkerOptions) => work(ctx, options));

  program
    .command('scheduler')
    .description(
      'create the runs of the schedules in LEADBASE_SCHEDULES (or <data dir>/schedules.json) at their slots',
    )
    .option('--check', 'validate the schedules and print each with its next slot, then exit')
    .action((options: { check?: boolean }) => schedule(ctx, options));
}
