import { describe, expect, it } from 'vitest';
import { parseSourceTime } from './source-time.ts';

const iso = (value: unknown, zone = 'UTC') => parseSourceTime(value, zone)?.toISOString() ?? null;

describe('parseSourceTime', () => {
  it('takes times with an offset as they are', () => {
    expect(iso('2025-09-23T07:41:12.000Z', 'Europe/Berlin')).toBe('2025-09-23T07:41:12.000Z');
    expect(iso('2025-09-23T09:41:12+02:00')).toBe('2025-09-23T07:41:12.000Z');
    expect(iso('2025-09-23 09:41:12 +0200')).toBe('2025-09-23T07:41:12.000Z');
  });

  it('reads a wall-clock time in the zone the source documents, not as UTC', () => {
    expect(iso('2025-09-23 09:41:12', 'Europe/Berlin')).toBe('2025-09-23T07:41:12.000Z');
    expect(iso('2025-01-15T09:00', 'Europe/Berlin')).toBe('2025-01-15T08:00:00.000Z');
    expect(iso('2025-09-23 09:41:12', 'America/New_York')).toBe('2025-09-23T13:41:12.000Z');
    expect(iso('2025-09-23 09:41:12.5', 'UTC')).toBe('2025-09-23T09:41:12.500Z');
  });

  it('handles the hour a DST change skips or repeats', () => {
    // 02:30 does not exist in Berlin on 2025-03-30; it is read with the offset before the change.
    expect(iso('2025-03-30 02:30', 'Europe/Berlin')).toBe('2025-03-30T01:30:00.000Z');
    // 02:30 happens twice on 2025-10-26: the earlier one.
    expect(iso('2025-10-26 02:30', 'Europe/Berlin')).toBe('2025-10-26T00:30:00.000Z');
  });

  it('reads epoch milliseconds and seconds', () => {
    expect(iso(1748114040458)).toBe('2025-05-24T19:14:00.458Z');
    expect(iso('1748114040')).toBe('2025-05-24T19:14:00.000Z');
  });

  it('gives no time for relative, blank or junk values', () => {
    for (const value of ['2d', '3 weeks ago', '1mo', 'yesterday', '', '  ', 'soon', null, {}]) {
      expect(iso(value)).toBeNull();
    }
  });
});
