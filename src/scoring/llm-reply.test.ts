import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { casesDir as sharedCasesDir } from '../../test/support/cases.ts';
import { extractJson, numberValue } from './llm-reply.ts';

const casesDir = sharedCasesDir();

interface Br14Case {
  id: string;
  raw: string;
  expect: { score?: number; status?: 'invalid' };
}

const br14 = JSON.parse(
  readFileSync(resolve(casesDir, 'BR-14-llm-scoring-raw-responses.json'), 'utf8'),
) as { cases: Br14Case[] };

/** BR-14's simpler answer shape: a whole-number score 0..100 and optional reasons. */
const br14Answer = z.object({
  score: z.unknown().transform((value, ctx) => {
    const score = numberValue(value);
    if (score === undefined || !Number.isInteger(score) || score < 0 || score > 100) {
      ctx.addIssue({ code: 'custom', message: `${String(value)} is not a whole number 0..100` });
      return z.NEVER;
    }
    return score;
  }),
  reasons: z.array(z.string()).optional(),
});

/** What a scorer makes of one BR-14 reply: a score, or invalid with the reason. */
function readBr14(raw: string): { score: number } | { status: 'invalid'; why: string } {
  const extracted = extractJson(raw, 'stop');
  if (!extracted.ok) return { status: 'invalid', why: extracted.problem };
  const answer = br14Answer.safeParse(extracted.value);
  if (!answer.success) return { status: 'invalid', why: 'schema' };
  return { score: answer.data.score };
}

describe('BR-14: raw model replies', () => {
  it.each(br14.cases)('$id', (entry) => {
    const outcome = readBr14(entry.raw);

    if (entry.expect.score !== undefined) expect(outcome).toEqual({ score: entry.expect.score });
    else expect(outcome).toMatchObject({ status: 'invalid' });
  });

  it('gives each invalid reply its reason, never a default score', () => {
    const why = Object.fromEntries(
      br14.cases
        .map((entry) => [entry.id, readBr14(entry.raw)] as const)
        .filter(([, outcome]) => 'status' in outcome)
        .map(([id, outcome]) => [id, 'why' in outcome ? outcome.why : '']),
    );

    expect(why).toEqual({
      truncated: 'truncated',
      'score-out-of-range': 'schema',
      'score-exponent': 'schema',
      'score-negative': 'schema',
      'score-fraction-scale': 'schema',
      'missing-score': 'schema',
      'array-instead-of-object': 'schema',
      empty: 'empty',
      refusal: 'no_json',
      'two-objects': 'ambiguous',
    });
  });
});

describe('extractJson', () => {
  it('takes the JSON out of a fence and says it repaired', () => {
    expect(extractJson('```json\n{"a": 1}\n```', 'stop')).toEqual({
      ok: true,
      value: { a: 1 },
      repaired: true,
    });
  });

  it('leaves a clean reply as it is', () => {
    expect(extractJson(' {"a": [1, {"b": "}"}]} ', 'stop')).toEqual({
      ok: true,
      value: { a: [1, { b: '}' }] },
      repaired: false,
    });
  });

  it('escapes raw control characters inside strings only', () => {
    expect(extractJson('{"a": "x\ny\tz"}', null)).toEqual({
      ok: true,
      value: { a: 'x\ny\tz' },
      repaired: true,
    });
  });

  it('skips bracketed prose that is not JSON', () => {
    const reply = 'Scores [as asked] follow: {"a": 2} (done)';
    expect(extractJson(reply, 'stop')).toMatchObject({ ok: true, value: { a: 2 } });
  });

  it('treats finish_reason "length" as truncated even when the JSON closes', () => {
    expect(extractJson('{"a": 1}', 'length')).toMatchObject({ ok: false, problem: 'truncated' });
  });

  it('calls a reply truncated when a complete item sits inside a cut-off envelope', () => {
    const reply = '{"leads": [{"id": "a", "attributes": {}}, {"id": "b", "attri';
    expect(extractJson(reply, 'stop')).toMatchObject({ ok: false, problem: 'truncated' });
  });

  it('refuses two fenced answers', () => {
    const reply = '```json\n{"a": 1}\n```\nor\n```json\n{"a": 2}\n```';
    expect(extractJson(reply, 'stop')).toMatchObject({ ok: false, problem: 'ambiguous' });
  });
});

describe('numberValue', () => {
  it('reads numbers and plain decimal strings, nothing else', () => {
    expect(
      [85, '85', ' -3 ', '2.5', '9.2e+124', '85 points', '', true, null].map(numberValue),
    ).toEqual([85, 85, -3, 2.5, undefined, undefined, undefined, undefined, undefined]);
  });
});
