import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type CliWorld, createCliWorld } from '../../test/support/cli.ts';
import { itSqliteOnly } from '../../test/support/engine.ts';

let world: CliWorld;
afterEach(() => world?.close());

const rubricPath = resolve('examples/rubrics/ledgerline-payments-founders.json');

describe('leadbase rubric', () => {
  it('imports versions, shows and exports any of them, and activates an older one', async () => {
    world = createCliWorld();
    await world.run('clients', 'add', 'Acme');
    const first = await world.run('rubric', 'import', rubricPath, '--client', 'acme');
    const same = await world.run('rubric', 'import', rubricPath, '--client', 'acme');
    const exported = await world.run('rubric', 'export', '--client', 'acme');
    const outPath = join(world.dataDir, 'exports', 'rubric-v1.json');
    const exportedToFile = await world.run(
      'rubric',
      'export',
      '--client',
      'acme',
      '--out',
      outPath,
    );
    const edited = JSON.parse(exported.stdout);
    edited.name = 'Ledgerline, second try';
    const editedPath = join(world.dataDir, 'edited.json');
    writeFileSync(editedPath, JSON.stringify(edited));
    await world.run('rubric', 'import', editedPath, '--client', 'acme', '--note', 'renamed');

    const versions = await world.run('rubric', 'versions', '--client', 'acme');
    const shownOld = await world.run('rubric', 'show', '--client', 'acme', '--version', '1');
    const activated = await world.run('rubric', 'activate', '1', '--client', 'acme');
    const shownNow = await world.run('rubric', 'show', '--client', 'acme');

    expect(first.stdout).toBe(
      'client acme: rubric v1 "Ledgerline Advisory – founders and CFOs of payment start-ups" added and made current (6 attributes)\n',
    );
    expect(same.stdout).toBe(
      'client acme: rubric unchanged, it equals the current v1: no version added, no lead to score again\n',
    );
    expect(JSON.parse(exported.stdout).attributes).toHaveLength(6);
    expect(exportedToFile.stderr).toBe(`wrote rubric v1 of client acme to ${outPath}\n`);
    expect(readFileSync(outPath, 'utf8')).toBe(exported.stdout);
    expect(exported.stdout).toBe(`${JSON.stringify(JSON.parse(exported.stdout), null, 2)}\n`);
    const rows = versions.stdout.split('\n');
    expect(rows[0]).toMatch(/^VERSION {2}CURRENT {2}ADDED +NAME +NOTE$/);
    expect(rows[1]).toMatch(/^ {5}v1 {11}\d{4}-\d{2}-\d{2}T/);
    expect(rows[2]).toMatch(/^ {5}v2 {2}yes {6}\d{4}-\d{2}-\d{2}T.* renamed$/);
    expect(versions.stdout).toContain('renamed');
    expect(shownOld.stdout.split('\n')[0]).toMatch(
      /^Ledgerline Advisory – founders and CFOs of payment start-ups — rubric v1 of client acme, added /,
    );
    expect(shownOld.stdout).toContain(
      'A  Founder or finance leader — positive, max 40, at least 20 to qualify',
    );
    expect(activated.stdout).toBe('client acme: rubric v1 is current again\n');
    expect(shownNow.stdout.split('\n')[0]).toContain('rubric v1 (current)');
    expect(readFileSync(rubricPath, 'utf8')).toContain('"Founder or finance leader"');
  });

  it('says so when a client has no rubric yet, or no such version', async () => {
    world = createCliWorld();
    await world.run('clients', 'add', 'Acme');

    expect(await world.run('rubric', 'show', '--client', 'acme')).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: client acme has no rubric yet: add one with `leadbase rubric import <file> --client acme`\n',
    });
    expect((await world.run('rubric', 'export', '--client', 'acme', '--version', '3')).stderr).toBe(
      'error: client acme has no rubric version 3\n',
    );
  });
});

describe('unexpected failures', () => {
  // The failure is a data folder that is a file, which only the embedded engine opens.
  itSqliteOnly('print one short line, and the stack only with LEADBASE_DEBUG=1', async () => {
    world = createCliWorld();
    const notAFolder = join(world.dataDir, 'not-a-folder');
    writeFileSync(notAFolder, 'a file where the data folder should be');

    const plain = await world.runWith({ LEADBASE_DATA_DIR: notAFolder }, 'clients', 'list');
    const debug = await world.runWith(
      { LEADBASE_DATA_DIR: notAFolder, LEADBASE_DEBUG: '1' },
      'clients',
      'list',
    );

    expect(plain).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: unexpected failure: EEXIST: file already exists, mkdir '${notAFolder}' (set LEADBASE_DEBUG=1 for details)\n`,
    });
    const lines = debug.stderr.split('\n');
    expect(debug.code).toBe(1);
    expect(lines[0]).toBe(
      `error: unexpected failure: EEXIST: file already exists, mkdir '${notAFolder}'`,
    );
    expect(lines[1]).toMatch(/^Error: EEXIST/);
    expect(lines.some((line) => line.trim().startsWith('at '))).toBe(true);
  });
});
