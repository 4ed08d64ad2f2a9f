import type { Operation, OperationName } from '../runs/operation.ts';
import { operationConfigFromEnv, operationRegistry } from '../runs/operation-registry.ts';

/**
 * What `run` can do here: the operation registry, configured by the environment only (the LLM
 * scorers with LEADBASE_SCORER=llm; Apify settings read when a harvest starts, so a bad one
 * fails only that record).
 */
export function cliOperations(env: NodeJS.ProcessEnv): ReadonlyMap<OperationName, Operation> {
  return operationRegistry(operationConfigFromEnv(env));
}

export const cliOperationNames: OperationName[] = ['score-leads', 'harvest-posts', 'score-posts'];
