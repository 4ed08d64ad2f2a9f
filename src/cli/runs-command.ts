import type { Command } from 'commander';
import { refuseLegacyRetry } from '../runs/legacy-run-records.ts';
import type { Run } from '../runs/run.ts';
import { RunLedger } from '../runs/run-ledger.ts';
import { getRun, listRuns } from '../runs/run-queries.ts';
import type { CliContext } from './context.ts';
import { positiveIntegerOption } from './option-parsers.ts';
import { executeAndReport, printRun } from './run-execution.ts';
import { heldElsewhere, noteWorkHeldElsewhere } from './run-held-elsewhere.ts';
import { registerImportLegacyCommand } from './runs-import-legacy-command.ts';
import { formatTable } from './table.ts';

async function listLedger(
  ctx: CliContext,
  options: { client?: string; limit: number },
): Promise<void> {
  const stores = await ctx.stores();
  if (options.client !== undefined) await (await ctx.registry()).get(options.client);
  const runs = await listRuns(stores, {
    limit: options.limit,
    ...(options.client === undefined ? {} : { clientId: options.client }),
  });
  if (runs.length === 0) {
    ctx.print('no runs yet: start one with `leadbase run`');
    return;
  }
  const lines = formatTable<Run>(
    [
      { header: 'RUN', value: (run) => run.id },
      { header: 'STATUS', value: (run) => run.status },
      { header: 'TRIGGER', value: (run) => run.trigger },
      { header: 'CREATED', value: (run) => run.createdAt },
      { header: 'FINISHED', value: (run) => run.finishedAt ?? '' },
      {
        header: 'CLIENTS',
        value: (run) => run.request.clientIds?.join(',') ?? 'all',
        maxWidth: 30,
      },
      { header: 'OPERATIONS', value: (run) => run.request.operations.join(',') },
      { header: 'KEY', value: (run) => run.idempotencyKey ?? '', maxWidth: 30 },
    ],
    runs,
  );
  for (const line of lines) ctx.print(line);
}

async function showRun(ctx: CliContext, runId: string): Promise<void> {
  printRun(ctx, await getRun(await ctx.stores(), runId));
}

async function retryRun(ctx: CliContext, runId: string): Promise<void> {
  const ledger = new RunLedger(await ctx.stores());
  refuseLegacyRetry(await getRun(await ctx.stores(), runId));
  const run = await ledger.retry(runId);
  const held = await heldElsewhere(ledger, run.id);
  if (held) {
    ctx.note(`run ${run.id} is ${held}: follow it with \`leadbase runs show ${run.id}\``);
    ctx.exitCode = 1;
    return;
  }
  // A record left running under a lapsed lease is work to resume, just like a queued one.
  if ((await ledger.workLeft(run.id)).claimable === 0) {
    ctx.print(
      `nothing to retry: run ${run.id} has no failed or cancelled record, no unresolved item failure and no record skipped for a client that is active again`,
    );
    ctx.print('');
    printRun(ctx, run);
    return;
  }
  const done = await executeAndReport(ctx, ledger, run.id, run.records.length);
  await noteWorkHeldElsewhere(ctx, ledger, done);
}

export function registerRunsCommand(program: Command, ctx: CliContext): void {
  const runs = program.command('runs').description('the run ledger: past and current runs');

  runs
    .command('list')
    .description('recent runs, newest first')
    .option('--client <id>', 'only runs that included this client')
    .option('--limit <n>', 'how many runs', positiveIntegerOption, 20)
    .action((options: { client?: string; limit: number }) => listLedger(ctx, options));

  runs
    .command('show <run-id>')
    .description("a run's records with their counters, and every item that failed")
    .action((runId: string) => showRun(ctx, runId));

  runs
    .command('retry <run-id>')
    .description(
      'queue again the failed and cancelled records of a run, and those skipped while their client was paused, and work through them',
    )
    .action((runId: string) => retryRun(ctx, runId));

  registerImportLegacyCommand(runs, ctx);
}
