import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { TenantAccess } from '../../src/db/tenancy.ts';
import { casesDir as sharedCasesDir } from '../support/cases.ts';
import { bearer, createHttpWorld, type HttpWorld } from './http-world.ts';

const casesDir = sharedCasesDir();
const [greta, , gretaUpdate] = (
  JSON.parse(readFileSync(resolve(casesDir, 'BR-11-webhook-redelivery.json'), 'utf8')) as unknown[]
).map((body) => JSON.stringify(body));

let world: HttpWorld;
let alpha: TenantAccess;
let ingest: string;
let portal: string;
let logLines: string[];

afterEach(async () => world?.close());

async function setUp() {
  logLines = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  world = await createHttpWorld({ logger: pino({ level: 'info' }, sink) });
  ({ access: alpha } = await world.addClient({ id: 'alpha' }));
  await world.addClient({ id: 'bravo' });
  ingest = await world.clientToken('alpha', 'ingest');
  portal = await world.clientToken('alpha');
}

function deliver(
  url: string,
  payload: string,
  headers: Record<string, string> = { authorization: `Bearer ${ingest}` },
) {
  return world.app.inject({
    method: 'POST',
    url: `/api/webhooks/${url}`,
    headers: { 'content-type': 'application/json', ...headers },
    payload,
  });
}

async function stored() {
  const deliveries = await world.stores.control
    .selectFrom('webhook_deliveries')
    .select('id')
    .execute();
  const [leads, events] = await world.stores.withTenant(alpha, async (store) => [
    (await store.db.selectFrom('leads').select('id').execute()).length,
    (await store.db.selectFrom('lead_events').select('id').execute()).length,
  ]);
  return { deliveries: deliveries.length, leads, events };
}

describe('LinkedHelper webhooks', () => {
  it('takes the ingest token in the header or in the path, and never logs it', async () => {
    await setUp();

    const byHeader = await deliver('linkedhelper', greta!);
    const byPath = await deliver(`linkedhelper/${ingest}`, gretaUpdate!, {});

    expect([byHeader.statusCode, byHeader.json().status]).toEqual([200, 'processed']);
    expect([byPath.statusCode, byPath.json()]).toMatchObject([
      200,
      { status: 'processed', clientId: 'alpha', result: { updated: 1 } },
    ]);
    const processed = logLines
      .map((line) => JSON.parse(line))
      .filter((line) => line.msg === 'webhook delivery processed');
    expect(processed.map((line) => [line.clientId, line.source, line.status])).toEqual([
      ['alpha', 'linkedhelper', 'processed'],
      ['alpha', 'linkedhelper', 'processed'],
    ]);
    expect(logLines.join('')).not.toContain(ingest.slice(16));
    expect(logLines.join('')).not.toContain('Greta');
  });

  it('gives one lead and one event for one body delivered ten times at once', async () => {
    await setUp();

    const answers = await Promise.all(
      Array.from({ length: 10 }, () => deliver('linkedhelper', greta!)),
    );

    const statuses = answers.map((answer) => answer.json().status);
    expect(statuses.filter((status) => status === 'processed')).toHaveLength(1);
    expect(statuses.filter((status) => status === 'duplicate')).toHaveLength(9);
    expect(await stored()).toEqual({ deliveries: 10, leads: 1, events: 1 });
  });

  it('answers a 4xx problem and stores nothing for bad deliveries', async () => {
    await setUp();

    const answers = await Promise.all([
      deliver('linkedhelper', '{"public_id": "greta', undefined),
      deliver('linkedhelper', greta!, {
        authorization: `Bearer ${ingest}`,
        'content-type': 'text/plain',
      }),
      deliver('linkedhelper', greta!, { authorization: `Bearer ${portal}` }),
      deliver('linkedhelper', greta!, {}),
      deliver('linkedhelper/lb_aaaaaaaaaaaa_not-a-real-secret', greta!, {}),
      deliver('linkedhelper', JSON.stringify({ pad: 'x'.repeat(11 * 1024 * 1024) })),
    ]);

    expect(answers.map((answer) => [answer.statusCode, answer.json().code])).toEqual([
      [400, 'bad_request'],
      [415, 'unsupported_media_type'],
      [403, 'forbidden'],
      [401, 'unauthorized'],
      [401, 'unauthorized'],
      [413, 'payload_too_large'],
    ]);
    for (const answer of answers) {
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(await stored()).toEqual({ deliveries: 0, leads: 0, events: 0 });
  });
});

describe('PhantomBuster and Apify webhooks', () => {
  it('processes PhantomBuster profile rows and defers an Apify run, token in the path', async () => {
    await setUp();
    const resultObject = JSON.stringify([
      { profileUrl: 'https://www.linkedin.com/in/orenfalk', fullName: 'Oren Falk', title: 'COO' },
    ]);

    const phantom = await deliver(
      `phantombuster/${ingest}`,
      JSON.stringify({ containerId: '77', exitCode: 0, exitMessage: 'finished', resultObject }),
      {},
    );
    const apify = await deliver(
      `apify/${ingest}`,
      JSON.stringify({ eventType: 'ACTOR.RUN.SUCCEEDED', resource: { id: 'JgwXN9BdwxGcu9MMF' } }),
      {},
    );

    expect([phantom.statusCode, phantom.json().result]).toMatchObject([
      200,
      { profiles: 1, created: 1 },
    ]);
    expect([apify.statusCode, apify.json().status]).toEqual([202, 'deferred']);
  });

  it('fails a PhantomBuster result that is not JSON rows as a bad payload, logging no error', async () => {
    await setUp();

    const response = await deliver(
      'phantombuster',
      JSON.stringify({ containerId: '77', exitCode: 0, resultObject: 'not json [' }),
    );

    expect([response.statusCode, response.json().status, response.json().errorCode]).toEqual([
      202,
      'failed',
      'bad_payload',
    ]);
    const levels = logLines.map((line) => JSON.parse(line).level as number);
    expect(levels.filter((level) => level >= 50)).toEqual([]);
  });
});

describe('the inbox API', () => {
  it('lists failed deliveries of the caller only, shows one with its body, and replays it', async () => {
    await setUp();
    const failed = (await deliver('linkedhelper', '{"full_name":"No Url"}')).json();
    const bravoPortal = await world.clientToken('bravo');
    const asAlpha = { authorization: `Bearer ${portal}` };
    const get = (url: string, headers: Record<string, string> = asAlpha) =>
      world.app.inject({ method: 'GET', url: `/api${url}`, headers });

    const list = await get('/inbox?status=failed');
    const one = await get(`/inbox/${failed.id}`);
    const asBravo = await get('/inbox', bearer(bravoPortal));
    const bravoOne = await get(`/inbox/${failed.id}`, bearer(bravoPortal));
    const byIngestToken = await get('/inbox', bearer(ingest));
    const replay = await world.app.inject({
      method: 'POST',
      url: `/api/inbox/${failed.id}/replay`,
      headers: asAlpha,
    });
    const bravoReplay = await world.app.inject({
      method: 'POST',
      url: `/api/inbox/${failed.id}/replay`,
      headers: bearer(bravoPortal),
    });

    expect(failed).toMatchObject({ status: 'failed', errorCode: 'no_usable_record' });
    expect(list.json()).toMatchObject({ deliveries: [{ id: failed.id }], nextBefore: null });
    expect(one.json()).toMatchObject({ id: failed.id, body: '{"full_name":"No Url"}' });
    expect(one.json().headers).toEqual({
      'content-type': 'application/json',
      'content-length': '22',
      'user-agent': 'lightMyRequest',
    });
    expect(asBravo.json()).toEqual({ deliveries: [], nextBefore: null });
    expect([bravoOne.statusCode, bravoReplay.statusCode]).toEqual([404, 404]);
    expect(bravoOne.body + bravoReplay.body).not.toContain('No Url');
    expect(byIngestToken.statusCode).toBe(403);
    expect([replay.statusCode, replay.json().attempts, replay.json().status]).toEqual([
      200,
      2,
      'failed',
    ]);
  });
});
