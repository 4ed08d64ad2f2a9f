import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatCompletionsServer } from '../../test/support/chat-completions-server.ts';
import { openClientStore } from '../../test/support/lead-fixtures.ts';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import type { Client, ClientSettings } from '../clients/client.ts';
import { calendarDateIn } from '../clock.ts';
import type { TenantStore } from '../db/tenancy.ts';
import { AppError } from '../errors.ts';
import { addDailyTokens, dailyTokensKey, readDailyTokens } from './llm-budget.ts';
import type { LlmConfig } from './llm-config.ts';
import { configuredScoreLeadsOperation, llmScoreLeadsOperation } from './llm-operation.ts';
import { exampleAnswer, llmTestRubric, mockLlmConfig } from './llm-test-fixtures.ts';
import { addRubricVersion } from './rubric-store.ts';
import { insertLeads, recordingProgress } from './scoring-fixtures.ts';

let world: TestWorld;
let server: ChatCompletionsServer;
let client: Client;
let store: TenantStore;

const leadIds = ['L1', 'L2', 'L3', 'L4', 'L5'];

async function setUp(settings: Record<string, unknown> = {}, timeZone = 'UTC') {
  ({ client, store } = await openClientStore(world, {
    timeZone,
    settings: settings as Partial<ClientSettings>,
  }));
  await insertLeads(
    store,
    leadIds.map((id) => ({ id, headline: `Head of Procurement ${id}` })),
  );
}

beforeEach(async () => {
  world = await createTestWorld();
  server = await new ChatCompletionsServer({ grade: () => exampleAnswer }).start();
});

afterEach(async () => {
  await server.close();
  await world.close();
});

async function runOnce(config: LlmConfig, runId = 'run-1') {
  const { progress, calls } = recordingProgress();
  const operation = llmScoreLeadsOperation(config, {
    backoffBaseMs: 1,
    sleep: async () => {},
  });
  const outcome = await operation.run({
    runId,
    client,
    store,
    progress,
    signal: new AbortController().signal,
  });
  return { outcome, calls };
}

async function leadsById() {
  const rows = await store.db.selectFrom('leads').selectAll().orderBy('id').execute();
  return Object.fromEntries(rows.map((row) => [row.id, row]));
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

describe('llmScoreLeadsOperation', () => {
  it('scores every due lead, recording model, rubric version and prompt hash', async () => {
    await setUp();
    await addRubricVersion(store, llmTestRubric.rubric);

    const { outcome, calls } = await runOnce(mockLlmConfig(server));

    expect(outcome).toEqual({ status: 'succeeded' });
    expect(server.requests.map((r) => r.leadIds)).toEqual([['L1', 'L2'], ['L3', 'L4'], ['L5']]);
    const leads = await leadsById();
    expect(Object.values(leads).map((row) => [row.score, row.score_status, row.scorer])).toEqual(
      leadIds.map(() => [47.06, 'scored', 'llm:mock-model']),
    );
    const detail = JSON.parse(leads.L1!.score_detail!);
    expect(detail.rubricVersion).toBe(1);
    expect(detail.llm.model).toBe('mock-model');
    expect(detail.llm.promptSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(calls.succeeded.flat()).toEqual(leadIds);
    expect(calls.failed).toEqual([]);
  });

  it('reports tokens and cost per reply and counts them on the client’s own day', async () => {
    await setUp({}, 'Pacific/Auckland');
    await addRubricVersion(store, llmTestRubric.rubric);

    const { calls } = await runOnce(mockLlmConfig(server));

    expect(calls.usage).toHaveLength(3);
    const tokens = sum(calls.usage.map((u) => u.tokens));
    const day = calendarDateIn('Pacific/Auckland');
    expect(await readDailyTokens(store, day)).toBe(tokens);
    expect(sum(calls.usage.map((u) => u.cost))).toBeGreaterThan(0);
  });

  it('fails the record with provider_unavailable, then a later run scores what was left', async () => {
    await setUp();
    await addRubricVersion(store, llmTestRubric.rubric);
    server.enqueue(...Array.from({ length: 4 }, () => ({ kind: 'status' as const, status: 503 })));

    const first = await runOnce(mockLlmConfig(server), 'run-1');

    expect(first.outcome).toMatchObject({ status: 'failed', code: 'provider_unavailable' });
    expect(first.calls.failed.map((f) => [f.itemId, f.code])).toEqual([
      ['L1', 'provider_unavailable'],
      ['L2', 'provider_unavailable'],
      ['L3', 'provider_unavailable'],
      ['L4', 'provider_unavailable'],
    ]);
    const afterFirst = await leadsById();
    expect(leadIds.map((id) => afterFirst[id]!.score_status)).toEqual([
      'failed',
      'failed',
      'failed',
      'failed',
      'pending',
    ]);

    const second = await runOnce(mockLlmConfig(server), 'run-2');

    expect(second.outcome).toEqual({ status: 'succeeded' });
    const afterSecond = await leadsById();
    expect(leadIds.map((id) => afterSecond[id]!.score)).toEqual([
      47.06, 47.06, 47.06, 47.06, 47.06,
    ]);
  });

  it('stops with budget_exhausted when the run budget is spent; the rest stay due', async () => {
    await setUp();
    await addRubricVersion(store, llmTestRubric.rubric);
    const config = mockLlmConfig(server, { concurrency: 1, tokensPerRun: 1_800 });

    const { outcome, calls } = await runOnce(config);

    expect(outcome).toMatchObject({ status: 'failed', code: 'budget_exhausted' });
    expect(calls.usage).toHaveLength(1);
    expect(sum(calls.usage.map((u) => u.tokens))).toBeLessThanOrEqual(1_800);
    const leads = await leadsById();
    expect(leadIds.map((id) => leads[id]!.score_status)).toEqual([
      'scored',
      'scored',
      'failed',
      'failed',
      'pending',
    ]);
  });

  it('sends nothing when the client has spent its own daily budget', async () => {
    await setUp({ llmTokensPerDay: 5_000 }, 'America/New_York');
    await addRubricVersion(store, llmTestRubric.rubric);
    await addDailyTokens(store, calendarDateIn('America/New_York'), 5_000);

    const { outcome, calls } = await runOnce(mockLlmConfig(server, { tokensPerDay: 1_000_000 }));

    expect(outcome).toEqual({
      status: 'failed',
      code: 'budget_exhausted',
      message: `client ${client.id} has spent its LLM token budget for today`,
    });
    expect(server.requests).toHaveLength(0);
    expect(calls.examined).toEqual([]);
    const row = await store.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', dailyTokensKey(calendarDateIn('America/New_York')))
      .executeTakeFirstOrThrow();
    expect(row.value).toBe('5000');
  });

  it('fails with rubric_missing before asking the provider', async () => {
    await setUp();

    const { outcome } = await runOnce(mockLlmConfig(server));

    expect(outcome).toMatchObject({ status: 'failed', code: 'rubric_missing' });
    expect(server.requests).toHaveLength(0);
  });
});

describe('configuredScoreLeadsOperation', () => {
  it('uses the offline scorer unless the LLM one is configured', async () => {
    await setUp();
    await addRubricVersion(store, llmTestRubric.rubric);
    const { progress } = recordingProgress();

    const operation = configuredScoreLeadsOperation(mockLlmConfig(server, { scorer: 'offline' }));
    await operation.run({
      runId: 'run-1',
      client,
      store,
      progress,
      signal: new AbortController().signal,
    });

    expect((await leadsById()).L1!.scorer).toBe('offline');
    expect(server.requests).toHaveLength(0);
  });

  it('refuses an LLM scorer without an endpoint', () => {
    const attempt = () =>
      configuredScoreLeadsOperation(mockLlmConfig(server, { baseUrl: null, model: null }));

    expect(attempt).toThrowError(AppError);
    expect(attempt).toThrowError(
      'the LLM scorer needs LEADBASE_LLM_BASE_URL and LEADBASE_LLM_MODEL to be set',
    );
  });
});
