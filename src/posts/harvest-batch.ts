import { isAppError } from '../errors.ts';
import { profileKey } from '../leads/identity.ts';
import type { OperationContext } from '../runs/operation.ts';
import type { ApifyClient, ApifyRun } from './apify-client.ts';
import { apifyPostInputs } from './apify-posts.ts';
import { asItem, pickText } from './field-pick.ts';
import type { HarvestLead } from './harvest-eligibility.ts';
import { startHarvestEntry, updateHarvestEntry } from './harvest-log.ts';
import { leadIdsByKey } from './lead-links.ts';
import { markPostsChecked } from './lead-post-state.ts';
import { fieldNames } from './post-item-fields.ts';
import { writePostInputs } from './post-store.ts';

export interface HarvestDeps {
  apify: ApifyClient;
  now: () => Date;
}

export type BatchResult =
  | { ok: true; newPosts: number; withPosts: number; withoutPosts: number }
  | { ok: false; code: string; message: string };

interface Batch {
  context: OperationContext;
  deps: HarvestDeps;
  leads: HarvestLead[];
  entryId: number;
}

/** The actor input for a batch of profiles (harvestapi's shape), plus configured extras. */
export function actorInput(apify: ApifyClient, profileUrls: string[]): Record<string, unknown> {
  return {
    ...apify.config.extraInput,
    targetUrls: profileUrls,
    maxPosts: apify.config.maxPostsPerProfile,
  };
}

async function fail(batch: Batch, code: string, message: string, status: 'failed' | 'suspect') {
  const finishedAt = batch.deps.now().toISOString();
  await updateHarvestEntry(batch.context.store, batch.entryId, {
    status,
    code,
    message,
    finishedAt,
  });
  return { ok: false, code, message } satisfies BatchResult;
}

async function noteRun(batch: Batch, run: ApifyRun): Promise<void> {
  await updateHarvestEntry(batch.context.store, batch.entryId, {
    status: 'running',
    externalRunId: run.id,
    datasetId: run.defaultDatasetId,
  });
  await batch.context.progress.externalRun?.({
    provider: 'apify',
    externalRunId: run.id,
    status: run.status,
    datasetId: run.defaultDatasetId,
  });
}

/** Waits for the run; when our run is cancelled meanwhile, the actor run is aborted too. */
async function waitForEnd(batch: Batch, run: ApifyRun): Promise<ApifyRun> {
  const { apify } = batch.deps;
  try {
    return await apify.waitForRun(run.id, batch.context.signal);
  } catch (error) {
    if (batch.context.signal.aborted) {
      await apify.abortRun(run.id, AbortSignal.timeout(10_000)).catch(() => undefined);
      await fail(batch, 'cancelled', `run cancelled; Apify run ${run.id} aborted`, 'failed');
    }
    throw error;
  }
}

async function finishedRun(batch: Batch): Promise<ApifyRun | BatchResult> {
  const { apify } = batch.deps;
  const { signal } = batch.context;
  const started = await apify.startRun(
    actorInput(
      apify,
      batch.leads.map((lead) => lead.profileUrl),
    ),
    signal,
  );
  await noteRun(batch, started);

  let run = await waitForEnd(batch, started);
  if (run.status === 'RUNNING' || run.status === 'READY') {
    run = await apify.abortRun(run.id, signal);
    await noteRun(batch, run);
    return fail(
      batch,
      'apify_run_timeout',
      `Apify run ${run.id} did not finish in time; aborted`,
      'failed',
    );
  }
  await noteRun(batch, run);
  if (run.status !== 'SUCCEEDED' || !run.defaultDatasetId) {
    const why = run.statusMessage ? `: ${run.statusMessage}` : '';
    return fail(
      batch,
      'apify_run_failed',
      `Apify run ${run.id} ended ${run.status}${why}`,
      'failed',
    );
  }
  return run;
}

/**
 * The profiles items say they were harvested for (actors that echo their input). A lead asked
 * for by member-ID URL may come back under its vanity slug; the echo still names it.
 * TODO(identity links): link a vanity slug and member ID an item states together to the lead –
 * when the lead writer can take identity links from a post source.
 */
function harvestedProfileKeys(items: unknown[]): (string | null)[] {
  return items.map((item) => profileKey(pickText(asItem(item), fieldNames.harvestedProfile)));
}

/**
 * Records what a run that delivered posts says about each lead of the batch: posts found, or
 * none. Only called when the run as a whole delivered posts (BR-18).
 */
async function markLeads(batch: Batch, authorKeys: (string | null)[], at: string) {
  const { store } = batch.context;
  const links = await leadIdsByKey(store.db, authorKeys);
  const found = new Set(links.values());
  const withPosts = batch.leads.filter((lead) => found.has(lead.id)).map((lead) => lead.id);
  const withoutPosts = batch.leads.filter((lead) => !found.has(lead.id)).map((lead) => lead.id);
  await store.dialect.writeTransaction(store.db, async (trx) => {
    await markPostsChecked(trx, withPosts, 'posts', at);
    await markPostsChecked(trx, withoutPosts, 'none', at);
  });
  return { withPosts, withoutPosts };
}

async function deliver(batch: Batch, run: ApifyRun): Promise<BatchResult> {
  const { context, deps, leads } = batch;
  let items: unknown[];
  try {
    items = await deps.apify.datasetItems(run.defaultDatasetId!, context.signal);
  } catch (error) {
    if (!isAppError(error) || context.signal.aborted) throw error;
    return fail(
      batch,
      'result_unavailable',
      `dataset of Apify run ${run.id}: ${error.message}`,
      'failed',
    );
  }

  const parsed = apifyPostInputs(items, { now: deps.now() });
  if (parsed.inputs.length === 0) {
    // BR-18: a run that "succeeded" with nothing is suspect, not "no posts" for everyone.
    const message = `0 posts for ${leads.length} profiles from Apify run ${run.id} (${items.length} items); no lead is recorded as having none`;
    return fail(batch, 'suspect_empty_result', message, 'suspect');
  }

  const counts = await writePostInputs(context.store, parsed.inputs);
  const at = deps.now().toISOString();
  const keys = [
    ...parsed.inputs.flatMap((input) => [input.authorKey, input.authorMemberKey]),
    ...harvestedProfileKeys(items),
  ];
  const { withPosts, withoutPosts } = await markLeads(batch, keys, at);
  await updateHarvestEntry(context.store, batch.entryId, {
    status: 'succeeded',
    items: items.length,
    posts: counts.posts,
    newPosts: counts.created,
    finishedAt: at,
  });
  await context.progress.succeeded(leads.map((lead) => lead.id));
  return {
    ok: true,
    newPosts: counts.created,
    withPosts: withPosts.length,
    withoutPosts: withoutPosts.length,
  };
}

/** One actor run for a batch of leads: start, wait, fetch, import, mark the leads checked. */
export async function harvestBatch(
  context: OperationContext,
  deps: HarvestDeps,
  leads: HarvestLead[],
  clientDay: string,
): Promise<BatchResult> {
  const at = deps.now().toISOString();
  const entryId = await startHarvestEntry(context.store, {
    runId: context.runId,
    clientDay,
    profiles: leads.length,
    at,
  });
  const batch: Batch = { context, deps, leads, entryId };
  await context.progress.examined(leads.length);

  const run = await finishedRun(batch).catch(async (error: unknown) => {
    if (!isAppError(error) || context.signal.aborted) throw error;
    return fail(batch, error.code, error.message, 'failed');
  });
  if ('ok' in run) return run;
  return deliver(batch, run);
}
