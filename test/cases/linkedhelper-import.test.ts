import { describe, expect, it } from 'vitest';
import type { TenantStore } from '../../src/db/tenancy.ts';
import { importFile } from '../../src/ingest/import-file.ts';
import { linkedHelperInputs } from '../../src/ingest/linkedhelper.ts';
import { getLead } from '../../src/leads/lead-query.ts';
import { type WriteCounts, writeLeadInputs } from '../../src/leads/lead-writer.ts';
import {
  casePath,
  casesToday,
  leadByKey,
  leadCount,
  readExpected,
  readRecords,
  withClientStore,
} from './import-cases.ts';

interface LinkedHelperExpected {
  deliveries: number;
  persons_in_deliveries: number;
  unique_leads: number;
}

const expected = readExpected<LinkedHelperExpected>('linkedhelper-webhook-10.expected.json');
const deliveries = readExpected<unknown[]>('linkedhelper-webhook-10.json');

async function leadVersions(store: TenantStore): Promise<Record<string, number>> {
  const rows = await store.db.selectFrom('leads').select(['id', 'version']).execute();
  return Object.fromEntries(rows.map((row) => [row.id, row.version]));
}

/**
 * Every lead's data, keyed by its identities: what two paths must agree on. IDs, times and
 * versions differ by path (one write per delivery, or one per file).
 */
async function comparableLeads(store: TenantStore) {
  const rows = await store.db.selectFrom('leads').select('id').execute();
  const leads = await Promise.all(rows.map((row) => getLead(store, row.id)));
  return Object.fromEntries(
    leads.map(({ id, createdAt, updatedAt, version, profileChangedAt, ...lead }) => {
      const identities = [...lead.identities].sort();
      return [identities.join(' '), { ...lead, identities }];
    }),
  );
}

const outcome = (counts: WriteCounts) =>
  Object.entries(counts)
    .filter(([, value]) => typeof value === 'number' && value !== 0)
    .map(([name, value]) => `${name}:${value}`)
    .join(' ');

describe('linkedhelper-webhook-10.json, delivery by delivery', () => {
  it('gives 8 leads and the action each delivery expects', async () => {
    await withClientStore(async (store) => {
      const actions: string[] = [];
      let record = 1;
      for (const body of deliveries) {
        const inputs = linkedHelperInputs(body, record);
        record += inputs.length;
        actions.push(outcome(await writeLeadInputs(store, inputs, 'webhook:linkedhelper')));
      }

      expect(deliveries).toHaveLength(expected.deliveries);
      expect(record - 1).toBe(expected.persons_in_deliveries);
      expect(actions).toEqual([
        'created:1', // 0: a single person object
        'unchanged:1', // 1: the identical re-delivery changes nothing
        'created:1', // 2: an array with one person
        'created:1', // 3: percent-encoded profile URL
        'updated:1', // 4: a real update of the person of delivery 0
        'created:1', // 5: a reply body with message fields
        'created:2', // 6: two people, the second in camelCase
        'created:1', // 7: only a Sales Navigator URL
        'created:1', // 8: strings for booleans and numbers
        'updated:1', // 9: the person of delivery 2 after a vanity rename
      ]);
      expect(await leadCount(store)).toBe(expected.unique_leads);
    });
  });

  it('applies each delivery as its note says', async () => {
    await withClientStore(async (store) => {
      for (const body of deliveries) {
        await writeLeadInputs(store, linkedHelperInputs(body), 'webhook:linkedhelper');
      }

      const greta = await leadByKey(store, 'mid:802954722');
      expect(greta).toMatchObject({
        connectionStatus: 'connected',
        memberDistance: 1,
        headline: 'Chief Procurement Officer at Umbra Payments',
        position: 'Chief Procurement Officer',
        tags: ['campaign:procurement-q3', 'replied'],
        connectedOn: '2025-09-22',
        version: 2,
      });
      expect((await leadByKey(store, 'in:çağla-başaran-166ee8647')).fullName).toBe('Çağla Başaran');
      const chidi = await leadByKey(store, 'mid:ACwAATVwldtGCU6dfYUS4qUvBaczRzw9E8UTjvz');
      expect(chidi.identities.some((key) => key.startsWith('in:'))).toBe(false);
      const luca = await leadByKey(store, 'in:luca-keller-75044642');
      expect(luca.extra.linkedhelper).toMatchObject({
        badges_premium: true,
        badges_open_link: false,
        mutual_count: 12,
        skills: ['Procurement', 'Supplier negotiation', 'SAP Ariba'],
        custom_field_1: 'met at Nordic Freight Expo',
      });
      expect(luca).toMatchObject({ memberDistance: 2, connectedOn: '2025-09-24' });
      const dario = await leadByKey(store, 'mid:641186031');
      expect(dario.identities).toEqual(
        expect.arrayContaining(['in:dario-kilic-1ad1e0', 'in:dariokilic']),
      );
      expect(dario.profileUrl).toBe('https://www.linkedin.com/in/dariokilic');
      const gokhan = await leadByKey(store, 'in:gokhan-levinson-0c75db');
      expect(gokhan).toMatchObject({
        firstName: 'Gökhan',
        company: 'Papaya Ledger',
        location: 'Seoul, South Korea',
        memberDistance: 2,
        email: 'gokhan.levinson@papaya-ledger.example',
      });
      expect(gokhan.identities).toContain('mid:770784872');
    });
  });
});

describe('linkedhelper-webhook-10.json, as one file', () => {
  it('imports 11 persons into 8 leads, each record with the line its object starts on', async () => {
    await withClientStore(async (store) => {
      const report = await importFile(store, casePath('linkedhelper-webhook-10.json'), {
        today: casesToday,
      });

      expect(report).toMatchObject({
        format: 'linkedhelper',
        records: 11,
        created: 8,
        updated: 0,
        repeated: 3,
        unchanged: 0,
        rejected: 0,
      });
      expect(await leadCount(store)).toBe(8);
      const { records } = await readRecords('linkedhelper-webhook-10.json');
      expect([...records.values()].map((record) => record.input.line)).toEqual([
        2, 56, 111, 166, 220, 274, 333, 387, 400, 454, 511,
      ]);
      const versions = await leadVersions(store);
      const again = await importFile(store, casePath('linkedhelper-webhook-10.json'));
      expect(again).toMatchObject({ created: 0, updated: 0, merged: 0, repeated: 3, unchanged: 8 });
      expect(await leadVersions(store)).toEqual(versions);
    });
  });

  it('gives the leads the deliveries give, delivery 4 applied as an update', async () => {
    await withClientStore(async (store) => {
      const report = await importFile(store, casePath('linkedhelper-webhook-10.json'), {
        today: casesToday,
      });

      const greta = await leadByKey(store, 'mid:802954722');
      expect(greta).toMatchObject({
        headline: 'Chief Procurement Officer at Umbra Payments',
        position: 'Chief Procurement Officer',
        tags: ['campaign:procurement-q3', 'replied'],
        connectedOn: '2025-09-22',
      });
      expect(report.warnings.map((warning) => [warning.record, warning.message])).toEqual([
        [2, 'names the same person as record 1: this later record wins'],
        [5, 'names the same person as record 2: this later record wins'],
        [11, 'names the same person as record 3: this later record wins'],
      ]);
    });

    const byDelivery = await withClientStore(async (store) => {
      for (const body of deliveries) {
        await writeLeadInputs(store, linkedHelperInputs(body), 'webhook:linkedhelper');
      }
      return comparableLeads(store);
    });
    const byFile = await withClientStore(async (store) => {
      await importFile(store, casePath('linkedhelper-webhook-10.json'), { today: casesToday });
      return comparableLeads(store);
    });
    expect(byFile).toEqual(byDelivery);
  });
});
