import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './lead-cursor.ts';

const crafted = (payload: object) => Buffer.from(JSON.stringify(payload)).toString('base64url');

describe('lead cursors', () => {
  it('decode what they encoded, for every kind of sort value', () => {
    const byScore = { sort: 'score', direction: 'desc', value: -1, tie: 'ann', id: 'l-1' } as const;
    const byName = { sort: 'name', direction: 'asc', value: 'ann arbor', id: 'l-2' } as const;

    expect(decodeCursor(encodeCursor(byScore), 'score', 'desc')).toEqual(byScore);
    expect(decodeCursor(encodeCursor(byName), 'name', 'asc')).toEqual(byName);
  });

  it('refuse a value of the wrong type for their sort, or a missing id, with invalid_cursor', () => {
    const attempts = [
      () => decodeCursor(crafted({ s: 'score:desc', v: '80', i: 'l-1' }), 'score', 'desc'),
      () => decodeCursor(crafted({ s: 'follow-up:asc', v: 3, i: 'l-1' }), 'follow-up', 'asc'),
      () => decodeCursor(crafted({ s: 'created:desc', v: 5, i: 'l-1' }), 'created', 'desc'),
      () => decodeCursor(crafted({ s: 'name:asc', v: 'x', i: '' }), 'name', 'asc'),
      () => decodeCursor(crafted({ s: 'score:desc', v: 80, i: 'l-1' }), 'score', 'desc'),
    ];

    for (const attempt of attempts) {
      expect(attempt).toThrow(expect.objectContaining({ code: 'invalid_cursor' }));
    }
  });
});
