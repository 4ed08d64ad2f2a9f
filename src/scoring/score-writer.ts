import type { Kysely } from 'kysely';
import { nowIso } from '../clock.ts';
import type { TenantStore } from '../db/tenancy.ts';
import type { TenantDatabase } from '../db/tenant-schema.ts';
import type { ScoreDetail } from './score-detail.ts';
import { isScoreFailure, type ScoreFailure, scoreFailure } from './scorer.ts';

/** What one batch's write recorded, to report as progress. */
export interface RecordedBatch {
  succeeded: string[];
  failed: { leadId: string; code: string; message: string }[];
  /**
   * Leads deleted, merged away or changed since they were picked, or already settled by this
   * run.
   */
  skipped: number;
}

type Db = Kysely<TenantDatabase>;

/**
 * Inserts the run's score row, or replaces the row of an earlier failed attempt of this run (a
 * retry); false when this run already settled the lead (a resume).
 */
async function insertScoreRow(
  trx: Db,
  runId: string,
  leadId: string,
  result: ScoreDetail | ScoreFailure,
  rubricVersion: number,
  scorer: string,
  now: string,
): Promise<boolean> {
  const failed = isScoreFailure(result);
  const inserted = await trx
    .insertInto('lead_scores')
    .values({
      lead_id: leadId,
      run_id: runId,
      rubric_version: rubricVersion,
      scorer,
      score: failed ? null : result.score,
      status: failed ? 'failed' : result.status,
      detail: JSON.stringify(result),
      created_at: now,
    })
    .onConflict((conflict) =>
      conflict
        .columns(['lead_id', 'run_id'])
        .doUpdateSet((eb) => ({
          rubric_version: eb.ref('excluded.rubric_version'),
          scorer: eb.ref('excluded.scorer'),
          score: eb.ref('excluded.score'),
          status: eb.ref('excluded.status'),
          detail: eb.ref('excluded.detail'),
          created_at: eb.ref('excluded.created_at'),
        }))
        .where('lead_scores.status', '=', 'failed'),
    )
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
}

// Score columns belong to scoring alone, so these updates leave `version` (which guards what a
// person edits) alone: a run never makes a portal edit fail as a conflict.
async function applyScore(trx: Db, runId: string, leadId: string, detail: ScoreDetail) {
  await trx
    .updateTable('leads')
    .set({
      score: detail.score,
      score_status: detail.status,
      score_detail: JSON.stringify(detail),
      scored_at: detail.scoredAt,
      scored_rubric_version: detail.rubricVersion,
      scorer: detail.scorer,
    })
    .where('id', '=', leadId)
    .execute();
  const event = { runId, score: detail.score, status: detail.status, scorer: detail.scorer };
  await insertEvent(trx, leadId, 'scored', { ...event, rubricVersion: detail.rubricVersion });
}

async function applyFailure(trx: Db, runId: string, leadId: string, failure: ScoreFailure) {
  // The previous score, if any, stays visible; the status makes the lead due again.
  await trx.updateTable('leads').set({ score_status: 'failed' }).where('id', '=', leadId).execute();
  await insertEvent(trx, leadId, 'score_failed', { runId, code: failure.code });
}

async function insertEvent(trx: Db, leadId: string, type: string, detail: object) {
  await trx
    .insertInto('lead_events')
    .values({
      lead_id: leadId,
      type,
      source: 'score-leads',
      detail: JSON.stringify(detail),
      created_at: nowIso(),
    })
    .execute();
}

/**
 * Records one batch in one write transaction: a `lead_scores` row per lead for this run, the
 * lead's score columns and a lead event. A lead without an answer counts as failed. A lead whose
 * scored words changed since the scorer read them (`readProfiles`: each lead's profile change
 * time as read) is skipped: its score would quote words it no longer has, and it stays due.
 */
export async function recordBatch(
  store: TenantStore,
  input: {
    runId: string;
    leadIds: string[];
    readProfiles: Map<string, string | null>;
    results: Map<string, ScoreDetail | ScoreFailure>;
    rubricVersion: number;
    scorer: string;
  },
): Promise<RecordedBatch> {
  const recorded: RecordedBatch = { succeeded: [], failed: [], skipped: 0 };
  const now = nowIso();

  await store.dialect.writeTransaction(store.db, async (trx) => {
    const present = await trx
      .selectFrom('leads')
      .select(['id', 'profile_changed_at'])
      .where('id', 'in', input.leadIds)
      .execute();
    const stillThere = new Set(
      present
        .filter((row) => (row.profile_changed_at ?? null) === input.readProfiles.get(row.id))
        .map((row) => row.id),
    );

    for (const leadId of input.leadIds) {
      const result =
        input.results.get(leadId) ?? scoreFailure('answer_missing', 'the scorer gave no answer');
      const { runId, rubricVersion, scorer } = input;
      if (
        !stillThere.has(leadId) ||
        !(await insertScoreRow(trx, runId, leadId, result, rubricVersion, scorer, now))
      ) {
        recorded.skipped += 1;
        continue;
      }

      if (isScoreFailure(result)) {
        await applyFailure(trx, runId, leadId, result);
        recorded.failed.push({ leadId, code: result.code, message: result.message });
      } else {
        await applyScore(trx, runId, leadId, result);
        recorded.succeeded.push(leadId);
      }
    }
  });
  return recorded;
}
