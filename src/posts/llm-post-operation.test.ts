import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatCompletionsServer } from '../../test/support/chat-completions-server.ts';
import {
  freightPostRubric,
  insertLeads,
  postInput,
  runOperation,
} from '../../test/support/post-fixtures.ts';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import { calendarDateIn } from '../clock.ts';
import type { TenantAccess } from '../db/tenancy.ts';
import { AppError } from '../errors.ts';
import { readDailyTokens } from '../scoring/llm-budget.ts';
import type { LlmConfig } from '../scoring/llm-config.ts';
import { mockLlmConfig } from '../scoring/llm-test-fixtures.ts';
import { configuredScorePostsOperation, llmScorePostsOperation } from './llm-post-operation.ts';
import { offlinePostScorerName } from './offline-post-scorer.ts';
import { addPostRubricVersion } from './post-rubric-store.ts';
import { writePostInputs } from './post-store.ts';

let world: TestWorld;
let server: ChatCompletionsServer;

const grade = {
  P1: { points: 40, evidence: ['freight'] },
  P2: { points: 0, evidence: [] },
  P3: { points: 0, evidence: [] },
  N1: { points: 0, evidence: [] },
};

const posts = [
  postInput({ authorKey: 'in:ada-moreau', text: 'Our freight and carrier review' }),
  postInput({ authorKey: 'in:ada-moreau', text: 'A poll on supplier contract terms' }),
  postInput({ authorKey: 'in:noah-petit', text: 'Happy Friday' }),
];

beforeEach(async () => {
  world = await createTestWorld();
  server = await new ChatCompletionsServer({ grade: () => grade }).start();
});

afterEach(async () => {
  await server.close();
  await world.close();
});

async function postsClient(serviceLevel: 'leads' | 'leads+posts' = 'leads+posts') {
  const added = await world.addClient({ serviceLevel });
  await world.stores.withTenant(added.access, async (store) => {
    await insertLeads(store, [
      { id: 'lead-ada', keys: ['in:ada-moreau'] },
      { id: 'lead-noah', keys: ['in:noah-petit'] },
    ]);
    await writePostInputs(store, posts);
    await addPostRubricVersion(store, freightPostRubric);
  });
  return added;
}

function operation(config: LlmConfig) {
  return llmScorePostsOperation(config, { backoffBaseMs: 1, sleep: async () => {} });
}

async function postRows(access: TenantAccess) {
  return world.stores.withTenant(access, (store) =>
    store.db
      .selectFrom('posts')
      .select(['id', 'score', 'score_status', 'scorer', 'score_detail'])
      .orderBy('id')
      .execute(),
  );
}

describe('llmScorePostsOperation', () => {
  it('scores due posts with the model, best post as each lead’s relevance, tokens counted', async () => {
    const added = await postsClient();

    const { outcome, calls } = await runOperation(world, added, operation(mockLlmConfig(server)));

    expect(outcome).toEqual({ status: 'succeeded' });
    expect(calls.examined).toBe(3);
    expect(server.requests.map((request) => request.leadIds.length)).toEqual([2, 1]);
    const rows = await postRows(added.access);
    expect(rows.map((row) => [row.score, row.score_status, row.scorer])).toEqual(
      rows.map(() => [40, 'scored', 'llm-posts:mock-model']),
    );
    const detail = JSON.parse(rows[0]!.score_detail!);
    expect(detail.llm).toMatchObject({
      model: 'mock-model',
      promptTemplate: 'leadbase-post-scoring/1',
    });
    expect(detail.llm.promptSha256).toMatch(/^[0-9a-f]{64}$/);
    const relevance = await world.stores.withTenant(added.access, (store) =>
      store.db.selectFrom('lead_post_state').select(['lead_id', 'post_relevance']).execute(),
    );
    expect(relevance.map((row) => row.post_relevance)).toEqual([40, 40]);
    const tokens = await world.stores.withTenant(added.access, (store) =>
      readDailyTokens(store, calendarDateIn(added.client.timeZone)),
    );
    expect(tokens).toBeGreaterThan(0);
  });

  it('fails the record when the provider keeps failing; the posts stay due', async () => {
    const added = await postsClient();
    server.enqueue(...Array.from({ length: 4 }, () => ({ kind: 'status' as const, status: 500 })));

    const { outcome } = await runOperation(world, added, operation(mockLlmConfig(server)));

    expect(outcome).toMatchObject({ status: 'failed', code: 'provider_unavailable' });
    const rows = await postRows(added.access);
    expect(rows.filter((row) => row.score_status === 'scored')).toEqual([]);

    const again = await runOperation(world, added, operation(mockLlmConfig(server)));
    expect(again.outcome).toEqual({ status: 'succeeded' });
    expect((await postRows(added.access)).map((row) => row.score)).toEqual([40, 40, 40]);
  });

  it('fails with budget_exhausted when the day’s budget is spent, asking nothing', async () => {
    const added = await postsClient();
    await world.stores.withTenant(added.access, (store) =>
      store.db
        .insertInto('settings')
        .values({ key: `llm.tokens.${calendarDateIn(added.client.timeZone)}`, value: '500' })
        .execute(),
    );

    const { outcome } = await runOperation(
      world,
      added,
      operation(mockLlmConfig(server, { tokensPerDay: 500 })),
    );

    expect(outcome).toMatchObject({ status: 'failed', code: 'budget_exhausted' });
    expect(server.requests).toEqual([]);
  });

  it('skips a client whose service level has no posts, asking nothing', async () => {
    const added = await postsClient('leads');

    const { outcome } = await runOperation(world, added, operation(mockLlmConfig(server)));

    expect(outcome).toMatchObject({ status: 'skipped', code: 'service_level' });
    expect(server.requests).toEqual([]);
  });
});

describe('configuredScorePostsOperation', () => {
  it('uses the offline post scorer unless the LLM scorer is configured', async () => {
    const added = await postsClient();

    const offline = configuredScorePostsOperation(mockLlmConfig(server, { scorer: 'offline' }));
    await runOperation(world, added, offline);

    expect(server.requests).toEqual([]);
    const scorers = (await postRows(added.access)).map((row) => row.scorer);
    expect(scorers).toEqual([offlinePostScorerName, offlinePostScorerName, offlinePostScorerName]);
    expect(configuredScorePostsOperation(undefined).name).toBe('score-posts');
  });

  it('refuses an LLM scorer without endpoint or model', () => {
    const config = mockLlmConfig(server, { baseUrl: null, model: null });

    expect(() => configuredScorePostsOperation(config)).toThrow(
      new AppError(
        'validation_failed',
        'the LLM scorer needs LEADBASE_LLM_BASE_URL and LEADBASE_LLM_MODEL to be set',
        { details: { baseUrl: false, model: false } },
      ),
    );
  });
});
