import { describe, expect, it } from 'vitest';
import { daysBetween, overdueText } from '../../web/src/follow-ups/follow-up-days.ts';
import { bestPost } from '../../web/src/lead/best-post.ts';
import type { LeadPost } from '../../web/src/lead/lead-detail-api.ts';
import { emptyNewLead, issuesByField, newLeadBody } from '../../web/src/lead/new-lead-fields.ts';
import { pointsText, scoreDetailOf } from '../../web/src/lead/score-detail.ts';

function post(id: string, score: number | null, scoreStatus: LeadPost['scoreStatus']): LeadPost {
  return {
    id,
    url: `https://www.linkedin.com/feed/update/urn:li:activity:${id}/`,
    authorName: null,
    isRepost: false,
    originalAuthorName: null,
    text: null,
    originalText: null,
    postedAt: null,
    likes: null,
    comments: null,
    reposts: null,
    score,
    scoreStatus,
    reasons: [],
    scoredRubricVersion: null,
    scorer: null,
    actionedAt: null,
  };
}

describe('values the lead pages show', () => {
  it('counts follow-up days on the calendar, across month and leap-day boundaries', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-03-30', '2025-03-31')).toBe(1);
    expect(overdueText('2025-10-26', '2025-10-26')).toBe('due today');
    expect(overdueText('2025-10-25', '2025-10-26')).toBe('1 day overdue');
    expect(overdueText('2025-09-26', '2025-10-26')).toBe('30 days overdue');
  });

  it('picks the best scored post, the newest of equals, ignoring unscored ones', () => {
    const posts = [post('5', null, 'pending'), post('4', 70, 'scored'), post('3', 70, 'scored')];

    expect(bestPost([...posts, post('2', 90, 'failed')])?.id).toBe('4');
    expect(bestPost([post('1', null, 'pending')])).toBeNull();
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
