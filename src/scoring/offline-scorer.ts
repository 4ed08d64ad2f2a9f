import { nowIso } from '../clock.ts';
import { isAppError } from '../errors.ts';
import type { Lead } from '../leads/lead.ts';
import { leadScore } from './formula.ts';
import { leadTexts } from './lead-text.ts';
import type { RubricVersion } from './rubric-store.ts';
import type { ScoreDetail } from './score-detail.ts';
import { type LeadScorer, type ScoreFailure, scoreFailure } from './scorer.ts';
import { matchSignals, tokenizeLead } from './signal-matcher.ts';

const scorerName = 'offline';

function scoreOne(lead: Lead, rubric: RubricVersion, scoredAt: string): ScoreDetail {
  const attributes = matchSignals(rubric.rubric, tokenizeLead(leadTexts(lead)));
  const points = Object.fromEntries(attributes.map((entry) => [entry.id, entry.points]));
  const quotes = Object.fromEntries(
    attributes.map((entry) => [entry.id, entry.evidence.map((e) => `"${e.text}" in ${e.field}`)]),
  );
  const outcome = leadScore(rubric.rubric, points, quotes);
  return {
    ...outcome,
    attributes,
    rubricVersion: rubric.version,
    scorer: scorerName,
    scoredAt,
  };
}

/**
 * The default scorer: deterministic and offline. It finds the rubric's signal phrases in the
 * lead's own words and explains each point by the words that earned it.
 */
export const offlineScorer: LeadScorer = {
  name: scorerName,

  async scoreBatch(leads, rubric, signal) {
    const results = new Map<string, ScoreDetail | ScoreFailure>();
    const scoredAt = nowIso();
    for (const lead of leads) {
      signal.throwIfAborted();
      try {
        results.set(lead.id, scoreOne(lead, rubric, scoredAt));
      } catch (error) {
        // Matching cannot exceed an attribute's range, so this only guards against a bug.
        if (!isAppError(error)) throw error;
        results.set(lead.id, scoreFailure(error.code, error.message));
      }
    }
    return results;
  },
};
