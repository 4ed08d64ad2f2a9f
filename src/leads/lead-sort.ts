import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { LeadCursor } from './lead-cursor.ts';
import type { LeadSortField, SortDirection } from './lead-query-schema.ts';

// The orders of the lead search, and the keyset condition that continues one after a cursor.
// Each expression here matches an index of tenant migration 0005 exactly, so that the engine
// reads pages straight from it.

export type SortValue = string | number;

/** The lower-cased name; '' for a lead without one. */
const nameKey = sql<string>`lower(coalesce(full_name, ''))`;

/** 1 for a lead without a name: such leads come after the named ones, whatever the direction. */
const nameless = sql<number>`(case when coalesce(full_name, '') = '' then 1 else 0 end)`;

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
 */
const tiedByName: ReadonlySet<LeadSortField> = new Set(['score', 'follow-up']);

export function sortsTiesByName(sort: LeadSortField): boolean {
  return tiedByName.has(sort);
}

export interface SortColumn {
  expression: RawBuilder<SortValue>;
  direction: SortDirection;
}

/** What the leads are ordered by, in order: the sort's key, then what breaks its ties. */
export function sortColumns(sort: LeadSortField, direction: SortDirection): SortColumn[] {
  const id: SortColumn = { expression: sql<string>`id`, direction: 'asc' };
  if (sort === 'name') {
    return [{ expression: nameless, direction: 'asc' }, { expression: nameKey, direction }, id];
  }
  const key = { expression: primaryKeys[sort], direction };
  if (!tiedByName.has(sort)) return [key, { ...id, direction }];
  return [
    key,
    { expression: nameless, direction: 'asc' },
    { expression: nameKey, direction: 'asc' },
    id,
  ];
}

/** The sort's key of a row, and its name key, for the cursor of a page that ends there. */
export const sortKey = (sort: LeadSortField) => primaryKeys[sort];
export const tieKey = nameKey;

/** The values of sortColumns at the cursor, in the same order. */
function cursorValues(cursor: LeadCursor): SortValue[] {
  const isNameless = (name: string) => (name === '' ? 1 : 0);
  if (cursor.sort === 'name') {
    const name = String(cursor.value);
    return [isNameless(name), name, cursor.id];
  }
  if (!tiedByName.has(cursor.sort)) return [cursor.value, cursor.id];
  const name = cursor.tie ?? '';
  return [cursor.value, isNameless(name), name, cursor.id];
}

const tuple = (items: Array<RawBuilder<unknown> | SortValue>) =>
  sql.join(items.map((item) => (typeof item === 'object' ? item : sql`${item}`)));

/**
 * Rows strictly after the cursor in the order of `columns`: column runs of one direction are
 * compared as row values, and the first column also bounds the scan on its own, so that an index
 * on these expressions can seek to the cursor instead of reading every row before it.
 */
export function afterCursor(columns: SortColumn[], cursor: LeadCursor): RawBuilder<SqlBool> {
  const values = cursorValues(cursor);
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
