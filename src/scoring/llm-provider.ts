import { z } from 'zod';
import { AppError } from '../errors.ts';
import { logger } from '../logger.ts';
import { abortableSleep, backoffDelay, retryAfterMs, type Sleep } from './llm-backoff.ts';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatRequest {
  messages: ChatMessage[];
  maxTokens: number;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  /** True when the provider reported no usage and the figures were counted from characters. */
  estimated: boolean;
}

export interface ChatReply {
  content: string;
  /** "stop", "length" (cut off at max tokens), … as the provider says; null if it says nothing. */
  finishReason: string | null;
  usage: TokenUsage;
}

export interface ProviderSettings {
  baseUrl: string;
  model: string;
  apiKey: string | null;
  requestTimeoutMs: number;
  maxAttempts: number;
  maxRetryWaitMs: number;
  /** First backoff ceiling; doubles per attempt. */
  backoffBaseMs: number;
  jsonMode: boolean;
  temperature: number;
}

/** Seams for tests and benchmarks; production uses the globals. */
export interface ProviderDeps {
  fetch?: typeof fetch;
  sleep?: Sleep;
  random?: () => number;
}

const completionSchema = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullish() }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: z
    .object({
      prompt_tokens: z.number().int().min(0),
      completion_tokens: z.number().int().min(0),
    })
    .nullish(),
});

type Attempt = { reply: ChatReply } | { retry: string; retryAfter?: number };

/** Rough token count of text, for providers that report no usage: ~4 characters a token. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * A client of one OpenAI-compatible chat-completions endpoint (OpenAI, Gemini's compatible
 * endpoint, Ollama, vLLM). Retries 429, 5xx, timeouts and unreadable replies with jittered
 * backoff, honouring Retry-After; gives up with AppError 'provider_unavailable'.
 */
export class ChatCompletionsProvider {
  readonly model: string;
  private readonly url: string;
  private readonly origin: string;
  private readonly fetch: typeof fetch;
  private readonly sleep: Sleep;
  private readonly random: () => number;

  constructor(
    private readonly settings: ProviderSettings,
    deps: ProviderDeps = {},
  ) {
    this.model = settings.model;
    this.url = `${settings.baseUrl.replace(/\/+$/, '')}/chat/completions`;
    this.origin = new URL(this.url).origin;
    this.fetch = deps.fetch ?? globalThis.fetch;
    this.sleep = deps.sleep ?? abortableSleep;
    this.random = deps.random ?? Math.random;
  }

  async complete(request: ChatRequest, signal: AbortSignal): Promise<ChatReply> {
    const policy = { baseMs: this.settings.backoffBaseMs, maxWaitMs: this.settings.maxRetryWaitMs };
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await this.attempt(request, signal);
      if ('reply' in outcome) return outcome.reply;

      if (attempt >= this.settings.maxAttempts) {
        throw this.unavailable(`${outcome.retry} after ${attempt} attempts`);
      }
      const delay = backoffDelay(policy, attempt, outcome.retryAfter, this.random);
      if (delay === undefined) {
        throw this.unavailable(`${outcome.retry}, and it asks to wait ${outcome.retryAfter} ms`);
      }

      logger.warn({ attempt, delayMs: delay, reason: outcome.retry }, 'llm request retried');
      await this.sleep(delay, signal);
    }
  }

  private async attempt(request: ChatRequest, signal: AbortSignal): Promise<Attempt> {
    signal.throwIfAborted();
    const timeout = AbortSignal.timeout(this.settings.requestTimeoutMs);
    try {
      const response = await this.fetch(this.url, {
        method: 'POST',
        headers: this.headers(),
        body: JSON.stringify(this.body(request)),
        signal: AbortSignal.any([signal, timeout]),
      });
      return await this.read(response, request);
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      if (error instanceof AppError) throw error;
      if (timeout.aborted)
        return { retry: `no answer within ${this.settings.requestTimeoutMs} ms` };
      return { retry: `the request failed (${(error as Error).message})` };
    }
  }

  private async read(response: Response, request: ChatRequest): Promise<Attempt> {
    if (response.status === 429 || response.status === 408 || response.status >= 500) {
      await response.body?.cancel();
      const retryAfter = retryAfterMs(response.headers.get('retry-after'));
      return { retry: `it answered HTTP ${response.status}`, retryAfter };
    }
    if (!response.ok) {
      // 400, 401, 403, 404…: retrying the same request cannot help; the setup is wrong.
      const text = this.redact((await response.text()).slice(0, 200));
      throw this.unavailable(`it refused the request with HTTP ${response.status}: ${text}`);
    }

    const parsed = completionSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) return { retry: 'its answer is not a chat completion' };
    return { reply: this.reply(parsed.data, request) };
  }

  private reply(completion: z.infer<typeof completionSchema>, request: ChatRequest): ChatReply {
    const choice = completion.choices[0]!;
    const content = choice.message.content ?? '';
    const usage = completion.usage
      ? {
          promptTokens: completion.usage.prompt_tokens,
          completionTokens: completion.usage.completion_tokens,
          estimated: false,
        }
      : {
          promptTokens: estimateTokens(request.messages.map((m) => m.content).join('\n')),
          completionTokens: estimateTokens(content),
          estimated: true,
        };
    return { content, finishReason: choice.finish_reason ?? null, usage };
  }

  private headers(): Record<string, string> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.settings.apiKey !== null) headers.authorization = `Bearer ${this.settings.apiKey}`;
    return headers;
  }

  private body(request: ChatRequest): Record<string, unknown> {
    // TODO(openai-reasoning-models): send max_completion_tokens for models that refuse
    // max_tokens (OpenAI o-series) – when a configured model needs it.
    return {
      model: this.settings.model,
      messages: request.messages,
      max_tokens: request.maxTokens,
      temperature: this.settings.temperature,
      ...(this.settings.jsonMode ? { response_format: { type: 'json_object' } } : {}),
    };
  }

  /** Error bodies can echo the key (OpenAI shows part of a wrong one); they reach the ledger. */
  private redact(text: string): string {
    const key = this.settings.apiKey;
    const withoutKey = key === null ? text : text.split(key).join('[redacted]');
    return withoutKey.replace(/[A-Za-z0-9_*-]{20,}/g, '[redacted]');
  }

  private unavailable(reason: string): AppError {
    return new AppError('provider_unavailable', `the LLM provider at ${this.origin}: ${reason}`, {
      details: { origin: this.origin, model: this.model },
    });
  }
}
