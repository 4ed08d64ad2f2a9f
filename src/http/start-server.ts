import { AppError } from '../errors.ts';
import type { AppInstance } from './route-kit.ts';
import { buildServer, type ServerOptions } from './server.ts';
import { defaultServerSettings } from './server-config.ts';

export interface RunningServer {
  app: AppInstance;
  /** Where it listens, e.g. http://127.0.0.1:3000. */
  url: string;
  /** Stops taking requests, lets the ones in flight finish, then resolves. */
  close(): Promise<void>;
}

/** Builds the server and listens on the configured host and port. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const settings = { ...defaultServerSettings, ...options.settings };
  const app = await buildServer({ ...options, settings });
  const url = await listenOrClose(app, settings.port, settings.host);
  let closing: Promise<void> | undefined;
  return {
    app,
    url,
    close() {
      closing ??= app.close();
      return closing;
    },
  };
}

/**
 * Listens, or closes the app (stopping its worker) and says why it could not: a server that
 * failed to bind must not linger with a worker running against stores about to be closed.
 */
async function listenOrClose(app: AppInstance, port: number, host: string): Promise<string> {
  try {
    return await app.listen({ port, host });
  } catch (error) {
    await app.close();
    throw listenError(error, port, host);
  }
}

/** Why the server could not listen, by the error's code, in words that say what to change. */
const listenFailures: Record<string, (port: number, host: string) => string> = {
  EADDRINUSE: (port, host) =>
    `port ${port} is already in use on ${host}; choose another with --port/PORT`,
  EACCES: (port, host) =>
    `not allowed to listen on port ${port} on ${host}; choose a port above 1023 with --port/PORT`,
  EADDRNOTAVAIL: (_port, host) => `${host} is not an address of this machine; check --host/HOST`,
};

function listenError(error: unknown, port: number, host: string): unknown {
  const failure = listenFailures[(error as NodeJS.ErrnoException | null)?.code ?? ''];
  return failure ? new AppError('bad_request', failure(port, host), { cause: error }) : error;
}

/** Resolves once the first of `signals` arrived and the server finished its requests. */
export function closeOnSignals(
  server: RunningServer,
  signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'],
): Promise<NodeJS.Signals> {
  return new Promise((resolve, reject) => {
    const onSignal = (signal: NodeJS.Signals) => {
      for (const name of signals) process.off(name, onSignal);
      server.app.log.info({ signal }, 'shutting down: finishing requests in flight');
      server.close().then(() => resolve(signal), reject);
    };
    for (const name of signals) process.once(name, onSignal);
  });
}
