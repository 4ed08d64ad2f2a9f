import { describe, expect, it } from 'vitest';
import { parseCount } from './counts.ts';

describe('parseCount', () => {
  it('reads numbers and thousands separators', () => {
    expect(parseCount(12)).toBe(12);
    expect(parseCount('7')).toBe(7);
    expect(parseCount('1,204')).toBe(1204);
    expect(parseCount('1.204.330')).toBe(1204330);
    expect(parseCount('1 204')).toBe(1204);
    expect(parseCount('1.2K')).toBe(1200);
    expect(parseCount('3M')).toBe(3_000_000);
  });

  it("keeps '' and junk unknown, never 0", () => {
    for (const value of ['', '  ', null, undefined, 'n/a', -1, 1.5, '1,2,3', {}]) {
      expect(parseCount(value)).toBeNull();
    }
    expect(parseCount(0)).toBe(0);
  });
});
