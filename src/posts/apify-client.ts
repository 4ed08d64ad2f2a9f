import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { ApifyConfig } from './apify-config.ts';
import { apifyRequest, sleep } from './apify-http.ts';

/** A run as Apify reports it; `status` is one of READY, RUNNING, SUCCEEDED, FAILED, TIMING-OUT,
 * TIMED-OUT, ABORTING, ABORTED. */
export interface ApifyRun {
  id: string;
  status: string;
  defaultDatasetId: string | null;
  statusMessage: string | null;
}

/** Statuses after which a run never changes again. */
export const terminalRunStatuses: ReadonlySet<string> = new Set([
  'SUCCEEDED',
  'FAILED',
  'ABORTED',
  'TIMED-OUT',
]);

const runEnvelope = z.object({
  data: z.object({
    id: z.string().min(1),
    status: z.string().min(1),
    defaultDatasetId: z.string().nullish(),
    statusMessage: z.string().nullish(),
  }),
});

function readRun(body: unknown, what: string): ApifyRun {
  const parsed = runEnvelope.safeParse(body);
  if (!parsed.success) {
    throw new AppError('provider_unavailable', `Apify's answer to ${what} is not a run object`, {
      details: { provider: 'apify' },
    });
  }
  const run = parsed.data.data;
  return {
    id: run.id,
    status: run.status,
    defaultDatasetId: run.defaultDatasetId ?? null,
    statusMessage: run.statusMessage ?? null,
  };
}

/** Apify's HTTP API v2, the parts the post harvest uses. */
export class ApifyClient {
  constructor(readonly config: ApifyConfig) {}

  /** Starts the configured actor with `input`: `POST /v2/acts/{actorId}/runs`. */
  async startRun(input: unknown, signal: AbortSignal): Promise<ApifyRun> {
    const actor = encodeURIComponent(this.config.actorId.replace('/', '~'));
    const path = `/v2/acts/${actor}/runs`;
    const response = await apifyRequest(this.config, {
      method: 'POST',
      path,
      body: input,
      idempotent: false,
      signal,
    });
    return readRun(response.body, 'starting a run');
  }

  /** `GET /v2/actor-runs/{runId}`, letting Apify hold the answer up to `waitSecs` for the end. */
  async getRun(runId: string, waitSecs: number, signal: AbortSignal): Promise<ApifyRun> {
    const path = `/v2/actor-runs/${encodeURIComponent(runId)}?waitForFinish=${waitSecs}`;
    const response = await apifyRequest(this.config, {
      method: 'GET',
      path,
      idempotent: true,
      signal,
    });
    return readRun(response.body, `run ${runId}`);
  }

  /**
   * Polls a run until it reaches a terminal status, or until `maxRunMs` has passed: then the
   * last, still running, state is returned and the caller decides.
   */
  async waitForRun(runId: string, signal: AbortSignal, now = () => Date.now()): Promise<ApifyRun> {
    const deadline = now() + this.config.maxRunMs;
    for (;;) {
      const left = Math.ceil((deadline - now()) / 1000);
      const run = await this.getRun(
        runId,
        Math.max(0, Math.min(this.config.waitSecs, left)),
        signal,
      );
      if (terminalRunStatuses.has(run.status) || now() >= deadline) return run;
      await sleep(this.config.pollIntervalMs, signal);
    }
  }

  /** `POST /v2/actor-runs/{runId}/abort`. */
  async abortRun(runId: string, signal: AbortSignal): Promise<ApifyRun> {
    const path = `/v2/actor-runs/${encodeURIComponent(runId)}/abort`;
    const response = await apifyRequest(this.config, {
      method: 'POST',
      path,
      idempotent: true,
      signal,
    });
    return readRun(response.body, `aborting run ${runId}`);
  }

  /** Every item of a dataset, page by page: `GET /v2/datasets/{datasetId}/items`. */
  async datasetItems(datasetId: string, signal: AbortSignal): Promise<unknown[]> {
    const items: unknown[] = [];
    const limit = this.config.pageSize;
    for (let offset = 0; ; offset += limit) {
      const path = `/v2/datasets/${encodeURIComponent(datasetId)}/items?format=json&clean=true&offset=${offset}&limit=${limit}`;
      const response = await apifyRequest(this.config, {
        method: 'GET',
        path,
        idempotent: true,
        signal,
      });
      if (!Array.isArray(response.body)) {
        throw new AppError('provider_unavailable', `Apify's dataset ${datasetId} is not a list`, {
          details: { provider: 'apify' },
        });
      }
      items.push(...response.body);
      const total = response.headers.get('x-apify-pagination-total');
      if (response.body.length < limit) return items;
      if (total !== null && items.length >= Number(total)) return items;
    }
  }
}
