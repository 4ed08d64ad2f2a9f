import type { z } from 'zod';

/**
 * Plain English for zod's own issue messages, said after the field's name ("headline must be at
 * most 1,000 characters"). A message a schema states itself wins over these: zod asks this map
 * only for issues that have none.
 */
export const plainValidationMessages: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return wrongType(issue.expected, issue.input);
    case 'too_big':
      return tooBig(issue.origin, issue.maximum, issue.inclusive ?? true, issue.exact ?? false);
    case 'too_small':
      return tooSmall(issue.origin, issue.minimum, issue.inclusive ?? true, issue.exact ?? false);
    case 'invalid_value':
      return oneOf(issue.values);
    case 'invalid_format':
      return formatMessage(issue);
    case 'not_multiple_of':
      return `must be a multiple of ${count(issue.divisor)}`;
    case 'unrecognized_keys':
      return `has unknown fields: ${issue.keys.join(', ')}`;
    case 'invalid_union':
      return 'matches none of the accepted forms';
    default:
      return undefined;
  }
};

const typeNames: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
  date: 'a date',
};

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number' && !Number.isInteger(value)) return 'a fraction';
  return typeNames[typeof value] ?? typeof value;
}

function wrongType(expected: string, input: unknown): string {
  if (input === undefined) return 'is required';
  return `must be ${typeNames[expected] ?? expected}, not ${typeOf(input)}`;
}

function count(value: number | bigint | Date): string {
  if (value instanceof Date) return value.toISOString();
  return value.toLocaleString('en-US');
}

/** What a size is counted in, by the kind of value that has it. */
function unitOf(origin: string, size: number | bigint | Date): string | undefined {
  const one = size === 1 || size === 1n;
  if (origin === 'string') return one ? 'character' : 'characters';
  if (origin === 'array' || origin === 'set') return one ? 'item' : 'items';
  if (origin === 'file') return one ? 'byte' : 'bytes';
  return undefined;
}

function tooBig(
  origin: string,
  maximum: number | bigint | Date,
  inclusive: boolean,
  exact: boolean,
) {
  const unit = unitOf(origin, maximum);
  if (unit === undefined) {
    if (origin === 'date')
      return `must be ${inclusive ? 'at or before' : 'before'} ${count(maximum)}`;
    return `must be ${inclusive ? 'at most' : 'less than'} ${count(maximum)}`;
  }
  const verb = origin === 'string' ? 'be' : 'have';
  if (exact) return `must ${verb} exactly ${count(maximum)} ${unit}`;
  return `must ${verb} ${inclusive ? 'at most' : 'fewer than'} ${count(maximum)} ${unit}`;
}

function tooSmall(
  origin: string,
  minimum: number | bigint | Date,
  inclusive: boolean,
  exact: boolean,
): string {
  const unit = unitOf(origin, minimum);
  if (unit === undefined) {
    if (origin === 'date')
      return `must be ${inclusive ? 'at or after' : 'after'} ${count(minimum)}`;
    return `must be ${inclusive ? 'at least' : 'more than'} ${count(minimum)}`;
  }
  if (!exact && inclusive && (minimum === 1 || minimum === 1n)) return 'must not be empty';
  const verb = origin === 'string' ? 'be' : 'have';
  if (exact) return `must ${verb} exactly ${count(minimum)} ${unit}`;
  return `must ${verb} ${inclusive ? 'at least' : 'more than'} ${count(minimum)} ${unit}`;
}

function oneOf(values: readonly unknown[]): string {
  const shown = values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value)));
  if (shown.length === 1) return `must be ${shown[0]}`;
  return `must be one of: ${shown.join(', ')}`;
}

const formatMessages: Record<string, string> = {
  email: 'must be an email address',
  url: 'must be a URL',
  uuid: 'must be a UUID',
  guid: 'must be a UUID',
  datetime: 'must be an ISO date and time, like 2025-01-31T09:00:00Z',
  date: 'must be a date YYYY-MM-DD',
  time: 'must be a time HH:MM',
  lowercase: 'must be in lower case',
  uppercase: 'must be in upper case',
};

function formatMessage(issue: z.core.$ZodRawIssue<z.core.$ZodIssueInvalidStringFormat>): string {
  if ('prefix' in issue) return `must start with ${issue.prefix}`;
  if ('suffix' in issue) return `must end with ${issue.suffix}`;
  if ('includes' in issue) return `must contain ${issue.includes}`;
  return formatMessages[issue.format] ?? 'is not in the expected format';
}
