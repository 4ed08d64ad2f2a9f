import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type CliWorld, createCliWorld } from '../../test/support/cli.ts';

let world: CliWorld;
afterEach(() => world?.close());

const rubricPath = resolve('examples/rubrics/haulwise-freight-operations.json');

async function clientWithScoredInput(): Promise<void> {
  await world.run('clients', 'add', 'Acme');
  await world.run('clients', 'add', 'Bare');
  const csv = join(world.dataDir, 'Connections.csv');
  writeFileSync(
    csv,
    'First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAda,Lovelace,https://www.linkedin.com/in/ada-lovelace-0a1b2c,,Elbkai Spedition GmbH,Head of Procurement,03 Mar 2024\nAlan,Turing,https://www.linkedin.com/in/alan-turing-9f8e7d,,Quantly,Data Scientist,14 Feb 2023\n',
  );
  await world.run('import', csv, '--client', 'acme');
  await world.run('import', csv, '--client', 'bare');
  await world.run('rubric', 'import', rubricPath, '--client', 'acme');
}

function recordLine(stdout: string, clientId: string): string {
  return stdout.split('\n').find((line) => line.startsWith(`${clientId} `)) ?? '';
}

describe('leadbase run and runs', () => {
  it('runs client by client, one line per record; a failed client fails the exit code only', async () => {
    world = createCliWorld();
    await clientWithScoredInput();

    const result = await world.run('run');

    expect(result.code).toBe(1);
    expect(recordLine(result.stdout, 'acme')).toMatch(
      /^acme +score-leads +succeeded +2\/2\/0\/0 +\d+ ms$/,
    );
    expect(recordLine(result.stdout, 'bare')).toMatch(
      /^bare +score-leads +failed +0\/0\/0\/0 +\d+ ms +rubric_missing: /,
    );
    expect(result.stdout).toMatch(/\nrun run_\w+: partially_failed \(cli, created /);
  });

  it('returns the existing run for the same idempotency key, and lists and shows runs', async () => {
    world = createCliWorld();
    await clientWithScoredInput();

    const first = await world.run('run', '--client', 'acme', '--idempotency-key', 'nightly-1');
    const again = await world.run('run', '--client', 'acme', '--idempotency-key', 'nightly-1');
    const runId = /run (run_\w+):/.exec(first.stdout)?.[1] ?? '';
    const listed = await world.run('runs', 'list', '--client', 'acme');
    const shown = await world.run('runs', 'show', runId);

    expect(first.code).toBe(0);
    expect(again.stdout).toBe(first.stdout);
    expect(again.stderr).toBe(
      `run ${runId} already holds idempotency key "nightly-1": resuming it\n`,
    );
    expect(listed.stdout.split('\n').filter((line) => line.startsWith('run_'))).toHaveLength(1);
    expect(listed.stdout).toMatch(new RegExp(`\\n${runId} +succeeded +cli `));
    expect(shown.stdout).toBe(first.stdout);
  });

  it('retries the failed records of a run once the cause is fixed', async () => {
    world = createCliWorld();
    await clientWithScoredInput();
    const failed = await world.run('run', '--client', 'bare');
    const runId = /run (run_\w+):/.exec(failed.stdout)?.[1] ?? '';
    await world.run('rubric', 'import', rubricPath, '--client', 'bare');

    const retried = await world.run('runs', 'retry', runId);

    expect(failed.code).toBe(1);
    expect(retried.code).toBe(0);
    expect(recordLine(retried.stdout, 'bare')).toMatch(
      /^bare +score-leads +succeeded +2\/2\/0\/0 /,
    );
    expect(retried.stdout).toContain(`run ${runId}: succeeded`);
  });

  it('refuses a paused client named with --client, recording no run and spending no key', async () => {
    world = createCliWorld();
    await clientWithScoredInput();
    await world.run('clients', 'pause', 'acme');

    const refused = await world.run('run', '--client', 'acme', '--idempotency-key', 'k-1');
    const noRuns = await world.run('runs', 'list');
    await world.run('clients', 'resume', 'acme');
    const resumed = await world.run('run', '--client', 'acme', '--idempotency-key', 'k-1');

    expect(refused).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: client "acme" is paused: resume it with `leadbase clients resume acme` to run it\n',
    });
    expect(noRuns.stdout).toBe('no runs yet: start one with `leadbase run`\n');
    expect(resumed.stderr).toBe('');
    expect(recordLine(resumed.stdout, 'acme')).toMatch(
      /^acme +score-leads +succeeded +2\/2\/0\/0 /,
    );
  });

  it('retries the records a run skipped for a paused client once it is active again', async () => {
    world = createCliWorld();
    await clientWithScoredInput();
    await world.run('rubric', 'import', rubricPath, '--client', 'bare');
    await world.run('clients', 'pause', 'acme');
    const first = await world.run('run');
    const runId = /run (run_\w+):/.exec(first.stdout)?.[1] ?? '';

    const whilePaused = await world.run('runs', 'retry', runId);
    await world.run('clients', 'resume', 'acme');
    const retried = await world.run('runs', 'retry', runId);
    const again = await world.run('runs', 'retry', runId);

    expect(recordLine(first.stdout, 'acme')).toMatch(
      /^acme +score-leads +skipped +0\/0\/0\/0 +– +client_paused: client "acme" is paused$/,
    );
    expect(whilePaused.stdout.split('\n')[0]).toMatch(/^nothing to retry: run run_\w+ has no /);
    expect(recordLine(retried.stdout, 'acme')).toMatch(
      /^acme +score-leads +succeeded +2\/2\/0\/0 /,
    );
    expect(recordLine(retried.stdout, 'bare')).toMatch(
      /^bare +score-leads +succeeded +2\/2\/0\/0 /,
    );
    expect(again.code).toBe(0);
    expect(again.stdout.split('\n')[0]).toBe(
      `nothing to retry: run ${runId} has no failed or cancelled record, no unresolved item failure and no record skipped for a client that is active again`,
    );
    expect(again.stdout).toContain(`run ${runId}: succeeded`);
  });

  it('answers an unknown client or run with one line', async () => {
    world = createCliWorld();
    await world.run('clients', 'add', 'Acme');

    expect(await world.run('run', '--client', 'nobody')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: no client with id "nobody"\n',
    });
    expect(await world.run('runs', 'show', 'run_missing')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: no run with id "run_missing"\n',
    });
    expect((await world.run('runs', 'list')).stdout).toBe(
      'no runs yet: start one with `leadbase run`\n',
    );
  });
});

describe('the leadbase binary', () => {
  it('runs as a child process: help on stdout, an error as one line on stderr', () => {
    world = createCliWorld();
    const env = { ...process.env, ...world.env };
    const bin = resolve('bin/leadbase.js');

    const help = spawnSync(process.execPath, [bin, '--help'], { env, encoding: 'utf8' });
    const missing = spawnSync(process.execPath, [bin, 'leads', 'list', '--client', 'nobody'], {
      env,
      encoding: 'utf8',
    });

    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: leadbase [options] [command]');
    expect(help.stdout).toMatch(/\n {2}import \[options\] <file> +import leads/);
    expect(missing.status).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toBe('error: no client with id "nobody"\n');
  });
});
