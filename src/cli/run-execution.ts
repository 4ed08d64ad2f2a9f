import type { RunDetail } from '../runs/run.ts';
import { executeRun, type RunEvent } from '../runs/run-executor.ts';
import type { RunLedger } from '../runs/run-ledger.ts';
import type { CliContext } from './context.ts';
import { legacyLines } from './legacy-run-view.ts';
import { cliOperations } from './operations.ts';
import { delayedProgressBar } from './progress-bar.ts';
import { failureLines, recordLines, runFailed, runHeadline } from './run-view.ts';

/** Works through a run with a progress bar, then prints its records; failure sets the exit code. */
export async function executeAndReport(
  ctx: CliContext,
  ledger: RunLedger,
  runId: string,
  recordCount: number,
): Promise<RunDetail> {
  const stores = await ctx.stores();
  const bar = delayedProgressBar(
    ctx,
    'run |{bar}| {value}/{total} client records · {client} {operation} examined {examined}',
    recordCount,
  );
  let finished = 0;
  let examined = 0;
  const onEvent = (event: RunEvent) => {
    if (event.type === 'record-started') {
      examined = 0;
      bar.update(finished, {
        client: event.record.clientId,
        operation: event.record.operation,
        examined,
      });
    } else if (event.type === 'record-progress') {
      examined += event.delta.examined ?? 0;
      bar.update(finished, { examined });
    } else {
      finished += 1;
      bar.update(finished);
    }
  };

  let run: RunDetail;
  try {
    run = await executeRun({ stores, ledger, operations: cliOperations(ctx.env), onEvent }, runId);
  } finally {
    bar.stop();
  }
  printRun(ctx, run);
  return run;
}

export function printRun(ctx: CliContext, run: RunDetail): void {
  for (const line of recordLines(run.records)) ctx.print(line);
  for (const line of failureLines(run)) ctx.print(line);
  for (const line of legacyLines(run)) ctx.print(line);
  ctx.print('');
  ctx.print(runHeadline(run));
  if (runFailed(run)) ctx.exitCode = 1;
}
