import { describe, expect, it } from 'vitest';
import {
  changedFields,
  conflictsOf,
  type LeadFormValues,
} from '../../web/src/lead/lead-edit-fields.ts';

const base: LeadFormValues = { status: 'new', priority: null, connectionStatus: 'unknown' };

describe('the lead form under a concurrent save', () => {
  it('sends only the fields this person changed', () => {
    const draft: LeadFormValues = { ...base, status: 'contacted', priority: 'high' };

    expect(changedFields(base, draft)).toEqual({ status: 'contacted', priority: 'high' });
    expect(changedFields(base, base)).toEqual({});
  });

  it('is a conflict only where both changed the same field to different values', () => {
    const draft: LeadFormValues = { ...base, status: 'contacted', priority: 'high' };

    expect(conflictsOf(base, draft, { ...base, connectionStatus: 'connected' })).toEqual([]);
    expect(conflictsOf(base, draft, { ...base, status: 'contacted' })).toEqual([]);
    expect(conflictsOf(base, draft, { ...base, status: 'replied', priority: 'low' })).toEqual([
      { field: 'status', mine: 'contacted', theirs: 'replied' },
      { field: 'priority', mine: 'high', theirs: 'low' },
    ]);
    // Theirs changed a field this person left alone: theirs stands, no question asked.
    expect(
      conflictsOf(base, { ...base, status: 'contacted' }, { ...base, priority: 'low' }),
    ).toEqual([]);
  });
});
