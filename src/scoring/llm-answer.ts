import { z } from 'zod';
import type { ChatReply } from './llm-provider.ts';
import { extractJson, numberValue } from './llm-reply.ts';
import type { Rubric } from './rubric.ts';

/** One lead's answer, checked for shape; the formula checks each value's range. */
export interface LeadAnswer {
  points: Record<string, number>;
  evidence: Record<string, string[]>;
}

/** Why a lead's answer cannot be used. Each is retried alone, then recorded as the failure. */
export type AnswerFailureCode =
  | 'answer_truncated'
  | 'answer_unreadable'
  | 'answer_missing'
  | 'answer_duplicate'
  | 'answer_invalid';

export type ItemReading =
  | { ok: true; answer: LeadAnswer; raw: string }
  | { ok: false; code: AnswerFailureCode; message: string; raw: string };

export interface AnswerReading {
  /** One reading per lead asked about, by lead ID. */
  items: Map<string, ItemReading>;
  /** IDs the reply named that nobody asked about; ignored. */
  unexpectedIds: string[];
  truncated: boolean;
}

/** Audit copies of replies are kept, but not without bound. */
const rawLimit = 4000;
const evidenceItems = 5;
const evidenceLength = 300;

const envelopeSchema = z.object({ leads: z.array(z.unknown()) });

const idSchema = z.object({
  id: z.union([z.string().trim().min(1), z.number()]).transform(String),
});

const itemSchema = z.object({
  attributes: z.record(
    z.string(),
    z.object({
      points: z.unknown(),
      evidence: z.union([z.array(z.string()), z.string().transform((text) => [text])]).default([]),
    }),
  ),
});

function failAll(ids: string[], code: AnswerFailureCode, message: string, raw: string) {
  const items = new Map<string, ItemReading>(
    ids.map((id) => [id, { ok: false, code, message, raw: raw.slice(0, rawLimit) }]),
  );
  return { items, unexpectedIds: [], truncated: code === 'answer_truncated' };
}

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

/** The reply's items grouped by the ID they name; items that name none are dropped. */
function itemsById(items: unknown[]): Map<string, unknown[]> {
  const byId = new Map<string, unknown[]>();
  for (const item of items) {
    const named = idSchema.safeParse(item);
    if (!named.success) continue;
    byId.set(named.data.id, [...(byId.get(named.data.id) ?? []), item]);
  }
  return byId;
}

function readLead(id: string, found: unknown[] | undefined, rubric: Rubric): ItemReading {
  if (found === undefined) {
    return { ok: false, code: 'answer_missing', message: `no item for lead ${id}`, raw: '' };
  }
  const raw = JSON.stringify(found).slice(0, rawLimit);
  if (found.length > 1) {
    const message = `${found.length} items for lead ${id}; none is picked`;
    return { ok: false, code: 'answer_duplicate', message, raw };
  }
  const answer = readItem(found[0], rubric);
  if (typeof answer === 'string')
    return { ok: false, code: 'answer_invalid', message: answer, raw };
  return { ok: true, answer, raw };
}

/**
 * Reads a reply to a batch: each lead's item is found by its ID, never by position, and
 * checked for shape. Whole-reply problems (cut off, no JSON, two answers) fail every lead.
 */
export function readAnswer(reply: ChatReply, leadIds: string[], rubric: Rubric): AnswerReading {
  const extracted = extractJson(reply.content, reply.finishReason);
  if (!extracted.ok) {
    const code = extracted.problem === 'truncated' ? 'answer_truncated' : 'answer_unreadable';
    return failAll(leadIds, code, extracted.message, reply.content);
  }
  const envelope = envelopeSchema.safeParse(extracted.value);
  if (!envelope.success) {
    const message = 'the reply is not an object with a "leads" array';
    return failAll(leadIds, 'answer_unreadable', message, reply.content);
  }

  const byId = itemsById(envelope.data.leads);
  const asked = new Set(leadIds);
  const items = new Map(leadIds.map((id) => [id, readLead(id, byId.get(id), rubric)]));
  const unexpectedIds = [...byId.keys()].filter((id) => !asked.has(id));
  return { items, unexpectedIds, truncated: false };
}
