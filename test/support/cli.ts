import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { runCli } from '../../src/cli/program.ts';
import { worldEngine } from './engine.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliWorld {
  dataDir: string;
  /** The environment every command gets: the data folder and, on PostgreSQL, the schemas. */
  env: NodeJS.ProcessEnv;
  /** Runs one `leadbase …` command line in process against this world's data folder. */
  run(...args: string[]): Promise<CliResult>;
  /** The same, with some environment variables set or replaced. */
  runWith(extraEnv: NodeJS.ProcessEnv, ...args: string[]): Promise<CliResult>;
  close(): Promise<void>;
}

function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** Runs one `leadbase …` command line in process with `env` and collects what it printed. */
export async function runCliWith(env: NodeJS.ProcessEnv, args: string[]): Promise<CliResult> {
  const stdout = collector();
  const stderr = collector();
  const code = await runCli(args, {
    env,
    streams: { stdout: stdout.stream, stderr: stderr.stream },
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/**
 * A fresh LEADBASE_DATA_DIR in a temp folder (and on PostgreSQL schemas of its own) and a way
 * to run the real CLI against it.
 */
export function createCliWorld(): CliWorld {
  const dataDir = mkdtempSync(join(tmpdir(), 'leadbase-cli-'));
  const engine = worldEngine();
  const env = { ...process.env, LEADBASE_DATA_DIR: dataDir, LEADBASE_DEBUG: '', ...engine.env };
  return {
    dataDir,
    env,
    run(...args) {
      return this.runWith({}, ...args);
    },
    runWith(extraEnv, ...args) {
      return runCliWith({ ...env, ...extraEnv }, args);
    },
    async close() {
      await engine.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
