import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApifyConfig } from '../../src/posts/apify-config.ts';

/**
 * A local stand-in for Apify's API v2 on 127.0.0.1: actor runs, their status (with
 * `waitForFinish`), abort, and dataset items with pagination headers. Only what the harvest
 * uses, answered the way Apify documents it (`{ data: run }`, `{ error: { type, message } }`).
 */
export interface ApifyScript {
  /** The items a run's dataset gets, from the input the run was started with. */
  items(input: Record<string, unknown>): unknown[];
  /** Where a run ends (SUCCEEDED by default; FAILED, ABORTED, TIMED-OUT …). */
  finalStatus?: string;
  /** Status requests answered RUNNING before the run ends. */
  pollsBeforeDone?: number;
  /** An HTTP status the dataset endpoint answers instead of the items (403: not retrievable). */
  datasetStatus?: number;
  /** Answers the first `times` requests whose path matches with `status`. */
  failFirst?: { path: RegExp; status: number; times: number; retryAfter?: string };
  /** Writes 19-digit `id` values as bare JSON numbers, as some actors do. */
  bareIds?: boolean;
  /** Called on every status request, before it is answered. */
  onPoll?: (runId: string, polls: number) => void;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  body: unknown;
}

interface FakeRun {
  id: string;
  actId: string;
  status: string;
  polls: number;
  defaultDatasetId: string;
  items: unknown[];
}

export interface ApifyServer {
  baseUrl: string;
  token: string;
  requests: RecordedRequest[];
  runs: Map<string, FakeRun>;
  /** An ApifyConfig aimed at this server, with short waits for tests. */
  config(overrides?: Partial<ApifyConfig>): ApifyConfig;
  close(): Promise<void>;
}

const apifyId = () => randomBytes(12).toString('base64url').replace(/[-_]/g, 'x').slice(0, 17);

function send(res: ServerResponse, status: number, body: unknown, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

const apifyError = (type: string, message: string) => ({ error: { type, message } });

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : JSON.parse(text);
}

export async function startApifyServer(script: ApifyScript): Promise<ApifyServer> {
  const token = `apify_api_${randomBytes(8).toString('hex')}`;
  const requests: RecordedRequest[] = [];
  const runs = new Map<string, FakeRun>();
  let failures = 0;

  const runView = (run: FakeRun) => ({
    data: {
      id: run.id,
      actId: run.actId,
      status: run.status,
      defaultDatasetId: run.defaultDatasetId,
      startedAt: '2025-09-24T08:00:00.000Z',
      finishedAt: run.status === 'RUNNING' ? null : '2025-09-24T08:05:00.000Z',
    },
  });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = await readBody(req);
    requests.push({
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
      body,
    });

    const fail = script.failFirst;
    if (fail?.path.test(url.pathname) && failures < fail.times) {
      failures += 1;
      const headers = fail.retryAfter ? { 'retry-after': fail.retryAfter } : {};
      return send(res, fail.status, apifyError('rate-limit-exceeded', 'slow down'), headers);
    }
    if (req.headers.authorization !== `Bearer ${token}`) {
      return send(
        res,
        401,
        apifyError('token-not-provided', 'Authentication token was not provided'),
      );
    }

    const start = /^\/v2\/acts\/([^/]+)\/runs$/.exec(url.pathname);
    if (start && req.method === 'POST') {
      const input = (body ?? {}) as Record<string, unknown>;
      const run: FakeRun = {
        id: apifyId(),
        actId: decodeURIComponent(start[1]!),
        status: 'READY',
        polls: 0,
        defaultDatasetId: apifyId(),
        items: script.items(input),
      };
      runs.set(run.id, run);
      return send(res, 201, runView(run));
    }

    const runPath = /^\/v2\/actor-runs\/([^/]+)(\/abort)?$/.exec(url.pathname);
    if (runPath) {
      const run = runs.get(runPath[1]!);
      if (!run) return send(res, 404, apifyError('record-not-found', 'Actor run was not found'));
      if (runPath[2] && req.method === 'POST') run.status = 'ABORTED';
      else if (run.status === 'READY' || run.status === 'RUNNING') {
        run.polls += 1;
        script.onPoll?.(run.id, run.polls);
        run.status =
          run.polls > (script.pollsBeforeDone ?? 0)
            ? (script.finalStatus ?? 'SUCCEEDED')
            : 'RUNNING';
      }
      return send(res, 200, runView(run));
    }

    const items = /^\/v2\/datasets\/([^/]+)\/items$/.exec(url.pathname);
    if (items && req.method === 'GET') {
      if (script.datasetStatus) {
        return send(res, script.datasetStatus, apifyError('insufficient-permissions', 'nope'));
      }
      const run = [...runs.values()].find((candidate) => candidate.defaultDatasetId === items[1]);
      if (!run) return send(res, 404, apifyError('record-not-found', 'Dataset was not found'));
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 1000);
      const page = run.items.slice(offset, offset + limit);
      let text = JSON.stringify(page);
      if (script.bareIds) text = text.replace(/"id":"(\d{16,})"/g, '"id":$1');
      return send(res, 200, text, {
        'x-apify-pagination-offset': String(offset),
        'x-apify-pagination-limit': String(limit),
        'x-apify-pagination-count': String(page.length),
        'x-apify-pagination-total': String(run.items.length),
      });
    }
    return send(res, 404, apifyError('page-not-found', `no route ${req.method} ${url.pathname}`));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) =>
      send(res, 500, apifyError('internal', String(error))),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    token,
    requests,
    runs,
    config: (overrides = {}) => ({
      baseUrl,
      token,
      actorId: 'harvestapi~linkedin-profile-posts',
      extraInput: {},
      maxPostsPerProfile: 10,
      waitSecs: 1,
      pollIntervalMs: 1,
      maxRunMs: 10_000,
      requestTimeoutMs: 5_000,
      attempts: 3,
      retryBaseMs: 1,
      pageSize: 1000,
      ...overrides,
    }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
