import type { Kysely, SelectQueryBuilder } from 'kysely';
import { AppError } from '../errors.ts';
import { withArticle } from '../words.ts';
import type { ArchiveValue } from './client-archive-format.ts';

/** Any store seen table by table, for code that walks every table by name. */
export type AnyDatabase = Record<string, Record<string, unknown>>;

export type RowFilter = (
  query: SelectQueryBuilder<AnyDatabase, string, AnyDatabase[string]>,
) => SelectQueryBuilder<AnyDatabase, string, AnyDatabase[string]>;

const pageSize = 1000;

/**
 * The rows of one table in pages, in the order of its single-column key, each page read after
 * the last key of the one before: memory holds one page whatever the table's size, and the
 * same query works on every engine.
 */
export async function* tablePages(
  db: Kysely<AnyDatabase>,
  table: string,
  key: string,
  filter: RowFilter = (query) => query,
): AsyncGenerator<Record<string, unknown>[]> {
  let last: unknown;
  for (;;) {
    let query = filter(db.selectFrom(table).selectAll()).orderBy(key).limit(pageSize);
    if (last !== undefined) query = query.where(key, '>', last);
    const rows = await query.execute();
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    last = rows.at(-1)?.[key];
  }
}

/** A row as the archive holds it; a value JSON cannot carry exactly is refused, by column. */
export function archiveRow(
  table: string,
  row: Record<string, unknown>,
): Record<string, ArchiveValue> {
  for (const [column, value] of Object.entries(row)) {
    const kind = typeof value;
    const carried =
      value === null ||
      kind === 'string' ||
      kind === 'boolean' ||
      (kind === 'number' && Number.isFinite(value) && isExactNumber(value as number));
    if (!carried) {
      throw new AppError(
        'internal_error',
        `${table}.${column} holds a value the archive cannot carry exactly (${describe(value)})`,
        { details: { table, column } },
      );
    }
  }
  return row as Record<string, ArchiveValue>;
}

function isExactNumber(value: number): boolean {
  return !Number.isInteger(value) || Number.isSafeInteger(value);
}

function describe(value: unknown): string {
  if (typeof value === 'number') return `the number ${value}`;
  if (value instanceof Uint8Array) return 'binary data';
  return withArticle(typeof value);
}
