/**
 * Splits rows for multi-row statements into chunks whose sizes repeat from batch to batch: full
 * chunks of `max`, then powers of two for the rest. A statement's text depends on its row
 * count, and the store keeps prepared statements by text, so a handful of sizes means a
 * handful of statements prepared once, where every odd remainder would be one more.
 */
export function statementChunks<T>(items: readonly T[], max: number): T[][] {
  const chunks: T[][] = [];
  let start = 0;
  while (items.length - start >= max) {
    chunks.push(items.slice(start, start + max));
    start += max;
  }
  for (let size = max >> 1; size >= 1; size >>= 1) {
    if (items.length - start < size) continue;
    chunks.push(items.slice(start, start + size));
    start += size;
  }
  return chunks;
}

/**
 * An IN list padded to a power of two by repeating its last value (a repeat matches nothing
 * new).
 */
export function paddedInList<T>(values: readonly T[]): T[] {
  const last = values[values.length - 1];
  if (last === undefined) return [];
  let size = 1;
  while (size < values.length) size <<= 1;
  return [...values, ...Array<T>(size - values.length).fill(last)];
}
