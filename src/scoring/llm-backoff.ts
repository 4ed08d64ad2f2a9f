/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

/**
 * The wait a `Retry-After` header asks for, in milliseconds: delta-seconds or an HTTP date.
 * Undefined when the header is absent or unreadable.
 */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

export interface BackoffPolicy {
  /** First backoff ceiling; doubles per attempt. */
  baseMs: number;
  /** Longest wait we accept; a server asking for more is treated as down. */
  maxWaitMs: number;
}

/**
 * How long to wait before attempt `attempt + 1` (attempt counts from 1). Without Retry-After:
 * "full jitter" up to an exponentially growing ceiling, so many clients hitting one provider
 * spread out. With Retry-After: at least that long, plus a little jitter so retries do not
 * arrive together. Undefined when the server asks for more than we are willing to wait.
 */
export function backoffDelay(
  policy: BackoffPolicy,
  attempt: number,
  retryAfter: number | undefined,
  random: () => number,
): number | undefined {
  if (retryAfter !== undefined) {
    if (retryAfter > policy.maxWaitMs) return undefined;
    return retryAfter + Math.floor(random() * Math.min(1000, policy.baseMs));
  }
  const ceiling = Math.min(policy.maxWaitMs, policy.baseMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}
