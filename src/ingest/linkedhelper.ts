import { z } from 'zod';
import { AppError } from '../errors.ts';
import { readCalendarDate } from './dates.ts';
import type { LeadInput } from './lead-input.ts';
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

const bodySchema = z.union([
  z.record(z.string(), z.unknown()),
  z.array(z.union([z.record(z.string(), z.unknown()), z.array(z.record(z.string(), z.unknown()))])),
]);

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

function issuesOf(error: z.ZodError, prefix: string) {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

/** The persons of one body, in order: a person, an array of persons, or an array of deliveries. */
function personsOf(body: unknown): Record<string, unknown>[] {
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) {
    const issues = issuesOf(parsed.error, 'body');
    throw new AppError(
      'validation_failed',
      'a LinkedHelper body is a person object or an array of persons or of arrays of persons',
      { issues },
    );
  }
  return Array.isArray(parsed.data) ? parsed.data.flat() : [parsed.data];
}

function readPerson(raw: Record<string, unknown>, index: number): Person {
  const renamed = Object.fromEntries(
    Object.entries(raw).map(([key, value]) => [snakeCase(key), value]),
  );
  const parsed = personSchema.safeParse(renamed);
  if (!parsed.success) {
    const issues = issuesOf(parsed.error, `persons.${index}`);
    const summary = issues.map((issue) => `${issue.path} ${issue.message}`).join('; ');
    throw new AppError('validation_failed', `LinkedHelper person ${index + 1}: ${summary}`, {
      issues,
    });
  }
  return parsed.data;
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

function extraFields(person: Person): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(person)) {
    if (consumed.has(key) || value === null || value === undefined || value === '') continue;
    extra[key] = extraValue(key, value);
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

function inputOf(person: Person, record: number): LeadInput {
  const warnings: string[] = [];
  const publicId = text(person.public_id);
  const profileUrl = text(person.profile_url);
  const fullName =
    text(person.full_name) || joinName(text(person.first_name), text(person.last_name));
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
      firstName: placeholder ? undefined : text(person.first_name),
      lastName: placeholder ? undefined : text(person.last_name),
      headline: text(person.headline),
      location: text(person.location_name),
      industry: text(person.industry),
      about: text(person.summary),
      email: emailValue(text(person.email)),
      phone: text(person.phone_1),
      company: text(person.current_company) || text(person.organization_1),
      position: text(person.current_company_position) || text(person.organization_title_1),
      salesNavUrl:
        salesNavigatorUrl(profileUrl) ??
        (snId === ''
          ? undefined
          : salesNavigatorUrl(`https://www.linkedin.com/sales/lead/${snId}`)),
      connectedOn: connectedOn(person, warnings),
      memberDistance: distance,
      connectionStatus: connectionFor(distance),
    }),
    tags: listValue(text(person.tags)),
    extra: extraFields(person),
    ...(placeholder ? { placeholder } : {}),
    warnings,
  };
}

/**
 * The persons of a LinkedHelper webhook body (or of a file of such bodies) as inputs, numbered
 * from `firstRecord`. snake_case and camelCase fields are read alike.
 */
export function linkedHelperInputs(body: unknown, firstRecord = 1): LeadInput[] {
  return personsOf(body).map((raw, index) => inputOf(readPerson(raw, index), firstRecord + index));
}
