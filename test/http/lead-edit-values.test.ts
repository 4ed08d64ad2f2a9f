import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, createHttpWorld, type HttpWorld } from './http-world.ts';
import { seedLeads } from './lead-fixtures.ts';

let world: HttpWorld;
let token: string;

beforeEach(async () => {
  world = await createHttpWorld();
  const { access } = await world.addClient({ id: 'acme' });
  await seedLeads(world, access, [
    { id: 'l-ann', fullName: 'Ann Arbor', headline: 'Founder', email: 'ann@example.com' },
  ]);
  token = await world.clientToken('acme');
});
afterEach(async () => world?.close());

async function edit(payload: object) {
  const lead = await world.app.inject({ url: '/api/leads/l-ann', headers: bearer(token) });
  return world.app.inject({
    method: 'PATCH',
    url: '/api/leads/l-ann',
    headers: { ...bearer(token), 'if-match': lead.headers.etag as string },
    payload,
  });
}

describe('validation messages in plain English', () => {
  it('says what is wrong with each field after its name, for every common rule', async () => {
    const response = await edit({
      headline: 'x'.repeat(1500),
      fullName: 42,
      connectionStatus: 'friends',
      status: '',
      tags: Array.from({ length: 101 }, (_, i) => `t${i}`),
      doNotContact: 'yes',
      email: 'not-an-address',
      colour: 'red',
    });

    expect([response.statusCode, response.json().code]).toEqual([400, 'validation_failed']);
    expect(response.json().errors).toEqual([
      { path: 'body.fullName', message: 'must be text, not a number' },
      { path: 'body.headline', message: 'must be at most 1,000 characters' },
      { path: 'body.email', message: 'must be an email address' },
      {
        path: 'body.connectionStatus',
        message: 'must be one of: connected, pending, not_connected, unknown',
      },
      { path: 'body.status', message: 'must not be empty' },
      { path: 'body.tags', message: 'must have at most 100 items' },
      { path: 'body.doNotContact', message: 'must be true or false, not text' },
      { path: 'body.colour', message: 'unknown field' },
    ]);
  });

  it('names numbers out of range and a missing field the same way on other routes', async () => {
    const limit = await world.app.inject({ url: '/api/leads?limit=0', headers: bearer(token) });
    const note = await world.app.inject({
      method: 'POST',
      url: '/api/leads/l-ann/notes',
      headers: bearer(token),
      payload: {},
    });

    expect(limit.json().errors).toEqual([{ path: 'query.limit', message: 'must be at least 1' }]);
    expect(note.json().errors).toEqual([{ path: 'body.body', message: 'is required' }]);
  });
});

describe('blank optional text', () => {
  it('clears the field: a blank or null name, headline, email or priority is stored as null', async () => {
    const response = await edit({
      fullName: '   ',
      headline: '',
      email: ' ',
      priority: '  ',
      company: '  Kestrel ',
    });
    const lead = await world.app.inject({ url: '/api/leads/l-ann', headers: bearer(token) });

    expect(response.statusCode).toBe(200);
    expect(lead.json()).toMatchObject({
      fullName: null,
      headline: null,
      email: null,
      priority: null,
      company: 'Kestrel',
    });
    expect((await edit({ fullName: null })).statusCode).toBe(200);
  });

  it('creates a lead from a URL alone, its blank name stored as null', async () => {
    const created = await world.app.inject({
      method: 'POST',
      url: '/api/leads',
      headers: bearer(token),
      payload: { profileUrl: 'https://www.linkedin.com/in/nameless-one', fullName: ' ', phone: '' },
    });

    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ fullName: null, phone: null });
  });

  it('still refuses a blank status: every lead has one', async () => {
    const response = await edit({ status: '   ' });

    expect(response.json().errors).toEqual([{ path: 'body.status', message: 'must not be empty' }]);
  });
});
