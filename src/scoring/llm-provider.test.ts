import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatCompletionsServer } from '../../test/support/chat-completions-server.ts';
import { AppError } from '../errors.ts';
import { retryAfterMs } from './llm-backoff.ts';
import { ChatCompletionsProvider, type ProviderSettings } from './llm-provider.ts';

let server: ChatCompletionsServer;
let waits: number[];

beforeEach(async () => {
  server = await new ChatCompletionsServer({
    grade: () => ({ A: { points: 3, evidence: ['Head of Procurement'] } }),
  }).start();
  waits = [];
});

afterEach(async () => {
  await server.close();
});

function provider(overrides: Partial<ProviderSettings> = {}) {
  const settings: ProviderSettings = {
    baseUrl: server.baseUrl,
    model: 'mock-model',
    apiKey: 'test-key',
    requestTimeoutMs: 5_000,
    maxAttempts: 3,
    maxRetryWaitMs: 10_000,
    backoffBaseMs: 100,
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

const request = {
  messages: [
    { role: 'system' as const, content: 'Score leads as JSON.' },
    { role: 'user' as const, content: JSON.stringify({ leads: [{ id: 'L1' }] }) },
  ],
  maxTokens: 400,
};

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('ChatCompletionsProvider', () => {
  it('sends model, key, max tokens and JSON mode, and returns content and usage', async () => {
    const reply = await provider().complete(request, new AbortController().signal);

    expect(JSON.parse(reply.content)).toEqual({
      leads: [{ id: 'L1', attributes: { A: { points: 3, evidence: ['Head of Procurement'] } } }],
    });
    expect(reply.finishReason).toBe('stop');
    expect(reply.usage).toEqual({ promptTokens: 11, completionTokens: 23, estimated: false });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.authorization).toBe('Bearer test-key');
    expect(server.requests[0]!.body).toMatchObject({
      model: 'mock-model',
      max_tokens: 400,
      temperature: 0,
      response_format: { type: 'json_object' },
    });
  });

  it('sends no authorization header without a key, nor JSON mode when it is off', async () => {
    await provider({ apiKey: null, jsonMode: false }).complete(request, AbortSignal.timeout(5000));

    expect(server.requests[0]!.authorization).toBeUndefined();
    expect(server.requests[0]!.body.response_format).toBeUndefined();
  });

  it('honours Retry-After on 429 and then answers', async () => {
    server.enqueue({ kind: 'status', status: 429, retryAfter: '2' });

    const reply = await provider().complete(request, new AbortController().signal);

    expect(reply.finishReason).toBe('stop');
    expect(server.requests.map((r) => r.answer)).toEqual(['status', 'well']);
    expect(waits).toEqual([2_000 + 50]);
  });

  it('backs off with jitter on 5xx, the ceiling doubling each attempt', async () => {
    server.enqueue({ kind: 'status', status: 500 }, { kind: 'status', status: 503 });

    await provider().complete(request, new AbortController().signal);

    expect(server.requests).toHaveLength(3);
    expect(waits).toEqual([50, 100]);
  });

  it('stops with provider_unavailable when the provider keeps failing', async () => {
    server.enqueue(...Array.from({ length: 5 }, () => ({ kind: 'status' as const, status: 500 })));

    const error = await failure(provider().complete(request, new AbortController().signal));

    expect(error.code).toBe('provider_unavailable');
    expect(error.message).toBe(
      `the LLM provider at ${new URL(server.baseUrl).origin}: it answered HTTP 500 after 3 attempts`,
    );
    expect(server.requests).toHaveLength(3);
  });

  it('gives up at once when Retry-After asks for longer than it may wait', async () => {
    server.enqueue({ kind: 'status', status: 429, retryAfter: '3600' });

    const error = await failure(provider().complete(request, new AbortController().signal));

    expect(error.code).toBe('provider_unavailable');
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('does not retry a refused request (401)', async () => {
    server.enqueue({
      kind: 'status',
      status: 401,
      body: 'Incorrect API key provided: sk-proj-abcdefghij1234567890****wxyz',
    });

    const error = await failure(provider().complete(request, new AbortController().signal));

    expect(error.code).toBe('provider_unavailable');
    expect(error.message).toBe(
      `the LLM provider at ${new URL(server.baseUrl).origin}: it refused the request with HTTP 401: ` +
        '{"error":{"message":"Incorrect API key provided: [redacted]"}}',
    );
    expect(server.requests).toHaveLength(1);
  });

  it('bounds each request by its timeout and retries it', async () => {
    server.enqueue({ kind: 'slow', delayMs: 10_000 }, { kind: 'slow', delayMs: 10_000 });

    const reply = await provider({ requestTimeoutMs: 50 }).complete(
      request,
      new AbortController().signal,
    );

    expect(reply.finishReason).toBe('stop');
    expect(server.requests).toHaveLength(3);
  });

  it('estimates usage when the provider reports none', async () => {
    server.enqueue({ kind: 'no-usage' });

    const reply = await provider().complete(request, new AbortController().signal);

    expect(reply.usage).toEqual({ promptTokens: 11, completionTokens: 23, estimated: true });
  });

  it('stops at once when the run is cancelled', async () => {
    const controller = new AbortController();
    controller.abort(new Error('run cancelled'));

    const error = await provider()
      .complete(request, controller.signal)
      .catch((caught: Error) => caught);

    expect((error as Error).message).toBe('run cancelled');
    expect(server.requests).toHaveLength(0);
  });
});

describe('retryAfterMs', () => {
  it('reads delta-seconds and HTTP dates', () => {
    const now = Date.parse('2025-09-24T10:00:00Z');
    expect(retryAfterMs('7', now)).toBe(7_000);
    expect(retryAfterMs('Wed, 24 Sep 2025 10:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});
