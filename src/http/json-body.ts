import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { refuseNul } from './nul-characters.ts';

/**
 * Keys that could change an object's prototype once a parsed body is copied or merged. They
 * are refused wherever they occur; no Leadbase body has a field of either name.
 */
const forbiddenKeys = new Set(['__proto__', 'constructor']);

function refuseForbiddenKeys(key: string, value: unknown): unknown {
  if (forbiddenKeys.has(key)) {
    throw new AppError('bad_request', `the body may not hold a key named "${key}"`);
  }
  return value;
}

/** Where the parser stopped, as V8 words it; the rest of its message may quote the body. */
function position(error: unknown): string {
  const at = /at position (\d+)/.exec(error instanceof Error ? error.message : '');
  return at ? ` (at character ${Number(at[1]) + 1})` : '';
}

/**
 * The JSON body parser. Fastify's own answers "Body is not valid JSON" for every fault, a
 * refused `__proto__` key included; this one says which fault it is.
 */
export function parseJsonBody(
  _request: FastifyRequest,
  body: string,
  done: (error: Error | null, value?: unknown) => void,
): void {
  if (body.length === 0) {
    done(new AppError('bad_request', 'the body is empty, but its content type says JSON'));
    return;
  }
  try {
    done(null, refuseNul({ body: JSON.parse(body, refuseForbiddenKeys) }).body);
  } catch (error) {
    done(
      error instanceof AppError
        ? error
        : new AppError('bad_request', `the body is not valid JSON${position(error)}`),
    );
  }
}
