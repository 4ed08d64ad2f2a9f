import type { Command } from 'commander';
import pino from 'pino';
import { serverSettingsFromEnv } from '../http/server-config.ts';
import { createServerLogger } from '../http/server-logger.ts';
import { closeOnSignals, startServer } from '../http/start-server.ts';
import { operationConfigFromEnv } from '../runs/operation-registry.ts';
import type { CliContext } from './context.ts';
import { inProcessWorker } from './serve-worker.ts';

/**
 * The server's JSON log (request lines included) on stderr, like every diagnostic of the CLI,
 * at LOG_LEVEL (LEADBASE_HTTP_LOG_LEVEL for the server alone); `info` shows each request.
 */
function serverLog(env: NodeJS.ProcessEnv) {
  const level = env.LEADBASE_HTTP_LOG_LEVEL ?? env.LOG_LEVEL ?? 'info';
  return createServerLogger({ ...env, LEADBASE_HTTP_LOG_LEVEL: level }, pino.destination(2));
}

interface ServeOptions {
  port?: string;
  host?: string;
  worker?: boolean;
}

async function serve(ctx: CliContext, options: ServeOptions): Promise<void> {
  const env = {
    ...ctx.env,
    ...(options.port === undefined ? {} : { PORT: options.port }),
    ...(options.host === undefined ? {} : { HOST: options.host }),
  };
  const worker = inProcessWorker(ctx.env, options.worker);
  const server = await startServer({
    stores: await ctx.stores(),
    settings: serverSettingsFromEnv(env),
    logger: serverLog(env),
    config: operationConfigFromEnv(ctx.env),
    worker,
  });
  ctx.note(`leadbase API listening on ${server.url} (reference at ${server.url}/docs)`);
  ctx.note(
    worker
      ? `working runs in this process, ${worker.concurrency} at a time`
      : 'runs are left to `leadbase worker` processes (serve --worker to work them here too)',
  );

  const signal = await closeOnSignals(server);
  ctx.note(`stopped on ${signal}`);
}

export function registerServeCommand(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('serve the HTTP API on PORT (default 3000) until SIGINT or SIGTERM')
    .option('--port <port>', 'port to listen on (overrides PORT)')
    .option('--host <host>', 'address to listen on (overrides HOST, default 127.0.0.1)')
    .option(
      '--worker',
      'work runs in this process also with DATABASE_URL (always so on the embedded stores)',
    )
    .action((options: ServeOptions) => serve(ctx, options));
}
