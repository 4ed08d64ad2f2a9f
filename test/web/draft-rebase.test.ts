import { describe, expect, it } from 'vitest';
import { rebaseDraft, withFieldsOf } from '../../web/src/lead/draft-rebase.ts';

const fields = ['status', 'priority', 'connectionStatus'] as const;
type Values = Record<(typeof fields)[number], string>;

describe('a draft moved onto a lead someone else saved', () => {
  const base: Values = { status: 'new', priority: 'low', connectionStatus: 'not_connected' };
  const latest: Values = { status: 'new', priority: 'high', connectionStatus: 'connected' };

  it('keeps the fields this person changed and takes every other from the latest save', () => {
    const draft: Values = { ...base, status: 'contacted' };
    expect(rebaseDraft(base, draft, latest, fields)).toEqual({
      status: 'contacted',
      priority: 'high',
      connectionStatus: 'connected',
    });
  });

  it('compares with the given sameness, so blanks around a text are no change', () => {
    const draft: Values = { ...base, priority: ' low ' };
    const same = (a: string, b: string) => a.trim() === b.trim();
    expect(rebaseDraft(base, draft, latest, fields, same).priority).toBe('high');
  });

  it('settles a conflict as theirs for the named fields only', () => {
    const draft: Values = {
      status: 'contacted',
      priority: 'urgent',
      connectionStatus: 'connected',
    };
    expect(withFieldsOf(draft, latest, ['priority'])).toEqual({
      status: 'contacted',
      priority: 'high',
      connectionStatus: 'connected',
    });
  });
});
