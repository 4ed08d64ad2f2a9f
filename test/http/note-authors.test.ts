import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TenantAccess } from '../../src/db/tenancy.ts';
import { addNote } from '../../src/leads/notes.ts';
import { seedLead } from '../support/lead-fixtures.ts';
import { bearer, createHttpWorld, type HttpWorld } from './http-world.ts';

let world: HttpWorld;
let alpha: TenantAccess;
let leadId: string;

beforeEach(async () => {
  world = await createHttpWorld();
  ({ access: alpha } = await world.addClient({ id: 'alpha', name: 'Alpha Freight' }));
  leadId = await world.stores.withTenant(alpha, async (store) => {
    return (await seedLead(store, { slug: 'ana-lima', fullName: 'Ana Lima' })).id;
  });
});
afterEach(async () => world?.close());

function post(token: string, body: string) {
  return world.app.inject({
    method: 'POST',
    url: `/api/leads/${leadId}/notes`,
    headers: bearer(token),
    payload: { body },
  });
}

describe('note authors', () => {
  it("are named by their token's label, or by whose token it is, old notes too; never by an admin's label", async () => {
    const tokens = world.app.services.tokens;
    const maria = await tokens.create({
      kind: 'client',
      clientId: 'alpha',
      scope: 'portal',
      label: 'Maria (SDR)',
    });
    const unnamed = await tokens.create({ kind: 'client', clientId: 'alpha', scope: 'portal' });
    const admin = await tokens.create({ kind: 'admin', label: 'ops laptop' });
    // Notes written before authors were named, and one by a token since deleted.
    await world.stores.withTenant(alpha, async (store) => {
      await addNote(store, leadId, { body: 'old note', author: `token:${maria.info.id}` });
      await addNote(store, leadId, { body: 'gone', author: 'token:zzzzzzzzzzzz' });
    });

    const added = await post(maria.token, 'called, interested');
    await post(unnamed.token, 'sent the deck');
    await world.app.inject({
      method: 'POST',
      url: `/api/leads/${leadId}/notes`,
      headers: { ...bearer(admin.token), 'x-client-id': 'alpha' },
      payload: { body: 'checked by ops' },
    });
    const listed = await world.app.inject({
      method: 'GET',
      url: `/api/leads/${leadId}/notes`,
      headers: bearer(unnamed.token),
    });

    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({
      author: `token:${maria.info.id}`,
      authorName: 'Maria (SDR)',
    });
    const notes = listed.json().notes as { body: string; authorName: string | null }[];
    expect(notes.map((note) => [note.body, note.authorName])).toEqual([
      ['old note', 'Maria (SDR)'],
      ['gone', 'a deleted access token'],
      ['called, interested', 'Maria (SDR)'],
      ['sent the deck', 'Alpha Freight (unnamed access token)'],
      ['checked by ops', 'an administrator'],
    ]);
  });
});
