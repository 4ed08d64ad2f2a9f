import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { TenantStore } from '../db/tenancy.ts';
import type { TenantDatabase } from '../db/tenant-schema.ts';
import { foldText } from '../db/text-fold.ts';
import { AppError } from '../errors.ts';
import { profileKey } from './identity.ts';
import { type Lead, leadFromRow } from './lead.ts';
import { decodeCursor, encodeCursor, type LeadCursor } from './lead-cursor.ts';
import { type LeadListItem, listItemColumns, listItemFromRow } from './lead-list-item.ts';
import {
  defaultDirections,
  type LeadQuery,
  type LeadSortField,
  type SortDirection,
} from './lead-query-schema.ts';
import {
  type PagePart,
  pageParts,
  type SortValue,
  sortKey,
  sortsTiesByName,
  tieKey,
} from './lead-sort.ts';

export interface LeadPage<T = Lead> {
  leads: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** Every lead that matches, when the query asked `withTotal`. */
  total?: number;
}

type LeadsBuilder = ExpressionBuilder<TenantDatabase, 'leads'>;

export const defaultLeadPageSize = 50;

/**
 * The fields text search looks in, joined so that one folded value is searched per lead.
 * TODO(search at scale): keep a folded search column (or a full-text index) up to date at write
 * time instead of folding every row per query (~0.2 s at 100,000 leads) – when searches on
 * clients of that size must answer well under 100 ms.
 */
const searchedText = sql<string>`coalesce(full_name, '') || ' ' || coalesce(headline, '') || ' '
  || coalesce(company, '') || ' ' || coalesce(position, '') || ' ' || coalesce(about, '')`;

function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** The day after a calendar date, so that "created to 2025-09-30" covers that whole day. */
function dayAfter(date: string): string {
  const next = new Date(`${date}T00:00:00.000Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

function filterConditions(
  eb: LeadsBuilder,
  query: LeadQuery,
  store: TenantStore,
): Expression<SqlBool>[] {
  const conditions: Expression<SqlBool>[] = [];
  // Score bounds on the score sort's own key, so that the engine reads the page from that
  // index instead of sorting every lead in range; an unscored lead's key (-1) is in no range.
  const scoreKey = sortKey('score');
  if (query.minScore !== undefined) conditions.push(sql<SqlBool>`${scoreKey} >= ${query.minScore}`);
  if (query.maxScore !== undefined) {
    conditions.push(sql<SqlBool>`${scoreKey} between 0 and ${query.maxScore}`);
  }
  if (query.scoreStatus) conditions.push(eb('score_status', 'in', query.scoreStatus));
  if (query.connectionStatus) {
    conditions.push(eb('connection_status', 'in', query.connectionStatus));
  }
  if (query.invited !== undefined) {
    conditions.push(eb('invited_on', query.invited ? 'is not' : 'is', null));
  }
  if (query.status) conditions.push(eb('status', 'in', query.status));
  if (query.priority) conditions.push(eb('priority', 'in', query.priority));
  for (const tag of query.tags ?? []) {
    conditions.push(store.dialect.jsonArrayIncludes(eb.ref('tags'), tag));
  }
  if (query.followUpDue) conditions.push(eb('follow_up_on', '<=', query.followUpDue));
  if (query.createdFrom) conditions.push(eb('created_at', '>=', query.createdFrom));
  if (query.createdTo) {
    const to = query.createdTo;
    conditions.push(
      to.length === 10 ? eb('created_at', '<', dayAfter(to)) : eb('created_at', '<=', to),
    );
  }

  const terms = foldText(query.q ?? '')
    .split(/\s+/)
    .filter((term) => term !== '');
  for (const term of terms) {
    conditions.push(
      sql<SqlBool>`${store.dialect.foldedText(searchedText)} like ${likePattern(term)} escape '\\'`,
    );
  }
  return conditions;
}

async function identitiesOf(store: TenantStore, leadIds: string[]): Promise<Map<string, string[]>> {
  const byLead = new Map<string, string[]>(leadIds.map((id) => [id, []]));
  if (leadIds.length === 0) return byLead;

  const rows = await store.db
    .selectFrom('lead_identities')
    .select(['lead_id', 'key'])
    .where('lead_id', 'in', leadIds)
    .orderBy('created_at')
    .orderBy('key')
    .execute();
  for (const row of rows) byLead.get(row.lead_id)?.push(row.key);
  return byLead;
}

async function countMatches(store: TenantStore, query: LeadQuery): Promise<number> {
  const row = await store.db
    .selectFrom('leads')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where((eb) => eb.and(filterConditions(eb, query, store)))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

interface PagePlan {
  sort: LeadSortField;
  direction: SortDirection;
  limit: number;
  cursor: LeadCursor | null;
}

function planOf(query: LeadQuery): PagePlan {
  const sort = query.sort ?? 'score';
  const direction = query.direction ?? defaultDirections[sort];
  const cursor = query.cursor ? decodeCursor(query.cursor, sort, direction) : null;
  return { sort, direction, limit: query.limit ?? defaultLeadPageSize, cursor };
}

/**
 * One query of the page: the leads of `part` in its order, at most `limit`, each with its sort
 * key and tie key for the next page's cursor.
 */
function pageQuery(
  store: TenantStore,
  query: LeadQuery,
  plan: PagePlan,
  part: PagePart,
  limit: number,
) {
  let rows = store.db
    .selectFrom('leads')
    .select([sortKey(plan.sort).as('sort_key'), tieKey.as('sort_tie')])
    .where((eb) => {
      const conditions = filterConditions(eb, query, store);
      if (part.where) conditions.push(part.where);
      return eb.and(conditions);
    });
  for (const column of part.columns) rows = rows.orderBy(column.expression, column.direction);
  return rows.limit(limit);
}

/** The page's rows in order, one more than the page holds (it tells whether more follow). */
async function pageRows<R>(
  plan: PagePlan,
  read: (part: PagePart, limit: number) => Promise<R[]>,
): Promise<R[]> {
  const rows: R[] = [];
  for (const part of pageParts(plan.sort, plan.direction, plan.cursor)) {
    rows.push(...(await read(part, plan.limit + 1 - rows.length)));
    if (rows.length > plan.limit) break;
  }
  return rows;
}

async function pageOf<T>(
  store: TenantStore,
  query: LeadQuery,
  plan: PagePlan,
  rows: { id: string; sort_key: SortValue; sort_tie: string }[],
  leads: T[],
): Promise<LeadPage<T>> {
  const last = rows[plan.limit - 1];
  const tie = last && sortsTiesByName(plan.sort) ? { tie: last.sort_tie } : {};
  const nextCursor =
    rows.length > plan.limit && last
      ? encodeCursor({ ...plan, value: last.sort_key, ...tie, id: last.id })
      : null;
  if (!query.withTotal) return { leads, nextCursor };
  return { leads, nextCursor, total: await countMatches(store, query) };
}

/** One page of a client's leads that match `query`, in a stable order, each lead whole. */
export async function searchLeads(store: TenantStore, query: LeadQuery = {}): Promise<LeadPage> {
  const plan = planOf(query);
  const rows = await pageRows(plan, (part, limit) =>
    pageQuery(store, query, plan, part, limit).selectAll().execute(),
  );
  const page = rows.slice(0, plan.limit);
  const identities = await identitiesOf(
    store,
    page.map((row) => row.id),
  );
  const leads = page.map(({ sort_key: _sortKey, sort_tie: _sortTie, ...row }) =>
    leadFromRow(row, identities.get(row.id) ?? []),
  );
  return pageOf(store, query, plan, rows, leads);
}

/**
 * The same page as `searchLeads`, each lead as a list shows it (`LeadListItem`): a third of
 * the columns, no identities, no JSON but the tags. For search pages; a lead opened from one
 * is read whole with `getLead`.
 */
export async function searchLeadList(
  store: TenantStore,
  query: LeadQuery = {},
): Promise<LeadPage<LeadListItem>> {
  const plan = planOf(query);
  const rows = await pageRows(plan, (part, limit) =>
    pageQuery(store, query, plan, part, limit).select(listItemColumns).execute(),
  );
  const leads = rows.slice(0, plan.limit).map(listItemFromRow);
  return pageOf(store, query, plan, rows, leads);
}

/** A lead by its id or by any LinkedIn reference to it (URL, member ID, key). */
export async function getLead(store: TenantStore, idOrReference: string): Promise<Lead> {
  const wanted = idOrReference.trim();
  let row = await store.db
    .selectFrom('leads')
    .selectAll()
    .where('id', '=', wanted)
    .executeTakeFirst();

  const key = row ? null : profileKey(wanted);
  if (key) {
    row = await store.db
      .selectFrom('leads')
      .innerJoin('lead_identities', 'lead_identities.lead_id', 'leads.id')
      .selectAll('leads')
      .where('lead_identities.key', '=', key)
      .executeTakeFirst();
  }
  if (!row) {
    throw new AppError('not_found', `no lead "${wanted}" in client ${store.clientId}`, {
      details: { clientId: store.clientId, lead: wanted },
    });
  }

  const identities = await identitiesOf(store, [row.id]);
  return leadFromRow(row, identities.get(row.id) ?? []);
}
