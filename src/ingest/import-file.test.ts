import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import type { TenantStore } from '../db/tenancy.ts';
import { type ImportOptions, importFile, rejectionReportCsv } from './import-file.ts';

const header = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On';
const preamble = 'Notes:\n"Note: some e-mail addresses may be missing, because of settings."\n\n';

let world: TestWorld;
let store: TenantStore;
let folder: string;
let release: () => void;

beforeEach(async () => {
  world = await createTestWorld();
  folder = mkdtempSync(join(tmpdir(), 'leadbase-import-'));
  const { access } = await world.addClient();
  // Hold the store open for the whole test, as a command or request would.
  await new Promise<void>((opened) => {
    void world.stores.withTenant(access, (tenant) => {
      store = tenant;
      opened();
      return new Promise<void>((done) => {
        release = done;
      });
    });
  });
});

afterEach(async () => {
  release();
  await world.close();
  rmSync(folder, { recursive: true, force: true });
});

function fixture(name: string, text: string | Buffer): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

const importText = (name: string, text: string, options: ImportOptions = {}) =>
  importFile(store, fixture(name, text), { today: '2025-09-24', ...options });

const leadNames = async () =>
  (await store.db.selectFrom('leads').select('full_name').orderBy('full_name').execute()).map(
    (row) => row.full_name,
  );

describe('finding the header', () => {
  it('skips a preamble, a byte-order mark and CRLF line ends', async () => {
    const text = `\uFEFF${preamble}${header}\nAda,Quill,https://www.linkedin.com/in/ada-quill,,Inkwell,CTO,01 Mar 2024\nBo,,,,,,\n`;
    const report = await importText('c.csv', text.replace(/\n/g, '\r\n'));

    expect(report).toMatchObject({ format: 'connections', records: 2, created: 1 });
    expect(report.rejections).toMatchObject([{ record: 2, line: 6, code: 'unidentifiable' }]);
    expect(await leadNames()).toEqual(['Ada Quill']);
  });

  it('reads semicolon-separated exports of European spreadsheets', async () => {
    const text = `${header.replace(/,/g, ';')}\nAda;Quill;https://www.linkedin.com/in/ada-quill;;Inkwell, Ltd;CTO;01 Mar 2024\n`;
    const report = await importText('semi.csv', text);
    expect(report).toMatchObject({ format: 'connections', created: 1 });
  });

  it('names the columns each format expects when none matches', async () => {
    const attempt = importText('odd.csv', 'Person,Profile\nAda,https://www.linkedin.com/in/ada\n');
    await expect(attempt).rejects.toMatchObject({
      code: 'unknown_format',
      details: {
        expected: {
          connections: 'First Name, Last Name, URL, Email Address, Company, Position, Connected On',
          salesnav: expect.stringContaining('profileUrl, fullName'),
          airtable: expect.stringContaining('Name, LinkedIn URL'),
        },
        firstLine: 'Person,Profile',
      },
    });
  });

  it('refuses an empty file and a header without records, never an empty success', async () => {
    await expect(importText('empty.csv', '\n\n')).rejects.toMatchObject({ code: 'empty_import' });
    await expect(importText('header.csv', `${preamble}${header}\n`)).rejects.toMatchObject({
      code: 'empty_import',
      message: 'header.csv: the header is there but no record follows it',
      details: { headerLine: 4 },
    });
  });
});

describe('bad records', () => {
  it('rejects each with record, line and reason, and keeps the good ones', async () => {
    const text = [
      header,
      'Ada,Quill,https://www.linkedin.com/in/ada-quill,,Inkwell,CTO,01 Mar 2024',
      'Bo,Short,https://www.linkedin.com/in/bo-short,,Inkwell',
      ',,,,,,',
      'Cy,Nourl,,,Inkwell,CFO,01 Mar 2024',
      'Di,Company,https://www.linkedin.com/company/inkwell/,,Inkwell,CEO,01 Mar 2024',
      'Ed,"Multi',
      'Line",https://www.linkedin.com/in/ed-ml,,"Quote ""Co""",COO,02 Mar 2024',
      'Fay,Open,https://www.linkedin.com/in/fay-open,,"Never closed,CMO,01 Mar 2024',
      'Gus,Lost,https://www.linkedin.com/in/gus-lost,,X,Y,01 Mar 2024',
    ].join('\n');
    const report = await importText('bad.csv', text);

    expect(report).toMatchObject({ records: 8, created: 3, rejected: 5 });
    expect(report.rejections.map(({ record, line, code }) => [record, line, code])).toEqual([
      [2, 3, 'bad_row'],
      [3, 4, 'blank_record'],
      [4, 5, 'unidentifiable'],
      [5, 6, 'unidentifiable'],
      [7, 9, 'unbalanced_quote'],
    ]);
    expect(report.rejections[3]!.reason).toBe(
      '"https://www.linkedin.com/company/inkwell/" is not a LinkedIn profile (not a person)',
    );
    expect(await leadNames()).toEqual(['Ada Quill', 'Ed Multi\nLine', 'Gus Lost']);
    expect(rejectionReportCsv(report).split('\n').slice(0, 2)).toEqual([
      'line,record,code,reason',
      '3,2,bad_row,the record has 5 cells where the header has 7: its values would land in the wrong fields',
    ]);
  });

  it('rejects a member ID whose case a spreadsheet changed', async () => {
    const text = `profileUrl,fullName,vmid\nhttps://www.linkedin.com/sales/lead/acwaaabbbbccccddddeeeeffffgggghhhh,Lower Case,acwaaabbbbccccddddeeeeffffgggghhhh\n`;
    const report = await importText('sn.csv', text);
    expect(report.rejections).toMatchObject([{ record: 1, line: 2, code: 'mangled_member_id' }]);
  });
});

describe('dates', () => {
  const rows = (dates: string[]) =>
    [
      header,
      ...dates.map((date, i) => `P,${i},https://www.linkedin.com/in/p-${i},,C,R,${date}`),
    ].join('\n');
  const connectedOn = async () =>
    (await store.db.selectFrom('leads').select('connected_on').orderBy('last_name').execute()).map(
      (row) => row.connected_on,
    );

  it('takes the order of slash dates from the whole file, even from its last record', async () => {
    await importText('dmy.csv', rows(['03/04/2025', '05/06/2024', '13/01/2025']));
    expect(await connectedOn()).toEqual(['2025-04-03', '2024-06-05', '2025-01-13']);
  });

  it('says so when no date proves the order', async () => {
    const report = await importText('amb.csv', rows(['03/04/2025']));
    expect(report.warnings).toEqual([
      { record: 0, line: 1, message: 'no slash date proves its order: 1 were read as DMY' },
    ]);
    expect(await connectedOn()).toEqual(['2025-04-03']);
  });

  it('keeps a date after today and reports it; an unreadable date is left empty', async () => {
    const report = await importText('future.csv', rows(['01 Jan 2026', 'soon']));
    expect(report.warnings).toEqual([
      {
        record: 1,
        line: 2,
        message: 'connected on 2026-01-01, later than today (2025-09-24): kept, but check it',
      },
      {
        record: 2,
        line: 3,
        message: 'Connected On: "soon" is not a date this importer knows; left empty',
      },
    ]);
    expect(await connectedOn()).toEqual(['2026-01-01', null]);
  });
});

describe('batches, dry runs and the import record', () => {
  const people = (count: number, company: string) =>
    [
      header,
      ...Array.from({ length: count }, (_, i) => {
        const url = `https://www.linkedin.com/in/person-${i % 4}${i >= 4 ? '/' : ''}`;
        return `Person,${i % 4},${url},,${company}${i},Role,01 Mar 2024`;
      }),
    ].join('\n');

  it('writes in batches; the later record of a person wins, named in a warning', async () => {
    const progress: number[] = [];
    const path = fixture('batches.csv', people(10, 'Co'));
    const first = await importFile(store, path, {
      batchSize: 3,
      onProgress: (p) => progress.push(p.records),
    });
    const versions = await store.db.selectFrom('leads').select(['id', 'version']).execute();
    const again = await importFile(store, path, { batchSize: 3 });

    expect(first).toMatchObject({ records: 10, created: 4, updated: 0, repeated: 6, unchanged: 0 });
    expect(first.warnings.map((warning) => [warning.record, warning.message])).toEqual([
      [5, 'names the same person as record 1: this later record wins'],
      [6, 'names the same person as record 2: this later record wins'],
      [7, 'names the same person as record 3: this later record wins'],
      [8, 'names the same person as record 4: this later record wins'],
      [9, 'names the same person as record 5: this later record wins'],
      [10, 'names the same person as record 6: this later record wins'],
    ]);
    expect(again).toMatchObject({ records: 10, created: 0, updated: 0, unchanged: 4, repeated: 6 });
    expect(again.warnings).toEqual(first.warnings);
    expect(await store.db.selectFrom('leads').select(['id', 'version']).execute()).toEqual(
      versions,
    );
    expect(progress).toEqual([3, 6, 9, 10]);
    const companies = await store.db
      .selectFrom('leads')
      .select('company')
      .orderBy('company')
      .execute();
    expect(companies.map((row) => row.company)).toEqual(['Co6', 'Co7', 'Co8', 'Co9']);
    const imports = await store.db.selectFrom('imports').selectAll().execute();
    expect(
      imports.map((row) => [row.file_name, row.format, JSON.parse(row.counts).created]),
    ).toEqual([
      ['batches.csv', 'connections', 4],
      ['batches.csv', 'connections', 0],
    ]);
    expect(imports[0]!.file_hash).toBe(imports[1]!.file_hash);
  });

  it('a later import updates what its source states', async () => {
    await importText('one.csv', people(4, 'Old'));
    const report = await importText('two.csv', people(4, 'New'));
    expect(report).toMatchObject({ updated: 4 });
    const versions = await store.db.selectFrom('leads').select('version').execute();
    expect(versions.map((row) => row.version)).toEqual([2, 2, 2, 2]);
  });

  it('a person named twice counts as updated once when stored before, then as repeated', async () => {
    await importText('one.csv', people(4, 'Old'));
    const report = await importText('two.csv', people(8, 'New'));
    expect(report).toMatchObject({ records: 8, created: 0, updated: 4, repeated: 4 });
  });

  it('a dry run reports the same counts and writes nothing', async () => {
    const report = await importText('dry.csv', people(6, 'Co'), { dryRun: true });
    expect(report).toMatchObject({ dryRun: true, records: 6, created: 4, updated: 0, repeated: 2 });
    expect(await leadNames()).toEqual([]);
    expect(await store.db.selectFrom('imports').selectAll().execute()).toEqual([]);
  });
});
