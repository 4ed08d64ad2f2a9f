import { z } from 'zod';
import { AppError } from '../errors.ts';
import { issuesFromZod } from '../scoring/zod-issues.ts';

/** How Leadbase reaches Apify. Secrets come only from the environment. */
export interface ApifyConfig {
  /** The API's origin, e.g. https://api.apify.com. No default: nothing is called unless set. */
  baseUrl: string;
  token: string;
  /** The profile-posts actor, as `username~actor-name` or its ID. */
  actorId: string;
  /** Extra actor input merged into every run's input (LEADBASE_APIFY_INPUT, JSON). */
  extraInput: Record<string, unknown>;
  /** Posts asked for per profile. */
  maxPostsPerProfile: number;
  /** Seconds one status request lets Apify hold the answer until the run finishes (≤ 60). */
  waitSecs: number;
  /** Pause between two status requests of a run that has not finished. */
  pollIntervalMs: number;
  /** How long a run may take in all before Leadbase aborts it and gives up. */
  maxRunMs: number;
  /** Bound on any one HTTP request. */
  requestTimeoutMs: number;
  /** Attempts for a request answered 429 or 5xx (or failing on the network, for reads). */
  attempts: number;
  /** First back-off delay; it doubles per attempt, with jitter, unless Retry-After says more. */
  retryBaseMs: number;
  /** Dataset items fetched per page. */
  pageSize: number;
}

export const defaultActorId = 'harvestapi~linkedin-profile-posts';

const envSchema = z.object({
  LEADBASE_APIFY_BASE_URL: z.url({ protocol: /^https?$/ }),
  LEADBASE_APIFY_TOKEN: z.string().trim().min(1),
  LEADBASE_APIFY_ACTOR: z.string().trim().min(1).default(defaultActorId),
  LEADBASE_APIFY_INPUT: z
    .string()
    .default('{}')
    .transform((text, context) => {
      try {
        return z.record(z.string(), z.unknown()).parse(JSON.parse(text));
      } catch {
        context.addIssue({ code: 'custom', message: 'must be a JSON object' });
        return z.NEVER;
      }
    }),
  LEADBASE_APIFY_MAX_POSTS: z.coerce.number().int().positive().default(10),
  LEADBASE_APIFY_MAX_RUN_MINUTES: z.coerce.number().positive().default(30),
});

/**
 * The Apify configuration from the environment, or undefined when no base URL or token is set
 * (the harvest then fails with `apify_not_configured`). A value set but invalid is an error.
 */
export function apifyConfigFromEnv(env: NodeJS.ProcessEnv): ApifyConfig | undefined {
  if (!env.LEADBASE_APIFY_BASE_URL && !env.LEADBASE_APIFY_TOKEN) return undefined;
  const result = envSchema.safeParse(env, {
    error: (issue) => (issue.input === undefined ? 'is required' : undefined),
  });
  if (!result.success) {
    const issues = issuesFromZod(result.error.issues);
    const summary = issues.map((issue) => `${issue.path} ${issue.message}`).join('; ');
    throw new AppError('validation_failed', `invalid Apify settings: ${summary}`, { issues });
  }
  const values = result.data;
  return {
    baseUrl: values.LEADBASE_APIFY_BASE_URL.replace(/\/+$/, ''),
    token: values.LEADBASE_APIFY_TOKEN,
    actorId: values.LEADBASE_APIFY_ACTOR,
    extraInput: values.LEADBASE_APIFY_INPUT,
    maxPostsPerProfile: values.LEADBASE_APIFY_MAX_POSTS,
    waitSecs: 60,
    pollIntervalMs: 5_000,
    maxRunMs: values.LEADBASE_APIFY_MAX_RUN_MINUTES * 60_000,
    requestTimeoutMs: 90_000,
    attempts: 4,
    retryBaseMs: 1_000,
    pageSize: 1_000,
  };
}
