import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type CliWorld, createCliWorld } from '../../test/support/cli.ts';
import { loadConfig } from '../config.ts';
import { grantTenantAccess, Stores } from '../db/tenancy.ts';

let world: CliWorld;
afterEach(() => world?.close());

const preamble = 'Notes:\n"Some e-mail addresses may be missing from this export."\n\n';
const header = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On\n';

function fixture(name: string, text: string): string {
  const path = join(world.dataDir, name);
  writeFileSync(path, text, 'utf8');
  return path;
}

/** Everything stored for the client and in the control store, to prove a failure changed nothing. */
async function storedState(clientId: string): Promise<string> {
  const stores = await Stores.open(loadConfig(world.env));
  try {
    const control = {
      clients: await stores.control.selectFrom('clients').selectAll().execute(),
      runs: await stores.control.selectFrom('runs').selectAll().execute(),
    };
    const tenant = await stores.withTenant(grantTenantAccess(clientId), async (store) => ({
      leads: await store.db.selectFrom('leads').selectAll().orderBy('id').execute(),
      identities: await store.db.selectFrom('lead_identities').selectAll().orderBy('key').execute(),
      events: await store.db.selectFrom('lead_events').selectAll().orderBy('id').execute(),
      rubrics: await store.db.selectFrom('rubric_versions').selectAll().execute(),
      settings: await store.db.selectFrom('settings').selectAll().orderBy('key').execute(),
      imports: await store.db.selectFrom('imports').selectAll().execute(),
    }));
    return JSON.stringify({ control, tenant });
  } finally {
    await stores.close();
  }
}

async function clientWithLeads(): Promise<void> {
  await world.run('clients', 'add', 'Acme');
  const good = fixture(
    'Connections.csv',
    `${preamble}${header}Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace-0a1b2c,,=Sum Partners,Head of Procurement,03 Mar 2024\nAlan,Turing,https://www.linkedin.com/in/alan-turing-9f8e7d,alan@bletchley.example,Bletchley Freight,Logistics Manager,14 Feb 2023\n`,
  );
  const imported = await world.run('import', good, '--client', 'acme');
  expect(imported.code).toBe(0);
}

describe('leadbase import', () => {
  it('prints a summary, and a re-import changes nothing', async () => {
    world = createCliWorld();
    await clientWithLeads();
    const path = join(world.dataDir, 'Connections.csv');

    const again = await world.run('import', path, '--client', 'acme');

    expect(again).toEqual({
      code: 0,
      stdout:
        'imported Connections.csv into acme as connections: 2 records\n  created 0, updated 0, repeated in the file 0, unchanged 2, merged 0, rejected 0, warnings 0\n',
      stderr: '',
    });
  });

  it('writes rejected rows to a report named on stdout, and fails when nothing was accepted', async () => {
    world = createCliWorld();
    await world.run('clients', 'add', 'Acme');
    const path = fixture(
      'bad-rows.csv',
      `${header}Co,Page,https://www.linkedin.com/company/acme-freight,,Acme,,01 Jan 2024\nNo,Url,,,Acme,Buyer,01 Jan 2024\n`,
    );
    const reportPath = join(world.dataDir, 'rejected.csv');

    const result = await world.run('import', path, '--client', 'acme', '--report', reportPath);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'created 0, updated 0, repeated in the file 0, unchanged 0, merged 0, rejected 2',
    );
    expect(result.stdout).toContain(`  rejected rows: ${reportPath}\n`);
    expect(result.stderr).toBe(
      'error: no record of bad-rows.csv was accepted: all 2 were rejected\n',
    );
    const report = readFileSync(reportPath, 'utf8').trim().split('\n');
    expect(report[0]).toBe('line,record,code,reason');
    expect(report.slice(1).map((row) => row.split(',').slice(0, 2).join(','))).toEqual([
      '2,1',
      '3,2',
    ]);
  });

  it('prints the rejected rows of a dry run instead of writing a report', async () => {
    world = createCliWorld();
    await world.run('clients', 'add', 'Acme');
    const path = fixture(
      'mixed.csv',
      `${header}Co,Page,https://www.linkedin.com/company/acme-freight,,Acme,,01 Jan 2024\nAda,Quill,https://www.linkedin.com/in/ada-quill,,Acme,Buyer,01 Jan 2024\n`,
    );
    const reportPath = join(world.dataDir, 'rejected.csv');

    const plain = await world.run('import', path, '--client', 'acme', '--dry-run');
    const asked = await world.run(
      'import',
      path,
      '--client',
      'acme',
      '--dry-run',
      '--report',
      reportPath,
    );

    expect(plain).toEqual({
      code: 0,
      stdout:
        'would import (dry run, nothing written) mixed.csv into acme as connections: 2 records\n  created 1, updated 0, repeated in the file 0, unchanged 0, merged 0, rejected 1, warnings 0\n  rejected line 2 (record 1), unidentifiable: "https://www.linkedin.com/company/acme-freight" is not a LinkedIn profile (not a person)\n',
      stderr: '',
    });
    expect(asked.stdout).toBe(plain.stdout);
    expect(asked.stderr).toBe(`a dry run writes no report: ${reportPath} left alone\n`);
    expect(existsSync(reportPath)).toBe(false);
    expect(existsSync(join(world.dataDir, 'reports'))).toBe(false);
  });

  it('names the mapped column a file lacks, with the columns it has', async () => {
    world = createCliWorld();
    await world.run('clients', 'add', 'Acme');
    const path = fixture(
      'crm.csv',
      'Name,Profile,Org\nAda Quill,https://www.linkedin.com/in/ada-quill,Acme\n',
    );

    const result = await world.run('import', path, '--client', 'acme', '--map', 'url=Profil');

    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: crm.csv: the column map names "Profil" (for url), which its header does not have; the file\'s columns are Name, Profile, Org\n',
    });
  });

  it('refuses a --report path that is a folder before importing anything', async () => {
    world = createCliWorld();
    await clientWithLeads();
    const before = await storedState('acme');
    const more = fixture(
      'more.csv',
      `${preamble}${header}Grace,Hopper,https://www.linkedin.com/in/grace-hopper-1a2b3c,,Navy Freight,Buyer,01 Jan 2024\n`,
    );

    const result = await world.run('import', more, '--client', 'acme', '--report', world.dataDir);

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `error: cannot write the report ${world.dataDir}: it is not a file\n`,
    );
    expect(await storedState('acme')).toBe(before);
  });

  it('answers a bad file, a missing file and an unknown client with one line and no change', async () => {
    world = createCliWorld();
    await clientWithLeads();
    const before = await storedState('acme');
    const unknown = fixture('people.csv', 'Person,Employer\nAda,Acme\n');
    const empty = fixture('empty.csv', `${preamble}${header}`);

    const results = [
      await world.run('import', unknown, '--client', 'acme'),
      await world.run('import', empty, '--client', 'acme'),
      await world.run('import', join(world.dataDir, 'missing.csv'), '--client', 'acme'),
      await world.run('import', unknown, '--client', 'nobody'),
      await world.run('import', unknown, '--client', 'acme', '--map', 'nonsense=X'),
    ];

    for (const result of results) {
      expect(result.code).toBe(1);
      expect(result.stderr.split('\n')).toHaveLength(2);
      expect(result.stderr.startsWith('error: ')).toBe(true);
    }
    expect(results[0]?.stderr).toMatch(/^error: .*people\.csv.*/);
    expect(results[1]?.stderr).toBe(
      'error: empty.csv: the header is there but no record follows it\n',
    );
    expect(results[2]?.stderr).toBe(
      `error: cannot read ${join(world.dataDir, 'missing.csv')}: no such file\n`,
    );
    expect(results[3]?.stderr).toBe('error: no client with id "nobody"\n');
    expect(results[4]?.stderr).toMatch(/^error: invalid column map: nonsense is not a lead field/);
    expect(await storedState('acme')).toBe(before);

    const stores = await Stores.open(loadConfig(world.env));
    expect(await stores.hasTenant('nobody')).toBe(false);
    await stores.close();
  });

  it('refuses a corrupt rubric with one line, keeping the current version', async () => {
    world = createCliWorld();
    await clientWithLeads();
    const rubricPath = join(process.cwd(), 'examples/rubrics/haulwise-freight-operations.json');
    expect((await world.run('rubric', 'import', rubricPath, '--client', 'acme')).code).toBe(0);
    const before = await storedState('acme');
    const notJson = fixture('broken.json', '{"name": "Half a rubric", "attributes": [');
    const invalid = fixture(
      'invalid.json',
      JSON.stringify({ name: 'Bad', attributes: [{ id: 'A', kind: 'positive', max: -5 }] }),
    );

    const broken = await world.run('rubric', 'import', notJson, '--client', 'acme');
    const wrong = await world.run('rubric', 'import', invalid, '--client', 'acme');

    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^error: .*broken\.json is not valid JSON: .*\n$/);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe(
      `error: invalid rubric in ${invalid}: attributes[0].max: must be greater than 0; attributes[0].label: is required; attributes[0].instructions: is required; attributes[0].signals: is required\n`,
    );
    expect(await storedState('acme')).toBe(before);
    expect((await world.run('rubric', 'versions', '--client', 'acme')).stdout).toContain('v1  yes');
  });
});
