import { describe, expect, it } from 'vitest';
import { parseJsonLosslessly, quoteLongIntegers } from './lossless-json.ts';

describe('parseJsonLosslessly', () => {
  it('keeps 19-digit IDs exact as strings', () => {
    const value = parseJsonLosslessly('{"id": 7332121712352128371, "n": [7376158681203922567]}');
    expect(value).toEqual({ id: '7332121712352128371', n: ['7376158681203922567'] });
  });

  it('leaves short numbers, decimals and strings as they are', () => {
    const text =
      '{"ms":1748114040458,"x":-1.5e3,"s":"12345678901234567890","d":1234567890123456.5}';
    expect(quoteLongIntegers(text)).toBe(text);
    expect(parseJsonLosslessly(text)).toEqual({
      ms: 1748114040458,
      x: -1500,
      s: '12345678901234567890',
      d: 1234567890123456.5,
    });
  });

  it('does not look inside strings with escaped quotes', () => {
    const value = parseJsonLosslessly('["a \\" 73321217123521283710", -7332121712352128371]');
    expect(value).toEqual(['a " 73321217123521283710', '-7332121712352128371']);
  });

  it('drops a byte-order mark', () => {
    expect(parseJsonLosslessly('\uFEFF[1]')).toEqual([1]);
  });
});
