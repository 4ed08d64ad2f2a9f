import type { Operation, OperationName } from '../runs/operation.ts';
import { loadLlmConfig } from '../scoring/llm-config.ts';
import { configuredScoreLeadsOperation } from '../scoring/llm-operation.ts';

/** What `run` can do here; the LLM scorer is chosen and configured by the environment only. */
export function cliOperations(env: NodeJS.ProcessEnv): Map<OperationName, Operation> {
  return new Map<OperationName, Operation>([
    ['score-leads', configuredScoreLeadsOperation(loadLlmConfig(env))],
  ]);
}

export const cliOperationNames: OperationName[] = ['score-leads'];
