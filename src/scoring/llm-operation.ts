import { calendarDateIn } from '../clock.ts';
import type { AppError } from '../errors.ts';
import type { Operation, OperationContext, OperationOutcome } from '../runs/operation.ts';
import { addDailyTokens, clientTokenLimits, readDailyTokens, TokenBudget } from './llm-budget.ts';
import { type LlmConfig, type ModelPrice, requireEndpoint } from './llm-config.ts';
import { ChatCompletionsProvider, type ProviderDeps, type TokenUsage } from './llm-provider.ts';
import { LlmScorer } from './llm-scorer.ts';
import { scoreLeadsOperation } from './score-leads-operation.ts';

/** First backoff ceiling for 429 and 5xx; grows to the configured longest wait. */
const backoffBaseMs = 1_000;

export interface LlmOperationDeps extends ProviderDeps {
  /** Overrides the backoff's first ceiling (tests keep it tiny). */
  backoffBaseMs?: number;
}

/** What every LLM scorer of one client's run shares: provider, budget, prices and usage. */
export interface LlmRunParts {
  provider: ChatCompletionsProvider;
  budget: TokenBudget;
  price: ModelPrice | undefined;
  onUsage: (usage: TokenUsage, cost: number) => Promise<void>;
}

/**
 * The provider and budget for one client's run; usage goes to the client's daily count and the
 * run's ledger counters as it is spent. Shared by score-leads and score-posts.
 */
export async function llmRunParts(
  context: OperationContext,
  config: LlmConfig,
  deps: LlmOperationDeps,
): Promise<LlmRunParts> {
  const { baseUrl, model } = requireEndpoint(config);
  const { client, store, progress } = context;
  const day = calendarDateIn(client.timeZone);
  const budget = new TokenBudget(
    clientTokenLimits(client, config),
    await readDailyTokens(store, day),
  );
  const provider = new ChatCompletionsProvider(
    { ...config, baseUrl, model, backoffBaseMs: deps.backoffBaseMs ?? backoffBaseMs },
    deps,
  );
  return {
    provider,
    budget,
    price: config.prices[model],
    onUsage: async (usage, cost) => {
      const tokens = usage.promptTokens + usage.completionTokens;
      await addDailyTokens(store, day, tokens);
      await progress.usage(tokens, cost);
    },
  };
}

/** The day's budget already spent: the record fails before anything is asked. */
export function dayBudgetSpent(context: OperationContext): OperationOutcome {
  const message = `client ${context.client.id} has spent its LLM token budget for today`;
  return { status: 'failed', code: 'budget_exhausted', message };
}

/** A stop in the last batch still returns that batch's scores; the record must say it stopped. */
export function outcomeAfterStop(
  outcome: OperationOutcome,
  stopped: AppError | undefined,
): OperationOutcome {
  return stopped ? { status: 'failed', code: stopped.code, message: stopped.message } : outcome;
}

async function run(
  context: OperationContext,
  config: LlmConfig,
  deps: LlmOperationDeps,
): Promise<OperationOutcome> {
  const parts = await llmRunParts(context, config, deps);
  if (parts.budget.dayExhausted()) return dayBudgetSpent(context);

  const scorer = new LlmScorer({
    ...parts,
    batchSize: config.batchSize,
    concurrency: config.concurrency,
    completionTokensPerLead: config.completionTokensPerLead,
    itemRetries: config.itemRetries,
  });
  // Each call scores enough leads to keep every concurrent request busy.
  const batchSize = config.batchSize * config.concurrency;
  const outcome = await scoreLeadsOperation({ scorer, batchSize }).run(context);
  return outcomeAfterStop(outcome, scorer.stopped);
}

/**
 * score-leads with the LLM scorer. A provider that keeps failing or a spent budget fails the
 * client's record with 'provider_unavailable' or 'budget_exhausted'; leads not scored stay due,
 * so the next run (or a resume) picks them up.
 */
export function llmScoreLeadsOperation(config: LlmConfig, deps: LlmOperationDeps = {}): Operation {
  requireEndpoint(config);
  return { name: 'score-leads', run: (context) => run(context, config, deps) };
}

/** score-leads with the configured scorer: the offline one unless LEADBASE_SCORER=llm. */
export function configuredScoreLeadsOperation(config: LlmConfig | undefined): Operation {
  return config?.scorer === 'llm' ? llmScoreLeadsOperation(config) : scoreLeadsOperation();
}
