import { z } from 'zod';
import { type AnswerReading, readReplyItems } from '../scoring/llm-items.ts';
import type { ChatReply } from '../scoring/llm-provider.ts';
import { numberValue } from '../scoring/llm-reply.ts';
import type { PostRubric } from './post-rubric.ts';

/** One post's answer, checked for shape; the post score formula checks each value's range. */
export interface PostAnswer {
  points: Record<string, number>;
  evidence: Record<string, string[]>;
}

const evidenceItems = 5;
const evidenceLength = 300;

const itemSchema = z.object({
  criteria: z.record(
    z.string(),
    z.object({
      points: z.unknown(),
      evidence: z.union([z.array(z.string()), z.string().transform((text) => [text])]).default([]),
    }),
  ),
});

/** Points and evidence for every criterion of the rubric, or what is wrong with them. */
function readItem(value: unknown, rubric: PostRubric): PostAnswer | string {
  const parsed = itemSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    return `the item is malformed: ${issues.join('; ')}`;
  }

  const known = new Set(rubric.criteria.map((criterion) => criterion.id));
  const unknown = Object.keys(parsed.data.criteria).filter((id) => !known.has(id));
  if (unknown.length > 0) return `unknown criteria ${unknown.join(', ')}`;

  const answer: PostAnswer = { points: {}, evidence: {} };
  for (const criterion of rubric.criteria) {
    const given = parsed.data.criteria[criterion.id];
    if (given === undefined) return `criterion ${criterion.id} is missing`;
    const points = numberValue(given.points);
    if (points === undefined) {
      return `points of ${criterion.id} (${JSON.stringify(given.points)}) are not a number`;
    }
    answer.points[criterion.id] = points;
    answer.evidence[criterion.id] = given.evidence
      .slice(0, evidenceItems)
      .map((quote) => quote.trim().slice(0, evidenceLength))
      .filter((quote) => quote !== '');
  }
  return answer;
}

/** Reads a reply about posts: each post's item found by its ID, never by position. */
export function readPostAnswer(
  reply: ChatReply,
  postIds: string[],
  rubric: PostRubric,
): AnswerReading<PostAnswer> {
  return readReplyItems(reply, postIds, {
    key: 'posts',
    noun: 'post',
    readItem: (value) => readItem(value, rubric),
  });
}
