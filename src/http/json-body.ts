import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

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

/** Paths (`body.a.0.b`) of every string, key included, that holds U+0000. */
function nulPaths(value: unknown, path: string, found: string[]): string[] {
  if (typeof value === 'string') {
    if (value.includes('\0')) found.push(path);
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) nulPaths(item, `${path}.${index}`, found);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\0')) found.push(`${path}.${key.replaceAll('\0', '\\u0000')}`);
      nulPaths(item, `${path}.${key}`, found);
    }
  }
  return found;
}

/**
 * PostgreSQL cannot store U+0000 in text, and no field of a lead, note or setting means one:
 * a body that holds it is refused here, for every route, naming each field, on every engine.
 */
function refuseNul(value: unknown): unknown {
  const paths = nulPaths(value, 'body', []);
  if (paths.length === 0) return value;
  const message = 'holds a NUL character (\\u0000), which cannot be stored: remove it';
  throw new AppError('validation_failed', `invalid request: ${paths.join(', ')}`, {
    issues: paths.map((path) => ({ path, message })),
  });
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
    done(null, refuseNul(JSON.parse(body, refuseForbiddenKeys)));
  } catch (error) {
    done(
      error instanceof AppError
        ? error
        : new AppError('bad_request', `the body is not valid JSON${position(error)}`),
    );
  }
}
