import { describe, expect, it } from 'vitest';
import type { TenantStore } from '../../src/db/tenancy.ts';
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

interface SalesNavExpected {
  layout: { data_records: number };
  unique_leads_by_member_id: number;
  repeated_member_ids: { key: string; rows: number[] }[];
  linkedin_member_placeholder_rows: number[];
  alias_links_mid_to_in: Record<string, string[]>;
  rows_matching_connections_export: { row: number; mid: string; in: string }[];
}

const salesNav = 'salesnav-phantombuster-100.csv';
const expected = readExpected<SalesNavExpected>('salesnav-phantombuster-100.expected.json');
const importCase = (store: TenantStore, name: string) =>
  importFile(store, casePath(name), { today: casesToday });

describe('salesnav-phantombuster-100.csv', () => {
  it('gives 93 leads: re-appearances with new search context are one lead', async () => {
    await withClientStore(async (store) => {
      const report = await importCase(store, salesNav);

      expect(report).toMatchObject({ format: 'salesnav', records: 100, created: 93, rejected: 0 });
      expect(await leadCount(store)).toBe(expected.unique_leads_by_member_id);
      for (const repeat of expected.repeated_member_ids) {
        const lead = await leadByKey(store, repeat.key);
        expect(lead.salesNavUrl).toBe(
          `https://www.linkedin.com/sales/lead/${repeat.key.slice('mid:'.length)}`,
        );
      }
    });
  });

  it('links every member ID to the vanity slug the same row states', async () => {
    await withClientStore(async (store) => {
      await importCase(store, salesNav);

      for (const [mid, slugs] of Object.entries(expected.alias_links_mid_to_in)) {
        const lead = await leadByKey(store, mid);
        expect(lead.identities.filter((key) => key.startsWith('in:'))).toEqual(slugs);
        expect(lead.identities).toContain(mid);
        expect(lead.profileUrl).toBe(
          `https://www.linkedin.com/in/${encodeURIComponent(slugs[0]!.slice(3))}`,
        );
      }
    });
  });

  it('keeps "LinkedIn Member" rows with an ID as leads without their placeholder name', async () => {
    const { records } = await readRecords(salesNav);
    await withClientStore(async (store) => {
      await importCase(store, salesNav);

      for (const row of expected.linkedin_member_placeholder_rows) {
        const record = records.get(row)!;
        expect(record.input.placeholder).toBe(true);
        const lead = await leadByKey(store, record.keys![0]!);
        expect([lead.fullName, lead.firstName, lead.lastName]).toEqual([null, null, null]);
        expect(lead.company).toBe(record.input.profile.company);
      }
    });
  });

  it('merges the people also in the connections export, in either order', async () => {
    for (const order of [
      ['connections-export-300.csv', salesNav],
      [salesNav, 'connections-export-300.csv'],
    ]) {
      await withClientStore(async (store) => {
        for (const name of order) await importCase(store, name);

        expect(await leadCount(store)).toBe(277 + 93 - 8);
        for (const match of expected.rows_matching_connections_export) {
          const byMid = await leadByKey(store, match.mid);
          const bySlug = await leadByKey(store, match.in);
          expect(byMid.id).toBe(bySlug.id);
          expect(byMid.sources.sort()).toEqual(['connections', 'salesnav']);
          expect(byMid.connectionStatus).toBe('connected');
        }
      });
    }
  });

  it('changes nothing when imported again', async () => {
    await withClientStore(async (store) => {
      const first = await importCase(store, salesNav);
      const again = await importCase(store, salesNav);
      expect(again).toMatchObject({ created: 0, updated: 0, merged: 0, repeated: first.repeated });
      expect(again.unchanged).toBe(100 - first.repeated);
    });
  });
});
