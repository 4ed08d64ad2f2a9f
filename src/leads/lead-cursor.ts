import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { LeadSortField, SortDirection } from './lead-query-schema.ts';

/** Where a page ended: the sort it belongs to, the last lead's sort value and its id. */
export interface LeadCursor {
  sort: LeadSortField;
  direction: SortDirection;
  value: string | number;
  id: string;
}

const cursorSchema = z.strictObject({
  s: z.string(),
  v: z.union([z.string(), z.number()]),
  i: z.string().min(1),
});

/** Opaque to callers: base64url JSON, so nobody builds or edits one by hand. */
export function encodeCursor(cursor: LeadCursor): string {
  const payload = { s: `${cursor.sort}:${cursor.direction}`, v: cursor.value, i: cursor.id };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

export function decodeCursor(
  text: string,
  sort: LeadSortField,
  direction: SortDirection,
): LeadCursor {
  let payload: z.infer<typeof cursorSchema>;
  try {
    payload = cursorSchema.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
  } catch {
    throw new AppError('bad_request', 'the cursor is not one this lead search handed out');
  }
  if (payload.s !== `${sort}:${direction}`) {
    throw new AppError(
      'bad_request',
      `the cursor belongs to a search sorted by ${payload.s}, not ${sort}:${direction}`,
    );
  }
  return { sort, direction, value: payload.v, id: payload.i };
}
