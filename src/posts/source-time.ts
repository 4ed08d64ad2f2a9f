/**
 * Times as sources state them. A time with an offset (or `Z`) is exact; a wall-clock time
 * without one is read in the zone the source documents, never silently as UTC; a relative time
 * ("2d", "3 weeks ago") is only approximate and is not taken as the post's time.
 */

const withOffset =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}):?(\d{2})?$/i;
const wallClock =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/;
const relative = /^\d+\s*(?:s|m|h|d|w|mo|y|yr)\b|\bago$|^(?:now|just now|yesterday)$/i;

/** Milliseconds (epoch ≥ 2001 in ms) or seconds, as numbers or digit strings. */
function fromEpoch(value: number): Date | null {
  if (!Number.isFinite(value) || value <= 0) return null;
  return new Date(value > 1e11 ? value : value * 1000);
}

/** How far `zone` is ahead of UTC at `instant`, in milliseconds. */
function zoneOffsetMs(zone: string, instant: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return asUtc + get('second') * 1000 - Math.floor(instant / 1000) * 1000;
}

const halfDayMs = 12 * 60 * 60 * 1000;

/**
 * The instant a wall-clock time in `zone` names: the earlier one when a DST change repeats the
 * hour, and the one read with the offset before the change when it skips it.
 */
export function wallClockToInstant(fields: number[], zone: string): Date {
  const [year, month, day, hour = 0, minute = 0, second = 0, ms = 0] = fields;
  const naive = Date.UTC(year!, month! - 1, day!, hour, minute, second, ms);
  const before = zoneOffsetMs(zone, naive - halfDayMs);
  const after = zoneOffsetMs(zone, naive + halfDayMs);
  const exact = [naive - before, naive - after].filter(
    (candidate) => candidate + zoneOffsetMs(zone, candidate) === naive,
  );
  return new Date(exact.length > 0 ? Math.min(...exact) : naive - before);
}

function fromText(text: string, documentedZone: string): Date | null {
  if (/^\d{9,13}$/.test(text)) return fromEpoch(Number(text));
  const offset = withOffset.exec(text);
  if (offset) {
    const zone = offset[3]!.toUpperCase() === 'Z' ? 'Z' : `${offset[3]}:${offset[4] ?? '00'}`;
    const date = new Date(`${offset[1]}T${offset[2]}${zone}`);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  const match = wallClock.exec(text);
  if (!match) return null;
  const fields = match.slice(1).map((part, index) => {
    if (part === undefined) return 0;
    return index === 6 ? Number(part.padEnd(3, '0')) : Number(part);
  });
  return wallClockToInstant(fields, documentedZone);
}

/**
 * The instant a source states, or null when it states none or only an approximate one.
 * `documentedZone` is the IANA zone the source documents for times without an offset.
 */
export function parseSourceTime(value: unknown, documentedZone: string): Date | null {
  if (typeof value === 'number') return fromEpoch(value);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (text === '' || relative.test(text)) return null;
  return fromText(text, documentedZone);
}
