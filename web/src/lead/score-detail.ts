/**
 * A lead's stored score explanation (src/scoring/score-detail.ts `ScoreDetail`), as the API
 * returns it in `scoreDetail`. The API types the field loosely, so it is checked before use.
 */

import type { AttributePoints, ScoreDetail } from '../../../src/scoring/score-detail.ts';

export type { AttributePoints, Evidence, ScoreDetail } from '../../../src/scoring/score-detail.ts';

/** The detail when it has the stored shape; null for a lead never scored (or an odd row). */
export function scoreDetailOf(value: unknown): ScoreDetail | null {
  if (typeof value !== 'object' || value === null) return null;
  const detail = value as Partial<ScoreDetail>;
  if (!Array.isArray(detail.attributes) || !Array.isArray(detail.reasons)) return null;
  return detail as ScoreDetail;
}

export { profileChangedAfterScore } from '../../../src/leads/score-freshness.ts';

/** "12 of 40", "12 of 40 (bonus)", "−10 of −20 (disqualifying)". */
export function pointsText(attribute: AttributePoints): string {
  if (attribute.kind === 'positive') {
    return `${attribute.points} of ${attribute.max}${attribute.bonus ? ' (bonus)' : ''}`;
  }
  const points = attribute.points < 0 ? `−${-attribute.points}` : String(attribute.points);
  return `${points} of −${attribute.penalty}${attribute.disqualifying ? ' (disqualifying)' : ''}`;
}
