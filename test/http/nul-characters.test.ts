import { afterEach, describe, expect, it } from 'vitest';
import { nulWarning } from '../../src/ingest/nul-characters.ts';
import { bearer, createHttpWorld, type HttpWorld, postMultipart } from './http-world.ts';
import { seedLeads } from './lead-fixtures.ts';

let world: HttpWorld;
afterEach(async () => world?.close());

const nulMessage = 'holds a NUL character (\\u0000), which cannot be stored: remove it';

async function setUp() {
  world = await createHttpWorld();
  const { access } = await world.addClient({ id: 'acme' });
  await seedLeads(world, access, [{ id: 'l-ann', fullName: 'Ann Arbor', slug: 'ann-arbor' }]);
  return { access, token: await world.clientToken('acme') };
}

describe('NUL characters in JSON bodies', () => {
  it('refuses a lead edit and a note holding U+0000 with a 400 naming each field', async () => {
    const { token } = await setUp();

    const edit = await world.app.inject({
      method: 'PATCH',
      url: '/api/leads/l-ann',
      headers: { ...bearer(token), 'if-match': '"1"', 'content-type': 'application/json' },
      payload: '{"headline":"nul\\u0000here","tags":["ok","b\\u0000d"]}',
    });
    const note = await world.app.inject({
      method: 'POST',
      url: '/api/leads/l-ann/notes',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      payload: '{"body":"n\\u0000ul"}',
    });
    const lead = await world.app.inject({ url: '/api/leads/l-ann', headers: bearer(token) });

    expect([edit.statusCode, edit.json().code, edit.json().errors]).toEqual([
      400,
      'validation_failed',
      [
        { path: 'body.headline', message: nulMessage },
        { path: 'body.tags.1', message: nulMessage },
      ],
    ]);
    expect([note.statusCode, note.json().errors]).toEqual([
      400,
      [{ path: 'body.body', message: nulMessage }],
    ]);
    expect([lead.json().version, lead.json().headline]).toEqual([1, null]);
  });

  it('refuses a path parameter or a query value holding U+0000 with a 400 naming it', async () => {
    const { token } = await setUp();

    const answers = await Promise.all(
      ['/api/leads/l%00ann', '/api/leads?q=a%00b', '/api/leads?status=new%00'].map((url) =>
        world.app.inject({ url, headers: bearer(token) }),
      ),
    );

    expect(answers.map((answer) => [answer.statusCode, answer.json().errors])).toEqual([
      [400, [{ path: 'params.leadId', message: nulMessage }]],
      [400, [{ path: 'query.q', message: nulMessage }]],
      [400, [{ path: 'query.status', message: nulMessage }]],
    ]);
  });

  it('refuses an upload field holding U+0000, and imports an uploaded file without it', async () => {
    const { token } = await setUp();
    const csv =
      'First Name,Last Name,URL,Email Address,Company,Position,Connected On\n' +
      'Ada,Quill,https://www.linkedin.com/in/ada-quill,,Ink\u0000well,CTO,01 Mar 2024\n';
    const upload = (fields: Record<string, string>) =>
      postMultipart(world.app, '/api/imports', {
        files: [['Connections.csv', csv]],
        fields,
        headers: bearer(token),
      });

    const refused = await upload({ map: 'url=URL\u0000' });
    const imported = await upload({});

    expect([refused.statusCode, refused.json().errors]).toEqual([
      400,
      [{ path: 'body.map', message: nulMessage }],
    ]);
    expect([imported.statusCode, imported.json().created, imported.json().warnings]).toEqual([
      200,
      1,
      [{ record: 1, line: 2, message: nulWarning('Company') }],
    ]);
  });

  it('takes a webhook delivery holding U+0000, with the character removed', async () => {
    const { access } = await setUp();
    const ingest = await world.clientToken('acme', 'ingest');

    const response = await world.app.inject({
      method: 'POST',
      url: '/api/webhooks/linkedhelper',
      headers: { ...bearer(ingest), 'content-type': 'application/json' },
      payload:
        '{"public_id":"nul-nora","full_name":"Nora\\u0000 Null","headline":"Head\\u0000 of ops"}',
    });
    const rows = await world.stores.withTenant(access, (store) =>
      store.db
        .selectFrom('leads')
        .select(['full_name', 'headline'])
        .where('full_name', 'like', 'Nora%')
        .execute(),
    );

    expect([response.statusCode, response.json().status]).toEqual([200, 'processed']);
    expect(response.json().result.warnings).toEqual([
      { record: 1, line: 0, message: nulWarning('full_name') },
      { record: 1, line: 0, message: nulWarning('headline') },
    ]);
    expect(rows).toEqual([{ full_name: 'Nora Null', headline: 'Head of ops' }]);
  });
});
