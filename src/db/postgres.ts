import { type ColumnDefinitionBuilder, sql } from 'kysely';
import type { Dialect } from './dialect.ts';
import { createFoldFunction, foldFunctionName } from './postgres-fold.ts';
import { schemaLockKey } from './schema-names.ts';

export interface ServerDialectOptions {
  /** The store's schema: its write lock and the home of its tables. */
  schema: string;
  /** The control schema, which holds the fold function. */
  controlSchema: string;
}

/** The dialect of one PostgreSQL schema (the control store's or one client's). */
export function serverDialect({ schema, controlSchema }: ServerDialectOptions): Dialect {
  const lockKey = schemaLockKey(schema);
  const fold = sql.id(controlSchema, foldFunctionName);

  return {
    name: 'postgres',

    autoIncrementId(column: ColumnDefinitionBuilder) {
      return column.primaryKey().generatedByDefaultAsIdentity();
    },

    // `real` is 4 bytes on PostgreSQL: 87.35 would come back as 87.3499984741211.
    floatType: 'double precision',

    foldedText(text) {
      return sql`${fold}(${text})`;
    },

    // Claimers lock the rows they pick and pass over rows another claimer holds.
    claimCandidates(query) {
      return query.forUpdate().skipLocked();
    },

    jsonArrayIncludes(array, value) {
      return sql<boolean>`(cast(${array} as jsonb) @> jsonb_build_array(cast(${value} as text)))`;
    },

    async writeTransaction(db, work) {
      // A transaction-scoped advisory lock per schema serialises the store's writers as SQLite's
      // BEGIN IMMEDIATE does; it is released at commit or rollback, never left on the connection.
      return db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(cast(${lockKey} as bigint))`.execute(trx);
        return work(trx);
      });
    },

    // Read committed: an `x = x + n` update that waited for the row's lock adds to the value the
    // lock holder committed, and its WHERE is checked again on that value.
    async rowLockTransaction(db, work) {
      return db.transaction().execute(work);
    },

    // An identity column's sequence does not move when a row brings its own key.
    async advanceAutoIncrement(db, table, column) {
      const qualified = [schema, table].map((name) => `"${name.replaceAll('"', '""')}"`).join('.');
      await sql`select setval(pg_get_serial_sequence(${qualified}, ${column}),
        coalesce(max(${sql.ref(column)}), 0) + 1, false) from ${sql.id(schema, table)}`.execute(db);
    },

    async prepareMigration(trx) {
      await sql`create schema if not exists ${sql.id(schema)}`.execute(trx);
      // Local to this transaction: the pooled connection carries no schema past its commit.
      await sql`set local search_path to ${sql.id(schema)}`.execute(trx);
      if (schema === controlSchema) await createFoldFunction(trx, controlSchema);
    },
  };
}
