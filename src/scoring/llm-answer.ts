import { z } from 'zod';
import {
  type AnswerReading as GenericAnswerReading,
  type ItemReading as GenericReading,
  readReplyItems,
} from './llm-items.ts';
import type { ChatReply } from './llm-provider.ts';
import { numberValue } from './llm-reply.ts';
import type { Rubric } from './rubric.ts';

/** One lead's answer, checked for shape; the formula checks each value's range. */
export interface LeadAnswer {
  points: Record<string, number>;
  evidence: Record<string, string[]>;
}

export type { AnswerFailureCode } from './llm-items.ts';

export type ItemReading = GenericReading<LeadAnswer>;
export type AnswerReading = GenericAnswerReading<LeadAnswer>;

const evidenceItems = 5;
const evidenceLength = 300;

const itemSchema = z.object({
  attributes: z.record(
    z.string(),
    z.object({
      points: z.unknown(),
      evidence: z.union([z.array(z.string()), z.string().transform((text) => [text])]).default([]),
    }),
  ),
});

/** Points and evidence for every rubric attribute, or what is wrong with them. */
function readItem(value: unknown, rubric: Rubric): LeadAnswer | string {
  const parsed = itemSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    return `the item is malformed: ${issues.join('; ')}`;
  }

  const known = new Set(rubric.attributes.map((attribute) => attribute.id));
  const unknown = Object.keys(parsed.data.attributes).filter((id) => !known.has(id));
  if (unknown.length > 0) return `unknown attributes ${unknown.join(', ')}`;

  const answer: LeadAnswer = { points: {}, evidence: {} };
  for (const attribute of rubric.attributes) {
    const given = parsed.data.attributes[attribute.id];
    if (given === undefined) return `attribute ${attribute.id} is missing`;
    const points = numberValue(given.points);
    if (points === undefined || !Number.isInteger(points)) {
      return `points of ${attribute.id} (${JSON.stringify(given.points)}) are not a whole number`;
    }
    answer.points[attribute.id] = points;
    answer.evidence[attribute.id] = given.evidence
      .slice(0, evidenceItems)
      .map((quote) => quote.trim().slice(0, evidenceLength))
      .filter((quote) => quote !== '');
  }
  return answer;
}

/**
 * Reads a reply to a batch: each lead's item is found by its ID, never by position, and
 * checked for shape. Whole-reply problems (cut off, no JSON, two answers) fail every lead.
 */
export function readAnswer(reply: ChatReply, leadIds: string[], rubric: Rubric): AnswerReading {
  return readReplyItems(reply, leadIds, {
    key: 'leads',
    noun: 'lead',
    readItem: (value) => readItem(value, rubric),
  });
}
