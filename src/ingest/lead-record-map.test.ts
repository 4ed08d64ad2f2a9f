import { describe, expect, it } from 'vitest';
import { newLeadId } from './lead-id.ts';
import { LeadRecordMap } from './lead-record-map.ts';

describe('the leads an import named, with the last record naming each', () => {
  it('holds what was set, and only that, across growth', () => {
    const map = new LeadRecordMap();
    const named = Array.from({ length: 20_000 }, () => newLeadId());
    const others = Array.from({ length: 20_000 }, () => newLeadId());
    for (const [index, id] of named.entries()) map.set(id, index + 1);
    map.set(named[0]!, 30_000);

    expect(map.size).toBe(20_000);
    expect(named.slice(1).every((id, index) => map.get(id) === index + 2)).toBe(true);
    expect(map.get(named[0]!)).toBe(30_000);
    expect(others.filter((id) => map.get(id) !== undefined)).toEqual([]);
    expect(map.get('')).toBeUndefined();
  });
});
