import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type CliWorld, createCliWorld } from '../../test/support/cli.ts';
import { loadConfig } from '../config.ts';
import { Stores } from '../db/tenancy.ts';
import { RunLedger } from '../runs/run-ledger.ts';
import { TestClock } from '../runs/testing/test-clock.ts';

let world: CliWorld;
let stores: Stores | undefined;
afterEach(async () => {
  await stores?.close();
  stores = undefined;
  world?.close();
});

const rubricPath = resolve('examples/rubrics/haulwise-freight-operations.json');

async function clientsWithLeads(...names: string[]): Promise<void> {
  const csv = join(world.dataDir, 'Connections.csv');
  writeFileSync(
    csv,
    'First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAda,Lovelace,https://www.linkedin.com/in/ada-lovelace-0a1b2c,,Elbkai Spedition GmbH,Head of Procurement,03 Mar 2024\nAlan,Turing,https://www.linkedin.com/in/alan-turing-9f8e7d,,Quantly,Data Scientist,14 Feb 2023\n',
  );
  for (const name of names) {
    const id = name.toLowerCase();
    await world.run('clients', 'add', name);
    await world.run('import', csv, '--client', id);
    await world.run('rubric', 'import', rubricPath, '--client', id);
  }
}

/**
 * Another process's run over these clients, with its first record claimed at `at`: in the far
 * future its lease is live whatever the time now, in 2025 it lapsed long ago.
 */
async function runHeldByAnotherProcess(at: string, clientIds: string[], key?: string) {
  stores = await Stores.open(loadConfig(world.env));
  const ledger = new RunLedger(stores, { now: new TestClock(at).now });
  const { run } = await ledger.createRun({
    clientIds,
    operations: ['score-leads'],
    trigger: 'cli',
    ...(key ? { idempotencyKey: key } : {}),
  });
  await ledger.claimNext('another-process', 60_000, run.id);
  return run.id;
}

const farFuture = '2999-01-01T10:00:00.000Z';

function recordLine(stdout: string, clientId: string): string {
  return stdout.split('\n').find((line) => line.startsWith(`${clientId} `)) ?? '';
}

describe('work held by another process', () => {
  it('fails a run that skipped every client because other runs hold them, and says so', async () => {
    world = createCliWorld();
    await clientsWithLeads('Big');
    const holder = await runHeldByAnotherProcess(farFuture, ['big']);

    const result = await world.run('run', '--client', 'big');

    expect(result.code).toBe(1);
    expect(recordLine(result.stdout, 'big')).toMatch(
      new RegExp(`^big +score-leads +skipped .*already_active: .* in run ${holder}$`),
    );
    expect(result.stderr).toBe(
      `nothing was run: the work is already active in run ${holder} (lease until 10:01:00 UTC); follow it with \`leadbase runs show ${holder}\`\n`,
    );
  });

  it('answers a repeated idempotency key with the lease of the process working on it', async () => {
    world = createCliWorld();
    await clientsWithLeads('Big');
    const holder = await runHeldByAnotherProcess(farFuture, ['big'], 'nightly');

    const result = await world.run('run', '--client', 'big', '--idempotency-key', 'nightly');

    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `run ${holder} already holds idempotency key "nightly" and is already running in another process (lease until 10:01:00 UTC): follow it with \`leadbase runs show ${holder}\`\n`,
    });
  });

  it('works the records left of a run another process shares, then says it still runs', async () => {
    world = createCliWorld();
    await clientsWithLeads('Acme', 'Big');
    const holder = await runHeldByAnotherProcess(farFuture, ['acme', 'big'], 'nightly');

    const result = await world.run(
      'run',
      '--client',
      'acme',
      '--client',
      'big',
      '--idempotency-key',
      'nightly',
    );

    expect(result.code).toBe(1);
    expect(recordLine(result.stdout, 'acme')).toMatch(/^acme +score-leads +running +0\/0\/0\/0 /);
    expect(recordLine(result.stdout, 'big')).toMatch(/^big +score-leads +succeeded +2\/2\/0\/0 /);
    expect(result.stderr).toBe(
      `run ${holder} already holds idempotency key "nightly": resuming it\n` +
        `run ${holder} is still running in another process (lease until 10:01:00 UTC)\n`,
    );
  });

  it('refuses to retry a run inside the lease of the process working on it', async () => {
    world = createCliWorld();
    await clientsWithLeads('Big');
    const holder = await runHeldByAnotherProcess(farFuture, ['big']);

    const result = await world.run('runs', 'retry', holder);

    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `run ${holder} is already running in another process (lease until 10:01:00 UTC): follow it with \`leadbase runs show ${holder}\`\n`,
    });
  });
});

describe('work left by a process that died', () => {
  it('is resumed by a retry of its run once the lease lapsed', async () => {
    world = createCliWorld();
    await clientsWithLeads('Big');
    const dead = await runHeldByAnotherProcess('2025-09-24T01:00:00.000Z', ['big']);

    const result = await world.run('runs', 'retry', dead);

    expect(result.code).toBe(0);
    expect(recordLine(result.stdout, 'big')).toMatch(/^big +score-leads +succeeded +2\/2\/0\/0 /);
    expect(result.stdout).toContain(`run ${dead}: succeeded`);
  });

  it('is taken over by the next run, and the dead run finishes as failed', async () => {
    world = createCliWorld();
    await clientsWithLeads('Big');
    const dead = await runHeldByAnotherProcess('2025-09-24T01:00:00.000Z', ['big']);

    const result = await world.run('run', '--client', 'big');
    const shown = await world.run('runs', 'show', dead);

    expect(result.code).toBe(0);
    expect(recordLine(result.stdout, 'big')).toMatch(/^big +score-leads +succeeded +2\/2\/0\/0 /);
    expect(recordLine(shown.stdout, 'big')).toMatch(
      /^big +score-leads +failed +0\/0\/0\/0 .* superseded: its worker stopped \(lease lapsed at 2025-09-24T01:01:00.000Z\); run run_\w+ took the work over$/,
    );
    expect(shown.stdout).toContain(`run ${dead}: failed`);
  });
});
