/**
 * Reading one fact from items whose field names vary by actor and version: the first of several
 * names that holds a usable value wins.
 */

export type Item = Record<string, unknown>;

export function asItem(value: unknown): Item | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Item)
    : null;
}

/** The first named field holding a non-blank string (numbers are given as their digits). */
export function pickText(item: Item | null, names: readonly string[]): string | null {
  if (!item) return null;
  for (const name of names) {
    const value = item[name];
    if (typeof value === 'string' && value.trim() !== '') return value;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  }
  return null;
}

/** The first named field that is present and not null, whatever its type. */
export function pickValue(item: Item | null, names: readonly string[]): unknown {
  if (!item) return undefined;
  for (const name of names) {
    const value = item[name];
    if (value !== undefined && value !== null) return value;
  }
  return undefined;
}

/** The first named field holding an object. */
export function pickItem(item: Item | null, names: readonly string[]): Item | null {
  if (!item) return null;
  for (const name of names) {
    const nested = asItem(item[name]);
    if (nested) return nested;
  }
  return null;
}

/** A string that may be empty: only absent and null count as "not stated". */
export function pickRawText(item: Item | null, names: readonly string[]): string | null {
  if (!item) return null;
  for (const name of names) {
    const value = item[name];
    if (typeof value === 'string') return value;
  }
  return null;
}
