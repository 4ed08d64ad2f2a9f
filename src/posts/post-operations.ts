import type { Operation } from '../runs/operation.ts';
import { apifyConfigFromEnv } from './apify-config.ts';
import { harvestPostsOperation } from './harvest-posts-operation.ts';
import { scorePostsOperation } from './score-posts-operation.ts';

/**
 * The posts side's operations, configured from the environment only (LEADBASE_APIFY_*), for
 * whoever maps operation names to operations (the CLI's `run`, the API, workers).
 */
export function postOperations(env: NodeJS.ProcessEnv): Operation[] {
  return [harvestPostsOperation({ apify: () => apifyConfigFromEnv(env) }), scorePostsOperation()];
}
