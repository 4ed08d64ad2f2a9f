import { Command, CommanderError } from 'commander';
import { registerBackupCommand } from './backup-command.ts';
import { registerClientsCommand } from './clients-command.ts';
import { CliContext, type CliStreams } from './context.ts';
import { registerDemoCommand } from './demo-command.ts';
import { errorLines } from './error-line.ts';
import { registerImportCommand } from './import-command.ts';
import { registerInboxCommand } from './inbox-command.ts';
import { registerLeadsCommand } from './leads-command.ts';
import { registerPostsCommand } from './posts-command.ts';
import { registerRubricCommand } from './rubric-command.ts';
import { registerRunCommand } from './run-command.ts';
import { registerRunsCommand } from './runs-command.ts';
import { registerServeCommand } from './serve-command.ts';
import { registerTokensCommand } from './tokens-command.ts';
import { registerTopLeadsCommand } from './top-leads-command.ts';
import { registerWorkerCommands } from './worker-command.ts';

const helpFooter = `
Examples:
  leadbase clients add "Acme Freight" --time-zone Europe/Berlin
  leadbase import Connections.csv --client acme-freight
  leadbase rubric import rubric.json --client acme-freight
  leadbase run --client acme-freight
  leadbase leads list --client acme-freight --min-score 60 --search procurement

Environment (the only source of settings and secrets):
  LEADBASE_DATA_DIR           folder of the stores and import reports (default ./data)
  DATABASE_URL                postgres://… keeps the stores in PostgreSQL instead of files
  LEADBASE_PG_SCHEMA_PREFIX   start of every schema name there (default leadbase_)
  LEADBASE_MAX_OPEN_TENANTS   client stores kept open at once (default 64)
  LEADBASE_DEBUG=1            print the stack of an unexpected error
  LOG_LEVEL                   level of the JSON logs on stderr (default warn; info for serve)
  LEADBASE_HTTP_LOG_LEVEL     the server's log level alone (default LOG_LEVEL)
  LEADBASE_SCORER=llm         score with an OpenAI-compatible model (LEADBASE_LLM_* settings:
                              BASE_URL, MODEL, API_KEY, BATCH_SIZE, CONCURRENCY, TIMEOUT_MS,
                              MAX_ATTEMPTS, MAX_RETRY_WAIT_MS, ITEM_RETRIES, JSON_MODE,
                              TEMPERATURE, COMPLETION_TOKENS_PER_LEAD, PRICES, TOKENS_PER_RUN,
                              TOKENS_PER_DAY)
  LEADBASE_APIFY_*            harvesting posts: BASE_URL and TOKEN (both needed), ACTOR, INPUT,
                              MAX_POSTS, MAX_RUN_MINUTES
  LEADBASE_SCHEDULES          JSON file of scheduled runs (default <data dir>/schedules.json)
  LEADBASE_WORKER_*           worker settings: CONCURRENCY, LEASE_MS, POLL_MS, GRACE_MS
  PORT, HOST                  where serve listens (default 3000 on 127.0.0.1)
  LEADBASE_SERVE_WORKER       1: serve works queued runs on PostgreSQL too; 0: never
  LEADBASE_TRUST_PROXY        1, or the proxies' addresses: take the caller from X-Forwarded-For
  LEADBASE_SECURE_COOKIES=1   mark the session cookie Secure behind a TLS proxy
  LEADBASE_CORS_ORIGINS       origins allowed to call the API from a browser (comma-separated)
  LEADBASE_RATE_LIMIT_PER_MINUTE   requests per token or address (default 1200; 0: off)
  LEADBASE_BODY_LIMIT_BYTES   largest JSON body (default 1 MiB)
  LEADBASE_UPLOAD_LIMIT_BYTES largest uploaded import file (default 100 MiB)
`;

export interface CliOptions {
  env?: NodeJS.ProcessEnv;
  streams?: CliStreams;
}

function buildProgram(ctx: CliContext): Command {
  const program = new Command('leadbase')
    .description('Leads from LinkedIn exports, kept per client, scored against each rubric')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.streams.stdout.write(text),
      writeErr: (text) => ctx.streams.stderr.write(text),
    })
    .showSuggestionAfterError(false)
    .addHelpText('after', helpFooter);

  // Subcommands copy the settings above when they are created, so these come after them.
  registerClientsCommand(program, ctx);
  registerImportCommand(program, ctx);
  registerLeadsCommand(program, ctx);
  registerRubricCommand(program, ctx);
  registerRunCommand(program, ctx);
  registerRunsCommand(program, ctx);
  registerTopLeadsCommand(program, ctx);
  registerPostsCommand(program, ctx);
  registerInboxCommand(program, ctx);
  registerTokensCommand(program, ctx);
  registerServeCommand(program, ctx);
  registerBackupCommand(program, ctx);
  registerWorkerCommands(program, ctx);
  registerDemoCommand(program, ctx);
  return program;
}

/** Runs one command line (without `node` and the script) and returns the exit code. */
export async function runCli(argv: string[], options: CliOptions = {}): Promise<number> {
  const env = options.env ?? process.env;
  const ctx = new CliContext(
    env,
    options.streams ?? { stdout: process.stdout, stderr: process.stderr },
  );
  try {
    await buildProgram(ctx).parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    // Commander has already printed its one-line usage error (or the help).
    if (error instanceof CommanderError) return error.exitCode;
    for (const line of errorLines(error, env.LEADBASE_DEBUG === '1')) ctx.note(line);
    return 1;
  } finally {
    await ctx.close();
  }
}
