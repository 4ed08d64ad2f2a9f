import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventsOf, openClientStore, seedLead } from '../../test/support/lead-fixtures.ts';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import type { Client } from '../clients/client.ts';
import type { TenantStore } from '../db/tenancy.ts';
import {
  finalizeInvitationBatch,
  previewInvitationBatch,
  resetInvitationBatch,
  stagedBatch,
  stageInvitationBatch,
} from './invitation-batch.ts';
import { invitationBatchCsv } from './invitation-batch-csv.ts';
import { readLead } from './lead-change.ts';
import { updateLead } from './lead-updates.ts';

let world: TestWorld;
let store: TenantStore;
let client: Client;

beforeEach(async () => {
  world = await createTestWorld();
  ({ store, client } = await openClientStore(world, {
    timeZone: 'Australia/Sydney',
    settings: { scoreThreshold: 60 },
  }));
});

afterEach(async () => world.close());

/** Candidates, and one lead for each reason a lead is left out. */
async function seedPipeline() {
  await seedLead(store, { slug: 'top', score: 92.5, company: '=HYPERLINK("x")' });
  await seedLead(store, { slug: 'good', score: 75 });
  await seedLead(store, { slug: 'edge', score: 60 });
  await seedLead(store, { slug: 'below', score: 59.99 });
  await seedLead(store, { slug: 'unscored' });
  await seedLead(store, { slug: 'disqualified', score: 95, scoreStatus: 'disqualified' });
  await seedLead(store, { slug: 'do-not-contact', score: 90, doNotContact: true });
  await seedLead(store, { slug: 'connected', score: 88, connectionStatus: 'connected' });
  await seedLead(store, { slug: 'invited', score: 85, invitedOn: '2025-09-01' });
}

const names = (leads: { fullName: string | null }[]) => leads.map((lead) => lead.fullName);

describe('top leads for the next invitation batch', () => {
  it("previews the leads at or above the client's threshold that may still be invited", async () => {
    await seedPipeline();

    const preview = await previewInvitationBatch(store, client);

    expect(preview.threshold).toBe(60);
    expect(preview.total).toBe(3);
    expect(names(preview.leads)).toEqual(['top', 'good', 'edge']);
  });

  it('stages up to N leads, and the same request again stages nothing more', async () => {
    await seedPipeline();

    const first = await stageInvitationBatch(store, client, 2);
    const again = await stageInvitationBatch(store, client, 2);

    expect([names(first.staged), first.batchSize]).toEqual([['top', 'good'], 2]);
    expect([again.staged, again.batchSize]).toEqual([[], 2]);
    expect(names(await stagedBatch(store))).toEqual(['top', 'good']);
    expect(names((await previewInvitationBatch(store, client)).leads)).toEqual(['edge']);
    const staged = first.staged[0]!;
    expect([staged.version, (await eventsOf(store, staged.id)).at(-1)?.type]).toEqual([
      2,
      'staged',
    ]);
  });

  it('holds back a lead whose headline changed after its score until it is scored again', async () => {
    await seedPipeline();
    const changed = await seedLead(store, { slug: 'changed', score: 82.58 });
    const scoredAt = '2025-09-01T08:00:00.000Z';
    await store.db.updateTable('leads').set({ scored_at: scoredAt }).execute();
    const edited = await updateLead(store, changed.id, changed.version, {
      headline: 'Recruiter for logistics roles | Talent acquisition',
    });

    const preview = await previewInvitationBatch(store, client);
    const result = await stageInvitationBatch(store, client, 10);
    const rescoredAt = new Date(Date.parse(edited.profileChangedAt!) + 1000).toISOString();
    await store.db
      .updateTable('leads')
      .set({ scored_at: rescoredAt })
      .where('id', '=', changed.id)
      .execute();
    await resetInvitationBatch(store);
    const afterRescore = await previewInvitationBatch(store, client);

    expect(edited.profileChangedAt! > scoredAt).toBe(true);
    expect([preview.total, names(preview.leads)]).toEqual([3, ['top', 'good', 'edge']]);
    expect([preview.outOfDate.total, names(preview.outOfDate.leads)]).toEqual([1, ['changed']]);
    expect(names(result.staged)).toEqual(['top', 'good', 'edge']);
    expect(afterRescore.total).toBe(4);
    expect(names(afterRescore.leads)).toEqual(['top', 'changed', 'good', 'edge']);
    expect(afterRescore.outOfDate).toEqual({ total: 0, leads: [] });
  });

  it('fills the batch once when several stage requests come at the same moment', async () => {
    await seedPipeline();

    const results = await Promise.all(
      [1, 2, 3, 4].map(() => stageInvitationBatch(store, client, 2)),
    );

    expect(results.flatMap((result) => names(result.staged)).sort()).toEqual(['good', 'top']);
    expect(names(await stagedBatch(store))).toEqual(['top', 'good']);
  });

  it('exports the staged batch for LinkedHelper: profile URL first, formulas neutralised', async () => {
    await seedPipeline();
    await stageInvitationBatch(store, client, 2);

    const csv = invitationBatchCsv(await stagedBatch(store));
    const rows = parse(csv, { columns: true }) as Record<string, string>[];

    expect(csv.split('\r\n')[0]!.startsWith('profile_url,')).toBe(true);
    expect(rows.map((row) => row.profile_url)).toEqual([
      'https://www.linkedin.com/in/top/',
      'https://www.linkedin.com/in/good/',
    ]);
    expect(rows[0]!.company).toBe(`'=HYPERLINK("x")`);
    expect(rows[0]!.score).toBe('92.5');
  });

  it('keeps the raw headline in the CSV: no headline stays blank, the position has its column', async () => {
    await seedLead(store, { slug: 'no-headline', score: 90, position: 'Head of Fleet' });
    await seedLead(store, {
      slug: 'both',
      score: 80,
      headline: 'Moving freight',
      position: 'COO',
    });
    await stageInvitationBatch(store, client, 2);

    const rows = parse(invitationBatchCsv(await stagedBatch(store)), {
      columns: true,
    }) as Record<string, string>[];

    expect(rows.map((row) => [row.full_name, row.headline, row.position])).toEqual([
      ['no-headline', '', 'Head of Fleet'],
      ['both', 'Moving freight', 'COO'],
    ]);
  });

  it('fills a missing first or last name in the CSV from the full name, keeping stored ones', async () => {
    await seedLead(store, { slug: 'full-only', score: 95, fullName: '  Maria  van der Berg ' });
    await seedLead(store, {
      slug: 'stored',
      score: 90,
      fullName: 'Jo Ann Smith',
      firstName: 'Jo Ann',
      lastName: 'Smith',
    });
    await seedLead(store, {
      slug: 'first-only',
      score: 85,
      fullName: 'Ana Lima',
      firstName: 'Ana',
    });
    await seedLead(store, { slug: 'one-word', score: 80, fullName: 'Cher' });
    await stageInvitationBatch(store, client, 4);

    const rows = parse(invitationBatchCsv(await stagedBatch(store)), {
      columns: true,
    }) as Record<string, string>[];

    expect(rows.map((row) => [row.first_name, row.last_name])).toEqual([
      ['Maria', 'van der Berg'],
      ['Jo Ann', 'Smith'],
      ['Ana', 'Lima'],
      ['Cher', ''],
    ]);
  });

  it("finalizes the batch on the client's today and takes it out of the candidates", async () => {
    await seedPipeline();
    await stageInvitationBatch(store, client, 2);
    const now = new Date('2025-09-23T20:30:00Z'); // 06:30 on the 24th in Sydney

    const result = await finalizeInvitationBatch(store, client, now);

    expect(result).toEqual({ invitedOn: '2025-09-24', invited: 2 });
    expect(await stagedBatch(store)).toEqual([]);
    expect(names((await previewInvitationBatch(store, client)).leads)).toEqual(['edge']);
  });

  it('marks a finalized lead pending unless connected already or set by a person', async () => {
    const unknown = await seedLead(store, { slug: 'unknown', score: 90 });
    const notConnected = await seedLead(store, { slug: 'not-connected', score: 80 });
    const byHand = await seedLead(store, {
      slug: 'by-hand',
      score: 70,
      connectionStatus: 'not_connected',
    });
    const connected = await seedLead(store, { slug: 'connected-since', score: 65 });
    await store.db
      .updateTable('leads')
      .set({ connection_status: 'not_connected' })
      .where('id', '=', notConnected.id)
      .execute();
    await stageInvitationBatch(store, client, 4);
    // Connected by an import after it was staged.
    await store.db
      .updateTable('leads')
      .set({ connection_status: 'connected' })
      .where('id', '=', connected.id)
      .execute();

    await finalizeInvitationBatch(store, client, new Date('2025-09-23T20:30:00Z'));

    const statuses = [];
    for (const lead of [unknown, notConnected, byHand, connected]) {
      const read = await readLead(store.db, lead.id);
      statuses.push([read.fullName, read.connectionStatus, read.invitedOn]);
    }
    expect(statuses).toEqual([
      ['unknown', 'pending', '2025-09-24'],
      ['not-connected', 'pending', '2025-09-24'],
      ['by-hand', 'not_connected', '2025-09-24'],
      ['connected-since', 'connected', '2025-09-24'],
    ]);
    expect((await eventsOf(store, unknown.id)).at(-1)).toMatchObject({
      type: 'invited',
      detail: { invitedOn: '2025-09-24', connectionStatus: 'pending' },
    });
  });

  it('refuses to finalize an empty batch', async () => {
    await seedPipeline();

    await expect(finalizeInvitationBatch(store, client)).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  it('resets the staged batch back into the candidates', async () => {
    await seedPipeline();
    const { staged } = await stageInvitationBatch(store, client, 3);

    const result = await resetInvitationBatch(store);

    expect(result).toEqual({ unstaged: 3 });
    expect(await stagedBatch(store)).toEqual([]);
    expect((await previewInvitationBatch(store, client)).total).toBe(3);
    const lead = await readLead(store.db, staged[0]!.id);
    expect([lead.stagedAt, lead.version]).toEqual([null, 3]);
  });
});
