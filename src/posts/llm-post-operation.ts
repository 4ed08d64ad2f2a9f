import type { Operation, OperationContext, OperationOutcome } from '../runs/operation.ts';
import { type LlmConfig, requireEndpoint } from '../scoring/llm-config.ts';
import {
  dayBudgetSpent,
  type LlmOperationDeps,
  llmRunParts,
  outcomeAfterStop,
} from '../scoring/llm-operation.ts';
import { LlmPostScorer } from './llm-post-scorer.ts';
import { includesPosts } from './post-service.ts';
import { scorePostsOperation } from './score-posts-operation.ts';

async function run(
  context: OperationContext,
  config: LlmConfig,
  deps: LlmOperationDeps,
): Promise<OperationOutcome> {
  // A client without posts is skipped as the offline operation says, before any budget check.
  if (!includesPosts(context.client)) return scorePostsOperation().run(context);

  const parts = await llmRunParts(context, config, deps);
  if (parts.budget.dayExhausted()) return dayBudgetSpent(context);

  const scorer = new LlmPostScorer({
    ...parts,
    batchSize: config.batchSize,
    concurrency: config.concurrency,
    completionTokensPerItem: config.completionTokensPerLead,
    itemRetries: config.itemRetries,
  });
  // Each call scores enough posts to keep every concurrent request busy.
  const batchSize = config.batchSize * config.concurrency;
  const outcome = await scorePostsOperation({ scorer, batchSize }).run(context);
  return outcomeAfterStop(outcome, scorer.stopped);
}

/**
 * score-posts with the LLM post scorer. A provider that keeps failing or a spent budget fails
 * the client's record with 'provider_unavailable' or 'budget_exhausted'; posts not scored stay
 * due, so the next run (or a resume) picks them up.
 */
export function llmScorePostsOperation(config: LlmConfig, deps: LlmOperationDeps = {}): Operation {
  requireEndpoint(config);
  return { name: 'score-posts', run: (context) => run(context, config, deps) };
}

/** score-posts with the configured scorer: the offline one unless LEADBASE_SCORER=llm. */
export function configuredScorePostsOperation(config: LlmConfig | undefined): Operation {
  return config?.scorer === 'llm' ? llmScorePostsOperation(config) : scorePostsOperation();
}
