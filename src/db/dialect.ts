import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

/** What a migration needs to know about the engine it runs on. */
export interface SchemaCapabilities {
  /** Makes an integer column the auto-assigned primary key. */
  autoIncrementId(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
}

/**
 * The differences between engines, by name. Features call these; they never test which engine
 * is underneath.
 */
export interface Dialect extends SchemaCapabilities {
  readonly name: string;
  /**
   * Runs `work` in a transaction that holds the write lock from its first statement, so that
   * concurrent writers queue instead of failing half-way.
   */
  writeTransaction<DB, T>(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<T>): Promise<T>;
}
