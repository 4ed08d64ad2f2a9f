import { type Command, InvalidArgumentError } from 'commander';
import { AppError } from '../errors.ts';
import type { OperationName } from '../runs/operation.ts';
import { RunLedger } from '../runs/run-ledger.ts';
import type { CliContext } from './context.ts';
import { cliOperationNames } from './operations.ts';
import { repeatOption } from './option-parsers.ts';
import { executeAndReport } from './run-execution.ts';
import { heldElsewhere, noteWorkHeldElsewhere } from './run-held-elsewhere.ts';

interface RunOptions {
  client?: string[];
  stream?: string;
  op?: OperationName[];
  idempotencyKey?: string;
}

function operationOption(value: string, previous: OperationName[] | undefined): OperationName[] {
  const operation = cliOperationNames.find((name) => name === value);
  if (!operation) {
    throw new InvalidArgumentError(`Allowed operations are ${cliOperationNames.join(', ')}.`);
  }
  return [...(previous ?? []), operation];
}

/**
 * A client named on the command line must be active: a run would only record it as skipped, and
 * its idempotency key would be spent on that skip. Running every client still skips paused ones.
 */
async function refusePaused(ctx: CliContext, clientIds: string[]): Promise<void> {
  const registry = await ctx.registry();
  for (const id of clientIds) {
    const client = await registry.find(id);
    if (client?.status === 'paused') {
      throw new AppError(
        'client_paused',
        `client "${id}" is paused: resume it with \`leadbase clients resume ${id}\` to run it`,
        { details: { clientId: id } },
      );
    }
  }
}

async function startRun(ctx: CliContext, options: RunOptions): Promise<void> {
  if (options.client) await refusePaused(ctx, options.client);
  const ledger = new RunLedger(await ctx.stores());
  const { run, created } = await ledger.createRun({
    operations: options.op ?? ['score-leads'],
    trigger: 'cli',
    ...(options.client ? { clientIds: options.client } : {}),
    ...(options.stream ? { stream: options.stream } : {}),
    ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
  });
  if (!created) {
    const holder = `run ${run.id} already holds idempotency key "${options.idempotencyKey}"`;
    const held = await heldElsewhere(ledger, run.id);
    if (held) {
      ctx.note(`${holder} and is ${held}: follow it with \`leadbase runs show ${run.id}\``);
      ctx.exitCode = 1;
      return;
    }
    ctx.note(`${holder}: resuming it`);
  }
  if (run.records.length === 0 && options.stream) {
    ctx.note(`no client is in stream "${options.stream}": nothing to run`);
  } else if (run.records.length === 0) {
    ctx.note('there are no clients to run: add one with `leadbase clients add`');
  }

  const done = await executeAndReport(ctx, ledger, run.id, run.records.length);
  await noteWorkHeldElsewhere(ctx, ledger, done);
}

export function registerRunCommand(program: Command, ctx: CliContext): void {
  program
    .command('run')
    .description('run operations client by client and record each client in the run ledger')
    .option(
      '--client <id>',
      'only this client (repeat for several; default: every client)',
      repeatOption,
    )
    .option('--stream <name>', "only the clients of this processing stream (a client's stream)")
    .option(
      '--op <operation>',
      `operation to run (repeatable): ${cliOperationNames.join(', ')}; default score-leads`,
      operationOption,
    )
    .option('--idempotency-key <key>', 'the same key returns the run it already started')
    .action((options: RunOptions) => startRun(ctx, options));
}
