import { z } from 'zod';
import { isCalendarDate } from '../../leads/calendar-date.ts';

/**
 * Values as they arrive in a query string or a path: text, read strictly. `Number()` would
 * take "0x10", " 5" and "1e3"; these take plain decimal digits only, so a value means one thing.
 */

/** A whole number written in decimal digits, within [min, max]. */
export function wholeNumberText(min: number, max: number) {
  return z
    .string()
    .regex(/^\d{1,15}$/, 'must be a whole number written in decimal digits')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
}

/** A number written in decimal digits with an optional fraction (`62.5`), within [min, max]. */
export function decimalText(min: number, max: number) {
  return z
    .string()
    .regex(/^\d{1,15}(?:\.\d{1,15})?$/, 'must be a number written in decimal digits')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
}

/** A real day written YYYY-MM-DD (2025-02-30 and 2025-13-45 are not). */
export const calendarDateText = z
  .string()
  .refine(isCalendarDate, 'must be a calendar date written YYYY-MM-DD');

const instantPattern =
  /^(\d{4}-\d{2}-\d{2})(?:T([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?Z?)?$/;

/** A real day (YYYY-MM-DD), or a UTC time on it (YYYY-MM-DDTHH:MM[:SS[.fff]][Z]). */
export const dateOrInstantText = z.string().refine((text) => {
  const day = instantPattern.exec(text)?.[1];
  return day !== undefined && isCalendarDate(day);
}, 'must be a calendar date YYYY-MM-DD or a UTC time YYYY-MM-DDTHH:MM:SSZ');
