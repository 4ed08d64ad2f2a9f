import type {
  ColumnDataType,
  ColumnDefinitionBuilder,
  Expression,
  Kysely,
  RawBuilder,
  SelectQueryBuilder,
  SqlBool,
} from 'kysely';

/** What a migration needs to know about the engine it runs on. */
export interface SchemaCapabilities {
  /** Makes an integer column the auto-assigned primary key. */
  autoIncrementId(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /** The column type of a fractional number (a score, a cost) held without loss of digits. */
  readonly floatType: ColumnDataType;
}

/** What queries need that the engines spell differently. */
export interface QueryCapabilities {
  /** `text` folded as src/db/text-fold.ts folds it: lower-cased, accents dropped. */
  foldedText(text: Expression<string | null>): RawBuilder<string | null>;
  /** True when the JSON array of strings held in `array` contains `value`. */
  jsonArrayIncludes(array: Expression<string>, value: string): RawBuilder<SqlBool>;
  /**
   * The candidate query of a claim (a worker taking a queued row), made to lock the rows it
   * picks and pass over rows another transaction has locked, so that concurrent claimers take
   * different rows instead of queueing behind each other (PostgreSQL: `FOR UPDATE SKIP LOCKED`).
   * An engine whose write transaction holds the database's only write lock returns it as it is.
   */
  claimCandidates<DB, TB extends keyof DB, O>(
    query: SelectQueryBuilder<DB, TB, O>,
  ): SelectQueryBuilder<DB, TB, O>;
}

/**
 * The differences between engines, by name. Features call these; they never test which engine
 * is underneath. One instance serves one store: its write lock is that store's.
 */
export interface Dialect extends SchemaCapabilities, QueryCapabilities {
  readonly name: string;
  /**
   * Runs `work` in a transaction that holds the store's write lock from its first statement, so
   * that concurrent writers queue instead of failing half-way.
   */
  writeTransaction<DB, T>(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<T>): Promise<T>;
  /**
   * Runs `work` in a transaction that takes no store-wide lock, for writes whose first statement
   * updates the one row they are about (a ledger record's counters): that row's lock queues its
   * writers, and writers of other rows go on beside them. An engine whose write transaction holds
   * the database's only write lock runs it as `writeTransaction`.
   */
  rowLockTransaction<DB, T>(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<T>): Promise<T>;
  /**
   * Readies a migration transaction (already holding the write lock): the store exists and
   * unqualified table names in the migrations' SQL name the store's tables.
   */
  prepareMigration(trx: Kysely<unknown>): Promise<void>;
  /**
   * After rows were written with their own values in an auto-assigned key column (a restored
   * archive), makes the next assigned value follow the highest one in `table`.
   */
  advanceAutoIncrement(db: Kysely<unknown>, table: string, column: string): Promise<void>;
}
