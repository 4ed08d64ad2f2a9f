/**
 * The Leads page's state lives in the URL, so a search can be shared and the back button
 * steps through it. These functions are the one mapping between the URL and the API query.
 */

export type LeadSort = 'score' | 'name' | 'created' | 'updated' | 'follow-up';
export type Direction = 'asc' | 'desc';

export const defaultDirections: Record<LeadSort, Direction> = {
  score: 'desc',
  name: 'asc',
  created: 'desc',
  updated: 'desc',
  'follow-up': 'asc',
};

/** Filter parameters, named as the API names them. */
export const filterNames = [
  'q',
  'minScore',
  'maxScore',
  'scoreStatus',
  'connectionStatus',
  'invited',
  'status',
  'priority',
  'tags',
  'due',
] as const;

export type FilterName = (typeof filterNames)[number];
export type LeadFilters = Partial<Record<FilterName, string>>;

export interface LeadSearch {
  filters: LeadFilters;
  sort: LeadSort;
  direction: Direction;
  /** The cursor of the page shown; absent for the first page. */
  after: string | null;
}

export const pageSize = 50;

const sorts = Object.keys(defaultDirections) as LeadSort[];

export function searchOfParams(params: URLSearchParams): LeadSearch {
  const filters: LeadFilters = {};
  for (const name of filterNames) {
    const value = params.get(name)?.trim();
    if (value) filters[name] = value;
  }
  const sortParam = params.get('sort') as LeadSort | null;
  const sort = sortParam && sorts.includes(sortParam) ? sortParam : 'score';
  const directionParam = params.get('direction');
  const direction =
    directionParam === 'asc' || directionParam === 'desc'
      ? directionParam
      : defaultDirections[sort];
  return { filters, sort, direction, after: params.get('after') || null };
}

/** The URL parameters of a search; defaults are left out so URLs stay short. */
export function paramsOfSearch(search: LeadSearch): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of filterNames) {
    const value = search.filters[name];
    if (value) params.set(name, value);
  }
  if (search.sort !== 'score') params.set('sort', search.sort);
  if (search.direction !== defaultDirections[search.sort])
    params.set('direction', search.direction);
  if (search.after) params.set('after', search.after);
  return params;
}

/** The API query string of one page of a search. */
export function apiQueryOf(search: LeadSearch, options: { limit: number; withTotal?: boolean }) {
  const params = new URLSearchParams();
  for (const name of filterNames) {
    const value = search.filters[name];
    if (value) params.set(name, value);
  }
  params.set('sort', search.sort);
  params.set('direction', search.direction);
  params.set('limit', String(options.limit));
  if (search.after) params.set('cursor', search.after);
  if (options.withTotal) params.set('withTotal', 'true');
  return params.toString();
}

/** The search with one filter changed, back on the first page. */
export function withFilter(search: LeadSearch, name: FilterName, value: string): LeadSearch {
  const filters = { ...search.filters, [name]: value.trim() };
  if (filters[name] === '') delete filters[name];
  return { ...search, filters, after: null };
}

/** The search sorted by `sort`: the same column again flips the direction. */
export function withSort(search: LeadSearch, sort: LeadSort): LeadSearch {
  const direction =
    search.sort === sort ? (search.direction === 'asc' ? 'desc' : 'asc') : defaultDirections[sort];
  return { ...search, sort, direction, after: null };
}

export function hasFilters(search: LeadSearch): boolean {
  return Object.keys(search.filters).length > 0;
}
