import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ChatCompletionsServer,
  type MockPoints,
} from '../../test/support/chat-completions-server.ts';
import { freightPostRubric, postInput } from '../../test/support/post-fixtures.ts';
import { mockProvider } from '../scoring/llm-test-fixtures.ts';
import { type LlmPostScoreDetail, LlmPostScorer } from './llm-post-scorer.ts';
import { scorePostOffline } from './offline-post-scorer.ts';
import type { Post } from './post.ts';
import { parsePostRubric } from './post-rubric.ts';
import type { PostRubricVersion } from './post-rubric-store.ts';
import { isPostScoreFailure, type PostScoreDetail, type PostScoreFailure } from './post-scorer.ts';

const rubric: PostRubricVersion = {
  version: 2,
  note: null,
  createdAt: '2025-09-24T08:00:00.000Z',
  rubric: parsePostRubric(freightPostRubric, 'the freight post rubric'),
};

/** A stored post as the scorer gets it, from an invented input. */
function post(text: string, overrides: Partial<Post> = {}): Post {
  const input = postInput({ text });
  return {
    ...input,
    score: null,
    scoreStatus: 'pending',
    scoreDetail: null,
    scoredAt: null,
    scoredRubricVersion: null,
    scorer: null,
    actionedAt: null,
    firstSeenAt: '2025-09-24T08:00:00.000Z',
    updatedAt: '2025-09-24T08:00:00.000Z',
    ...overrides,
  };
}

const points = (values: Record<string, number | string>): Record<string, MockPoints> =>
  Object.fromEntries(
    Object.entries(values).map(([id, value]) => [
      id,
      { points: value, evidence: Number(value) === 0 ? [] : [`words for ${id}`] },
    ]),
  );

const freightAnswer = points({ P1: 40, P2: 0, P3: 0, N1: 0 });

let server: ChatCompletionsServer;
let answers: Map<string, Record<string, MockPoints>>;
let posts: Post[];

beforeEach(async () => {
  answers = new Map();
  server = await new ChatCompletionsServer({
    grade: (id) => answers.get(id) ?? freightAnswer,
  }).start();
  posts = [
    post('Our freight and carrier review'),
    post('A poll on supplier contract terms'),
    post('Happy Friday'),
  ];
});

afterEach(async () => server.close());

function scorer(itemRetries = 2) {
  return new LlmPostScorer({
    provider: mockProvider(server),
    batchSize: 10,
    concurrency: 1,
    completionTokensPerItem: 300,
    itemRetries,
  });
}

async function scoreAll(itemRetries = 2) {
  return scorer(itemRetries).scoreBatch(posts, rubric, new AbortController().signal);
}

function detailOf(result: PostScoreDetail | PostScoreFailure | undefined): LlmPostScoreDetail {
  if (result === undefined || isPostScoreFailure(result)) {
    throw new Error(`expected a score, got ${JSON.stringify(result)}`);
  }
  return result as LlmPostScoreDetail;
}

const asked = () => server.requests.map((request) => request.leadIds);

describe('LlmPostScorer', () => {
  it('scores a batch in one request and records model, rubric version and prompt hash', async () => {
    const results = await scoreAll();

    expect(asked()).toEqual([posts.map((p) => p.id)]);
    const [system, user] = server.requests[0]!.body.messages as { content: string }[];
    expect(system!.content).toContain('post rubric "Freight openers" (version 2)');
    expect(system!.content).toContain('- N1 "Job advert": negative, points -50 to 0.');
    expect(JSON.parse(user!.content)).toEqual({
      posts: posts.map((p) => ({ id: p.id, text: p.text })),
    });
    const first = detailOf(results.get(posts[0]!.id));
    expect(first).toMatchObject({
      score: 40,
      rubricVersion: 2,
      scorer: 'llm-posts:mock-model',
      reasons: ['P1 Freight costs: +40 — "words for P1"'],
      llm: {
        model: 'mock-model',
        promptSha256: createHash('sha256').update(system!.content).digest('hex'),
        promptTemplate: 'leadbase-post-scoring/1',
      },
    });
  });

  it('gives the offline scorer’s score and breakdown for the same points', async () => {
    const hiring = post("Freight team: we're hiring, apply via the link");
    posts = [hiring];
    answers.set(hiring.id, points({ P1: 40, P2: 0, P3: 0, N1: -50 }));

    const llm = detailOf((await scoreAll()).get(hiring.id));
    const offline = scorePostOffline(hiring, rubric);

    expect([llm.score, offline.score]).toEqual([0, 0]);
    const shape = (detail: PostScoreDetail) => detail.criteria.map(({ matched, ...rest }) => rest);
    expect(shape(llm)).toEqual(shape(offline));
  });

  it('counts partial points through the same formula', async () => {
    answers.set(posts[1]!.id, points({ P1: 0, P2: '15', P3: 30, N1: 0 }));

    expect(detailOf((await scoreAll()).get(posts[1]!.id)).score).toBe(45);
  });

  it('matches items by post ID, not position, and repairs a fenced reply', async () => {
    answers.set(posts[2]!.id, points({ P1: 0, P2: 0, P3: 0, N1: 0 }));
    server.enqueue({ kind: 'reversed' });

    const reversed = await scoreAll();
    server.enqueue({ kind: 'fenced' });
    const fenced = await scoreAll();

    for (const results of [reversed, fenced]) {
      expect(posts.map((p) => detailOf(results.get(p.id)).score)).toEqual([40, 40, 0]);
    }
    expect(detailOf(reversed.get(posts[2]!.id)).reasons).toEqual(['no criterion matched']);
  });

  it('asks again alone for a post whose points are out of range, never clamping them', async () => {
    server.enqueue({ kind: 'out-of-range', ids: [posts[1]!.id] });

    const results = await scoreAll();

    expect(asked()).toEqual([posts.map((p) => p.id), [posts[1]!.id]]);
    expect(detailOf(results.get(posts[1]!.id)).score).toBe(40);
  });

  it('fails a post with score_invalid after its retries, the others scored', async () => {
    server.enqueue(
      { kind: 'out-of-range', ids: [posts[0]!.id] },
      { kind: 'out-of-range' },
      { kind: 'out-of-range' },
    );

    const results = await scoreAll();

    expect(asked()).toHaveLength(3);
    expect(results.get(posts[0]!.id)).toMatchObject({
      failed: true,
      code: 'score_invalid',
      message: 'criterion P1 got 1040 points, outside 0..40',
    });
    expect(detailOf(results.get(posts[2]!.id)).score).toBe(40);
  });

  it('asks again alone for a post left out of the answer', async () => {
    server.enqueue({ kind: 'missing-ids' });

    const results = await scoreAll(0);

    expect(results.get(posts[2]!.id)).toMatchObject({ failed: true, code: 'answer_missing' });
    expect(detailOf(results.get(posts[0]!.id)).score).toBe(40);
  });

  it('refuses an answer that misses a criterion or names an unknown one', async () => {
    answers.set(posts[0]!.id, points({ P1: 40, P2: 0, P3: 0 }));
    answers.set(posts[1]!.id, points({ P1: 40, P2: 0, P3: 0, N1: 0, X9: 3 }));

    const results = await scoreAll(0);

    expect(results.get(posts[0]!.id)).toMatchObject({
      code: 'answer_invalid',
      message: 'criterion N1 is missing',
    });
    expect(results.get(posts[1]!.id)).toMatchObject({
      code: 'answer_invalid',
      message: 'unknown criteria X9',
    });
  });
});
