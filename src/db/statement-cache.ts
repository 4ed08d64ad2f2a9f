import type Database from 'better-sqlite3';

/** Distinct statements kept per connection; IN lists of every length each count as one. */
const cacheSize = 256;

/**
 * Reuses prepared statements per SQL text. Kysely prepares every query afresh, and for a page
 * of leads preparing costs about a fifth of running it. A statement still being iterated (a
 * streamed query) is busy and cannot be shared, so a second one is prepared for that caller.
 */
export function cacheStatements(database: Database.Database): void {
  const prepare = database.prepare.bind(database);
  const cache = new Map<string, Database.Statement>();

  database.prepare = ((source: string) => {
    const cached = cache.get(source);
    if (cached && !cached.busy) {
      // Re-inserted so that the least recently used statement is the first to go.
      cache.delete(source);
      cache.set(source, cached);
      return cached;
    }
    const statement = prepare(source);
    if (cached) return statement;
    cache.set(source, statement);
    if (cache.size > cacheSize) cache.delete(cache.keys().next().value!);
    return statement;
  }) as typeof database.prepare;
}
