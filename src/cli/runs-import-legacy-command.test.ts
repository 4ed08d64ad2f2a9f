import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { casePath } from '../../test/support/cases.ts';
import { type CliWorld, createCliWorld } from '../../test/support/cli.ts';
import { legacyCaseClients, legacyCaseFile } from '../../test/support/legacy-run-case.ts';

let cli: CliWorld;

beforeEach(() => {
  cli = createCliWorld();
});
afterEach(() => cli.close());

async function addCaseClients(): Promise<void> {
  for (const client of legacyCaseClients) {
    expect((await cli.run('clients', 'add', client.name)).code).toBe(0);
  }
}

/** The ledger run ID the import printed for a legacy run. */
function runIdOf(stdout: string, legacyRun: string): string {
  const line = stdout.split('\n').find((text) => text.startsWith(`${legacyRun} `));
  return line!.trim().split(/\s+/).at(-1)!;
}

describe('leadbase runs import-legacy', () => {
  it('prints the counts and every rejected and flagged row, and writes them to --report', async () => {
    await addCaseClients();
    const reportPath = join(cli.dataDir, 'out', 'legacy-report.csv');

    const result = await cli.run(
      'runs',
      'import-legacy',
      casePath(legacyCaseFile),
      '--report',
      reportPath,
    );

    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines.slice(0, 9)).toEqual([
      `imported legacy run history from ${legacyCaseFile}: 14 rows read`,
      '  client runs 8: created 8, already imported 0 (11 ledger records written, one per operation, in 6 runs)',
      '  merged duplicates 4, rejected 2, flagged 2',
      '  rejected line 13 (record 12): no run ID',
      '  rejected line 15 (record 14): run ID names client Dana-Whitfield but the Client ID column says Ola-Nordmann',
      '  flagged line 10 (record 9), run 250924-152231 of Priya-Raman-Kaur: possible duplicate of run 250924-152230 for the same client (started 1 s apart); kept apart, not merged by guess',
      '  flagged line 12 (record 11), run client-fallback-Ola-Nordmann-1758713400123 of Ola-Nordmann: fallback run ID',
      `  rejected and flagged rows: ${reportPath}`,
      '',
    ]);

    const report = parse(readFileSync(reportPath, 'utf8'), { columns: true }) as Record<
      string,
      string
    >[];
    expect(report.map((row) => [row.outcome, row.line, row.record, row.code, row.run_id])).toEqual([
      ['rejected', '13', '12', 'no_run_id', ''],
      ['rejected', '15', '14', 'client_conflict', 'SR-250924-001-T3304-S1-CDana-Whitfield'],
      ['flagged', '10', '9', '', '250924-152231'],
      ['flagged', '12', '11', '', 'client-fallback-Ola-Nordmann-1758713400123'],
    ]);
  });

  it('changes nothing the second time, and says so', async () => {
    await addCaseClients();
    const first = await cli.run('runs', 'import-legacy', casePath(legacyCaseFile));
    const listed = await cli.run('runs', 'list', '--limit', '50');

    const second = await cli.run('runs', 'import-legacy', casePath(legacyCaseFile));

    expect(second.code).toBe(0);
    expect(second.stdout).toContain('nothing new: 8 client runs already imported');
    expect(runIdOf(second.stdout, 'SR-250924-001-T3304')).toBe(
      runIdOf(first.stdout, 'SR-250924-001-T3304'),
    );
    expect((await cli.run('runs', 'list', '--limit', '50')).stdout).toBe(listed.stdout);
  });

  it('shows imported runs in runs list and runs show, marked as legacy, and will not retry them', async () => {
    await addCaseClients();
    const imported = await cli.run('runs', 'import-legacy', casePath(legacyCaseFile));
    const runId = runIdOf(imported.stdout, 'SR-250924-001-T3304');

    const list = await cli.run('runs', 'list', '--client', 'priya-raman-kaur');
    const shown = await cli.run('runs', 'show', runId);
    const retried = await cli.run('runs', 'retry', runId);

    expect(list.stdout.match(/legacy-import/g)).toHaveLength(3);
    expect(list.stdout).toContain('legacy:250924-152231');
    expect(shown.code).toBe(0);
    const rows = shown.stdout.split('\n').map((line) => line.split(/\s{2,}/).slice(0, 4));
    expect(rows.slice(1, 5)).toEqual([
      ['dana-whitfield', 'score-leads', 'succeeded', '35/35/0/0'],
      ['dana-whitfield', 'harvest-posts', 'succeeded', '20/0/0/0'],
      ['ola-nordmann', 'score-leads', 'succeeded', '12/11/0/0'],
      ['ola-nordmann', 'score-posts', 'succeeded', '4/4/0/0'],
    ]);
    expect(shown.stdout).toContain('imported from legacy run SR-250924-001-T3304:');
    expect(shown.stdout).toContain(
      '  ola-nordmann: legacy client Ola-Nordmann, stream 1, records 5, 6, 13 (run IDs SR-250924-001-T3304-S1-COla-Nordmann, SR-250924-001-T3304-S1-CCOla-Nordmann)',
    );
    expect(shown.stdout).toContain(
      `run ${runId}: succeeded (legacy-import, key legacy:SR-250924-001-T3304`,
    );
    expect(retried.code).toBe(1);
    expect(retried.stderr).toContain(`run ${runId} was imported from the legacy system`);
  });

  it('rejects the rows of clients the registry lacks unless --create-clients is given', async () => {
    const refused = await cli.run('runs', 'import-legacy', casePath(legacyCaseFile));
    const created = await cli.run(
      'runs',
      'import-legacy',
      casePath(legacyCaseFile),
      '--create-clients',
    );

    expect(refused.code).toBe(0);
    expect(refused.stdout).toContain('client runs 0: created 0');
    expect(refused.stdout).toContain('rejected 14');
    expect(refused.stdout).toContain(
      '  rejected line 2 (record 1): client Dana-Whitfield is not in the registry (no client "dana-whitfield"): add it with `leadbase clients add`, or import with --create-clients',
    );
    expect(created.stdout).toContain('client runs 8: created 8');
    expect(created.stdout).toContain(
      'clients created: dana-whitfield, ola-nordmann, priya-raman-kaur',
    );
    expect((await cli.run('clients', 'list')).stdout).toContain('Priya Raman Kaur');
  });

  it('exits non-zero only when the file cannot be read', async () => {
    const folder = join(cli.dataDir, 'folder');
    mkdirSync(folder);
    const leads = join(cli.dataDir, 'leads.csv');
    writeFileSync(leads, 'Name,URL\nAnn,https://www.linkedin.com/in/ann\n');

    const missing = await cli.run('runs', 'import-legacy', join(cli.dataDir, 'nope.csv'));
    const wrongFile = await cli.run('runs', 'import-legacy', leads);
    const badReport = await cli.run('runs', 'import-legacy', leads, '--report', folder);

    expect([missing.code, wrongFile.code, badReport.code]).toEqual([1, 1, 1]);
    expect(missing.stderr).toContain('nope.csv: no such file');
    expect(wrongFile.stderr).toContain(
      'leads.csv is not a legacy run-record export: it has no Run ID, Client ID, Start Time, Status column',
    );
    expect(badReport.stderr).toContain(`cannot write the report ${folder}: it is not a file`);
  });
});
