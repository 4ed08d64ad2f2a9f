import type { Lead } from '../leads/lead.ts';
import type { RubricVersion } from './rubric-store.ts';
import type { ScoreDetail } from './score-detail.ts';

/** Why one lead could not be scored; the lead stays eligible for the next run. */
export interface ScoreFailure {
  failed: true;
  /** Stable code, such as `score_invalid` or `answer_missing`. */
  code: string;
  message: string;
  /** The scorer's raw answer for this lead, kept for audit (never logged). */
  raw?: string;
}

/** What every scorer does: score a batch of leads against one rubric version. */
export interface LeadScorer {
  /** Recorded with every score, so a score can be traced to what produced it. */
  readonly name: string;
  /**
   * Answers by lead id, never by position. A lead missing from the answer counts as failed. A
   * throw means the scorer itself is unusable (provider down), not that one lead failed.
   */
  scoreBatch(
    leads: Lead[],
    rubric: RubricVersion,
    signal: AbortSignal,
  ): Promise<Map<string, ScoreDetail | ScoreFailure>>;
}

export function isScoreFailure(result: ScoreDetail | ScoreFailure): result is ScoreFailure {
  return 'failed' in result && result.failed === true;
}

export function scoreFailure(code: string, message: string, raw?: string): ScoreFailure {
  return raw === undefined ? { failed: true, code, message } : { failed: true, code, message, raw };
}
