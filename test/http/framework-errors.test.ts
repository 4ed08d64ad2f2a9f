import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { bearer, createHttpWorld, type HttpWorld } from './http-world.ts';
import { seedLeads } from './lead-fixtures.ts';

let world: HttpWorld;
afterEach(async () => world?.close());

const problemType = 'application/problem+json; charset=utf-8';

/** A logger whose JSON lines are kept in memory. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}

describe('framework refusals', () => {
  it('finds a lead by a URL-encoded LinkedIn URL far longer than 100 characters', async () => {
    world = await createHttpWorld();
    const { access } = await world.addClient({ id: 'acme' });
    const token = await world.clientToken('acme');
    await seedLeads(world, access, [{ id: 'l-ann', fullName: 'Ann Arbor', slug: 'ann-arbor' }]);
    const longUrl = `https://www.linkedin.com/in/ann-arbor/?trk=${'x'.repeat(300)}&lipi=urn%3Ali`;

    const response = await world.app.inject({
      method: 'GET',
      url: `/api/leads/${encodeURIComponent(longUrl)}`,
      headers: bearer(token),
    });

    expect(encodeURIComponent(longUrl).length).toBeGreaterThan(300);
    expect([response.statusCode, response.json().id]).toEqual([200, 'l-ann']);
  });

  it('answers a bad percent-encoding and an over-long segment as logged problems', async () => {
    const { logger, lines } = capturedLogger();
    world = await createHttpWorld({ logger });
    const token = 'secret-ingest-token-in-the-path';

    const badUrl = await world.app.inject({
      method: 'POST',
      url: `/api/webhooks/linkedhelper/${token}%zz`,
    });
    const tooLong = await world.app.inject({
      method: 'GET',
      url: `/api/leads/${'a'.repeat(2049)}`,
    });

    expect([badUrl.statusCode, badUrl.headers['content-type'], badUrl.json()]).toEqual([
      400,
      problemType,
      {
        type: 'urn:leadbase:problem:bad_request',
        title: 'Bad request',
        status: 400,
        code: 'bad_request',
        detail: 'the URL path holds a malformed percent-encoding',
      },
    ]);
    expect(badUrl.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect([tooLong.statusCode, tooLong.json().code, tooLong.json().detail]).toEqual([
      414,
      'uri_too_long',
      'a path segment is longer than 2048 characters',
    ]);
    const refusals = lines.filter((line) => line.msg === 'request refused by the framework');
    expect(refusals.map((line) => [line.frameworkCode, line.code, line.statusCode])).toEqual([
      ['FST_ERR_BAD_URL', 'bad_request', 400],
      ['FST_ERR_MAX_PARAM_LENGTH', 'uri_too_long', 414],
    ]);
    expect(JSON.stringify(lines)).not.toContain(token);
  });

  it('says which JSON fault a body has, a forbidden key included', async () => {
    world = await createHttpWorld();
    const admin = await world.adminToken();
    const post = (payload: string) =>
      world.app.inject({
        method: 'POST',
        url: '/api/clients',
        headers: { ...bearer(admin), 'content-type': 'application/json' },
        payload,
      });

    const answers = await Promise.all([
      post('{"name": "Acme", "__proto__": {"admin": true}}'),
      post('{"name": "Acme", "settings": {"constructor": {"prototype": {}}}}'),
      post('{"name": "Acme"'),
      post(''),
    ]);

    expect(answers.map((r) => [r.statusCode, r.json().code, r.json().detail])).toEqual([
      [400, 'bad_request', 'the body may not hold a key named "__proto__"'],
      [400, 'bad_request', 'the body may not hold a key named "constructor"'],
      [400, 'bad_request', 'the body is not valid JSON (at character 16)'],
      [400, 'bad_request', 'the body is empty, but its content type says JSON'],
    ]);
    expect(await world.clients.list()).toEqual([]);
  });
});
