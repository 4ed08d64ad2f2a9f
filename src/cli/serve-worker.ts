import { type WorkerSettings, workerSettings } from '../runs/worker-settings.ts';

/**
 * The worker `leadbase serve` runs in process, or false. By default there is one on the
 * embedded stores (nothing else works their runs) and none with a shared database
 * (DATABASE_URL), where `leadbase worker` processes work the runs. `--worker` asks for one
 * anyway; without the flag, LEADBASE_SERVE_WORKER=1 or 0 decides.
 */
export function inProcessWorker(
  env: NodeJS.ProcessEnv,
  flag: boolean | undefined,
): WorkerSettings | false {
  const fromEnv = env.LEADBASE_SERVE_WORKER;
  const byDefault = fromEnv === undefined || fromEnv === '';
  const wanted = flag ?? (byDefault ? !env.DATABASE_URL : fromEnv !== '0');
  return wanted ? workerSettings(env) : false;
}
