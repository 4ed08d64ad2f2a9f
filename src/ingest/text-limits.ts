/**
 * How long one imported text may be. A cell of millions of characters is a broken export, not
 * a profile: it bloats the store and slows every scoring run, so it is cut, with a warning.
 */

/** Characters kept of a name, a headline, a company or any other one-line field. */
export const textLimit = 10_000;
/** Characters kept of an about text (LinkedIn allows 2,600; tools append more). */
export const aboutLimit = 100_000;

/** `text` cut to `limit` characters, never between the two halves of a surrogate pair. */
export function cutText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const code = text.charCodeAt(limit - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
  return text.slice(0, end);
}

/** The warning for a cut text: which field, how long it was, what was kept. */
export function cutWarning(field: string, length: number, limit: number): string {
  return `${field}: ${length.toLocaleString('en')} characters, cut to the first ${limit.toLocaleString('en')}`;
}

/** `text` within `limit`; a warning naming `field` is added when it had to be cut. */
export function limitedText(
  text: string,
  limit: number,
  field: string,
  warnings: string[],
): string {
  if (text.length <= limit) return text;
  warnings.push(cutWarning(field, text.length, limit));
  return cutText(text, limit);
}
