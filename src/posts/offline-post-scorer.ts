import { nowIso } from '../clock.ts';
import { findPhrase, phraseWords, type TokenizedText, tokenize } from '../scoring/text-match.ts';
import type { Post } from './post.ts';
import type { PostCriterion } from './post-rubric.ts';
import type { PostRubricVersion } from './post-rubric-store.ts';
import { criterionReason, postScore } from './post-score-formula.ts';
import type { CriterionPoints, PostScoreDetail, PostScorer } from './post-scorer.ts';

export const offlinePostScorerName = 'offline-posts';

/** The words a post is judged by: the lead's own, then (for a repost) the original's. */
export function postText(post: Post): string {
  return [post.text, post.originalText].filter((part) => part !== null).join('\n\n');
}

function matchCriterion(tokenized: TokenizedText, criterion: PostCriterion): CriterionPoints {
  const matched = new Set<string>();
  for (const keyword of criterion.keywords) {
    for (const match of findPhrase(tokenized, phraseWords(keyword))) matched.add(match.text);
  }
  const hit = matched.size > 0;
  const points = hit ? (criterion.kind === 'positive' ? criterion.points : -criterion.points) : 0;
  return {
    id: criterion.id,
    label: criterion.label,
    kind: criterion.kind,
    points,
    available: criterion.points,
    matched: [...matched],
  };
}

/** Scores one post: a criterion counts in full when any of its keywords is in the text. */
export function scorePostOffline(post: Post, rubric: PostRubricVersion): PostScoreDetail {
  const tokenized = tokenize(postText(post));
  const criteria = rubric.rubric.criteria.map((criterion) => matchCriterion(tokenized, criterion));
  const points = Object.fromEntries(criteria.map((criterion) => [criterion.id, criterion.points]));
  const counted = criteria.filter((criterion) => criterion.points !== 0);
  const reasons =
    tokenized.tokens.length === 0
      ? ['the post has no words to judge']
      : counted.length === 0
        ? ['no criterion matched']
        : counted.map(criterionReason);
  return {
    score: postScore(rubric.rubric, points),
    criteria,
    reasons,
    rubricVersion: rubric.version,
    scorer: offlinePostScorerName,
    scoredAt: nowIso(),
  };
}

/** The default post scorer: deterministic, offline, each point explained by matched words. */
export const offlinePostScorer: PostScorer = {
  name: offlinePostScorerName,
  async scoreBatch(posts, rubric) {
    return new Map(posts.map((post) => [post.id, scorePostOffline(post, rubric)]));
  },
};
