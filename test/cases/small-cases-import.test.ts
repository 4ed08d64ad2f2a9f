import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/ingest/import-file.ts';
import {
  casePath,
  casesToday,
  leadByKey,
  leadCount,
  readExpected,
  readRecords,
  withClientStore,
} from './import-cases.ts';

interface SmallCases {
  [file: string]: {
    records?: number;
    keys?: string[];
    unique_keys?: string[];
    company_of_record_2?: string;
    position_of_record_2?: string;
    record_3_title?: string;
    record_3_tags?: string[];
    record_2_do_not_contact?: boolean;
    record_2_clients?: string[];
    record_1_company?: string;
    record_1_position?: string;
    record_2_last_name?: string;
    connected_on?: string[];
    leads_created?: number;
    rows_rejected_unidentifiable?: number;
  };
}

interface Br09Expected {
  member_id: string;
  aliases_of_that_lead: string[];
}

const small = readExpected<SmallCases>('small-cases.expected.json');
const importCase = (name: string) =>
  withClientStore(async (store) => ({
    report: await importFile(store, casePath(name), { today: casesToday }),
    leads: await leadCount(store),
  }));

describe('BR-01: the notice lines above the header', () => {
  for (const name of [
    'BR-01-connections-preamble.csv',
    'BR-01-connections-preamble-2line.csv',
    'BR-01-connections-preamble-crlf-bom.csv',
  ]) {
    it(`${name} gives its 3 records, never an empty success (BR-18)`, async () => {
      const { records } = await readRecords(name);
      const keys = [...records.values()].map((record) => record.keys);
      expect(keys).toEqual(small[name]!.keys!.map((key) => [key]));
      const lines = [...records.values()].map((record) => record.input.line);
      expect(lines).toEqual(name.includes('2line') ? [4, 5, 6] : [5, 6, 7]);

      const { report, leads } = await importCase(name);
      expect(report).toMatchObject({ format: 'connections', records: 3, created: 3 });
      expect(leads).toBe(3);
    });
  }
});

describe('BR-02: the older Connections.csv layout without URL', () => {
  it('reads fields by column name, and says why no record can become a lead', async () => {
    const name = 'BR-02-connections-old-header.csv';
    const { file, records } = await readRecords(name);
    expect(records.get(2)?.input.profile).toMatchObject({
      company: small[name]!.company_of_record_2,
      position: small[name]!.position_of_record_2,
    });

    const { report, leads } = await importCase(name);
    expect(file.notes[0]).toMatch(/no URL column/);
    expect(report).toMatchObject({ records: small[name]!.records, rejected: 3, created: 0 });
    expect(report.rejections.map((r) => r.code)).toEqual(Array(3).fill('unidentifiable'));
    expect(report.warnings[0]).toMatchObject({ record: 0, line: 4 });
    expect(leads).toBe(0);
  });
});

describe('BR-03: an Airtable export with a byte-order mark', () => {
  it('reads the first column, lists, checked boxes and several clients', async () => {
    const name = 'BR-03-airtable-leads-bom.csv';
    const expected = small[name]!;
    const { file, records } = await readRecords(name);
    expect(file.format).toBe('airtable');
    expect(records.get(1)?.input.profile.fullName).toBe('Ines Vasconcelos');

    await withClientStore(async (store) => {
      await importFile(store, casePath(name), { today: casesToday });
      const [first, second, third] = await Promise.all(
        expected.keys!.map((k) => leadByKey(store, k)),
      );
      expect(third!.position).toBe(expected.record_3_title);
      expect(third!.tags).toEqual(expected.record_3_tags);
      expect(second!.doNotContact).toBe(expected.record_2_do_not_contact);
      expect(second!.extra).toMatchObject({ airtable: { Client: expected.record_2_clients } });
      expect(first).toMatchObject({ status: 'contacted', followUpOn: '2025-09-29' });
      expect(first!.extra).toMatchObject({
        airtable: { Score: 82, 'Last Contacted': '2025-09-22', Created: '2025-09-01' },
      });
    });
  });
});

describe('BR-04: line breaks and quotes inside quoted cells', () => {
  it('keeps each cell whole', async () => {
    const name = 'BR-04-multiline-and-quotes.csv';
    const { records } = await readRecords(name);
    expect(records.size).toBe(small[name]!.records);
    expect(records.get(1)?.input.profile).toMatchObject({
      company: small[name]!.record_1_company,
      position: small[name]!.record_1_position,
    });
    expect(records.get(2)?.input.profile.lastName).toBe(small[name]!.record_2_last_name);
    expect([1, 2, 3].map((r) => records.get(r)?.input.line)).toEqual([5, 7, 8]);
  });
});

describe('BR-06: slash dates whose order the file proves', () => {
  it('reads them day-first and flags the date after the import day', async () => {
    const name = 'BR-06-ambiguous-dates-excel-en-gb.csv';
    const { records } = await readRecords(name);
    expect([1, 2, 3].map((r) => records.get(r)?.input.profile.connectedOn)).toEqual(
      small[name]!.connected_on,
    );

    const { report } = await importCase(name);
    expect(report.warnings).toEqual([
      {
        record: 3,
        line: 7,
        message: 'connected on 2026-01-12, later than today (2025-09-24): kept, but check it',
      },
    ]);
  });
});

describe('BR-07: thirteen spellings of one person', () => {
  it('makes one lead', async () => {
    const name = 'BR-07-url-variants-one-person.csv';
    const { records } = await readRecords(name);
    const keys = new Set([...records.values()].flatMap((record) => record.keys ?? []));
    expect([...keys]).toEqual(small[name]!.unique_keys);

    const { report, leads } = await importCase(name);
    expect(report).toMatchObject({ records: 13, created: 1, repeated: 12 });
    expect(leads).toBe(1);
  });
});

describe('BR-09: Sales Navigator URLs with search context after the ID', () => {
  it('links rows 1-3 into one lead, rejects the lower-cased ID, keeps row 5 apart', async () => {
    const expected = readExpected<Br09Expected>('BR-09-salesnav-id-suffixes.expected.json');
    await withClientStore(async (store) => {
      const report = await importFile(store, casePath('BR-09-salesnav-id-suffixes.csv'));

      // Rows 2 and 3 name the person of row 1 with a newer search and time: repeats, not updates.
      expect(report).toMatchObject({
        records: 5,
        created: 2,
        updated: 0,
        repeated: 2,
        rejected: 1,
      });
      expect(report.rejections).toMatchObject([{ record: 4, line: 5, code: 'mangled_member_id' }]);
      const lead = await leadByKey(store, `mid:${expected.member_id}`);
      expect(lead.identities.sort()).toEqual([...expected.aliases_of_that_lead].sort());
      const placeholder = await leadByKey(store, 'mid:ACwAAyQ6d_gFHUqdUJj9zlHw1qV1ALK5S9r8pfG');
      expect(placeholder.id).not.toBe(lead.id);
      expect(placeholder.fullName).toBeNull();
      expect(await leadCount(store)).toBe(2);
    });
  });
});

describe('BR-10: "LinkedIn Member" rows of a LinkedIn search export', () => {
  it('rejects the rows without an ID and never merges them', async () => {
    const name = 'BR-10-linkedin-member-placeholders.csv';
    const { report, leads } = await importCase(name);

    expect(leads).toBe(small[name]!.leads_created);
    expect(report.rejections.filter((r) => r.code === 'unidentifiable')).toHaveLength(
      small[name]!.rows_rejected_unidentifiable!,
    );
    expect(report.rejections.map((r) => [r.record, r.line])).toEqual([
      [1, 2],
      [2, 3],
    ]);
  });
});
