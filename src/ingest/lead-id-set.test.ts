import { describe, expect, it } from 'vitest';
import { newLeadId } from './lead-id.ts';
import { LeadIdSet } from './lead-id-set.ts';

describe('the set of leads an import wrote', () => {
  it('holds what was added, and only that, across growth', () => {
    const set = new LeadIdSet();
    const added = Array.from({ length: 20_000 }, () => newLeadId());
    const others = Array.from({ length: 20_000 }, () => newLeadId());
    for (const id of added) set.add(id);
    set.add(added[0]!);

    expect(set.size).toBe(20_000);
    expect(added.every((id) => set.has(id))).toBe(true);
    expect(others.filter((id) => set.has(id))).toEqual([]);
    expect(set.has('')).toBe(false);
  });
});
