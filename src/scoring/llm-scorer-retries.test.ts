import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { TokenBudget } from './llm-budget.ts';
import {
  answerOf,
  detailOf,
  exampleAnswer,
  failureOf,
  llmTestRubric,
  type ScorerHarness,
  startScorerHarness,
  testLead,
} from './llm-test-fixtures.ts';
import { isScoreFailure } from './scorer.ts';

let h: ScorerHarness;

beforeEach(async () => {
  h = await startScorerHarness();
});

afterEach(async () => {
  await h.close();
});

describe('LlmScorer: retries', () => {
  it('asks again, alone, for a lead left out of the answer', async () => {
    h.server.enqueue({ kind: 'missing-ids', ids: ['L2'] });

    const results = await h.scoreAll();

    expect(h.asked()).toEqual([['L1', 'L2', 'L3'], ['L2']]);
    expect(detailOf(results.get('L2')).score).toBe(47.06);
  });

  it('asks every lead again alone when the answer names wrong IDs', async () => {
    h.server.enqueue({ kind: 'wrong-ids' });

    const results = await h.scoreAll();

    expect(h.asked()).toEqual([['L1', 'L2', 'L3'], ['L1'], ['L2'], ['L3']]);
    expect([...results.values()].every((r) => !isScoreFailure(r))).toBe(true);
  });

  it('retries a cut-off batch one lead at a time with more max tokens', async () => {
    h.server.enqueue({ kind: 'truncated' });

    const results = await h.scoreAll();

    expect(h.asked()).toEqual([['L1', 'L2', 'L3'], ['L1'], ['L2'], ['L3']]);
    expect(h.maxTokens()).toEqual([1300, 1000, 1000, 1000]);
    expect(detailOf(results.get('L3')).score).toBe(47.06);
  });

  it('fails a lead whose answer stays cut off, keeping the raw reply', async () => {
    const cut = {
      kind: 'raw' as const,
      content: '{"leads": [{"id": "L1", "attr',
      finishReason: 'length',
    };
    h.server.enqueue(cut, cut, cut);

    const results = await h
      .scorer()
      .scoreBatch([testLead('L1')], llmTestRubric, new AbortController().signal);

    expect(h.maxTokens()).toEqual([500, 1000, 2000]);
    expect(failureOf(results.get('L1'))).toEqual({
      failed: true,
      code: 'answer_truncated',
      message: 'the reply was cut off at max tokens',
      raw: '{"leads": [{"id": "L1", "attr',
    });
  });

  it('never clamps an out-of-range point: retried, then failed with score_invalid', async () => {
    const wild = { kind: 'out-of-range' as const, ids: ['L2'] };
    h.server.enqueue(wild, wild, wild);

    const results = await h.scoreAll();

    expect(h.asked()).toEqual([['L1', 'L2', 'L3'], ['L2'], ['L2']]);
    const failed = failureOf(results.get('L2'));
    expect(failed.code).toBe('score_invalid');
    expect(failed.message).toContain('points.A 1012 is outside 0..15');
    expect(JSON.parse(failed.raw!)[0].attributes.A.points).toBe(1012);
    expect(detailOf(results.get('L1')).score).toBe(47.06);
  });

  it('rejects fractional points instead of guessing their scale', async () => {
    h.answers.set('L1', answerOf({ A: 0.8, B: 8, C: 0, I: 5, N1: -5, N2: 0 }));

    const failed = failureOf((await h.scoreAll({ itemRetries: 0 })).get('L1'));

    expect(failed.code).toBe('answer_invalid');
    expect(failed.message).toBe('points of A (0.8) are not a whole number');
  });

  it('fails a lead whose answer lacks an attribute', async () => {
    const { N2: _left, ...partial } = exampleAnswer;
    h.answers.set('L3', partial);

    const failed = failureOf((await h.scoreAll({ itemRetries: 1 })).get('L3'));

    expect(failed.code).toBe('answer_invalid');
    expect(failed.message).toBe('attribute N2 is missing');
    expect(h.asked()).toEqual([['L1', 'L2', 'L3'], ['L3']]);
  });

  it('fails a lead answered twice in one reply', async () => {
    h.server.enqueue({
      kind: 'raw',
      content: JSON.stringify({
        leads: [
          { id: 'L1', attributes: exampleAnswer },
          { id: 'L1', attributes: exampleAnswer },
        ],
      }),
    });

    const results = await h
      .scorer({ itemRetries: 0 })
      .scoreBatch([testLead('L1')], llmTestRubric, new AbortController().signal);

    expect(failureOf(results.get('L1')).code).toBe('answer_duplicate');
  });
});

describe('LlmScorer: provider, budget, usage', () => {
  it('waits out a 429 and scores', async () => {
    h.server.enqueue({ kind: 'status', status: 429, retryAfter: '1' });

    const results = await h.scoreAll();

    expect(h.waits).toEqual([1005]);
    expect(detailOf(results.get('L1')).score).toBe(47.06);
  });

  it('stops when the provider keeps failing: this batch fails with the code, later ones throw', async () => {
    h.server.enqueue(
      ...Array.from({ length: 3 }, () => ({ kind: 'status' as const, status: 500 })),
    );
    const llm = h.scorer();

    const results = await llm.scoreBatch(h.leads, llmTestRubric, new AbortController().signal);

    expect([...results.values()].map((r) => failureOf(r).code)).toEqual([
      'provider_unavailable',
      'provider_unavailable',
      'provider_unavailable',
    ]);
    const error = await llm
      .scoreBatch(h.leads, llmTestRubric, new AbortController().signal)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('provider_unavailable');
    expect(h.server.requests).toHaveLength(3);
  });

  it('reports usage and cost after every reply', async () => {
    const usage: { tokens: number; cost: number }[] = [];
    h.server.enqueue({ kind: 'missing-ids', ids: ['L3'] });

    await h.scoreAll({
      price: { input: 2, output: 8 },
      onUsage: async (used, cost) => {
        usage.push({ tokens: used.promptTokens + used.completionTokens, cost });
      },
    });

    expect(usage).toHaveLength(2);
    expect(usage.every((u) => u.tokens > 0 && u.cost > 0)).toBe(true);
  });

  it('keeps within the run budget, failing the leads it could not afford', async () => {
    const budget = new TokenBudget({ perRun: 1_500, perDay: 0 }, 0);

    const results = await h
      .scorer({ batchSize: 1, budget })
      .scoreBatch(h.leads, llmTestRubric, new AbortController().signal);

    expect(h.server.requests).toHaveLength(2);
    expect(detailOf(results.get('L2')).score).toBe(47.06);
    expect(failureOf(results.get('L3')).code).toBe('budget_exhausted');
    expect(budget.spent).toBeLessThanOrEqual(1_500);
  });

  it('runs batches concurrently and still answers every lead once', async () => {
    const many = Array.from({ length: 9 }, (_, i) => testLead(`M${i + 1}`));

    const results = await h
      .scorer({ batchSize: 2, concurrency: 3 })
      .scoreBatch(many, llmTestRubric, new AbortController().signal);

    expect(h.server.requests).toHaveLength(5);
    expect(h.asked().flat().sort()).toEqual(many.map((lead) => lead.id).sort());
    expect([...results.keys()].sort()).toEqual(many.map((lead) => lead.id).sort());
  });
});
