// Test support for the LLM scorer's tests and benchmark: a rubric, leads, a provider aimed at
// the local mock server and graded answers. Not used by the application.

import {
  ChatCompletionsServer,
  type MockPoints,
} from '../../test/support/chat-completions-server.ts';
import { leadRow } from '../../test/support/lead-rows.ts';
import { type Lead, leadFromRow } from '../leads/lead.ts';
import type { LlmConfig } from './llm-config.ts';
import type { LlmScoreDetail } from './llm-detail.ts';
import { ChatCompletionsProvider, type ProviderSettings } from './llm-provider.ts';
import { LlmScorer, type LlmScorerOptions } from './llm-scorer.ts';
import { parseRubric } from './rubric.ts';
import type { RubricVersion } from './rubric-store.ts';
import type { ScoreDetail } from './score-detail.ts';
import { isScoreFailure, type ScoreFailure } from './scorer.ts';

const attribute = (id: string, label: string) => ({
  id,
  label,
  instructions: `Points for ${label.toLowerCase()}.`,
  signals: [{ phrase: label.toLowerCase(), weight: 1 }],
});

/** The worked example's rubric (A 15, B 20, C 10 bonus, I 5, N1 −5) plus a disqualifier. */
export const llmTestRubric: RubricVersion = {
  version: 3,
  note: null,
  createdAt: '2025-09-24T08:00:00.000Z',
  rubric: parseRubric(
    {
      name: 'Freight buyers',
      attributes: [
        { ...attribute('A', 'Procurement'), kind: 'positive', max: 15 },
        { ...attribute('B', 'Freight'), kind: 'positive', max: 20 },
        { ...attribute('C', 'Speaker'), kind: 'positive', max: 10, bonus: true },
        { ...attribute('I', 'Europe'), kind: 'positive', max: 5, minToQualify: 1 },
        { ...attribute('N1', 'Student'), kind: 'negative', penalty: 5 },
        { ...attribute('N2', 'Competitor'), kind: 'negative', penalty: 10, disqualifying: true },
      ],
    },
    'the LLM test rubric',
  ),
};

/** Points by attribute, each with one line of evidence. */
export function answerOf(points: Record<string, number | string>): Record<string, MockPoints> {
  return Object.fromEntries(
    Object.entries(points).map(([id, value]) => [
      id,
      { points: value, evidence: Number(value) === 0 ? [] : [`evidence for ${id}`] },
    ]),
  );
}

/** The worked example's answer: 47.06. */
export const exampleAnswer = answerOf({ A: 12, B: 8, C: 0, I: 5, N1: -5, N2: 0 });

export function testLead(id: string, headline = `Head of Procurement ${id}`): Lead {
  return leadFromRow(leadRow({ id, headline, company: 'Nordfreight', location: 'Oslo' }), []);
}

/** A provider aimed at the mock, with backoff waits recorded instead of slept. */
export function mockProvider(
  server: ChatCompletionsServer,
  overrides: Partial<ProviderSettings> = {},
  waits: number[] = [],
): ChatCompletionsProvider {
  const settings: ProviderSettings = {
    baseUrl: server.baseUrl,
    model: 'mock-model',
    apiKey: null,
    requestTimeoutMs: 5_000,
    maxAttempts: 3,
    maxRetryWaitMs: 10_000,
    backoffBaseMs: 10,
    jsonMode: true,
    temperature: 0,
    ...overrides,
  };
  return new ChatCompletionsProvider(settings, {
    random: () => 0.5,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
}

/** LLM settings aimed at the mock; every limit small enough for a test. */
export function mockLlmConfig(
  server: ChatCompletionsServer,
  overrides: Partial<LlmConfig> = {},
): LlmConfig {
  return {
    scorer: 'llm',
    baseUrl: server.baseUrl,
    model: 'mock-model',
    apiKey: null,
    batchSize: 2,
    concurrency: 2,
    completionTokensPerLead: 400,
    requestTimeoutMs: 5_000,
    maxAttempts: 2,
    maxRetryWaitMs: 1_000,
    itemRetries: 2,
    jsonMode: true,
    temperature: 0,
    prices: { 'mock-model': { input: 2, output: 8 } },
    tokensPerRun: 0,
    tokensPerDay: 0,
    ...overrides,
  };
}

/** The mock, the answers it gives by lead ID, and a scorer aimed at it. */
export interface ScorerHarness {
  server: ChatCompletionsServer;
  /** Answers by lead ID; others get the worked example's. */
  answers: Map<string, Record<string, MockPoints>>;
  /** Backoff waits asked for, in ms. */
  waits: number[];
  leads: Lead[];
  scorer(options?: Partial<LlmScorerOptions>): LlmScorer;
  /** Scores L1, L2 and L3 with a fresh scorer. */
  scoreAll(options?: Partial<LlmScorerOptions>): ReturnType<LlmScorer['scoreBatch']>;
  /** The lead IDs of each request, in order. */
  asked(): string[][];
  maxTokens(): unknown[];
  close(): Promise<void>;
}

export async function startScorerHarness(): Promise<ScorerHarness> {
  const answers = new Map<string, Record<string, MockPoints>>();
  const waits: number[] = [];
  const server = await new ChatCompletionsServer({
    grade: (id) => answers.get(id) ?? exampleAnswer,
  }).start();
  const leads = [testLead('L1'), testLead('L2'), testLead('L3')];
  const scorer = (options: Partial<LlmScorerOptions> = {}) =>
    new LlmScorer({
      provider: mockProvider(server, {}, waits),
      batchSize: 10,
      concurrency: 1,
      completionTokensPerLead: 400,
      itemRetries: 2,
      ...options,
    });
  return {
    server,
    answers,
    waits,
    leads,
    scorer,
    scoreAll: (options) =>
      scorer(options).scoreBatch(leads, llmTestRubric, new AbortController().signal),
    asked: () => server.requests.map((request) => request.leadIds),
    maxTokens: () => server.requests.map((request) => request.body.max_tokens),
    close: () => server.close(),
  };
}

export function detailOf(result: ScoreDetail | ScoreFailure | undefined): LlmScoreDetail {
  if (result === undefined || isScoreFailure(result)) {
    throw new Error(`expected a score, got ${JSON.stringify(result)}`);
  }
  return result as LlmScoreDetail;
}

export function failureOf(result: ScoreDetail | ScoreFailure | undefined): ScoreFailure {
  if (result === undefined || !isScoreFailure(result)) {
    throw new Error(`expected a failure, got ${JSON.stringify(result)}`);
  }
  return result;
}
