import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openClientStore } from '../../test/support/lead-fixtures.ts';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import type { TenantStore } from '../db/tenancy.ts';
import { type ImportOptions, importFile } from './import-file.ts';

/** Hostile real-world files: each fault is reported where it is, and good records still land. */

let world: TestWorld;
let store: TenantStore;
let folder: string;

beforeEach(async () => {
  world = await createTestWorld();
  folder = mkdtempSync(join(tmpdir(), 'leadbase-faults-'));
  ({ store } = await openClientStore(world));
});

afterEach(async () => {
  await world.close();
  rmSync(folder, { recursive: true, force: true });
});

function importBytes(name: string, content: string | Buffer, options: ImportOptions = {}) {
  const path = join(folder, name);
  writeFileSync(path, content);
  return importFile(store, path, { today: '2025-09-24', ...options });
}

const header = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On';
const row = (name: string, company = 'Acme') =>
  `${name},Quill,https://www.linkedin.com/in/${name.toLowerCase()}-quill,,${company},CEO,01 Sep 2020`;
const csv = (...lines: string[]) => `${[header, ...lines].join('\n')}\n`;

const leads = async () =>
  store.db
    .selectFrom('leads')
    .select(['full_name', 'headline', 'about'])
    .orderBy('full_name')
    .execute();

const person = (slug: string, fields: Record<string, unknown> = {}) => ({
  profile_url: `https://www.linkedin.com/in/${slug}`,
  full_name: `Person ${slug}`,
  ...fields,
});

describe('LinkedHelper files', () => {
  it('rejects only the malformed persons, each with its line and reason', async () => {
    const body = [
      person('ada'),
      { ...person('bad'), profile_url: ['https://www.linkedin.com/in/bad'] },
      'just a string',
      [person('bo'), null],
      person('cy', { full_name: { first: 'Cy' } }),
    ];
    const text = `[\n${body.map((item) => JSON.stringify(item)).join(',\n')}\n]\n`;
    const report = await importBytes('lh.json', text);

    expect(report).toMatchObject({ records: 6, created: 2, rejected: 4 });
    expect(report.rejections).toEqual([
      {
        record: 2,
        line: 3,
        code: 'bad_field',
        reason: 'profile_url holds an array, where LinkedHelper sends text, a number or true/false',
      },
      {
        record: 3,
        line: 4,
        code: 'not_a_person',
        reason: 'the person is a string, not an object of profile fields',
      },
      {
        record: 5,
        line: 5,
        code: 'not_a_person',
        reason: 'the person is null, not an object of profile fields',
      },
      {
        record: 6,
        line: 6,
        code: 'bad_field',
        reason: 'full_name holds an object, where LinkedHelper sends text, a number or true/false',
      },
    ]);
    expect((await leads()).map((lead) => lead.full_name)).toEqual(['Person ada', 'Person bo']);
  });

  it('says an empty array is empty, and names the file when the body is no person', async () => {
    await expect(importBytes('empty.json', '[]')).rejects.toMatchObject({
      code: 'empty_import',
      message: 'empty.json is an empty JSON array: it holds no person',
    });
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const report = await importBytes('deep.json', deep);
    expect(report.rejections).toEqual([
      {
        record: 1,
        line: 1,
        code: 'not_a_person',
        reason: 'the person is an array, not an object of profile fields',
      },
    ]);
  });

  it('refuses JSON that is not UTF-8, naming the line, and stores nothing', async () => {
    const latin1 = Buffer.from(
      `[\n${JSON.stringify(person('hans'))},\n{"profile_url": "https://www.linkedin.com/in/jurgen", "full_name": "J\u00fcrgen"}\n]`,
      'latin1',
    );
    await expect(importBytes('latin1.json', latin1)).rejects.toMatchObject({
      code: 'bad_file',
      message:
        'latin1.json is not UTF-8: line 3 holds bytes of another encoding; JSON is UTF-8, so save it as UTF-8 and import it again',
    });
    expect(await leads()).toEqual([]);
  });

  it('cuts overlong fields and leaves out extras nested too deep, with warnings', async () => {
    let nested: unknown = 'bottom';
    for (let level = 0; level < 40; level += 1) nested = { inner: nested };
    const body = person('long', {
      headline: 'h'.repeat(20_000),
      summary: 'a'.repeat(150_000),
      custom_note: 'n'.repeat(10_001),
      nested,
      skills_list: `${'['.repeat(50)}${']'.repeat(50)}`,
    });
    const report = await importBytes('long.json', JSON.stringify([body]));

    expect(report).toMatchObject({ created: 1, rejected: 0 });
    expect(report.warnings.map((warning) => [warning.record, warning.message])).toEqual([
      [1, 'headline: 20,000 characters, cut to the first 10,000'],
      [1, 'summary: 150,000 characters, cut to the first 100,000'],
      [1, 'custom_note: 10,001 characters, cut to the first 10,000'],
      [1, 'nested: nests deeper than 32 levels; left out'],
      [1, 'skills_list: nests deeper than 32 levels; left out'],
    ]);
    const [lead] = await leads();
    expect([lead?.headline?.length, lead?.about?.length]).toEqual([10_000, 100_000]);
  });
});

/** Text as Excel saves "CSV" on a western Windows: one byte a character (Windows-1252). */
function windows1252(text: string): Buffer {
  const special: Record<string, number> = { '€': 0x80, '“': 0x93, '”': 0x94, '’': 0x92 };
  return Buffer.from([...text].map((char) => special[char] ?? char.charCodeAt(0)));
}

describe('CSV files not in UTF-8', () => {
  const people = csv(row('Jürgen', 'Müller GmbH'), row('Zoë', 'Café “Crème” €5'));

  it('reads a Windows-1252 file as such, so a re-save by Excel changes no stored name', async () => {
    await importBytes('utf8.csv', people);
    const report = await importBytes('excel.csv', windows1252(people));

    expect(report).toMatchObject({ records: 2, created: 0, updated: 0, unchanged: 2 });
    expect(report.warnings).toEqual([
      {
        record: 0,
        line: 1,
        message:
          'the file is not UTF-8 (line 2 is the first line that is not): it was read as Windows-1252, the encoding Excel saves CSV in; if names look wrong, save it as "CSV UTF-8" and import it again',
      },
    ]);
    const stored = await store.db.selectFrom('leads').select(['full_name', 'company']).execute();
    expect(stored.map((lead) => [lead.full_name, lead.company]).sort()).toEqual([
      ['Jürgen Quill', 'Müller GmbH'],
      ['Zoë Quill', 'Café “Crème” €5'],
    ]);
  });

  it('rejects only the records with broken bytes in a UTF-8 file, keeping what is stored', async () => {
    await importBytes('first.csv', csv(row('Hans', 'Müller AG')));
    const broken = Buffer.concat([
      Buffer.from(`${header}\n${row('Zoë')}\nHans,Quill,https://www.linkedin.com/in/hans-quill,,M`),
      Buffer.from([0xfc]),
      Buffer.from(`ller AG,CEO,01 Sep 2020\n${row('Ida', 'Bad \uFFFD text')}\n${row('Bo')}\n`),
    ]);
    const report = await importBytes('broken.csv', broken);

    expect(report).toMatchObject({ records: 4, created: 2, updated: 0, rejected: 2 });
    const reason =
      'the Company cell holds bytes that are not UTF-8 (shown as \uFFFD): save the file as CSV UTF-8 and import it again; nothing stored was changed';
    expect(report.rejections).toEqual([
      { record: 2, line: 3, code: 'bad_encoding', reason },
      { record: 3, line: 4, code: 'bad_encoding', reason },
    ]);
    expect(report.warnings.map((warning) => warning.message)).toEqual([
      'line 3 is the first to hold bytes that are not UTF-8, in a file that is UTF-8 before it: records holding such bytes were rejected',
    ]);
    const hans = await store.db
      .selectFrom('leads')
      .select('company')
      .where('full_name', '=', 'Hans Quill')
      .executeTakeFirst();
    expect(hans?.company).toBe('Müller AG');
  });
});

describe('CSV quotes that never close', () => {
  it('rejects the line of an unbalanced quote and reads every line after it', async () => {
    const others = Array.from({ length: 50 }, (_, index) => row(`P${index}`));
    const report = await importBytes(
      'unbalanced.csv',
      csv(row('Ann'), 'Ben,"B,https://www.linkedin.com/in/ben,,Acme,CEO,01 Sep 2020', ...others),
    );

    expect(report).toMatchObject({ records: 52, created: 51, rejected: 1 });
    expect(report.rejections).toEqual([
      {
        record: 2,
        line: 3,
        code: 'unbalanced_quote',
        reason:
          'a quote opens a cell on line 3 and does not close where the record ends (an unbalanced quote): line 3 was left out and the lines after it were read on their own',
      },
    ]);
  });

  it('finds an unbalanced quote that a later quoted cell seems to close', async () => {
    const text = csv(
      'Ann,Quill,https://www.linkedin.com/in/ann-quill,,"Acme,CEO,01 Sep 2020',
      row('Bo'),
      row('Cy'),
      'Oren,Falk,https://www.linkedin.com/in/oren-falk,,Sable,"VP, Sales",03 Jan 2024',
      row('Di'),
    ).replace(/\n/g, '\r\n');
    const report = await importBytes('reclosed.csv', text);

    expect(report).toMatchObject({ records: 5, created: 4, rejected: 1 });
    expect(report.rejections.map((rejection) => [rejection.line, rejection.code])).toEqual([
      [2, 'unbalanced_quote'],
    ]);
    expect((await leads()).map((lead) => lead.full_name)).toEqual([
      'Bo Quill',
      'Cy Quill',
      'Di Quill',
      'Oren Falk',
    ]);
  });

  it('keeps sound quoted cells that span lines, and an unclosed quote on the last line', async () => {
    const text = csv(
      'Ann,Quill,https://www.linkedin.com/in/ann-quill,,"Acme, Ltd\nHarbour Road 5, Leith",CEO,01 Sep 2020',
      row('Bo'),
      'Cy,Quill,https://www.linkedin.com/in/cy-quill,,"Acme,CEO,01 Sep 2020',
    );
    const report = await importBytes('multi.csv', text);

    expect(report).toMatchObject({ records: 3, created: 2, rejected: 1 });
    expect(report.rejections.map((rejection) => [rejection.record, rejection.line])).toEqual([
      [3, 5],
    ]);
  });
});

describe('overlong CSV cells', () => {
  it('cuts them, naming the record and the column, and keeps about texts longer', async () => {
    const salesnav = [
      'profileUrl,fullName,summary,job',
      `https://www.linkedin.com/in/ada-quill,Ada Quill,${'a'.repeat(150_000)},${'h'.repeat(12_000)}`,
    ].join('\n');
    const report = await importBytes('long.csv', salesnav);

    expect(report).toMatchObject({ created: 1 });
    expect(report.warnings).toEqual([
      { record: 1, line: 2, message: 'summary: 150,000 characters, cut to the first 100,000' },
      { record: 1, line: 2, message: 'job: 12,000 characters, cut to the first 10,000' },
    ]);
    const [lead] = await leads();
    expect([lead?.about?.length, lead?.headline?.length]).toEqual([100_000, 10_000]);
  });
});

describe('line numbers', () => {
  it('counts the lines of a CRLF notice preamble with a byte-order mark', async () => {
    const preamble = ['Notes:', '"Note: some e-mail addresses may be missing."', ''];
    const rows = [
      row('Ines'),
      row('Oren'),
      row('Mira'),
      'Bad,Row,https://www.linkedin.com/company/acme,,X,Y,01 Sep 2020',
    ];
    const text = `\uFEFF${[...preamble, header, ...rows].join('\r\n')}\r\n`;
    const report = await importBytes('br01.csv', text);

    expect(report.rejections).toMatchObject([{ record: 4, line: 8, code: 'unidentifiable' }]);
  });
});
