import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { LeadCursor } from './lead-cursor.ts';
import type { LeadSortField, SortDirection } from './lead-query-schema.ts';

// The orders of the lead search, and the keyset conditions that continue one after a cursor.
// Each sort's key matches a (key, id) index of tenant migration 0003 exactly, so that the
// engine reads pages from it; where ties go by name, it orders each page's ties itself.

export type SortValue = string | number;

/** The lower-cased name; '' for a lead without one. */
const nameKey = sql<string>`lower(coalesce(full_name, ''))`;

/**
 * The name as ties are ordered by it: lower-cased, and for a lead without one the highest
 * character there is (U+10FFFF), so that nameless leads come last.
 */
const nameLastKey = sql<string>`coalesce(nullif(lower(full_name), ''), '\u{10FFFF}')`;

/** Each sort's own key. Keys are never null, so that blanks fall in one place on every engine. */
const primaryKeys: Record<LeadSortField, RawBuilder<SortValue>> = {
  score: sql<number>`coalesce(score, -1)`,
  name: nameKey,
  created: sql<string>`created_at`,
  updated: sql<string>`updated_at`,
  'follow-up': sql<string>`coalesce(follow_up_on, '9999-12-31')`,
};

/**
 * Sorts whose ties are common (many leads share a score or a follow-up day): ties go by name,
 * A to Z with nameless leads last, then by id, so the same leads always come in the same order.
 * TODO(tie order at scale): a page inside a large tie (50,000 unscored leads) sorts the whole
 * tie, ~40 ms at 100,000 leads; index (key, name, id) once imports can pay for inserting into
 * it at random places (it cost a fifth of the import rate) – when such pages must answer in
 * under 10 ms.
 */
const tiedByName: ReadonlySet<LeadSortField> = new Set(['score', 'follow-up']);

export function sortsTiesByName(sort: LeadSortField): boolean {
  return tiedByName.has(sort);
}

export interface SortColumn {
  expression: RawBuilder<SortValue>;
  direction: SortDirection;
}

/** The sort's key of a row, for the cursor of a page that ends there. */
export const sortKey = (sort: LeadSortField) => primaryKeys[sort];

/** The name key of a row that breaks ties, for the cursor of a page that ends there. */
export const tieKey = nameLastKey;

/** What the leads are ordered by, in order: the sort's key, then what breaks its ties. */
function sortColumns(sort: LeadSortField, direction: SortDirection): SortColumn[] {
  const key = { expression: primaryKeys[sort], direction };
  const id: SortColumn = { expression: sql<string>`id`, direction };
  if (!tiedByName.has(sort)) return [key, id];
  return [key, { expression: nameLastKey, direction: 'asc' }, { ...id, direction: 'asc' }];
}

/** The values of sortColumns at the cursor, in the same order. */
function cursorValues(cursor: LeadCursor): SortValue[] {
  if (!tiedByName.has(cursor.sort)) return [cursor.value, cursor.id];
  return [cursor.value, cursor.tie ?? '', cursor.id];
}

/** One query of a page: the order it reads leads in, and which leads it reads. */
export interface PagePart {
  columns: SortColumn[];
  where: RawBuilder<SqlBool> | null;
}

const named = sql<SqlBool>`${nameKey} > ''`;
const nameless = sql<SqlBool>`${nameKey} = ''`;

/**
 * The queries that read a page, in order, each continuing after the cursor. Ascending by name
 * takes two, so that leads without a name come after the others while both read the (name, id)
 * index: first the named leads, then the nameless ones by id. Every other order is one query.
 */
export function pageParts(
  sort: LeadSortField,
  direction: SortDirection,
  cursor: LeadCursor | null,
): PagePart[] {
  if (sort !== 'name' || direction === 'desc') {
    const columns = sortColumns(sort, direction);
    return [{ columns, where: cursor ? afterCursor(columns, cursorValues(cursor)) : null }];
  }
  const byId: SortColumn[] = [{ expression: sql<string>`id`, direction: 'asc' }];
  const namelessPart = (after: string | null): PagePart => ({
    columns: byId,
    where: after === null ? nameless : sql<SqlBool>`${nameless} and id > ${after}`,
  });
  if (cursor && cursor.value === '') return [namelessPart(cursor.id)];

  const columns = sortColumns(sort, direction);
  const after = cursor ? sql<SqlBool>` and ${afterCursor(columns, cursorValues(cursor))}` : sql``;
  return [{ columns, where: sql<SqlBool>`${named}${after}` }, namelessPart(null)];
}

const tuple = (items: Array<RawBuilder<unknown> | SortValue>) =>
  sql.join(items.map((item) => (typeof item === 'object' ? item : sql`${item}`)));

/**
 * Rows strictly after the cursor in the order of `columns`: column runs of one direction are
 * compared as row values, and the first column also bounds the scan on its own, so that an index
 * on these expressions can seek to the cursor instead of reading every row before it.
 */
function afterCursor(columns: SortColumn[], values: SortValue[]): RawBuilder<SqlBool> {
  const runs: Array<{ direction: SortDirection; from: number; to: number }> = [];
  columns.forEach((column, index) => {
    const last = runs.at(-1);
    if (last && last.direction === column.direction) last.to = index + 1;
    else runs.push({ direction: column.direction, from: index, to: index + 1 });
  });

  const compare = (run: (typeof runs)[number], operator: string) =>
    sql<SqlBool>`(${tuple(columns.slice(run.from, run.to).map((c) => c.expression))}) ${sql.raw(
      operator,
    )} (${tuple(values.slice(run.from, run.to))})`;
  const beyond = (run: (typeof runs)[number]) => (run.direction === 'asc' ? '>' : '<');

  let condition = compare(runs.at(-1)!, beyond(runs.at(-1)!));
  for (const run of runs.slice(0, -1).reverse()) {
    condition = sql<SqlBool>`(${compare(run, beyond(run))} or (${compare(run, '=')} and ${condition}))`;
  }
  if (columns.length === 1) return condition;
  const first = { ...runs[0]!, to: 1 };
  return sql<SqlBool>`(${compare(first, `${beyond(first)}=`)} and ${condition})`;
}
