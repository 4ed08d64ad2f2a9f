import { z } from 'zod';
import { AppError, type FieldIssue } from '../errors.ts';
import { withArticle } from '../words.ts';
import { readCalendarDate } from './dates.ts';
import type { ImportItem } from './import-source.ts';
import type { LeadInput } from './lead-input.ts';
import { withoutNul } from './nul-characters.ts';
import { salesNavigatorUrl } from './phantombuster-csv.ts';
import {
  booleanValue,
  connectionFor,
  distanceValue,
  emailValue,
  isPlaceholderName,
  joinName,
  listValue,
  numberValue,
  stated,
} from './record-fields.ts';
import { aboutLimit, limitedText, textLimit } from './text-limits.ts';

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]).optional();

/** The person fields Leadbase reads; any other field is kept as an extra, typed if it can be. */
const personSchema = z.looseObject({
  profile_url: scalar,
  public_id: scalar,
  member_id: scalar,
  hash_id: scalar,
  sn_member_id: scalar,
  sn_hash_id: scalar,
  full_name: scalar,
  first_name: scalar,
  last_name: scalar,
  headline: scalar,
  location_name: scalar,
  industry: scalar,
  summary: scalar,
  email: scalar,
  phone_1: scalar,
  current_company: scalar,
  current_company_position: scalar,
  organization_1: scalar,
  organization_title_1: scalar,
  member_distance: scalar,
  connected_at: scalar,
  connected_at_iso: scalar,
  tags: scalar,
});
type Person = z.infer<typeof personSchema>;

/** Levels of nesting kept in an extra field; deeper values are left out (storing them recurses). */
const extraDepthLimit = 32;

/** camelCase spellings some LinkedHelper consumers send, by the snake_case field they mean. */
const aliases: Record<string, string> = {
  public_identifier: 'public_id',
  company_name: 'current_company',
  connection_degree: 'member_distance',
  location: 'location_name',
};

const consumed = new Set([...Object.keys(personSchema.shape), 'avatar', 'id_type']);

function snakeCase(key: string): string {
  const snake = key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  return aliases[snake] ?? snake;
}

function text(value: string | number | boolean | null | undefined): string {
  return value === null || value === undefined ? '' : String(value).trim();
}

type PersonReading =
  | { ok: true; person: Person }
  | { ok: false; code: string; reason: string; issues: FieldIssue[] };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a JSON value is, in words: "an array", "a string", "null". */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return withArticle(typeof value);
}

/**
 * The values of one body where persons stand, in order: the body itself (a person), or the
 * items of an array of persons or of deliveries (arrays of persons). Whether each is a person
 * is for readPerson to say, so one bad item never hides the others.
 */
function personValues(body: unknown): unknown[] {
  if (isObject(body)) return [body];
  if (!Array.isArray(body)) {
    const message = `a LinkedHelper body is a person object or an array of persons or of arrays of persons, not ${kindOf(body)}`;
    throw new AppError('validation_failed', message, { issues: [{ path: 'body', message }] });
  }
  return body.flatMap((value: unknown) => (Array.isArray(value) ? (value as unknown[]) : [value]));
}

function readPerson(raw: unknown, index: number): PersonReading {
  if (!isObject(raw)) {
    const reason = `the person is ${kindOf(raw)}, not an object of profile fields`;
    return {
      ok: false,
      code: 'not_a_person',
      reason,
      issues: [{ path: `persons.${index}`, message: reason }],
    };
  }
  const renamed = Object.fromEntries(
    Object.entries(raw).map(([key, value]) => [snakeCase(key), value]),
  );
  const parsed = personSchema.safeParse(renamed);
  if (parsed.success) return { ok: true, person: parsed.data };

  const fields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))];
  const issues = fields.map((field) => ({
    path: `persons.${index}.${field}`,
    message: `holds ${kindOf(renamed[field])}, where LinkedHelper sends text, a number or true/false`,
  }));
  const reason = fields.map((field, at) => `${field} ${issues[at]!.message}`).join('; ');
  return { ok: false, code: 'bad_field', reason, issues };
}

/** LinkedHelper sends booleans and numbers as strings and lists as JSON text. */
function extraValue(key: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (/^(?:badges|is|has)_/.test(key)) return booleanValue(value) ?? value;
  if (/_count$/.test(key)) return numberValue(value) ?? value;
  if (/^\[.*\]$/s.test(value)) {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

/** True when `value` nests deeper than `levels` arrays or objects. */
function nestsDeeper(value: unknown, levels: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (levels === 0) return true;
  return Object.values(value).some((inner) => nestsDeeper(inner, levels - 1));
}

function extraFields(person: Person, warnings: string[]): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(person)) {
    if (consumed.has(key) || value === null || value === undefined || value === '') continue;
    const limited =
      typeof value === 'string' ? limitedText(value, textLimit, key, warnings) : value;
    // Checked after reading: a list sent as JSON text nests as deep as an object does.
    const typed = extraValue(key, limited);
    if (nestsDeeper(typed, extraDepthLimit)) {
      warnings.push(`${key}: nests deeper than ${extraDepthLimit} levels; left out`);
      continue;
    }
    extra[key] = typed;
  }
  return extra;
}

/** The connection date from the ISO field, checked against its dotted twin. */
function connectedOn(person: Person, warnings: string[]): string | undefined {
  const iso = readCalendarDate(text(person.connected_at_iso), null);
  const dotted = readCalendarDate(text(person.connected_at), null);
  const date = iso.ok === true ? iso.date : dotted.ok === true ? dotted.date : undefined;
  if (iso.ok === true && dotted.ok === true && iso.date !== dotted.date) {
    warnings.push(
      `connected_at ${dotted.date} disagrees with connected_at_iso ${iso.date}; kept the ISO date`,
    );
  }
  return date;
}

function inputOf(sent: Person, record: number): LeadInput {
  const warnings: string[] = [];
  const person = withoutNul(sent, warnings);
  // Every text field within its limit; the field is named in the warning when one is cut.
  const field = (name: keyof typeof personSchema.shape, limit = textLimit) =>
    limitedText(text(person[name]), limit, name, warnings);
  const publicId = text(person.public_id);
  const profileUrl = text(person.profile_url);
  const firstName = field('first_name');
  const lastName = field('last_name');
  const fullName = field('full_name') || joinName(firstName, lastName);
  const placeholder = isPlaceholderName(fullName);
  const distance = distanceValue(text(person.member_distance));
  const snId = text(person.sn_member_id);
  const memberIds = [person.member_id, person.hash_id, person.sn_member_id, person.sn_hash_id]
    .map(text)
    .filter((id) => id !== '');

  return {
    record,
    line: 0,
    source: 'linkedhelper',
    refs: [profileUrl, publicId === '' ? '' : `in:${publicId}`].filter((ref) => ref !== ''),
    memberIds,
    profile: stated({
      fullName: placeholder ? undefined : fullName,
      firstName: placeholder ? undefined : firstName,
      lastName: placeholder ? undefined : lastName,
      headline: field('headline'),
      location: field('location_name'),
      industry: field('industry'),
      about: field('summary', aboutLimit),
      email: emailValue(field('email')),
      phone: field('phone_1'),
      company: field('current_company') || field('organization_1'),
      position: field('current_company_position') || field('organization_title_1'),
      salesNavUrl:
        salesNavigatorUrl(profileUrl) ??
        (snId === ''
          ? undefined
          : salesNavigatorUrl(`https://www.linkedin.com/sales/lead/${snId}`)),
      connectedOn: connectedOn(person, warnings),
      memberDistance: distance,
      connectionStatus: connectionFor(distance),
    }),
    tags: listValue(field('tags')),
    extra: extraFields(person, warnings),
    ...(placeholder ? { placeholder } : {}),
    warnings,
  };
}

/**
 * The persons of a LinkedHelper body (or of a file of such bodies), numbered from
 * `firstRecord`: each one an input, or a rejection when it is not a person or a field has the
 * wrong type. snake_case and camelCase fields are read alike. Lines are 0: a file sets them.
 */
export function linkedHelperItems(body: unknown, firstRecord = 1): ImportItem[] {
  return personValues(body).map((raw, index): ImportItem => {
    const record = firstRecord + index;
    const reading = readPerson(raw, index);
    if (reading.ok) return { input: inputOf(reading.person, record) };
    return { rejection: { record, line: 0, code: reading.code, reason: reading.reason } };
  });
}

/**
 * The persons of a LinkedHelper webhook body as inputs, numbered from `firstRecord`. A body
 * with any item that is not a person is refused whole, naming every bad field.
 */
export function linkedHelperInputs(body: unknown, firstRecord = 1): LeadInput[] {
  const values = personValues(body);
  return values.map((raw, index) => {
    const reading = readPerson(raw, index);
    if (reading.ok) return inputOf(reading.person, firstRecord + index);
    throw new AppError('validation_failed', `LinkedHelper person ${index + 1}: ${reading.reason}`, {
      issues: reading.issues,
    });
  });
}
