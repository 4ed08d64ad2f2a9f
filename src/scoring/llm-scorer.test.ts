import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ChatCompletionsServer,
  type MockPoints,
} from '../../test/support/chat-completions-server.ts';
import { AppError } from '../errors.ts';
import { leadScore } from './formula.ts';
import { TokenBudget } from './llm-budget.ts';
import type { LlmScoreDetail } from './llm-detail.ts';
import { LlmScorer, type LlmScorerOptions } from './llm-scorer.ts';
import {
  answerOf,
  exampleAnswer,
  llmTestRubric,
  mockProvider,
  testLead,
} from './llm-test-fixtures.ts';
import { offlineScorer } from './offline-scorer.ts';
import type { ScoreDetail } from './score-detail.ts';
import { isScoreFailure, type ScoreFailure } from './scorer.ts';

let server: ChatCompletionsServer;
let answers: Map<string, Record<string, MockPoints>>;
let waits: number[];

beforeEach(async () => {
  answers = new Map();
  waits = [];
  server = await new ChatCompletionsServer({
    grade: (id) => answers.get(id) ?? exampleAnswer,
  }).start();
});

afterEach(async () => {
  await server.close();
});

function scorer(options: Partial<LlmScorerOptions> = {}) {
  return new LlmScorer({
    provider: mockProvider(server, {}, waits),
    batchSize: 10,
    concurrency: 1,
    completionTokensPerLead: 400,
    itemRetries: 2,
    ...options,
  });
}

const leads = [testLead('L1'), testLead('L2'), testLead('L3')];
const signal = () => new AbortController().signal;

async function scoreAll(options: Partial<LlmScorerOptions> = {}) {
  return scorer(options).scoreBatch(leads, llmTestRubric, signal());
}

function detail(result: ScoreDetail | ScoreFailure | undefined): LlmScoreDetail {
  if (result === undefined || isScoreFailure(result)) {
    throw new Error(`expected a score, got ${JSON.stringify(result)}`);
  }
  return result as LlmScoreDetail;
}

function failure(result: ScoreDetail | ScoreFailure | undefined): ScoreFailure {
  if (result === undefined || !isScoreFailure(result)) {
    throw new Error(`expected a failure, got ${JSON.stringify(result)}`);
  }
  return result;
}

const asked = () => server.requests.map((request) => request.leadIds);
const maxTokens = () => server.requests.map((request) => request.body.max_tokens);

describe('LlmScorer: scores', () => {
  it('scores a batch in one request with the shared formula and records the provenance', async () => {
    const results = await scoreAll();

    expect(asked()).toEqual([['L1', 'L2', 'L3']]);
    const first = detail(results.get('L1'));
    expect(first.score).toBe(47.06);
    expect(first.status).toBe('scored');
    expect(first.scorer).toBe('llm:mock-model');
    expect(first.rubricVersion).toBe(3);
    const system = (server.requests[0]!.body.messages as { content: string }[])[0]!.content;
    expect(first.llm).toEqual({
      model: 'mock-model',
      promptSha256: createHash('sha256').update(system).digest('hex'),
      promptTemplate: 'leadbase-lead-scoring/1',
    });
    expect(first.attributes.find((a) => a.id === 'A')).toEqual({
      id: 'A',
      label: 'Procurement',
      kind: 'positive',
      max: 15,
      bonus: false,
      points: 12,
      evidence: [{ field: null, text: 'evidence for A', signal: null, weight: null }],
    });
  });

  it('gives the same breakdown shape as the offline scorer', async () => {
    const results = await scoreAll();
    const offline = await offlineScorer.scoreBatch(leads, llmTestRubric, signal());

    const shape = (d: ScoreDetail) => d.attributes.map(({ points, evidence, ...rest }) => rest);
    expect(shape(detail(results.get('L1')))).toEqual(shape(detail(offline.get('L1'))));
  });

  it.each([
    ['bonus past 100 holds at 100', { A: 15, B: 20, C: 10, I: 5, N1: 0, N2: 0 }, 100, 'scored'],
    ['negatives below 0 hold at 0', { A: 0, B: 0, C: 0, I: 1, N1: -5, N2: 0 }, 0, 'scored'],
    ['a disqualifying hit', { A: 15, B: 20, C: 0, I: 5, N1: 0, N2: -10 }, 70.59, 'disqualified'],
    ['below minToQualify', { A: 15, B: 20, C: 0, I: 0, N1: 0, N2: 0 }, 82.35, 'unqualified'],
  ])('%s, as leadScore says', async (_name, points, score, status) => {
    answers.set('L1', answerOf(points));

    const result = detail((await scoreAll()).get('L1'));

    expect(result.score).toBe(score);
    expect(result.status).toBe(status);
    expect(result.reasons).toEqual(
      leadScore(llmTestRubric.rubric, points, {
        N2: points.N2 < 0 ? ['"evidence for N2"'] : [],
      }).reasons,
    );
  });

  it('places quoted evidence in the lead field it comes from', async () => {
    answers.set('L2', {
      ...exampleAnswer,
      A: { points: 12, evidence: ['head of PROCUREMENT'] },
    });

    const result = detail((await scoreAll()).get('L2'));

    expect(result.attributes.find((a) => a.id === 'A')!.evidence[0]!.field).toBe('headline');
  });

  it('matches items by ID, not position', async () => {
    answers.set('L1', answerOf({ A: 15, B: 20, C: 0, I: 5, N1: 0, N2: 0 }));
    server.enqueue({ kind: 'reversed' });

    const results = await scoreAll();

    expect(detail(results.get('L1')).score).toBe(94.12);
    expect(detail(results.get('L3')).score).toBe(47.06);
  });

  it.each(['fenced', 'prose'] as const)('repairs a %s reply', async (kind) => {
    server.enqueue({ kind });

    const results = await scoreAll();

    expect([...results.values()].map((r) => detail(r).score)).toEqual([47.06, 47.06, 47.06]);
    expect(server.requests).toHaveLength(1);
  });

  it('reads points written as strings', async () => {
    answers.set('L1', answerOf({ A: '12', B: '8', C: '0', I: '5', N1: '-5', N2: '0' }));

    expect(detail((await scoreAll()).get('L1')).score).toBe(47.06);
  });

  it('ignores items for leads nobody asked about', async () => {
    server.enqueue({ kind: 'extra-items' });

    const results = await scoreAll();

    expect([...results.keys()]).toEqual(['L1', 'L2', 'L3']);
    expect(server.requests).toHaveLength(1);
  });
});

describe('LlmScorer: retries', () => {
  it('asks again, alone, for a lead left out of the answer', async () => {
    server.enqueue({ kind: 'missing-ids', ids: ['L2'] });

    const results = await scoreAll();

    expect(asked()).toEqual([['L1', 'L2', 'L3'], ['L2']]);
    expect(detail(results.get('L2')).score).toBe(47.06);
  });

  it('asks every lead again alone when the answer names wrong IDs', async () => {
    server.enqueue({ kind: 'wrong-ids' });

    const results = await scoreAll();

    expect(asked()).toEqual([['L1', 'L2', 'L3'], ['L1'], ['L2'], ['L3']]);
    expect([...results.values()].every((r) => !isScoreFailure(r))).toBe(true);
  });

  it('retries a cut-off batch one lead at a time with more max tokens', async () => {
    server.enqueue({ kind: 'truncated' });

    const results = await scoreAll();

    expect(asked()).toEqual([['L1', 'L2', 'L3'], ['L1'], ['L2'], ['L3']]);
    expect(maxTokens()).toEqual([1300, 1000, 1000, 1000]);
    expect(detail(results.get('L3')).score).toBe(47.06);
  });

  it('fails a lead whose answer stays cut off, keeping the raw reply', async () => {
    const cut = {
      kind: 'raw' as const,
      content: '{"leads": [{"id": "L1", "attr',
      finishReason: 'length',
    };
    server.enqueue(cut, cut, cut);

    const results = await scorer().scoreBatch([testLead('L1')], llmTestRubric, signal());

    expect(maxTokens()).toEqual([500, 1000, 2000]);
    expect(failure(results.get('L1'))).toEqual({
      failed: true,
      code: 'answer_truncated',
      message: 'the reply was cut off at max tokens',
      raw: '{"leads": [{"id": "L1", "attr',
    });
  });

  it('never clamps an out-of-range point: retried, then failed with score_invalid', async () => {
    const wild = { kind: 'out-of-range' as const, ids: ['L2'] };
    server.enqueue(wild, wild, wild);

    const results = await scoreAll();

    expect(asked()).toEqual([['L1', 'L2', 'L3'], ['L2'], ['L2']]);
    const failed = failure(results.get('L2'));
    expect(failed.code).toBe('score_invalid');
    expect(failed.message).toContain('points.A 1012 is outside 0..15');
    expect(JSON.parse(failed.raw!)[0].attributes.A.points).toBe(1012);
    expect(detail(results.get('L1')).score).toBe(47.06);
  });

  it('rejects fractional points instead of guessing their scale', async () => {
    answers.set('L1', answerOf({ A: 0.8, B: 8, C: 0, I: 5, N1: -5, N2: 0 }));

    const failed = failure((await scoreAll({ itemRetries: 0 })).get('L1'));

    expect(failed.code).toBe('answer_invalid');
    expect(failed.message).toBe('points of A (0.8) are not a whole number');
  });

  it('fails a lead whose answer lacks an attribute', async () => {
    const { N2: _left, ...partial } = exampleAnswer;
    answers.set('L3', partial);

    const failed = failure((await scoreAll({ itemRetries: 1 })).get('L3'));

    expect(failed.code).toBe('answer_invalid');
    expect(failed.message).toBe('attribute N2 is missing');
    expect(asked()).toEqual([['L1', 'L2', 'L3'], ['L3']]);
  });

  it('fails a lead answered twice in one reply', async () => {
    server.enqueue({
      kind: 'raw',
      content: JSON.stringify({
        leads: [
          { id: 'L1', attributes: exampleAnswer },
          { id: 'L1', attributes: exampleAnswer },
        ],
      }),
    });

    const results = await scorer({ itemRetries: 0 }).scoreBatch(
      [testLead('L1')],
      llmTestRubric,
      signal(),
    );

    expect(failure(results.get('L1')).code).toBe('answer_duplicate');
  });
});

describe('LlmScorer: provider, budget, usage', () => {
  it('waits out a 429 and scores', async () => {
    server.enqueue({ kind: 'status', status: 429, retryAfter: '1' });

    const results = await scoreAll();

    expect(waits).toEqual([1005]);
    expect(detail(results.get('L1')).score).toBe(47.06);
  });

  it('stops when the provider keeps failing: this batch fails with the code, later ones throw', async () => {
    server.enqueue(...Array.from({ length: 3 }, () => ({ kind: 'status' as const, status: 500 })));
    const llm = scorer();

    const results = await llm.scoreBatch(leads, llmTestRubric, signal());

    expect([...results.values()].map((r) => failure(r).code)).toEqual([
      'provider_unavailable',
      'provider_unavailable',
      'provider_unavailable',
    ]);
    const error = await llm.scoreBatch(leads, llmTestRubric, signal()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('provider_unavailable');
    expect(server.requests).toHaveLength(3);
  });

  it('reports usage and cost after every reply', async () => {
    const usage: { tokens: number; cost: number }[] = [];
    server.enqueue({ kind: 'missing-ids', ids: ['L3'] });

    await scoreAll({
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

    const results = await scorer({ batchSize: 1, budget }).scoreBatch(
      leads,
      llmTestRubric,
      signal(),
    );

    expect(server.requests).toHaveLength(2);
    expect(detail(results.get('L2')).score).toBe(47.06);
    expect(failure(results.get('L3')).code).toBe('budget_exhausted');
    expect(budget.spent).toBeLessThanOrEqual(1_500);
  });

  it('runs batches concurrently and still answers every lead once', async () => {
    const many = Array.from({ length: 9 }, (_, i) => testLead(`M${i + 1}`));

    const results = await scorer({ batchSize: 2, concurrency: 3 }).scoreBatch(
      many,
      llmTestRubric,
      signal(),
    );

    expect(server.requests).toHaveLength(5);
    expect(asked().flat().sort()).toEqual(many.map((lead) => lead.id).sort());
    expect([...results.keys()].sort()).toEqual(many.map((lead) => lead.id).sort());
  });
});
