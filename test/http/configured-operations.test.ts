import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TenantAccess } from '../../src/db/tenancy.ts';
import type { AppInstance } from '../../src/http/route-kit.ts';
import { buildServer } from '../../src/http/server.ts';
import { ApifyClient } from '../../src/posts/apify-client.ts';
import { addPostRubricVersion } from '../../src/posts/post-rubric-store.ts';
import { writePostInputs } from '../../src/posts/post-store.ts';
import type { OperationConfig } from '../../src/runs/operation-registry.ts';
import { llmTestRubric, mockLlmConfig } from '../../src/scoring/llm-test-fixtures.ts';
import { addRubricVersion } from '../../src/scoring/rubric-store.ts';
import { type ApifyServer, startApifyServer } from '../support/apify-server.ts';
import { ChatCompletionsServer } from '../support/chat-completions-server.ts';
import { freightPostRubric, insertLeads, postInput } from '../support/post-fixtures.ts';
import { createTestWorld, type TestWorld } from '../support/stores.ts';
import { bearer } from './http-world.ts';

/**
 * The server takes its operations and its webhook sources from one configuration: the LLM
 * scorers for score-leads and score-posts when the scorer is `llm`, Apify for webhooks.
 */

let world: TestWorld;
let app: AppInstance | undefined;
let model: ChatCompletionsServer;
let apify: ApifyServer | undefined;

const leadAnswer = {
  A: { points: 12, evidence: [] },
  B: { points: 8, evidence: [] },
  C: { points: 0, evidence: [] },
  I: { points: 5, evidence: [] },
  N1: { points: -5, evidence: [] },
  N2: { points: 0, evidence: [] },
};
const postAnswer = {
  P1: { points: 40, evidence: ['freight'] },
  P2: { points: 0, evidence: [] },
  P3: { points: 0, evidence: [] },
  N1: { points: 0, evidence: [] },
};

beforeEach(async () => {
  world = await createTestWorld();
  model = await new ChatCompletionsServer({
    grade: (id) => (id.startsWith('lead-') ? leadAnswer : postAnswer),
  }).start();
});

afterEach(async () => {
  await app?.close();
  await apify?.close();
  await model.close();
  await world.close();
});

async function serve(config: OperationConfig) {
  app = await buildServer({ stores: world.stores, settings: { rateLimit: false }, config });
  return app;
}

async function postsClient(access: TenantAccess) {
  await world.stores.withTenant(access, async (store) => {
    await insertLeads(store, [{ id: 'lead-ada', keys: ['in:ada-moreau'] }]);
    await writePostInputs(store, [postInput({ text: 'Our freight review' })]);
    await addRubricVersion(store, llmTestRubric.rubric);
    await addPostRubricVersion(store, freightPostRubric);
  });
}

describe('the server’s configured operations', () => {
  it('scores leads and posts with the LLM scorers when the scorer is llm', async () => {
    const { client, access } = await world.addClient({ serviceLevel: 'leads+posts' });
    await postsClient(access);
    const server = await serve({ llm: mockLlmConfig(model), apify: () => undefined });
    const token = (
      await server.services.tokens.create({ kind: 'client', clientId: client.id, scope: 'portal' })
    ).token;

    const started = await server.inject({
      method: 'POST',
      url: '/api/runs',
      headers: bearer(token),
      payload: { operations: ['score-leads', 'score-posts'] },
    });
    await server.services.runs.drain();

    expect(started.statusCode).toBe(202);
    const scorers = await world.stores.withTenant(access, async (store) => ({
      lead: await store.db.selectFrom('leads').select(['scorer', 'score']).execute(),
      post: await store.db.selectFrom('posts').select(['scorer', 'score']).execute(),
    }));
    expect(scorers).toEqual({
      lead: [{ scorer: 'llm:mock-model', score: 47.06 }],
      post: [{ scorer: 'llm-posts:mock-model', score: 40 }],
    });
  });

  it('fetches the dataset of an Apify run notification when Apify is configured', async () => {
    const { client, access } = await world.addClient({ serviceLevel: 'leads+posts' });
    apify = await startApifyServer({
      items: () => [
        {
          id: '7376158681203922567',
          linkedinUrl:
            'https://www.linkedin.com/posts/ada-moreau_x-activity-7376158681203922567-Ab1c',
          content: 'Freight, again',
          author: { publicIdentifier: 'ada-moreau', name: 'Ada Moreau' },
          postedAt: { date: '2025-09-23T07:41:12.000Z' },
        },
      ],
    });
    const config = apify.config();
    const run = await new ApifyClient(config).startRun({}, new AbortController().signal);
    const server = await serve({ llm: undefined, apify: () => config });
    const ingest = await server.services.tokens.create({
      kind: 'client',
      clientId: client.id,
      scope: 'ingest',
    });

    const delivered = await server.inject({
      method: 'POST',
      url: '/api/webhooks/apify',
      headers: bearer(ingest.token),
      payload: {
        eventType: 'ACTOR.RUN.SUCCEEDED',
        resource: { id: run.id, status: 'SUCCEEDED', defaultDatasetId: run.defaultDatasetId },
      },
    });

    expect([delivered.statusCode, delivered.json().status]).toEqual([200, 'processed']);
    expect(delivered.json().result).toMatchObject({ posts: 1, created: 1 });
    const posts = await world.stores.withTenant(access, (store) =>
      store.db.selectFrom('posts').select(['id', 'author_key']).execute(),
    );
    expect(posts).toEqual([{ id: '7376158681203922567', author_key: 'in:ada-moreau' }]);
  });
});
