import type { ConnectionStatus } from '../leads/lead.ts';
import { type DateOrder, readCalendarDate } from './dates.ts';

/** How the readers of every format turn one cell into one typed value. */

/** An ISO date, or undefined when empty or unreadable (then a warning says which and why). */
export function dateValue(
  text: string,
  order: DateOrder,
  label: string,
  warnings: string[],
): string | undefined {
  const reading = readCalendarDate(text, order);
  if (reading.ok === true) return reading.date;
  if (reading.ok === false) warnings.push(`${label}: ${reading.reason}; left empty`);
  return undefined;
}

/** A comma-separated cell as a list: "Logistics, Decision maker" gives two items. */
export function listValue(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

const trueWords = new Set(['checked', 'true', 'yes', 'y', '1', 'x', '✓', '✔']);
const falseWords = new Set(['unchecked', 'false', 'no', 'n', '0']);

/** Airtable writes a ticked box as "checked" and an empty one as nothing. */
export function booleanValue(text: string | boolean | number | undefined): boolean | undefined {
  if (typeof text === 'boolean') return text;
  if (typeof text === 'number') return text !== 0;
  const word = (text ?? '').trim().toLowerCase();
  if (trueWords.has(word)) return true;
  if (falseWords.has(word)) return false;
  return undefined;
}

export function numberValue(text: string | number | undefined): number | undefined {
  if (typeof text === 'number') return Number.isFinite(text) ? text : undefined;
  const trimmed = (text ?? '').trim();
  if (!/^-?\d+(?:\.\d+)?$/.test(trimmed)) return undefined;
  return Number(trimmed);
}

/** Out-of-network people appear under this name in every LinkedIn tool. */
export function isPlaceholderName(name: string | undefined): boolean {
  return /^linkedin member$/i.test((name ?? '').trim());
}

export function emailValue(text: string): string | undefined {
  const trimmed = text.trim().toLowerCase();
  return trimmed.includes('@') ? trimmed : undefined;
}

/** A pipeline status as a stable word: "Contacted" → contacted, "Follow up" → follow_up. */
export function statusValue(text: string): string | undefined {
  const word = text.trim().toLowerCase().replace(/\s+/g, '_');
  return word === '' ? undefined : word;
}

/** "1st", "2nd", "3rd+", "DISTANCE_2": the degree of connection as a number. */
export function distanceValue(text: string | undefined): number | undefined {
  const match = /^(?:distance_)?(\d)/i.exec((text ?? '').trim());
  return match ? Number(match[1]) : undefined;
}

export function connectionFor(distance: number | undefined): ConnectionStatus | undefined {
  if (distance === undefined) return undefined;
  return distance === 1 ? 'connected' : 'not_connected';
}

/** "First" + "Last" as the person's full name, when the source states only the parts. */
export function joinName(first: string | undefined, last: string | undefined): string | undefined {
  const name = [first, last].filter((part) => part !== undefined && part !== '').join(' ');
  return name === '' ? undefined : name;
}

/** Drops undefined entries, so an input states only what the source states. */
export function stated<T extends Record<string, unknown>>(fields: T): Partial<T> {
  const result: Partial<T> = {};
  for (const name in fields) {
    const value = fields[name];
    if (value !== undefined && value !== '') result[name] = value;
  }
  return result;
}
