import { AppError } from '../errors.ts';
import type { ApifyConfig } from './apify-config.ts';
import { parseJsonLosslessly } from './lossless-json.ts';

export interface ApifyResponse {
  status: number;
  headers: Headers;
  /** The body, read with 19-digit integers kept exact. */
  body: unknown;
}

export interface ApifyRequest {
  method: 'GET' | 'POST';
  /** Path and query under the base URL, such as `/v2/actor-runs/abc?waitForFinish=60`. */
  path: string;
  body?: unknown;
  /** Whether repeating the request after a network error is safe (reads are). */
  idempotent: boolean;
  signal: AbortSignal;
}

/** Seconds or an HTTP date, as Retry-After allows; null when absent or unreadable. */
function retryAfterMs(headers: Headers): number | null {
  const value = headers.get('retry-after');
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

function backoffMs(config: ApifyConfig, attempt: number, headers: Headers | null): number {
  const jittered = config.retryBaseMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
  const asked = headers ? retryAfterMs(headers) : null;
  return Math.min(Math.max(jittered, asked ?? 0), 60_000);
}

/** Waits `ms`, or rejects as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function unavailable(request: ApifyRequest, reason: string, status?: number): AppError {
  const where = `${request.method} ${request.path.split('?')[0]}`;
  return new AppError('provider_unavailable', `Apify ${reason} (${where})`, {
    details: { provider: 'apify', status: status ?? null },
  });
}

async function attemptOnce(
  config: ApifyConfig,
  request: ApifyRequest,
): Promise<Response | { networkError: unknown }> {
  const signal = AbortSignal.any([request.signal, AbortSignal.timeout(config.requestTimeoutMs)]);
  try {
    return await fetch(`${config.baseUrl}${request.path}`, {
      method: request.method,
      headers: {
        authorization: `Bearer ${config.token}`,
        accept: 'application/json',
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      signal,
    });
  } catch (error) {
    if (request.signal.aborted) throw error;
    return { networkError: error };
  }
}

/**
 * One call of Apify's API: the token in the Authorization header (never in a URL that could
 * be logged), bounded by a timeout, retried with jittered back-off on 429 and 5xx (and on
 * network errors when it is safe to repeat), honouring Retry-After.
 */
export async function apifyRequest(
  config: ApifyConfig,
  request: ApifyRequest,
): Promise<ApifyResponse> {
  for (let attempt = 1; ; attempt += 1) {
    const response = await attemptOnce(config, request);
    const last = attempt >= config.attempts;

    if ('networkError' in response) {
      const cause = response.networkError;
      const reason = cause instanceof Error ? cause.message : String(cause);
      if (last || !request.idempotent)
        throw unavailable(request, `could not be reached: ${reason}`);
      await sleep(backoffMs(config, attempt, null), request.signal);
      continue;
    }

    const retryable = response.status === 429 || response.status >= 500;
    if (retryable && !last && (request.idempotent || response.status === 429)) {
      await response.body?.cancel();
      await sleep(backoffMs(config, attempt, response.headers), request.signal);
      continue;
    }
    const text = await response.text();
    if (!response.ok) throw unavailable(request, `answered ${response.status}`, response.status);
    try {
      return {
        status: response.status,
        headers: response.headers,
        body: parseJsonLosslessly(text),
      };
    } catch {
      throw unavailable(request, 'answered with a body that is not JSON', response.status);
    }
  }
}
