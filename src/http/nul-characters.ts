import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/**
 * U+0000 in a request. PostgreSQL cannot store it in text nor compare text with it, and no
 * field, parameter or search of Leadbase means one: a request holding it is refused with a 400
 * naming each place, on every engine, rather than failing in the store as a 500.
 */

const message = 'holds a NUL character (\\u0000), which cannot be stored: remove it';

/** Paths (`body.a.0.b`) of every string, key included, that holds U+0000. */
function nulPaths(value: unknown, path: string, found: string[]): string[] {
  if (typeof value === 'string') {
    if (value.includes('\0')) found.push(path);
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) nulPaths(item, `${path}.${index}`, found);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const step = `${path}.${key.replaceAll('\0', '\\u0000')}`;
      if (key.includes('\0')) found.push(step);
      nulPaths(item, step, found);
    }
  }
  return found;
}

/** `parts` (by their names in problems: body, params, query) as they are, unless one holds NUL. */
export function refuseNul<T extends Record<string, unknown>>(parts: T): T {
  const paths = Object.entries(parts).flatMap(([label, value]) => nulPaths(value, label, []));
  if (paths.length === 0) return parts;
  throw new AppError('validation_failed', `invalid request: ${paths.join(', ')}`, {
    issues: paths.map((path) => ({ path, message })),
  });
}

/**
 * Refuses a path parameter or query value holding U+0000 (`/api/leads/a%00b`, `?q=%00`); JSON
 * bodies are checked as they are parsed.
 */
export async function refuseNulInRequest(request: FastifyRequest): Promise<void> {
  refuseNul({ params: request.params, query: request.query });
}
