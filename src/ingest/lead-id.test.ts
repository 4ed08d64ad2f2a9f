import { describe, expect, it } from 'vitest';
import { newLeadId } from './lead-id.ts';

describe('lead IDs', () => {
  it('are version-7 UUIDs that sort in the order they were made, within one millisecond too', () => {
    const ids = Array.from({ length: 5_000 }, () => newLeadId(1_760_000_000_000));
    expect(ids[0]).toMatch(
      /^0199[0-9a-f]{4}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
