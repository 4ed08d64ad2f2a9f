import { AppError } from '../errors.ts';
import type { PostRubric } from './post-rubric.ts';
import type { CriterionPoints } from './post-scorer.ts';

function roundTo2(value: number): number {
  return Math.round((value + Number.EPSILON) * 100) / 100;
}

/**
 * The post score: 100 × (Σ points earned + Σ points lost) ÷ Σ positive points, rounded to 2
 * decimals, then held to [0, 100]. A criterion's points outside its range (0..points, or
 * −points..0) are an invalid answer, rejected — never clamped or defaulted.
 */
export function postScore(rubric: PostRubric, points: Record<string, number>): number {
  let total = 0;
  let denominator = 0;
  for (const criterion of rubric.criteria) {
    const given = points[criterion.id] ?? 0;
    const [min, max] =
      criterion.kind === 'positive' ? [0, criterion.points] : [-criterion.points, 0];
    if (!Number.isFinite(given) || given < min || given > max) {
      throw new AppError(
        'score_invalid',
        `criterion ${criterion.id} got ${given} points, outside ${min}..${max}`,
        { details: { criterion: criterion.id, points: given, min, max } },
      );
    }
    total += given;
    if (criterion.kind === 'positive') denominator += criterion.points;
  }
  return Math.min(100, Math.max(0, roundTo2((100 * total) / denominator)));
}

function signed(points: number): string {
  if (points > 0) return `+${points}`;
  return points < 0 ? `−${-points}` : '0';
}

/** One line per criterion that counted: its points and the words behind them, if any. */
export function criterionReason(criterion: CriterionPoints): string {
  const line = `${criterion.id} ${criterion.label}: ${signed(criterion.points)}`;
  if (criterion.matched.length === 0) return line;
  return `${line} — ${criterion.matched.map((word) => `"${word}"`).join(', ')}`;
}
