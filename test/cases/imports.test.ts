import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/ingest/import-file.ts';
import {
  casePath,
  casesToday,
  eventCount,
  leadByKey,
  leadCount,
  readExpected,
  readRecords,
  versions,
  withClientStore,
} from './import-cases.ts';

interface ConnectionsExpected {
  layout: { header_physical_line: number; data_records: number };
  records_without_url: number[];
  blank_records: number[];
  keyed_records: number;
  unique_people_by_canonical_key: number;
  duplicate_groups: { key: string; records: number[] }[];
  must_not_merge_same_name_different_keys: { name: string; distinct_keys: string[] }[];
  legacy_pub_records: number[];
  records_with_email: number;
  records_with_embedded_newline: number[];
  records_with_comma_in_a_field: number[];
  records: { record: number; key: string | null; connected_on?: string; name?: string }[];
}

const connections = 'connections-export-300.csv';
const expected = readExpected<ConnectionsExpected>('connections-export-300.expected.json');

describe('connections-export-300.csv, read', () => {
  it('finds the header below the preamble and reads every record with its key and date', async () => {
    const { file, records, rejections } = await readRecords(connections);

    expect(file.format).toBe('connections');
    expect(file.headerLine).toBe(expected.layout.header_physical_line);
    expect(records.size + rejections.length).toBe(expected.layout.data_records);
    for (const record of expected.records) {
      const parsed = records.get(record.record);
      if (record.key === null && expected.blank_records.includes(record.record)) {
        expect(rejections.find((r) => r.record === record.record)?.code).toBe('blank_record');
        continue;
      }
      expect(parsed?.keys ?? null).toEqual(record.key === null ? null : [record.key]);
      expect(parsed?.input.profile.connectedOn).toBe(record.connected_on);
      expect(parsed?.input.profile.fullName).toBe(record.name);
    }
  });

  it('keeps quoted commas, line breaks and e-mail addresses', async () => {
    const { records } = await readRecords(connections);
    const inputs = [...records.values()].map((record) => record.input);

    expect(inputs.filter((input) => input.profile.email).length).toBe(expected.records_with_email);
    for (const record of expected.records_with_embedded_newline) {
      expect(records.get(record)?.input.profile.position).toContain('\n');
    }
    for (const record of expected.records_with_comma_in_a_field) {
      const profile = records.get(record)?.input.profile ?? {};
      expect(Object.values(profile).some((value) => String(value).includes(','))).toBe(true);
    }
  });
});

describe('connections-export-300.csv, imported', () => {
  it('gives 277 people, one lead per duplicate group, and keeps namesakes apart', async () => {
    await withClientStore(async (store) => {
      const report = await importFile(store, casePath(connections), { today: casesToday });

      // Each later record of a duplicate group carries an earlier connection date: it changes the
      // lead its group's first record created, a repeat, not an update of a lead stored before.
      expect(report).toMatchObject({
        format: 'connections',
        records: 300,
        created: expected.unique_people_by_canonical_key,
        updated: 0,
        repeated: expected.keyed_records - expected.unique_people_by_canonical_key,
        unchanged: 0,
        merged: 0,
        rejected: 3,
      });
      expect(report.rejections.map((r) => [r.record, r.code])).toEqual([
        [74, 'unidentifiable'],
        [151, 'blank_record'],
        [230, 'unidentifiable'],
      ]);
      expect(report.rejections.map((r) => r.line)).toEqual([79, 156, 235]);
      expect(await leadCount(store)).toBe(277);

      for (const group of expected.duplicate_groups) {
        const lead = await leadByKey(store, group.key);
        const dates = group.records.map(
          (record) => expected.records.find((r) => r.record === record)?.connected_on ?? '',
        );
        expect(lead.identities).toEqual([group.key]);
        expect(lead.connectedOn).toBe([...dates].sort()[0]);
      }
      for (const namesakes of expected.must_not_merge_same_name_different_keys) {
        const ids = await Promise.all(namesakes.distinct_keys.map((k) => leadByKey(store, k)));
        expect(new Set(ids.map((lead) => lead.id)).size).toBe(namesakes.distinct_keys.length);
      }
      const pub = expected.records.find((r) => r.record === expected.legacy_pub_records[0]);
      expect((await leadByKey(store, pub!.key!)).fullName).toBe('Bruno Doherty');
    });
  });

  it('warns about the connection date later than the import day, and each repeated person', async () => {
    await withClientStore(async (store) => {
      const report = await importFile(store, casePath(connections), { today: casesToday });
      const repeats = expected.duplicate_groups.flatMap((group) =>
        group.records.slice(1).map((record, index) => ({
          record,
          message: `names the same person as record ${group.records[index]}: this later record wins`,
        })),
      );

      expect(report.warnings[0]).toEqual({
        record: 1,
        line: 5,
        message: 'connected on 2025-09-26, later than today (2025-09-24): kept, but check it',
      });
      expect(report.warnings.slice(1).map(({ record, message }) => ({ record, message }))).toEqual(
        repeats.sort((a, b) => a.record - b.record),
      );
    });
  });

  it('changes nothing when the same file is imported again', async () => {
    await withClientStore(async (store) => {
      await importFile(store, casePath(connections), { today: casesToday });
      const before = { versions: await versions(store), events: await eventCount(store) };

      const again = await importFile(store, casePath(connections), { today: casesToday });

      // Each person once as unchanged; the later records of a person as repeats, as the first time.
      expect(again).toMatchObject({
        created: 0,
        updated: 0,
        repeated: expected.keyed_records - expected.unique_people_by_canonical_key,
        merged: 0,
        unchanged: expected.unique_people_by_canonical_key,
      });
      expect(await versions(store)).toEqual(before.versions);
      expect(await eventCount(store)).toBe(before.events);
      expect(before.events).toBe(277);
    });
  });
});

describe('several sources imported in turn', () => {
  it('settle: a second round of the same files changes nothing', async () => {
    const files = [connections, 'linkedhelper-webhook-10.json', 'salesnav-phantombuster-100.csv'];
    await withClientStore(async (store) => {
      for (const name of files) await importFile(store, casePath(name), { today: casesToday });
      const settled = { versions: await versions(store), events: await eventCount(store) };

      const second = [];
      for (const name of files) {
        second.push(await importFile(store, casePath(name), { today: casesToday }));
      }

      // A file's later records of a person count as repeats again; none of them changes a lead.
      expect(second.map((r) => r.created + r.updated + r.merged)).toEqual([0, 0, 0]);
      expect(await versions(store)).toEqual(settled.versions);
      expect(await eventCount(store)).toBe(settled.events);
      // Greta is in the connections export (01 Dec 2024) and LinkedHelper's (2025-09-22).
      expect(await leadByKey(store, 'in:greta-szabo-693c0c1df')).toMatchObject({
        connectedOn: '2024-12-01',
        company: 'Umbra Payments',
        position: 'Chief Procurement Officer',
        sources: ['connections', 'linkedhelper'],
      });
    });
  });
});
