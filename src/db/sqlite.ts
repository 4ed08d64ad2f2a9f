import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { type ColumnDefinitionBuilder, Kysely, SqliteDialect, sql } from 'kysely';
import type { Dialect } from './dialect.ts';
import { cacheStatements } from './statement-cache.ts';
import { foldText } from './text-fold.ts';

/** How long a writer waits for another process's write lock before giving up. */
const busyTimeoutMs = 15_000;

export const embeddedDialect: Dialect = {
  name: 'embedded',

  autoIncrementId(column: ColumnDefinitionBuilder) {
    return column.primaryKey().autoIncrement();
  },

  floatType: 'real',

  foldedText(text) {
    return sql`leadbase_fold(${text})`;
  },

  jsonArrayIncludes(array, value) {
    return sql<boolean>`exists (select 1 from json_each(${array}) where json_each.value = ${value})`;
  },

  // BEGIN IMMEDIATE already gives a claim the only write lock: there is nothing to skip.
  claimCandidates(query) {
    return query;
  },

  // AUTOINCREMENT keeps the highest key ever written, given or assigned, in sqlite_sequence.
  async advanceAutoIncrement() {},

  async writeTransaction(db, work) {
    return db.connection().execute(async (connection) => {
      // BEGIN IMMEDIATE takes the write lock now: a deferred transaction that upgrades later
      // fails with SQLITE_BUSY at once when another process writes, whatever the busy timeout.
      await sql`begin immediate`.execute(connection);
      try {
        const result = await work(connection);
        await sql`commit`.execute(connection);
        return result;
      } catch (error) {
        await sql`rollback`.execute(connection);
        throw error;
      }
    });
  },

  // There is no lock smaller than the file's.
  rowLockTransaction(db, work) {
    return embeddedDialect.writeTransaction(db, work);
  },

  async prepareMigration() {
    // A file is its own store: nothing to create, no names to qualify.
  },
};

/** Opens (creating if needed) one SQLite file with WAL, foreign keys and a busy timeout. */
export function openEmbeddedFile<DB>(path: string): Kysely<DB> {
  mkdirSync(dirname(path), { recursive: true });
  const database = new Database(path, { timeout: busyTimeoutMs });
  try {
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
  } catch (error) {
    // A file that is no database fails here; its handle would otherwise stay open.
    database.close();
    throw error;
  }
  // SQLite has no accent folding of its own; Dialect.foldedText calls this.
  database.function('leadbase_fold', { deterministic: true }, (text: unknown) =>
    typeof text === 'string' ? foldText(text) : null,
  );
  cacheStatements(database);
  return new Kysely<DB>({ dialect: new SqliteDialect({ database }) });
}
