import { isAppError } from '../errors.ts';
import { logger } from '../logger.ts';
import type { Operation, OperationContext, OperationOutcome } from '../runs/operation.ts';
import { offlineScorer } from './offline-scorer.ts';
import { currentRubric, type RubricVersion } from './rubric-store.ts';
import { recordedWork } from './run-recorded-work.ts';
import type { ScoreDetail } from './score-detail.ts';
import { countSettledInRun, dueLeadIds, hasAnyLead, loadLeads } from './score-queue.ts';
import { type RecordedBatch, recordBatch } from './score-writer.ts';
import type { LeadScorer, ScoreFailure } from './scorer.ts';

const defaultBatchSize = 50;

interface Tally {
  examined: number;
  succeeded: number;
  failed: number;
}

async function report(context: OperationContext, ids: string[], recorded: RecordedBatch) {
  const { progress } = context;
  if (progress.batch) {
    const failures = recorded.failed.map(({ leadId, code, message }) => ({
      itemId: leadId,
      code,
      message,
    }));
    await progress.batch({
      examined: ids.length,
      succeededIds: recorded.succeeded,
      failures,
      skipped: recorded.skipped,
    });
    return;
  }
  await progress.examined(ids.length);
  if (recorded.succeeded.length > 0) await progress.succeeded(recorded.succeeded);
  for (const failure of recorded.failed) {
    await progress.failed(failure.leadId, failure.code, failure.message);
  }
  if (recorded.skipped > 0) await progress.skipped(recorded.skipped);
}

/**
 * How many more leads this run may score (undefined: no limit), less what it already settled:
 * a lead that failed in this run is still within the run's share, to be tried again.
 */
async function allowance(context: OperationContext): Promise<number | undefined> {
  const limit = context.client.settings.leadsPerRun;
  if (limit <= 0) return undefined;
  return Math.max(0, limit - (await countSettledInRun(context.store, context.runId)));
}

function scorerUnavailable(scorer: LeadScorer, error: unknown): OperationOutcome {
  const code = isAppError(error) ? error.code : 'scorer_unavailable';
  const message = `the ${scorer.name} scorer failed: ${error instanceof Error ? error.message : String(error)}`;
  return { status: 'failed', code, message };
}

async function scoreDueLeads(
  context: OperationContext,
  rubric: RubricVersion,
  scorer: LeadScorer,
  batchSize: number,
): Promise<Tally | OperationOutcome> {
  const { store, runId, signal } = context;
  const tally: Tally = { examined: 0, succeeded: 0, failed: 0 };
  // One query up front: re-querying per batch would rescan every lead for each batch.
  const due = await dueLeadIds(store, rubric.version, runId, await allowance(context));

  for (let start = 0; start < due.length; start += batchSize) {
    signal.throwIfAborted();
    const ids = due.slice(start, start + batchSize);

    const leads = await loadLeads(store, ids);
    let results: Map<string, ScoreDetail | ScoreFailure>;
    try {
      results = await scorer.scoreBatch(leads, rubric, signal);
    } catch (error) {
      if (signal.aborted) throw error;
      return scorerUnavailable(scorer, error);
    }

    const recorded = await recordBatch(store, {
      runId,
      leadIds: ids,
      readProfiles: new Map(leads.map((lead) => [lead.id, lead.profileChangedAt])),
      results,
      rubricVersion: rubric.version,
      scorer: scorer.name,
    });
    // A crash before this report leaves the batch out of the ledger's counters until the next
    // attempt at the record reconciles them (reconcileEarlierAttempts).
    await report(context, ids, recorded);

    tally.examined += ids.length;
    tally.succeeded += recorded.succeeded.length;
    tally.failed += recorded.failed.length;
  }
  return tally;
}

/**
 * On a later attempt at the record, first counts in the ledger what earlier attempts wrote but
 * may not have reported. Exact for settled leads, which are written once per run.
 * TODO(counters lost in a crash): failed and examined stay short when a lost batch's failures
 * are outnumbered by earlier failures of leads since settled – count each batch's report in
 * the ledger when exact failure counts matter.
 */
async function reconcileEarlierAttempts(context: OperationContext): Promise<void> {
  if ((context.attempt ?? 1) <= 1 || !context.progress.reconcile) return;
  await context.progress.reconcile(await recordedWork(context.store, context.runId));
}

async function run(
  context: OperationContext,
  scorer: LeadScorer,
  batchSize: number,
): Promise<OperationOutcome> {
  const startedAt = Date.now();
  const rubric = await currentRubric(context.store);
  if (!rubric) {
    const message = `client ${context.client.id} has no rubric to score against`;
    return { status: 'failed', code: 'rubric_missing', message };
  }

  await reconcileEarlierAttempts(context);
  const tally = await scoreDueLeads(context, rubric, scorer, batchSize);
  if ('status' in tally) return tally;

  logger.info(
    {
      clientId: context.client.id,
      runId: context.runId,
      rubricVersion: rubric.version,
      scorer: scorer.name,
      ...tally,
      durationMs: Date.now() - startedAt,
    },
    'leads scored',
  );
  if (tally.examined === 0 && !(await hasAnyLead(context.store))) {
    return { status: 'skipped', code: 'no_leads', message: 'the client has no leads yet' };
  }
  if (tally.failed > 0 && tally.succeeded === 0) {
    const message = `none of the ${tally.examined} leads examined could be scored`;
    return { status: 'failed', code: 'scoring_failed', message };
  }
  return { status: 'succeeded' };
}

/**
 * Scores the client's due leads against its current rubric, in batches, each batch written in
 * one transaction and reported as it lands. Resumable: a run resumed under the same id skips
 * the leads it already settled and tries again those that failed. A cancelled run stops
 * between batches by throwing the signal's reason.
 */
export function scoreLeadsOperation(
  options: { scorer?: LeadScorer; batchSize?: number } = {},
): Operation {
  const scorer = options.scorer ?? offlineScorer;
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? defaultBatchSize));
  return {
    name: 'score-leads',
    run: (context) => run(context, scorer, batchSize),
  };
}
