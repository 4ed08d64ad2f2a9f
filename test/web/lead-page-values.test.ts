import { describe, expect, it } from 'vitest';
import { daysBetween, overdueText } from '../../web/src/follow-ups/follow-up-days.ts';
import { emptyNewLead, issuesByField, newLeadBody } from '../../web/src/lead/new-lead-fields.ts';
import {
  pointsText,
  profileChangedAfterScore,
  scoreDetailOf,
} from '../../web/src/lead/score-detail.ts';

describe('values the lead pages show', () => {
  it('counts follow-up days on the calendar, across month and leap-day boundaries', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-03-30', '2025-03-31')).toBe(1);
    expect(overdueText('2025-10-26', '2025-10-26')).toBe('due today');
    expect(overdueText('2025-10-25', '2025-10-26')).toBe('1 day overdue');
    expect(overdueText('2025-09-26', '2025-10-26')).toBe('30 days overdue');
  });

  it('calls a score stale when the profile changed at or after it, never when unscored', () => {
    const scoredAt = '2025-10-01T09:00:00.000Z';

    expect(
      profileChangedAfterScore({ scoredAt, profileChangedAt: '2025-10-01T09:00:00.001Z' }),
    ).toBe(true);
    expect(profileChangedAfterScore({ scoredAt, profileChangedAt: scoredAt })).toBe(true);
    expect(
      profileChangedAfterScore({ scoredAt, profileChangedAt: '2025-09-30T09:00:00.000Z' }),
    ).toBe(false);
    expect(profileChangedAfterScore({ scoredAt, profileChangedAt: null })).toBe(false);
    expect(profileChangedAfterScore({ scoredAt: null, profileChangedAt: scoredAt })).toBe(false);
  });

  it('sends a new lead with the filled fields only, trimmed', () => {
    const values = { ...emptyNewLead, profileUrl: ' linkedin.com/in/ada ', company: ' Kestrel ' };

    expect(newLeadBody(values)).toEqual({ profileUrl: 'linkedin.com/in/ada', company: 'Kestrel' });
  });

  it("puts the API's field issues next to their fields, whichever way the path is written", () => {
    const byField = issuesByField([
      { path: 'body.email', message: 'Invalid email address' },
      { path: 'profileUrl', message: 'is not a LinkedIn person (a company page)' },
      { path: 'body.email', message: 'too long' },
      { path: 'headers.if-match', message: 'ignored' },
    ]);

    expect(byField).toEqual({
      email: 'Invalid email address; too long',
      profileUrl: 'is not a LinkedIn person (a company page)',
    });
  });

  it('reads a stored score explanation and writes points against their range', () => {
    const detail = scoreDetailOf({
      score: 50,
      status: 'disqualified',
      reasons: ['N2 Student: disqualifying'],
      rubricVersion: 3,
      scorer: 'offline',
      scoredAt: '2025-09-01T00:00:00.000Z',
      attributes: [
        {
          id: 'A',
          label: 'Buyer',
          kind: 'positive',
          points: 12,
          max: 40,
          bonus: false,
          evidence: [],
        },
        {
          id: 'N2',
          label: 'Student',
          kind: 'negative',
          points: -40,
          penalty: 40,
          disqualifying: true,
          evidence: [],
        },
      ],
    });

    expect(detail?.attributes.map(pointsText)).toEqual(['12 of 40', '−40 of −40 (disqualifying)']);
    expect(scoreDetailOf(null)).toBeNull();
    expect(scoreDetailOf({ score: 1 })).toBeNull();
  });
});
