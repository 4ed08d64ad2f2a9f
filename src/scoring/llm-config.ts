import { z } from 'zod';
import { AppError } from '../errors.ts';

/** US dollars per million tokens, as providers publish them. */
export interface ModelPrice {
  input: number;
  output: number;
}

/** How Leadbase talks to an OpenAI-compatible chat-completions endpoint. */
export interface LlmConfig {
  /** Which scorer score-leads uses; the offline one unless LEADBASE_SCORER=llm. */
  scorer: 'offline' | 'llm';
  /** E.g. http://127.0.0.1:11434/v1 (Ollama); `/chat/completions` is appended. No default. */
  baseUrl: string | null;
  model: string | null;
  /** Only ever from LEADBASE_LLM_API_KEY; local servers need none. */
  apiKey: string | null;
  /** Leads per request. */
  batchSize: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** Completion tokens allowed per lead in a request; doubled when a reply is cut off. */
  completionTokensPerLead: number;
  requestTimeoutMs: number;
  /** Attempts per request on 429, 5xx, timeouts and broken replies before giving up. */
  maxAttempts: number;
  /** Longest single wait before a retry; a longer Retry-After stops the run instead. */
  maxRetryWaitMs: number;
  /** Extra attempts, one lead per request, for a lead whose answer was missing or invalid. */
  itemRetries: number;
  /** Asks for `response_format: json_object`; turn off for servers that reject it. */
  jsonMode: boolean;
  temperature: number;
  prices: Record<string, ModelPrice>;
  /** Token budgets per client (0: no limit); a client's settings may lower or raise them. */
  tokensPerRun: number;
  tokensPerDay: number;
}

const count = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);

const priceTableSchema = z.record(
  z.string().min(1),
  z.strictObject({ input: z.number().min(0), output: z.number().min(0) }),
);

const envSchema = z.object({
  LEADBASE_SCORER: z.enum(['offline', 'llm']).default('offline'),
  LEADBASE_LLM_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  LEADBASE_LLM_MODEL: z.string().min(1).optional(),
  LEADBASE_LLM_API_KEY: z.string().min(1).optional(),
  LEADBASE_LLM_BATCH_SIZE: count(10, 1),
  LEADBASE_LLM_CONCURRENCY: count(4, 1),
  LEADBASE_LLM_COMPLETION_TOKENS_PER_LEAD: count(400, 16),
  LEADBASE_LLM_TIMEOUT_MS: count(60_000, 1),
  LEADBASE_LLM_MAX_ATTEMPTS: count(5, 1),
  LEADBASE_LLM_MAX_RETRY_WAIT_MS: count(60_000),
  LEADBASE_LLM_ITEM_RETRIES: count(2),
  LEADBASE_LLM_JSON_MODE: z.enum(['true', 'false']).default('true'),
  LEADBASE_LLM_TEMPERATURE: z.coerce.number().min(0).max(2).default(0),
  LEADBASE_LLM_PRICES: z
    .string()
    .default('{}')
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'is not JSON' });
        return z.NEVER;
      }
    })
    .pipe(priceTableSchema),
  LEADBASE_LLM_TOKENS_PER_RUN: count(0),
  LEADBASE_LLM_TOKENS_PER_DAY: count(0),
});

/** Reads the LLM settings from the environment; a bad value names its variable. */
export function loadLlmConfig(env: NodeJS.ProcessEnv): LlmConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    }));
    const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    throw new AppError('validation_failed', `invalid LLM configuration: ${summary}`, { issues });
  }
  const v = parsed.data;
  return {
    scorer: v.LEADBASE_SCORER,
    baseUrl: v.LEADBASE_LLM_BASE_URL ?? null,
    model: v.LEADBASE_LLM_MODEL ?? null,
    apiKey: v.LEADBASE_LLM_API_KEY ?? null,
    batchSize: v.LEADBASE_LLM_BATCH_SIZE,
    concurrency: v.LEADBASE_LLM_CONCURRENCY,
    completionTokensPerLead: v.LEADBASE_LLM_COMPLETION_TOKENS_PER_LEAD,
    requestTimeoutMs: v.LEADBASE_LLM_TIMEOUT_MS,
    maxAttempts: v.LEADBASE_LLM_MAX_ATTEMPTS,
    maxRetryWaitMs: v.LEADBASE_LLM_MAX_RETRY_WAIT_MS,
    itemRetries: v.LEADBASE_LLM_ITEM_RETRIES,
    jsonMode: v.LEADBASE_LLM_JSON_MODE === 'true',
    temperature: v.LEADBASE_LLM_TEMPERATURE,
    prices: v.LEADBASE_LLM_PRICES,
    tokensPerRun: v.LEADBASE_LLM_TOKENS_PER_RUN,
    tokensPerDay: v.LEADBASE_LLM_TOKENS_PER_DAY,
  };
}

/** The endpoint and model, which the LLM scorer cannot run without. */
export function requireEndpoint(config: LlmConfig): { baseUrl: string; model: string } {
  if (config.baseUrl === null || config.model === null) {
    throw new AppError(
      'validation_failed',
      'the LLM scorer needs LEADBASE_LLM_BASE_URL and LEADBASE_LLM_MODEL to be set',
      { details: { baseUrl: config.baseUrl !== null, model: config.model !== null } },
    );
  }
  return { baseUrl: config.baseUrl, model: config.model };
}
