import type { Lead } from '../leads/lead.ts';
import { leadScore } from './formula.ts';
import { type LeadTextField, leadTexts } from './lead-text.ts';
import type { LeadAnswer } from './llm-answer.ts';
import type { RubricAttribute } from './rubric.ts';
import type { RubricVersion } from './rubric-store.ts';
import type { AttributePoints, Evidence, ScoreDetail } from './score-detail.ts';

/** What produced an LLM score, beyond the rubric version and scorer every score records. */
export interface LlmProvenance {
  model: string;
  /** sha256 of the system prompt built from the rubric version. */
  promptSha256: string;
  promptTemplate: string;
}

export type LlmScoreDetail = ScoreDetail & { llm: LlmProvenance };

const fold = (text: string) =>
  text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

/** Evidence as the model quoted it, placed in the lead field it comes from when it does. */
function evidenceOf(lead: Lead, quotes: string[]): Evidence[] {
  const texts = Object.entries(leadTexts(lead)).map(([field, text]) => [field, fold(text)]);
  return quotes.map((text) => {
    const found = texts.find(([, folded]) => folded!.includes(fold(text)));
    const field = (found?.[0] ?? null) as LeadTextField | null;
    return { field, text, signal: null, weight: null };
  });
}

function attributePoints(
  attribute: RubricAttribute,
  points: number,
  evidence: Evidence[],
): AttributePoints {
  const base = { id: attribute.id, label: attribute.label, points, evidence };
  return attribute.kind === 'positive'
    ? { ...base, kind: 'positive', max: attribute.max, bonus: attribute.bonus }
    : {
        ...base,
        kind: 'negative',
        penalty: attribute.penalty,
        disqualifying: attribute.disqualifying,
      };
}

/**
 * A lead's score from the model's answer, through the same formula, clamping and breakdown as
 * every scorer. Throws AppError 'score_invalid' when a value is outside its attribute's range.
 */
export function llmScoreDetail(
  lead: Lead,
  rubric: RubricVersion,
  answer: LeadAnswer,
  scorer: string,
  provenance: LlmProvenance,
  scoredAt: string,
): LlmScoreDetail {
  const quotes = Object.fromEntries(
    Object.entries(answer.evidence).map(([id, texts]) => [id, texts.map((t) => `"${t}"`)]),
  );
  const outcome = leadScore(rubric.rubric, answer.points, quotes);
  const attributes = rubric.rubric.attributes.map((attribute) =>
    attributePoints(
      attribute,
      answer.points[attribute.id]!,
      evidenceOf(lead, answer.evidence[attribute.id] ?? []),
    ),
  );
  return {
    ...outcome,
    attributes,
    rubricVersion: rubric.version,
    scorer,
    scoredAt,
    llm: provenance,
  };
}
