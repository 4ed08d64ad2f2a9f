import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { LeadSortField, SortDirection } from './lead-query-schema.ts';
import { sortsTiesByName } from './lead-sort.ts';

/**
 * Where a page ended: the sort it belongs to, the last lead's sort value, its name key when the
 * sort breaks ties by name (src/leads/lead-sort.ts), and its id.
 */
export interface LeadCursor {
  sort: LeadSortField;
  direction: SortDirection;
  value: string | number;
  tie?: string;
  id: string;
}

const cursorSchema = z.strictObject({
  s: z.string(),
  v: z.union([z.string(), z.number()]),
  n: z.string().max(2000).optional(),
  i: z.string().min(1).max(200),
});

/**
 * The sort value each sort hands out (src/leads/lead-query.ts `sortKeys`): a score (-1 for
 * none); a lower-cased name; a stored time or calendar date. A value of another type was never
 * handed out, and would be compared with the sort key as something else.
 */
const sortValueSchemas: Record<LeadSortField, z.ZodType<string | number>> = {
  score: z.number(),
  name: z.string().max(2000),
  created: z.string().min(1).max(64),
  updated: z.string().min(1).max(64),
  'follow-up': z.string().min(1).max(64),
};

function invalidCursor(reason: string): AppError {
  return new AppError('invalid_cursor', `the cursor ${reason}`);
}

/** Opaque to callers: base64url JSON, so nobody builds or edits one by hand. */
export function encodeCursor(cursor: LeadCursor): string {
  const tie = cursor.tie === undefined ? {} : { n: cursor.tie };
  const payload = {
    s: `${cursor.sort}:${cursor.direction}`,
    v: cursor.value,
    ...tie,
    i: cursor.id,
  };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

function readPayload(text: string): z.infer<typeof cursorSchema> {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
  } catch {
    throw invalidCursor('is not one this lead search handed out');
  }
}

export function decodeCursor(
  text: string,
  sort: LeadSortField,
  direction: SortDirection,
): LeadCursor {
  const payload = readPayload(text);
  if (payload.s !== `${sort}:${direction}`) {
    throw invalidCursor(`belongs to a search sorted by ${payload.s}, not ${sort}:${direction}`);
  }
  if (!sortValueSchemas[sort].safeParse(payload.v).success) {
    throw invalidCursor(`holds no ${sort} value; it is not one this lead search handed out`);
  }
  if (!sortsTiesByName(sort)) return { sort, direction, value: payload.v, id: payload.i };
  if (payload.n === undefined) {
    throw invalidCursor(
      `holds no name to order ties of ${sort} by; it is not one this lead search handed out`,
    );
  }
  return { sort, direction, value: payload.v, tie: payload.n, id: payload.i };
}
