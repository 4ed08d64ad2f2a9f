import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';

/** A `leadbase worker` child process, with what it wrote to stderr (its log). */
export interface WorkerProcess {
  child: ChildProcess;
  pid: number;
  stderr: () => string;
}

const cli = resolve(import.meta.dirname, '../../bin/leadbase.js');
/** How long `stopAll` waits for a booting worker to say it works runs. */
const readyWithinMs = 30_000;

/** Real `node bin/leadbase.js worker …` processes, started, killed and stopped on demand. */
export class WorkerFleet {
  readonly live = new Set<WorkerProcess>();
  /** What every worker that has exited wrote, for a failing test to show. */
  readonly logs: string[] = [];

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly args: string[],
  ) {}

  start(): WorkerProcess {
    const child = spawn(process.execPath, [cli, 'worker', ...this.args], {
      env: { ...process.env, LOG_LEVEL: 'warn', ...this.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let text = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
    });
    const worker: WorkerProcess = { child, pid: child.pid ?? -1, stderr: () => text };
    this.live.add(worker);
    child.once('exit', () => {
      this.live.delete(worker);
      this.logs.push(`worker ${worker.pid}: ${text}`);
    });
    return worker;
  }

  async kill(worker: WorkerProcess, signal: NodeJS.Signals): Promise<number | null> {
    if (worker.child.exitCode !== null || worker.child.signalCode !== null) {
      return worker.child.exitCode;
    }
    const exited = once(worker.child, 'exit');
    worker.child.kill(signal);
    const [code] = (await exited) as [number | null];
    return code;
  }

  /**
   * Stops every live worker with SIGTERM; resolves with their exit codes. A worker restarted just
   * before may still be booting, and a SIGTERM before its handler is installed ends it by signal
   * (exit code null), so each is first given time to say it works runs.
   */
  async stopAll(): Promise<(number | null)[]> {
    return Promise.all(
      [...this.live].map(async (worker) => {
        const deadline = Date.now() + readyWithinMs;
        while (
          !worker.stderr().includes('working runs') &&
          worker.child.exitCode === null &&
          Date.now() <= deadline
        ) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        return this.kill(worker, 'SIGTERM');
      }),
    );
  }
}
