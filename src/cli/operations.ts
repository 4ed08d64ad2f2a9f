import { apifyConfigFromEnv } from '../posts/apify-config.ts';
import { harvestPostsOperation } from '../posts/harvest-posts-operation.ts';
import { scorePostsOperation } from '../posts/score-posts-operation.ts';
import type { Operation, OperationName } from '../runs/operation.ts';
import { loadLlmConfig } from '../scoring/llm-config.ts';
import { configuredScoreLeadsOperation } from '../scoring/llm-operation.ts';

/**
 * What `run` can do here. The LLM scorer and Apify are chosen and configured by the environment
 * only; Apify settings are read when a harvest starts, so a bad one fails only that record.
 */
export function cliOperations(env: NodeJS.ProcessEnv): Map<OperationName, Operation> {
  return new Map<OperationName, Operation>([
    ['score-leads', configuredScoreLeadsOperation(loadLlmConfig(env))],
    ['harvest-posts', harvestPostsOperation({ apify: () => apifyConfigFromEnv(env) })],
    ['score-posts', scorePostsOperation()],
  ]);
}

export const cliOperationNames: OperationName[] = ['score-leads', 'harvest-posts', 'score-posts'];
