import { type ApifyConfig, apifyConfigFromEnv } from '../posts/apify-config.ts';
import { harvestPostsOperation } from '../posts/harvest-posts-operation.ts';
import { configuredScorePostsOperation } from '../posts/llm-post-operation.ts';
import { type LlmConfig, loadLlmConfig } from '../scoring/llm-config.ts';
import { configuredScoreLeadsOperation } from '../scoring/llm-operation.ts';
import type { Operation, OperationName } from './operation.ts';

/** What the operations are configured with: the scorers (and the LLM endpoint), and Apify. */
export interface OperationConfig {
  /** Absent or `scorer: 'offline'`: the offline scorers; `scorer: 'llm'`: the model scorers. */
  llm: LlmConfig | undefined;
  /**
   * Apify's settings, read when work needs them (a harvest, an Apify webhook), so a bad value
   * fails only that work; undefined when Apify is not configured.
   */
  apify: () => ApifyConfig | undefined;
}

/** LEADBASE_SCORER and LEADBASE_LLM_* now (a bad value is an error), LEADBASE_APIFY_* when used. */
export function operationConfigFromEnv(env: NodeJS.ProcessEnv): OperationConfig {
  return { llm: loadLlmConfig(env), apify: () => apifyConfigFromEnv(env) };
}

/**
 * The one map from operation names to operations, built from configuration: the CLI's `run`,
 * the server's runs and any worker take theirs from here, so all of them score with the same
 * scorers (the LLM ones when LEADBASE_SCORER=llm).
 */
export function operationRegistry(config: OperationConfig): ReadonlyMap<OperationName, Operation> {
  return new Map<OperationName, Operation>([
    ['score-leads', configuredScoreLeadsOperation(config.llm)],
    ['harvest-posts', harvestPostsOperation({ apify: config.apify })],
    ['score-posts', configuredScorePostsOperation(config.llm)],
  ]);
}
