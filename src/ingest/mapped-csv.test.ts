import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import { getLead } from '../leads/lead-query.ts';
import { columnMapFields } from './column-map-fields.ts';
import { importFile, parseColumnMap } from './import-file.ts';

let world: TestWorld | undefined;
let folder: string | undefined;
afterEach(async () => {
  await world?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('column maps', () => {
  it('reads field=Column pairs in snake_case or camelCase', () => {
    expect(parseColumnMap('url=Profile, company=Org,firstName=Given, follow_up_on=Next')).toEqual({
      url: 'Profile',
      company: 'Org',
      first_name: 'Given',
      follow_up_on: 'Next',
    });
  });

  it('takes the fields the portal offers, and the portal offers every field (aliases aside)', () => {
    const offered = columnMapFields.map(({ field }) => field);
    const aliases = ['profile_url', 'name', 'title', 'summary'];
    let known: string[] = [];
    try {
      parseColumnMap('url=Profile,shoe_size=Shoe');
    } catch (error) {
      const message = (error as { issues: Array<{ message: string }> }).issues[0]!.message;
      known = /\((.*)\)/.exec(message)![1]!.split(', ');
    }

    for (const field of offered.filter((name) => name !== 'url')) {
      expect(parseColumnMap(`url=Profile,${field}=Column`)).toEqual({
        url: 'Profile',
        [field]: 'Column',
      });
    }
    expect(known.filter((field) => !aliases.includes(field)).sort()).toEqual([...offered].sort());
  });

  it('names every bad entry', () => {
    expect(() => parseColumnMap('url=Profile,shoe_size=Shoe,company=,url=Again')).toThrowError(
      expect.objectContaining({
        code: 'validation_failed',
        issues: [
          { path: 'shoe_size', message: expect.stringContaining('is not a lead field') },
          { path: 'company', message: 'names no column: write field=Column Name' },
          { path: 'url', message: 'is mapped twice' },
        ],
      }),
    );
    expect(() => parseColumnMap('company=Org')).toThrowError(
      expect.objectContaining({ issues: [expect.objectContaining({ path: 'url' })] }),
    );
  });
});

describe('a CSV read through a column map', () => {
  it('imports mapped fields, keeps the other columns as extras, refuses a missing column', async () => {
    world = await createTestWorld();
    folder = mkdtempSync(join(tmpdir(), 'leadbase-mapped-'));
    const path = join(folder, 'crm.csv');
    writeFileSync(
      path,
      [
        'Person,Org,Profile,Tags,Next,Owner',
        'Mara Lind,Fjord Freight,https://www.linkedin.com/in/mara-lind,"a, b",10/02/2025,Sam',
        'LinkedIn Member,Hidden Co,,,,Sam',
      ].join('\n'),
    );
    const map = parseColumnMap('url=Profile,name=Person,company=Org,tags=Tags,follow_up_on=Next');
    const { access } = await world.addClient();

    await world.stores.withTenant(access, async (store) => {
      const report = await importFile(store, path, { map });
      const lead = await getLead(store, 'in:mara-lind');

      expect(report).toMatchObject({ format: 'mapped', records: 2, created: 1, rejected: 1 });
      expect(report.rejections[0]).toMatchObject({ record: 2, line: 3, code: 'unidentifiable' });
      expect(lead).toMatchObject({
        fullName: 'Mara Lind',
        company: 'Fjord Freight',
        tags: ['a', 'b'],
        followUpOn: '2025-10-02',
        sources: ['mapped'],
        extra: { mapped: { Owner: 'Sam' } },
      });
      await expect(
        importFile(store, path, { map: { ...map, url: 'Profil', email: 'E-mail' } }),
      ).rejects.toMatchObject({
        code: 'unknown_format',
        message:
          'crm.csv: the column map names "Profil" (for url), "E-mail" (for email), which its header does not have; the file\'s columns are Person, Org, Profile, Tags, Next, Owner',
      });
      await expect(importFile(store, path, { format: 'mapped' })).rejects.toMatchObject({
        code: 'validation_failed',
      });
    });
  });
});
