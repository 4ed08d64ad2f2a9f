import { AppError, type FieldIssue } from '../errors.ts';
import { pointRange, type Rubric, type RubricAttribute } from './rubric.ts';

export type ScoreStatus = 'scored' | 'disqualified' | 'unqualified';

export interface ScoreOutcome {
  /** 0..100, two decimals. A disqualified or unqualified lead keeps its computed score. */
  score: number;
  status: ScoreStatus;
  /** Why the status is not plain `scored`: one line per disqualifying hit or missed minimum. */
  reasons: string[];
}

/** The words behind an attribute's points, quoted in the reasons when given. */
export type EvidenceQuotes = Record<string, string[]>;

/** Rounds half away from zero at 2 decimals, immune to 1.005 being stored as 1.00499…. */
export function roundTo2(value: number): number {
  const scaled = Number((value * 100).toPrecision(12));
  return (Math.sign(scaled) * Math.round(Math.abs(scaled))) / 100 || 0;
}

/** The score's denominator: positive maxima, bonus maxima counting a quarter. */
export function scoreDenominator(rubric: Rubric): number {
  let total = 0;
  for (const attribute of rubric.attributes) {
    if (attribute.kind === 'positive')
      total += attribute.bonus ? attribute.max * 0.25 : attribute.max;
  }
  return total;
}

/**
 * The lead score for one answer: points by attribute id, every attribute present and each
 * within its range. An invalid answer throws `score_invalid`; it is never clamped or defaulted.
 */
export function leadScore(
  rubric: Rubric,
  points: Record<string, number>,
  quotes: EvidenceQuotes = {},
): ScoreOutcome {
  checkPoints(rubric, points);

  let sum = 0;
  for (const attribute of rubric.attributes) sum += points[attribute.id]!;
  const score = Math.min(100, Math.max(0, roundTo2((100 * sum) / scoreDenominator(rubric))));

  const disqualifying = rubric.attributes.filter(
    (attribute) =>
      attribute.kind === 'negative' && attribute.disqualifying && points[attribute.id]! < 0,
  );
  const missed = rubric.attributes.filter(
    (attribute) =>
      attribute.minToQualify !== undefined && points[attribute.id]! < attribute.minToQualify,
  );
  const reasons = [
    ...disqualifying.map((attribute) => disqualifiedReason(attribute, quotes[attribute.id])),
    ...missed.map((attribute) => unqualifiedReason(attribute, points[attribute.id]!)),
  ];
  const status: ScoreStatus =
    disqualifying.length > 0 ? 'disqualified' : missed.length > 0 ? 'unqualified' : 'scored';
  return { score, status, reasons };
}

function checkPoints(rubric: Rubric, points: Record<string, number>): void {
  const issues: FieldIssue[] = [];
  for (const attribute of rubric.attributes) {
    const value = points[attribute.id];
    const range = pointRange(attribute);
    const path = `points.${attribute.id}`;
    if (value === undefined) issues.push({ path, message: 'is missing' });
    else if (typeof value !== 'number' || !Number.isFinite(value)) {
      issues.push({ path, message: `${String(value)} is not a finite number` });
    } else if (value < range.min || value > range.max) {
      const message = `${value} is outside ${range.min}..${range.max}`;
      issues.push({ path, message });
    }
  }
  const known = new Set(rubric.attributes.map((attribute) => attribute.id));
  for (const id of Object.keys(points)) {
    if (!known.has(id)) issues.push({ path: `points.${id}`, message: 'is not an attribute' });
  }

  if (issues.length > 0) {
    const summary = issues.map((issue) => `${issue.path} ${issue.message}`).join('; ');
    throw new AppError('score_invalid', `invalid points for rubric "${rubric.name}": ${summary}`, {
      issues,
    });
  }
}

function disqualifiedReason(attribute: RubricAttribute, quotes: string[] = []): string {
  const because = quotes.length > 0 ? `: ${quotes.join(', ')}` : '';
  return `disqualified by ${attribute.id} ${attribute.label}${because}`;
}

function unqualifiedReason(attribute: RubricAttribute, points: number): string {
  return `unqualified: ${attribute.id} ${attribute.label} has ${points}, needs at least ${attribute.minToQualify}`;
}
