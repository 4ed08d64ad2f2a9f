import type { Post } from './post.ts';
import type { PostRubricVersion } from './post-rubric-store.ts';

/** What one criterion gave a post: signed points and the words that earned them. */
export interface CriterionPoints {
  id: string;
  label: string;
  kind: 'positive' | 'negative';
  /** Earned (0..points) on a positive criterion, lost (−points..0) on a negative one. */
  points: number;
  /** The criterion's points in the rubric. */
  available: number;
  /** The post's own words that matched, as written. */
  matched: string[];
}

/** A post's score with everything needed to trace and explain it. Stored as JSON. */
export interface PostScoreDetail {
  score: number;
  criteria: CriterionPoints[];
  reasons: string[];
  rubricVersion: number;
  scorer: string;
  scoredAt: string;
}

/** Why one post could not be scored; it stays eligible for the next run. */
export interface PostScoreFailure {
  failed: true;
  code: string;
  message: string;
  raw?: string;
}

/**
 * What every post scorer does (offline-post-scorer.ts, and llm-post-scorer.ts over a model):
 * score a batch of posts against one post rubric version, answering by post ID, never by
 * position. A post missing from the answer counts as failed; a throw means the scorer itself
 * is unusable.
 */
export interface PostScorer {
  readonly name: string;
  scoreBatch(
    posts: Post[],
    rubric: PostRubricVersion,
    signal: AbortSignal,
  ): Promise<Map<string, PostScoreDetail | PostScoreFailure>>;
}

export function isPostScoreFailure(
  result: PostScoreDetail | PostScoreFailure,
): result is PostScoreFailure {
  return 'failed' in result && result.failed === true;
}
