import { type ColumnMapField, columnMapFields } from '../../../src/ingest/column-map-fields.ts';

/** The lead fields a plain CSV's columns can be mapped to: the same as the CLI's `--map`. */
export const mappableFields = columnMapFields;

export type MappableField = ColumnMapField;
export type ColumnMap = Partial<Record<MappableField, string>>;

/** Words in a column's name that suggest a field, tried in order. */
const hints: Array<[MappableField, RegExp]> = [
  ['sales_nav_url', /sales ?nav/i],
  ['url', /linkedin|profile|url/i],
  ['email', /e-?mail/i],
  ['first_name', /first/i],
  ['last_name', /last|surname/i],
  ['full_name', /name|person/i],
  ['company', /company|organi[sz]ation|org\b|employer/i],
  ['position', /position|title|role|job/i],
  ['location', /location|city|country/i],
  ['headline', /headline/i],
  ['industry', /industry|sector/i],
  ['about', /about|summary|bio/i],
  ['phone', /phone|mobile/i],
  ['follow_up_on', /follow.?up/i],
  ['status', /status|stage/i],
  ['tags', /tags?$/i],
];

/** A column the API's map syntax cannot name (it separates entries with commas). */
export const isMappable = (column: string) => !column.includes(',');

/** A first guess at the map from the column names; a person corrects it. */
export function guessColumnMap(columns: string[]): ColumnMap {
  const map: ColumnMap = {};
  const taken = new Set<string>();
  for (const [field, pattern] of hints) {
    const column = columns.find(
      (name) => isMappable(name) && !taken.has(name) && pattern.test(name),
    );
    if (column !== undefined && map[field] === undefined) {
      map[field] = column;
      taken.add(column);
    }
  }
  return map;
}

/** The map as the API takes it: `field=Column`, comma-separated. */
export function columnMapText(map: ColumnMap): string {
  return Object.entries(map)
    .filter(([, column]) => column !== undefined && column !== '')
    .map(([field, column]) => `${field}=${column}`)
    .join(',');
}

/** Why the map cannot be used yet, or null when it can. */
export function columnMapProblem(map: ColumnMap): string | null {
  if (!map.url && !map.member_id && !map.sales_nav_url) {
    return 'Choose the column that holds the LinkedIn profile URL (or the Sales Navigator URL, or the member ID).';
  }
  const columns = Object.values(map).filter((column) => column);
  if (new Set(columns).size < columns.length) return 'Each column can be mapped to one field only.';
  return null;
}
