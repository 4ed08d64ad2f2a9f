import { z } from 'zod';
import type { ChatReply } from './llm-provider.ts';
import { extractJson } from './llm-reply.ts';

/** Why an item's answer cannot be used. Each is retried alone, then recorded as the failure. */
export type AnswerFailureCode =
  | 'answer_truncated'
  | 'answer_unreadable'
  | 'answer_missing'
  | 'answer_duplicate'
  | 'answer_invalid';

export type ItemReading<A> =
  | { ok: true; answer: A; raw: string }
  | { ok: false; code: AnswerFailureCode; message: string; raw: string };

export interface AnswerReading<A> {
  /** One reading per item asked about, by item ID. */
  items: Map<string, ItemReading<A>>;
  /** IDs the reply named that nobody asked about; ignored. */
  unexpectedIds: string[];
  truncated: boolean;
}

/** How the reply names its items: `{"<key>":[{"id":…},…]}`, each item one `<noun>`. */
export interface ReplyShape<A> {
  key: string;
  noun: string;
  /** The answer an item gives, checked for shape, or what is wrong with it. */
  readItem(value: unknown): A | string;
}

/** Audit copies of replies are kept, but not without bound. */
export const rawLimit = 4000;

const idSchema = z.object({
  id: z.union([z.string().trim().min(1), z.number()]).transform(String),
});

function failAll<A>(
  ids: string[],
  code: AnswerFailureCode,
  message: string,
  raw: string,
): AnswerReading<A> {
  const items = new Map<string, ItemReading<A>>(
    ids.map((id) => [id, { ok: false, code, message, raw: raw.slice(0, rawLimit) }]),
  );
  return { items, unexpectedIds: [], truncated: code === 'answer_truncated' };
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

function readOne<A>(id: string, found: unknown[] | undefined, shape: ReplyShape<A>) {
  if (found === undefined) {
    const message = `no item for ${shape.noun} ${id}`;
    return { ok: false, code: 'answer_missing', message, raw: '' } as const;
  }
  const raw = JSON.stringify(found).slice(0, rawLimit);
  if (found.length > 1) {
    const message = `${found.length} items for ${shape.noun} ${id}; none is picked`;
    return { ok: false, code: 'answer_duplicate', message, raw } as const;
  }
  const answer = shape.readItem(found[0]);
  if (typeof answer === 'string') {
    return { ok: false, code: 'answer_invalid', message: answer, raw } as const;
  }
  return { ok: true, answer, raw } as const;
}

/**
 * Reads a reply to a batch: each item is found by its ID, never by position, and checked for
 * shape. Whole-reply problems (cut off, no JSON, two answers) fail every item.
 */
export function readReplyItems<A>(
  reply: ChatReply,
  ids: string[],
  shape: ReplyShape<A>,
): AnswerReading<A> {
  const extracted = extractJson(reply.content, reply.finishReason);
  if (!extracted.ok) {
    const code = extracted.problem === 'truncated' ? 'answer_truncated' : 'answer_unreadable';
    return failAll(ids, code, extracted.message, reply.content);
  }
  const envelope = z.object({ [shape.key]: z.array(z.unknown()) }).safeParse(extracted.value);
  if (!envelope.success) {
    const message = `the reply is not an object with a "${shape.key}" array`;
    return failAll(ids, 'answer_unreadable', message, reply.content);
  }

  const byId = itemsById(envelope.data[shape.key] as unknown[]);
  const asked = new Set(ids);
  const items = new Map<string, ItemReading<A>>(
    ids.map((id) => [id, readOne(id, byId.get(id), shape)]),
  );
  const unexpectedIds = [...byId.keys()].filter((id) => !asked.has(id));
  return { items, unexpectedIds, truncated: false };
}
