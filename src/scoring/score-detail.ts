import type { ScoreStatus } from './formula.ts';
import type { LeadTextField } from './lead-text.ts';

/** Words that earned (or cost) points: where they were, what they said, what they matched. */
export interface Evidence {
  /** The lead field quoted; null when a scorer quotes without saying where. */
  field: LeadTextField | null;
  /** The words as the lead wrote them. */
  text: string;
  /** The rubric signal they matched, if the scorer works by signals. */
  signal: string | null;
  /** The signal's weight: points earned, or taken away on a negative attribute. */
  weight: number | null;
}

interface AttributePointsBase {
  id: string;
  label: string;
  points: number;
  evidence: Evidence[];
}

export type AttributePoints =
  | (AttributePointsBase & { kind: 'positive'; max: number; bonus: boolean })
  | (AttributePointsBase & { kind: 'negative'; penalty: number; disqualifying: boolean });

/** A lead's score with everything needed to trace and explain it. Stored as JSON. */
export interface ScoreDetail {
  score: number;
  status: ScoreStatus;
  attributes: AttributePoints[];
  reasons: string[];
  rubricVersion: number;
  scorer: string;
  scoredAt: string;
}

function signed(points: number): string {
  if (points > 0) return `+${points}`;
  return points < 0 ? `−${-points}` : '0';
}

function quote(evidence: Evidence): string {
  const where = evidence.field === null ? '' : ` in ${evidence.field}`;
  const weight = evidence.weight === null ? '' : ` (${evidence.weight})`;
  return `"${evidence.text}"${where}${weight}`;
}

function attributeLine(attribute: AttributePoints): string {
  const scale =
    attribute.kind === 'positive'
      ? `${attribute.points}/${attribute.max}${attribute.bonus ? ' bonus' : ''}`
      : `${signed(attribute.points)} of −${attribute.penalty}${attribute.disqualifying ? ' disqualifying' : ''}`;
  const earned = attribute.evidence.reduce((total, evidence) => total + (evidence.weight ?? 0), 0);
  const limit = attribute.kind === 'positive' ? attribute.max : attribute.penalty;
  const capped = earned > limit ? `, capped at ${limit}` : '';
  const because =
    attribute.evidence.length === 0 ? 'nothing matched' : attribute.evidence.map(quote).join(', ');
  return `${attribute.id} ${attribute.label}: ${scale} — ${because}${capped}`;
}

/** Short lines a person can read: the verdict, then each attribute and the words behind it. */
export function explainScore(detail: ScoreDetail): string[] {
  const verdict = detail.status === 'scored' ? '' : ` (${detail.status})`;
  return [
    `score ${detail.score}${verdict}, rubric v${detail.rubricVersion}, ${detail.scorer} scorer, ${detail.scoredAt}`,
    ...detail.reasons,
    ...detail.attributes.map(attributeLine),
  ];
}
