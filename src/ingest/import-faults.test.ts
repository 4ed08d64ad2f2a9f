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
    });
    const report = await importBytes('long.json', JSON.stringify([body]));

    expect(report).toMatchObject({ created: 1, rejected: 0 });
    expect(report.warnings.map((warning) => [warning.record, warning.message])).toEqual([
      [1, 'headline: 20,000 characters, cut to the first 10,000'],
      [1, 'summary: 150,000 characters, cut to the first 100,000'],
      [1, 'custom_note: 10,001 characters, cut to the first 10,000'],
      [1, 'nested: nests deeper than 32 levels; left out'],
    ]);
    const [lead] = await leads();
    expect([lead?.headline?.length, lead?.about?.length]).toEqual([10_000, 100_000]);
  });
});
