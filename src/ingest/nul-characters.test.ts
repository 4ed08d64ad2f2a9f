import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import type { TenantAccess } from '../db/tenancy.ts';
import { importPostsBody } from '../posts/posts-import.ts';
import { importFile } from './import-file.ts';
import { nulWarning, withoutNul } from './nul-characters.ts';

let world: TestWorld;
let access: TenantAccess;
let folder: string;

afterEach(async () => {
  await world?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

async function setUp() {
  world = await createTestWorld();
  ({ access } = await world.addClient());
  folder = mkdtempSync(join(tmpdir(), 'leadbase-nul-'));
}

function importText(name: string, text: string) {
  const path = join(folder, name);
  writeFileSync(path, text);
  return world.stores.withTenant(access, (store) =>
    importFile(store, path, { today: '2025-09-24' }),
  );
}

function storedLeads() {
  return world.stores.withTenant(access, (store) =>
    store.db.selectFrom('leads').select(['full_name', 'company']).orderBy('full_name').execute(),
  );
}

describe('NUL characters in imported files', () => {
  it('removes U+0000 from CSV cells, warning with the line and the column', async () => {
    await setUp();
    const text =
      'First Name,Last Name,URL,Email Address,Company,Position,Connected On\n' +
      'Ada,Quill,https://www.linkedin.com/in/ada-quill,,Ink\0well,CTO,01 Mar 2024\n' +
      'Bo,Nu\0ll,https://www.linkedin.com/in/bo-null,,,,01 Mar 2024\n';

    const report = await importText('c.csv', text);

    expect([report.created, report.rejected]).toEqual([2, 0]);
    expect(report.warnings).toEqual([
      { record: 1, line: 2, message: nulWarning('Company') },
      { record: 2, line: 3, message: nulWarning('Last Name') },
    ]);
    expect(await storedLeads()).toEqual([
      { full_name: 'Ada Quill', company: 'Inkwell' },
      { full_name: 'Bo Null', company: null },
    ]);
  });

  it('removes U+0000 from a LinkedHelper file, warning with the line and the field', async () => {
    await setUp();
    const persons = [
      { public_id: 'ada-quill', full_name: 'Ada Quill', current_company: 'Ink\u0000well' },
      { public_id: 'bo-null', full_name: 'Bo\u0000 Null', custom: ['x\u0000'] },
    ];

    const report = await importText('lh.json', JSON.stringify(persons, null, 1));

    expect([report.created, report.rejected]).toEqual([2, 0]);
    expect(report.warnings.map(({ record, message }) => [record, message])).toEqual([
      [1, nulWarning('current_company')],
      [2, nulWarning('full_name')],
      [2, nulWarning('custom.0')],
    ]);
    expect(report.warnings.every((warning) => warning.line > 1)).toBe(true);
    expect(await storedLeads()).toEqual([
      { full_name: 'Ada Quill', company: 'Inkwell' },
      { full_name: 'Bo Null', company: null },
    ]);
  });

  it('removes U+0000 from imported posts, warning with the item and the field', async () => {
    await setUp();
    const item = {
      type: 'post',
      id: '7332121712352128371',
      linkedinUrl:
        'https://www.linkedin.com/posts/ada-quill_post-activity-7332121712352128371-Aslg',
      content: 'Shipping\u0000 news',
      author: {
        publicIdentifier: 'ada-quill',
        type: 'profile',
        name: 'Ada Quill',
        linkedinUrl: 'https://www.linkedin.com/in/ada-quill',
      },
      postedAt: { date: '2025-05-24T19:14:00.458Z' },
    };

    const report = await world.stores.withTenant(access, (store) =>
      importPostsBody(store, [item], 'posts.json'),
    );
    const texts = await world.stores.withTenant(access, (store) =>
      store.db.selectFrom('posts').select('text').execute(),
    );

    expect([report.created, report.warnings]).toEqual([1, [nulWarning('item 1.text')]]);
    expect(texts).toEqual([{ text: 'Shipping news' }]);
  });
});

describe('withoutNul', () => {
  it('returns values without U+0000 as they are, and cleans keys and nested values', () => {
    const clean = { a: ['b', { c: 1 }] };
    const warnings: string[] = [];

    expect(withoutNul(clean, warnings)).toBe(clean);
    expect(withoutNul({ 'k\0': { d: ['\0e'] } }, warnings, 'x')).toEqual({ k: { d: ['e'] } });
    expect(warnings).toEqual([nulWarning('x.k.d.0'), nulWarning('x.k (its name)')]);
  });
});
