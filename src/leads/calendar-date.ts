/**
 * Calendar dates (YYYY-MM-DD) are days on a client's own calendar, not instants: they are
 * stored, compared and shown as written, never passed through a UTC midnight (which shows
 * "Mon 10 Mar" as "Sun 9 Mar" west of Greenwich).
 */

const calendarDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const dayMs = 86_400_000;

/** Whether `text` is a real day written YYYY-MM-DD (2025-02-30 is not). */
export function isCalendarDate(text: string): boolean {
  const match = calendarDatePattern.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

function dayNumber(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / dayMs;
}

function fromDayNumber(days: number): string {
  return new Date(days * dayMs).toISOString().slice(0, 10);
}

export function addCalendarDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

/** A calendar date for people: `Mon 10 Mar 2025`, the same in every time zone. */
export function formatCalendarDate(date: string): string {
  const instant = new Date(dayNumber(date) * dayMs);
  const part = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'UTC' }).format(instant);
  return `${part({ weekday: 'short' })} ${instant.getUTCDate()} ${part({ month: 'short' })} ${instant.getUTCFullYear()}`;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockAt(instantMs: number, timeZone: string): WallClock {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instantMs);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

function wallAsUtc(wall: WallClock): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

/** Minutes the zone is ahead of UTC at an instant (New York in March: -240 or -300). */
function offsetMinutesAt(instantMs: number, timeZone: string): number {
  const wholeSeconds = Math.floor(instantMs / 1000) * 1000;
  return (wallAsUtc(wallClockAt(wholeSeconds, timeZone)) - wholeSeconds) / 60_000;
}

/** The instant a wall-clock time names in a zone (for a skipped hour: just after the jump). */
function instantOfWallClock(wall: WallClock, timeZone: string): number {
  const asUtc = wallAsUtc(wall);
  const first = asUtc - offsetMinutesAt(asUtc, timeZone) * 60_000;
  return asUtc - offsetMinutesAt(first, timeZone) * 60_000;
}

const pad = (value: number, width = 2) => String(Math.abs(value)).padStart(width, '0');

function formatOffset(minutes: number): string {
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/**
 * The same wall-clock time `days` calendar days after `instant` in the client's zone, which
 * stays 09:00 across a daylight-saving change. Answers the local time with its offset and UTC.
 */
export function sameTimeDaysLater(
  instant: string,
  days: number,
  timeZone: string,
): { local: string; utc: string } {
  const start = wallClockAt(Date.parse(instant), timeZone);
  const [year, month, day] = addCalendarDays(
    `${start.year}-${pad(start.month)}-${pad(start.day)}`,
    days,
  )
    .split('-')
    .map(Number) as [number, number, number];
  const wall = { ...start, year, month, day };
  const due = instantOfWallClock(wall, timeZone);

  const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  const time = `${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}`;
  return {
    local: `${date}T${time}${formatOffset(offsetMinutesAt(due, timeZone))}`,
    utc: `${new Date(due).toISOString().slice(0, 19)}Z`,
  };
}
