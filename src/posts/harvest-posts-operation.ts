import { calendarDateIn } from '../clock.ts';
import { logger } from '../logger.ts';
import type { Operation, OperationContext, OperationOutcome } from '../runs/operation.ts';
import { ApifyClient } from './apify-client.ts';
import type { ApifyConfig } from './apify-config.ts';
import { type HarvestDeps, harvestBatch } from './harvest-batch.ts';
import { eligibleLeads } from './harvest-eligibility.ts';
import { harvestedOn } from './harvest-log.ts';
import { includesPosts } from './post-service.ts';

const dayMs = 24 * 60 * 60 * 1000;

export interface HarvestPostsOptions {
  /**
   * Apify settings (src/posts/apify-config.ts), or how to read them when a harvest starts (so a
   * bad setting fails the harvest record, not every command); absent: `apify_not_configured`.
   */
  apify: ApifyConfig | undefined | (() => ApifyConfig | undefined);
  now?: () => Date;
}

interface Tally {
  batches: number;
  leads: number;
  newPosts: number;
}

function skipped(code: string, message: string): OperationOutcome {
  return { status: 'skipped', code, message };
}

/** Why no (further) batch may start today, or null. */
function dailyLimit(context: OperationContext, today: { newPosts: number; batches: number }) {
  const { settings } = context.client;
  if (today.newPosts >= settings.postsPerDay) {
    return skipped(
      'daily_target_met',
      `${today.newPosts} of ${settings.postsPerDay} posts harvested today`,
    );
  }
  if (today.batches >= settings.postsMaxBatchesPerDay) {
    return skipped(
      'batch_limit_reached',
      `${today.batches} of ${settings.postsMaxBatchesPerDay} harvest batches run today`,
    );
  }
  return null;
}

async function harvest(context: OperationContext, deps: HarvestDeps): Promise<OperationOutcome> {
  const { client, store, signal } = context;
  const { settings } = client;
  const tally: Tally = { batches: 0, leads: 0, newPosts: 0 };
  const clientDay = calendarDateIn(client.timeZone, deps.now());

  for (;;) {
    signal.throwIfAborted();
    const today = await harvestedOn(store, clientDay);
    const limit = dailyLimit(context, today);
    if (limit) return tally.batches === 0 ? limit : succeeded(context, tally);

    // Ask for no more profiles than the posts still wanted today can come from.
    const wanted = settings.postsPerDay - today.newPosts;
    const size = Math.min(
      settings.postsBatchSize,
      Math.ceil(wanted / deps.apify.config.maxPostsPerProfile),
    );
    const leads = await eligibleLeads(store, {
      threshold: settings.scoreThreshold,
      checkedBefore: new Date(
        deps.now().getTime() - settings.postsRecheckDays * dayMs,
      ).toISOString(),
      limit: Math.max(1, size),
    });
    if (leads.length === 0) {
      if (tally.batches > 0) return succeeded(context, tally);
      return skipped(
        'no_eligible_leads',
        `no lead scored ${settings.scoreThreshold} or more is due for a post check`,
      );
    }

    const result = await harvestBatch(context, deps, leads, clientDay);
    if (!result.ok) return { status: 'failed', code: result.code, message: result.message };
    tally.batches += 1;
    tally.leads += leads.length;
    tally.newPosts += result.newPosts;
  }
}

function succeeded(context: OperationContext, tally: Tally): OperationOutcome {
  logger.info({ clientId: context.client.id, runId: context.runId, ...tally }, 'posts harvested');
  return { status: 'succeeded' };
}

async function run(
  context: OperationContext,
  options: HarvestPostsOptions,
): Promise<OperationOutcome> {
  const { client } = context;
  if (!includesPosts(client)) {
    return skipped(
      'service_level',
      `client ${client.id} has service level ${client.serviceLevel}, without posts`,
    );
  }
  const apify = typeof options.apify === 'function' ? options.apify() : options.apify;
  if (!apify) {
    const message = 'Apify is not configured: set LEADBASE_APIFY_BASE_URL and LEADBASE_APIFY_TOKEN';
    return { status: 'failed', code: 'apify_not_configured', message };
  }
  const deps: HarvestDeps = {
    apify: new ApifyClient(apify),
    now: options.now ?? (() => new Date()),
  };
  return harvest(context, deps);
}

/**
 * The `harvest-posts` operation: for a client whose service level includes posts, asks the Apify
 * actor for the posts of eligible leads, batch by batch within the client's daily target and
 * batch limit, and imports what it delivers.
 */
export function harvestPostsOperation(options: HarvestPostsOptions): Operation {
  return { name: 'harvest-posts', run: (context) => run(context, options) };
}
