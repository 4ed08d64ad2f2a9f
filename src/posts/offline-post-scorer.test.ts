import { describe, expect, it } from 'vitest';
import { freightPostRubric, postInput } from '../../test/support/post-fixtures.ts';
import { scorePostOffline } from './offline-post-scorer.ts';
import type { Post } from './post.ts';
import { parsePostRubric } from './post-rubric.ts';
import type { PostRubricVersion } from './post-rubric-store.ts';
import { postScore } from './post-score-formula.ts';

const rubric: PostRubricVersion = {
  version: 3,
  rubric: parsePostRubric(freightPostRubric, 'test'),
  note: null,
  createdAt: '2025-09-01T00:00:00.000Z',
};

function post(text: string | null, originalText: string | null = null): Post {
  const input = postInput({ text, originalText });
  return {
    ...input,
    score: null,
    scoreStatus: 'pending',
    scoreDetail: null,
    scoredAt: null,
    scoredRubricVersion: null,
    scorer: null,
    actionedAt: null,
    firstSeenAt: '2025-09-01T00:00:00.000Z',
    updatedAt: '2025-09-01T00:00:00.000Z',
  };
}

describe('scorePostOffline', () => {
  it('earns each matching criterion its points and explains them by the words', () => {
    const detail = scorePostOffline(
      post('Short thread on LANDED COST and our Carrier mix.\n\nQuick poll: what do you think?'),
      rubric,
    );
    expect(detail.score).toBe(70);
    expect(detail.reasons).toEqual([
      'P1 Freight costs: +40 — "LANDED COST", "Carrier"',
      'P3 Asks the network: +30 — "poll", "what do you think"',
    ]);
    expect(detail.criteria.map((criterion) => [criterion.id, criterion.points])).toEqual([
      ['P1', 40],
      ['P2', 0],
      ['P3', 30],
      ['N1', 0],
    ]);
    expect(detail).toMatchObject({ rubricVersion: 3, scorer: 'offline-posts' });
  });

  it('takes a negative criterion off and holds the score at 0', () => {
    const hiring = scorePostOffline(
      post("We're hiring a freight planner, apply via the link"),
      rubric,
    );
    expect(hiring.score).toBe(0);
    expect(hiring.reasons).toEqual([
      'P1 Freight costs: +40 — "freight"',
      'N1 Job advert: −50 — "We\'re hiring", "apply via"',
    ]);
  });

  it('reads accents, German compounds it lists and Japanese without spaces', () => {
    expect(scorePostOffline(post('Unsere FRACHTKOSTEN sind gesunken'), rubric).score).toBe(40);
    expect(scorePostOffline(post('新しい物流センターが稼働しました'), rubric).score).toBe(30);
  });

  it("judges a repost by the original's words too, and says when there are none", () => {
    expect(
      scorePostOffline(post(null, 'Your supplier contract probably auto-renews'), rubric).score,
    ).toBe(30);
    expect(scorePostOffline(post(null), rubric)).toMatchObject({
      score: 0,
      reasons: ['the post has no words to judge'],
    });
    expect(scorePostOffline(post('Happy Friday'), rubric).reasons).toEqual([
      'no criterion matched',
    ]);
  });
});

describe('postScore', () => {
  it('rounds to 2 decimals and rejects points outside a criterion’s range', () => {
    expect(postScore(rubric.rubric, { P1: 40, P2: 10, P3: 0, N1: 0 })).toBe(50);
    expect(postScore(rubric.rubric, { P1: 20, P2: 0.5 })).toBe(20.5);
    expect(postScore(rubric.rubric, { P1: 10.004 })).toBe(10);
    expect(postScore(rubric.rubric, { P1: 1, P2: 1, P3: 1 })).toBe(3);
    expect(postScore(rubric.rubric, { P1: 40, P2: 30, P3: 30, N1: -10 })).toBe(90);
    expect(() => postScore(rubric.rubric, { P1: 41 })).toThrowError(
      expect.objectContaining({
        code: 'score_invalid',
        message: 'criterion P1 got 41 points, outside 0..40',
      }),
    );
    expect(() => postScore(rubric.rubric, { N1: 5 })).toThrowError(
      expect.objectContaining({ message: 'criterion N1 got 5 points, outside -50..0' }),
    );
  });
});
