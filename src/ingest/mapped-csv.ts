import { AppError, type FieldIssue } from '../errors.ts';
import type { LeadProfile } from '../leads/lead.ts';
import { type Columns, cellText, cellValue } from './csv-columns.ts';
import type { CsvFormat, CsvRecordReader } from './csv-format.ts';
import type { LeadInput } from './lead-input.ts';
import { salesNavigatorUrl } from './phantombuster-csv.ts';
import {
  booleanValue,
  dateValue,
  emailValue,
  isPlaceholderName,
  joinName,
  listValue,
  stated,
  statusValue,
} from './record-fields.ts';

type TextField = Exclude<
  keyof LeadProfile,
  'connectedOn' | 'connectionStatus' | 'memberDistance' | 'profileUrl' | 'salesNavUrl' | 'email'
>;

/** The fields a column map may name, by the name a person writes in `--map`. */
const textFields: Record<string, TextField> = {
  full_name: 'fullName',
  name: 'fullName',
  first_name: 'firstName',
  last_name: 'lastName',
  headline: 'headline',
  position: 'position',
  title: 'position',
  company: 'company',
  location: 'location',
  industry: 'industry',
  about: 'about',
  summary: 'about',
  phone: 'phone',
};
const refFields = ['url', 'profile_url', 'sales_nav_url'];
const otherFields = [
  'member_id',
  'email',
  'connected_on',
  'tags',
  'status',
  'follow_up_on',
  'do_not_contact',
];
const knownFields = [...refFields, ...otherFields, ...Object.keys(textFields)];

function fieldName(raw: string): string {
  return raw
    .trim()
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/**
 * Reads `--map "url=Profile,company=Org"`: lead field = column name, comma-separated. Field
 * names are snake_case or camelCase; at least one must name where the LinkedIn reference is.
 */
export function parseColumnMap(spec: string): Record<string, string> {
  const map: Record<string, string> = {};
  const issues: FieldIssue[] = [];
  for (const entry of spec.split(',').filter((part) => part.trim() !== '')) {
    const equals = entry.indexOf('=');
    const field = fieldName(equals < 0 ? entry : entry.slice(0, equals));
    const column = equals < 0 ? '' : entry.slice(equals + 1).trim();
    if (!knownFields.includes(field)) {
      issues.push({ path: field, message: `is not a lead field (${knownFields.join(', ')})` });
    } else if (column === '') {
      issues.push({ path: field, message: 'names no column: write field=Column Name' });
    } else if (map[field] !== undefined) {
      issues.push({ path: field, message: 'is mapped twice' });
    } else {
      map[field] = column;
    }
  }
  if (issues.length === 0 && ![...refFields, 'member_id'].some((field) => map[field])) {
    issues.push({ path: 'url', message: 'the map must say which column holds url or member_id' });
  }
  if (issues.length > 0) {
    const summary = issues.map((issue) => `${issue.path} ${issue.message}`).join('; ');
    throw new AppError('validation_failed', `invalid column map: ${summary}`, { issues });
  }
  return map;
}

/** Any CSV, read through an explicit column map; unmapped columns are kept as extra fields. */
export function mappedCsv(map: Record<string, string>): CsvFormat {
  const columnsNamed = Object.values(map);
  return {
    name: 'mapped',
    expects: columnsNamed.join(', '),
    defaultDateOrder: 'MDY',
    matches: (columns: Columns) => columnsNamed.every((column) => columns.has(column)),
    reader: (columns: Columns) => mappedReader(map, columns),
  };
}

function mappedReader(map: Record<string, string>, columns: Columns): CsvRecordReader {
  const at = (field: string) => (map[field] === undefined ? -1 : columns.find(map[field]!));
  const refs = refFields.map(at).filter((index) => index >= 0);
  const texts = Object.entries(textFields).map(([field, target]) => [target, at(field)] as const);
  const used = [...refs, ...knownFields.map(at)];
  const extras = columns.others(used);

  return {
    dateColumns: [at('connected_on'), at('follow_up_on')],
    fileNotes: [],
    longTextColumns: [at('about'), at('summary')],
    read(cells, position, dateOrder): LeadInput {
      const warnings: string[] = [];
      const profile: Partial<Record<TextField, string>> = {};
      for (const [target, index] of texts) {
        const value = cellValue(cells, index);
        if (value !== undefined) profile[target] ??= value;
      }
      const placeholder = isPlaceholderName(profile.fullName);
      const names = placeholder
        ? { fullName: undefined, firstName: undefined, lastName: undefined }
        : { fullName: profile.fullName ?? joinName(profile.firstName, profile.lastName) };
      const extra: Record<string, unknown> = {};
      for (const [column, index] of extras) {
        const text = cellText(cells, index);
        if (text !== '') extra[column] = text;
      }
      const date = (field: string) =>
        dateValue(cellText(cells, at(field)), dateOrder, map[field] ?? field, warnings);

      return {
        ...position,
        source: 'mapped',
        refs: refs.map((index) => cellText(cells, index)).filter((ref) => ref !== ''),
        memberIds: listValue(cellText(cells, at('member_id'))),
        profile: stated({
          ...profile,
          ...names,
          salesNavUrl: salesNavigatorUrl(cellText(cells, at('sales_nav_url'))),
          email: emailValue(cellText(cells, at('email'))),
          connectedOn: date('connected_on'),
        }),
        ...stated({
          status: statusValue(cellText(cells, at('status'))),
          doNotContact: booleanValue(cellText(cells, at('do_not_contact'))),
          followUpOn: date('follow_up_on'),
        }),
        tags: listValue(cellText(cells, at('tags'))),
        extra,
        ...(placeholder ? { placeholder } : {}),
        warnings,
      };
    },
  };
}
