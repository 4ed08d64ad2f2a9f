import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { leadScore } from './formula.ts';
import {
  answerOf,
  detailOf,
  exampleAnswer,
  llmTestRubric,
  type ScorerHarness,
  startScorerHarness,
} from './llm-test-fixtures.ts';
import { offlineScorer } from './offline-scorer.ts';
import type { ScoreDetail } from './score-detail.ts';

let h: ScorerHarness;

beforeEach(async () => {
  h = await startScorerHarness();
});

afterEach(async () => {
  await h.close();
});

describe('LlmScorer: scores', () => {
  it('scores a batch in one request with the shared formula and records the provenance', async () => {
    const results = await h.scoreAll();

    expect(h.asked()).toEqual([['L1', 'L2', 'L3']]);
    const first = detailOf(results.get('L1'));
    expect(first.score).toBe(47.06);
    expect(first.status).toBe('scored');
    expect(first.scorer).toBe('llm:mock-model');
    expect(first.rubricVersion).toBe(3);
    const system = (h.server.requests[0]!.body.messages as { content: string }[])[0]!.content;
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
    const results = await h.scoreAll();
    const offline = await offlineScorer.scoreBatch(
      h.leads,
      llmTestRubric,
      new AbortController().signal,
    );

    const shape = (d: ScoreDetail) => d.attributes.map(({ points, evidence, ...rest }) => rest);
    expect(shape(detailOf(results.get('L1')))).toEqual(shape(detailOf(offline.get('L1'))));
  });

  it.each([
    ['bonus past 100 holds at 100', { A: 15, B: 20, C: 10, I: 5, N1: 0, N2: 0 }, 100, 'scored'],
    ['negatives below 0 hold at 0', { A: 0, B: 0, C: 0, I: 1, N1: -5, N2: 0 }, 0, 'scored'],
    ['a disqualifying hit', { A: 15, B: 20, C: 0, I: 5, N1: 0, N2: -10 }, 70.59, 'disqualified'],
    ['below minToQualify', { A: 15, B: 20, C: 0, I: 0, N1: 0, N2: 0 }, 82.35, 'unqualified'],
  ])('%s, as leadScore says', async (_name, points, score, status) => {
    h.answers.set('L1', answerOf(points));

    const result = detailOf((await h.scoreAll()).get('L1'));

    expect(result.score).toBe(score);
    expect(result.status).toBe(status);
    expect(result.reasons).toEqual(
      leadScore(llmTestRubric.rubric, points, {
        N2: points.N2 < 0 ? ['"evidence for N2"'] : [],
      }).reasons,
    );
  });

  it('places quoted evidence in the lead field it comes from', async () => {
    h.answers.set('L2', {
      ...exampleAnswer,
      A: { points: 12, evidence: ['head of PROCUREMENT'] },
    });

    const result = detailOf((await h.scoreAll()).get('L2'));

    expect(result.attributes.find((a) => a.id === 'A')!.evidence[0]!.field).toBe('headline');
  });

  it('matches items by ID, not position', async () => {
    h.answers.set('L1', answerOf({ A: 15, B: 20, C: 0, I: 5, N1: 0, N2: 0 }));
    h.server.enqueue({ kind: 'reversed' });

    const results = await h.scoreAll();

    expect(detailOf(results.get('L1')).score).toBe(94.12);
    expect(detailOf(results.get('L3')).score).toBe(47.06);
  });

  it.each(['fenced', 'prose'] as const)('repairs a %s reply', async (kind) => {
    h.server.enqueue({ kind });

    const results = await h.scoreAll();

    expect([...results.values()].map((r) => detailOf(r).score)).toEqual([47.06, 47.06, 47.06]);
    expect(h.server.requests).toHaveLength(1);
  });

  it('reads points written as strings', async () => {
    h.answers.set('L1', answerOf({ A: '12', B: '8', C: '0', I: '5', N1: '-5', N2: '0' }));

    expect(detailOf((await h.scoreAll()).get('L1')).score).toBe(47.06);
  });

  it('ignores items for leads nobody asked about', async () => {
    h.server.enqueue({ kind: 'extra-items' });

    const results = await h.scoreAll();

    expect([...results.keys()]).toEqual(['L1', 'L2', 'L3']);
    expect(h.server.requests).toHaveLength(1);
  });
});
