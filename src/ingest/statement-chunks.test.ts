import { describe, expect, it } from 'vitest';
import { paddedInList, statementChunks } from './statement-chunks.ts';

describe('statement chunks', () => {
  it('cuts full chunks, then powers of two, keeping every row once and in order', () => {
    const rows = Array.from({ length: 1_937 }, (_, index) => index);
    const chunks = statementChunks(rows, 256);
    expect(chunks.map((chunk) => chunk.length)).toEqual([
      256, 256, 256, 256, 256, 256, 256, 128, 16, 1,
    ]);
    expect(chunks.flat()).toEqual(rows);
    expect(statementChunks([], 256)).toEqual([]);
  });

  it('pads an IN list to a power of two with its last value', () => {
    expect(paddedInList(['a', 'b', 'c'])).toEqual(['a', 'b', 'c', 'c']);
    expect(paddedInList(['a'])).toEqual(['a']);
    expect(paddedInList([])).toEqual([]);
  });
});
