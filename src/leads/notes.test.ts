import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventsOf, openClientStore, seedLead } from '../../test/support/lead-fixtures.ts';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import type { TenantStore } from '../db/tenancy.ts';
import { readLead } from './lead-change.ts';
import { addNote, listNotes } from './notes.ts';

let world: TestWorld;
let store: TenantStore;

beforeEach(async () => {
  world = await createTestWorld();
  ({ store } = await openClientStore(world));
});

afterEach(async () => world.close());

describe('notes', () => {
  it('keeps every note of concurrent writers, oldest first, without moving the version', async () => {
    const lead = await seedLead(store, { slug: 'ana-lima' });

    await Promise.all([
      addNote(store, lead.id, { body: 'first call went well', author: 'token:abc' }),
      addNote(store, lead.id, { body: 'send the freight case study' }),
      addNote(store, lead.id, { body: 'asked for pricing' }),
    ]);

    // Concurrent writers may commit in any order (on PostgreSQL each has its own connection);
    // every note is kept and the list follows the order they were stored in.
    const notes = await listNotes(store, lead.id);
    expect(notes.map((note) => note.body).sort()).toEqual([
      'asked for pricing',
      'first call went well',
      'send the freight case study',
    ]);
    expect(notes.map((note) => note.id)).toEqual(
      notes.map((note) => note.id).sort((a, b) => a - b),
    );
    expect(notes.find((note) => note.body === 'first call went well')!.author).toBe('token:abc');
    expect((await readLead(store.db, lead.id)).version).toBe(1);
    const added = (await eventsOf(store, lead.id)).filter((e) => e.type === 'note_added');
    expect(added.map((event) => event.detail.noteId)).toEqual(notes.map((note) => note.id));
  });

  it('lists only the notes of the lead asked for', async () => {
    const a = await seedLead(store, { slug: 'a' });
    const b = await seedLead(store, { slug: 'b' });
    await addNote(store, a.id, { body: 'about a' });
    await addNote(store, b.id, { body: 'about b' });

    expect((await listNotes(store, b.id)).map((note) => note.body)).toEqual(['about b']);
  });

  it('answers not_found for a note on an unknown lead and stores nothing', async () => {
    await expect(addNote(store, 'missing', { body: 'x' })).rejects.toMatchObject({
      code: 'not_found',
      details: { leadId: 'missing' },
    });
    await expect(listNotes(store, 'missing')).rejects.toMatchObject({ code: 'not_found' });
    expect(await store.db.selectFrom('notes').selectAll().execute()).toEqual([]);
  });
});
