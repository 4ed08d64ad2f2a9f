import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventsOf, openClientStore, seedLead } from '../../test/support/lead-fixtures.ts';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import type { TenantStore } from '../db/tenancy.ts';
import { readLead } from './lead-change.ts';
import { bulkUpdateLeads, createLead, deleteLead, updateLead } from './lead-updates.ts';
import { addNote } from './notes.ts';

let world: TestWorld;
let store: TenantStore;

beforeEach(async () => {
  world = await createTestWorld();
  ({ store } = await openClientStore(world));
});

afterEach(async () => world.close());

const countLeads = async () =>
  Number(
    (
      await store.db
        .selectFrom('leads')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('createLead', () => {
  it('adds a lead with its identities, as edited by a person', async () => {
    const lead = await createLead(store, {
      profileUrl: 'https://de.linkedin.com/in/Ana-Lima/?trk=x',
      salesNavUrl:
        'https://www.linkedin.com/sales/lead/ACwAAB1234567890abcdefghijKLMN,NAME_SEARCH,x1',
      fullName: 'Ana Lima',
      company: 'Norte Freight',
      tags: ['freight', ' freight ', ''],
    });

    expect(lead.identities.sort()).toEqual(['in:ana-lima', 'mid:ACwAAB1234567890abcdefghijKLMN']);
    expect(lead.version).toBe(1);
    expect(lead.tags).toEqual(['freight']);
    expect(lead.manualFields).toEqual(['company', 'fullName', 'tags']);
    expect(lead.sources).toEqual(['manual']);
    expect((await eventsOf(store, lead.id)).map((event) => event.type)).toEqual(['created']);
  });

  it('answers lead_exists with the existing lead for a known person in any spelling', async () => {
    const first = await createLead(store, { profileUrl: 'linkedin.com/in/ana-lima' });

    const again = createLead(store, {
      profileUrl: 'https://www.linkedin.com/in/ANA-LIMA/details/',
    });

    await expect(again).rejects.toMatchObject({
      code: 'lead_exists',
      details: { leadId: first.id, identity: 'in:ana-lima' },
    });
    expect(await countLeads()).toBe(1);
  });

  it('refuses a reference that names no person, naming the field', async () => {
    const attempt = createLead(store, {
      profileUrl: 'https://www.linkedin.com/company/norte-freight/',
    });

    await expect(attempt).rejects.toMatchObject({
      code: 'validation_failed',
      issues: [{ path: 'profileUrl', message: 'is not a LinkedIn person (not_a_person)' }],
    });
    expect(await countLeads()).toBe(0);
  });
});

describe('updateLead', () => {
  it('applies an edit at the current version and remembers the fields a person edited', async () => {
    const lead = await seedLead(store, { slug: 'ana-lima', headline: 'Buyer' });

    const updated = await updateLead(store, lead.id, 1, { headline: 'Head of Procurement' });

    expect(updated.version).toBe(2);
    expect(updated.headline).toBe('Head of Procurement');
    expect(updated.manualFields).toEqual(['fullName', 'headline']);
    expect((await eventsOf(store, lead.id)).at(-1)).toEqual({
      type: 'updated',
      source: 'manual',
      detail: { changes: { headline: { from: 'Buyer', to: 'Head of Procurement' } } },
    });
  });

  it('refuses a stale version and changes nothing', async () => {
    const lead = await seedLead(store, { slug: 'ana-lima', headline: 'Buyer' });
    await updateLead(store, lead.id, 1, { status: 'contacted' });

    const stale = updateLead(store, lead.id, 1, { headline: 'Overwritten' });

    await expect(stale).rejects.toMatchObject({
      code: 'precondition_failed',
      details: { leadId: lead.id, expectedVersion: 1, currentVersion: 2 },
    });
    const after = await readLead(store.db, lead.id);
    expect([after.headline, after.status, after.version]).toEqual(['Buyer', 'contacted', 2]);
    expect(await eventsOf(store, lead.id)).toHaveLength(2);
  });

  it('lets exactly one of two concurrent updates with the same version win', async () => {
    const lead = await seedLead(store, { slug: 'ana-lima' });

    const results = await Promise.allSettled([
      updateLead(store, lead.id, 1, { priority: 'high' }),
      updateLead(store, lead.id, 1, { priority: 'low' }),
    ]);

    const won = results.filter((result) => result.status === 'fulfilled');
    const lost = results.filter((result) => result.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.map((result) => (result as PromiseRejectedResult).reason.code)).toEqual([
      'precondition_failed',
    ]);
    const after = await readLead(store.db, lead.id);
    expect(after.version).toBe(2);
    expect(after.priority).toBe(
      (won[0] as PromiseFulfilledResult<{ priority: string }>).value.priority,
    );
    expect((await eventsOf(store, lead.id)).filter((e) => e.type === 'updated')).toHaveLength(1);
  });

  it('keeps the version when an edit changes nothing', async () => {
    const lead = await seedLead(store, { slug: 'ana-lima' });
    await updateLead(store, lead.id, 1, { company: 'Norte' });

    const same = await updateLead(store, lead.id, 2, { company: 'Norte' });

    expect(same.version).toBe(2);
    expect(await eventsOf(store, lead.id)).toHaveLength(2);
  });

  it("makes a field the person's own when they send the value it already had", async () => {
    const lead = await seedLead(store, { slug: 'ana-lima' });
    await store.db.updateTable('leads').set({ company: 'Norte' }).execute();

    const kept = await updateLead(store, lead.id, 1, { company: 'Norte', priority: 'high' });

    expect([kept.company, kept.priority, kept.version]).toEqual(['Norte', 'high', 2]);
    expect(kept.manualFields).toEqual(['company', 'fullName', 'priority']);
    expect((await eventsOf(store, lead.id)).at(-1)).toMatchObject({
      type: 'updated',
      detail: { changes: { priority: { from: null, to: 'high' } } },
    });
  });

  it('answers not_found for an unknown lead', async () => {
    await expect(updateLead(store, 'nope', 1, { status: 'x' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describe('deleteLead', () => {
  it('removes the lead, its identities and notes, and keeps a deleted event', async () => {
    const lead = await seedLead(store, { slug: 'ana-lima' });
    await addNote(store, lead.id, { body: 'met at a fair' });

    await deleteLead(store, lead.id, 1);

    expect(await countLeads()).toBe(0);
    const left = await store.db.selectFrom('lead_identities').selectAll().execute();
    const notes = await store.db.selectFrom('notes').selectAll().execute();
    expect([left.length, notes.length]).toEqual([0, 0]);
    expect((await eventsOf(store, lead.id)).at(-1)).toMatchObject({
      type: 'deleted',
      detail: { identities: ['in:ana-lima'], version: 1 },
    });
  });

  it('refuses a stale version', async () => {
    const lead = await seedLead(store, { slug: 'ana-lima' });
    await updateLead(store, lead.id, 1, { status: 'contacted' });

    await expect(deleteLead(store, lead.id, 1)).rejects.toMatchObject({
      code: 'precondition_failed',
    });
    expect(await countLeads()).toBe(1);
  });
});

describe('bulkUpdateLeads', () => {
  it('sets status and priority, adds and removes tags, and reports unknown IDs', async () => {
    const a = await seedLead(store, { slug: 'a', tags: ['old', 'keep'] });
    const b = await seedLead(store, { slug: 'b', status: 'qualified', priority: 'high' });

    const result = await bulkUpdateLeads(store, {
      ids: [a.id, b.id, 'missing', a.id],
      status: 'qualified',
      priority: 'high',
      addTags: ['q4'],
      removeTags: ['old'],
    });

    expect(result).toEqual({ updated: [a.id, b.id], unchanged: [], notFound: ['missing'] });
    const [afterA, afterB] = [await readLead(store.db, a.id), await readLead(store.db, b.id)];
    expect([afterA.status, afterA.priority, afterA.tags, afterA.version]).toEqual([
      'qualified',
      'high',
      ['keep', 'q4'],
      2,
    ]);
    expect([afterB.tags, afterB.version]).toEqual([['q4'], 2]);
    expect(afterA.manualFields).toEqual(['fullName', 'priority', 'status', 'tags']);

    const again = await bulkUpdateLeads(store, { ids: [a.id], status: 'qualified' });
    expect(again).toEqual({ updated: [], unchanged: [a.id], notFound: [] });
  });
});
