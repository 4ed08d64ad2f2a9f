import { afterEach, describe, expect, it } from 'vitest';
import { type ApifyServer, startApifyServer } from '../../test/support/apify-server.ts';
import { ApifyClient } from './apify-client.ts';

let server: ApifyServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const signal = () => new AbortController().signal;
const items = (count: number) =>
  Array.from({ length: count }, (_, index) => ({ id: `737072734273659456${index}`, n: index }));

describe('ApifyClient against a local server speaking Apify API v2', () => {
  it('starts a run, polls it with waitForFinish until it ends, and pages through the dataset', async () => {
    server = await startApifyServer({
      items: (input) => items((input.targetUrls as string[]).length + 3),
      pollsBeforeDone: 2,
      bareIds: true,
    });
    const client = new ApifyClient(server.config({ pageSize: 2 }));

    const started = await client.startRun({ targetUrls: ['a', 'b'], maxPosts: 10 }, signal());
    const finished = await client.waitForRun(started.id, signal());
    const data = await client.datasetItems(finished.defaultDatasetId!, signal());

    expect(started.status).toBe('READY');
    expect(finished).toMatchObject({ id: started.id, status: 'SUCCEEDED' });
    expect(data).toEqual(items(5));
    expect(server.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /v2/acts/harvestapi~linkedin-profile-posts/runs',
      `GET /v2/actor-runs/${started.id}`,
      `GET /v2/actor-runs/${started.id}`,
      `GET /v2/actor-runs/${started.id}`,
      `GET /v2/datasets/${finished.defaultDatasetId}/items`,
      `GET /v2/datasets/${finished.defaultDatasetId}/items`,
      `GET /v2/datasets/${finished.defaultDatasetId}/items`,
    ]);
    expect(server.requests[0]!.body).toEqual({ targetUrls: ['a', 'b'], maxPosts: 10 });
    expect(server.requests[1]!.query).toEqual({ waitForFinish: '1' });
    expect(server.requests.slice(4).map((request) => request.query.offset)).toEqual([
      '0',
      '2',
      '4',
    ]);
    expect(new Set(server.requests.map((request) => request.authorization))).toEqual(
      new Set([`Bearer ${server.token}`]),
    );
  });

  it('reports a run that ends FAILED as it is', async () => {
    server = await startApifyServer({ items: () => [], finalStatus: 'FAILED' });
    const client = new ApifyClient(server.config());
    const run = await client.startRun({}, signal());
    expect((await client.waitForRun(run.id, signal())).status).toBe('FAILED');
  });

  it('gives up waiting after the run time limit and can abort the run', async () => {
    server = await startApifyServer({ items: () => [], pollsBeforeDone: 1_000 });
    let clock = 0;
    const client = new ApifyClient(server.config({ maxRunMs: 3 }));
    const run = await client.startRun({}, signal());

    const waited = await client.waitForRun(run.id, signal(), () => clock++);
    const aborted = await client.abortRun(run.id, signal());

    expect(waited.status).toBe('RUNNING');
    expect(aborted.status).toBe('ABORTED');
  });

  it('backs off and retries 429 (honouring Retry-After) and 5xx', async () => {
    server = await startApifyServer({
      items: () => items(1),
      failFirst: { path: /\/runs$/, status: 429, times: 2, retryAfter: '0' },
    });
    const client = new ApifyClient(server.config());
    const run = await client.startRun({}, signal());
    expect(run.status).toBe('READY');
    expect(server.requests.filter((request) => request.method === 'POST')).toHaveLength(3);

    await server.close();
    server = await startApifyServer({
      items: () => items(1),
      failFirst: { path: /\/actor-runs\//, status: 503, times: 2 },
    });
    const again = new ApifyClient(server.config());
    const second = await again.startRun({}, signal());
    expect((await again.waitForRun(second.id, signal())).status).toBe('SUCCEEDED');
  });

  it('fails with provider_unavailable when a dataset cannot be read, never leaking the token', async () => {
    server = await startApifyServer({ items: () => items(3), datasetStatus: 403 });
    const client = new ApifyClient(server.config());

    const error = await client.datasetItems('abc', signal()).catch((caught: unknown) => caught);

    expect(error).toMatchObject({
      code: 'provider_unavailable',
      message: 'Apify answered 403 (GET /v2/datasets/abc/items)',
      details: { provider: 'apify', status: 403 },
    });
    expect(JSON.stringify(error)).not.toContain(server.token);
  });

  it('does not repeat a run start after a server error, and gives up on 5xx after its attempts', async () => {
    server = await startApifyServer({
      items: () => [],
      failFirst: { path: /./, status: 500, times: 10 },
    });
    const client = new ApifyClient(server.config());

    await expect(client.startRun({}, signal())).rejects.toMatchObject({
      message: 'Apify answered 500 (POST /v2/acts/harvestapi~linkedin-profile-posts/runs)',
    });
    await expect(client.getRun('r1', 0, signal())).rejects.toMatchObject({
      message: 'Apify answered 500 (GET /v2/actor-runs/r1)',
    });
    expect(server.requests.map((request) => request.method)).toEqual(['POST', 'GET', 'GET', 'GET']);
  });

  it('fails with provider_unavailable when nothing listens', async () => {
    server = await startApifyServer({ items: () => [] });
    const config = server.config();
    await server.close();
    server = undefined;

    await expect(new ApifyClient(config).getRun('r1', 0, signal())).rejects.toMatchObject({
      code: 'provider_unavailable',
      message: 'Apify could not be reached: fetch failed (GET /v2/actor-runs/r1)',
    });
  });
});
