import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, createHttpWorld, type HttpWorld } from './http-world.ts';
import { founderRubric, seedLeads } from './lead-fixtures.ts';

let world: HttpWorld;
let token: string;

beforeEach(async () => {
  world = await createHttpWorld();
  const { access } = await world.addClient({ id: 'acme' });
  token = await world.clientToken('acme');
  await seedLeads(world, access, [
    { id: 'l-ann', fullName: 'Ann Arbor', headline: 'Founder of Payly' },
    { id: 'l-bob', fullName: 'Bob Brook', headline: 'Student, founder of a chess club' },
    { id: 'l-cyd', fullName: 'Cyd Cole', headline: 'Chief Financial Officer' },
  ]);
});
afterEach(async () => world.close());

function call(method: 'GET' | 'POST', url: string, payload?: unknown) {
  return world.app.inject({
    method,
    url,
    headers: bearer(token),
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

/** The founder rubric with CFOs worth full points too. */
const cfoRubric = {
  ...founderRubric,
  attributes: [
    {
      ...founderRubric.attributes[0],
      signals: [
        { phrase: 'founder', weight: 40 },
        { phrase: 'chief financial officer', weight: 40 },
      ],
    },
    founderRubric.attributes[1],
  ],
};

describe('rubric versions', () => {
  it('has none at first, then versions that each become current, and a rollback', async () => {
    const none = await call('GET', '/api/rubric');
    const first = await call('POST', '/api/rubric/versions', { rubric: founderRubric, note: 'v1' });
    const second = await call('POST', '/api/rubric/versions', { rubric: cfoRubric });
    const rollback = await call('POST', '/api/rubric/versions/1/activate');
    const current = await call('GET', '/api/rubric');
    const versions = await call('GET', '/api/rubric/versions');
    const missing = await call('GET', '/api/rubric/versions/9');

    expect([none.statusCode, none.json().code]).toEqual([404, 'rubric_missing']);
    expect([first.statusCode, first.json().version, first.json().current]).toEqual([201, 1, true]);
    expect([second.statusCode, second.json().version]).toEqual([201, 2]);
    expect([rollback.statusCode, current.json().version, current.json().note]).toEqual([
      200,
      1,
      'v1',
    ]);
    expect(
      versions
        .json()
        .versions.map((v: { version: number; current: boolean }) => [v.version, v.current]),
    ).toEqual([
      [1, true],
      [2, false],
    ]);
    expect([missing.statusCode, missing.json().code]).toEqual([404, 'not_found']);
  });

  it('refuses an invalid rubric, naming its bad fields, and stores nothing', async () => {
    const bad = {
      name: '',
      attributes: [{ ...founderRubric.attributes[0], max: -5, colour: 'red' }],
    };

    const response = await call('POST', '/api/rubric/versions', { rubric: bad });
    const versions = await call('GET', '/api/rubric/versions');

    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((issue: { path: string }) => issue.path)).toEqual([
      'body.rubric.name',
      'body.rubric.attributes.0.max',
      'body.rubric.attributes.0.colour',
    ]);
    expect(versions.json().versions).toEqual([]);
  });

  it('refuses maxima, penalties and weights above 1000', async () => {
    const [positive, negative] = founderRubric.attributes;
    const huge = {
      ...founderRubric,
      attributes: [
        { ...positive, max: 1e308, signals: [{ phrase: 'founder', weight: 1e308 }] },
        { ...negative, penalty: 1001 },
      ],
    };

    const response = await call('POST', '/api/rubric/versions', { rubric: huge });

    expect([response.statusCode, response.json().errors]).toEqual([
      400,
      [
        { path: 'body.rubric.attributes.0.max', message: 'must be at most 1000' },
        { path: 'body.rubric.attributes.0.signals.0.weight', message: 'must be at most 1000' },
        { path: 'body.rubric.attributes.1.penalty', message: 'must be at most 1000' },
      ],
    ]);
    expect((await call('GET', '/api/rubric/versions')).json().versions).toEqual([]);
  });
});

describe('rubric preview', () => {
  it('tells how many leads change tier, and which, without writing', async () => {
    await call('POST', '/api/rubric/versions', { rubric: founderRubric });

    const unsaved = await call('POST', '/api/rubric/preview?limit=1', { rubric: cfoRubric });
    const leads = await world.stores.withTenant(
      (await world.clients.operatorAccess('acme')).access,
      (store) => store.db.selectFrom('leads').select(['id', 'score', 'score_status']).execute(),
    );

    expect(unsaved.statusCode).toBe(200);
    expect(unsaved.json()).toEqual({
      version: null,
      currentVersion: 1,
      threshold: 60,
      examined: 3,
      changed: 1,
      transitions: [{ from: 'below_threshold', to: 'qualified', count: 1 }],
      leads: [
        {
          id: 'l-cyd',
          fullName: 'Cyd Cole',
          company: null,
          from: { tier: 'below_threshold', score: 0 },
          to: { tier: 'qualified', score: 100 },
        },
      ],
    });
    expect(leads.every((lead) => lead.score === null && lead.score_status === 'pending')).toBe(
      true,
    );
  });

  it('previews a stored version against the current one', async () => {
    await call('POST', '/api/rubric/versions', { rubric: cfoRubric });
    await call('POST', '/api/rubric/versions', { rubric: founderRubric });
    await call('POST', '/api/rubric/versions/2/activate');

    const preview = await call('POST', '/api/rubric/versions/1/preview');

    expect(preview.json()).toMatchObject({
      version: 1,
      currentVersion: 2,
      examined: 3,
      changed: 1,
      transitions: [{ from: 'below_threshold', to: 'qualified', count: 1 }],
    });
  });
});
