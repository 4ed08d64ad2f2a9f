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
  const url = await app.listen({ port: settings.port, host: settings.host });
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
