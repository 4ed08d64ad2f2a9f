import { type Kysely, sql } from 'kysely';
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

type Result = ScoreDetail | ScoreFailure;

// Leads per statement: each lead takes at most 8 parameters, well inside either engine's limit.
const rowsPerStatement = 500;

/**
 * Inserts the run's score rows, replacing the rows of an earlier failed attempt of this run (a
 * retry), in one statement. Returns the leads written: a lead this run already settled (a
 * resume) is left out.
 */
async function insertScoreRows(
  trx: Db,
  results: [string, Result][],
  input: { runId: string; rubricVersion: number; scorer: string; now: string },
): Promise<Set<string>> {
  const rows = results.map(([leadId, result]) => {
    const failed = isScoreFailure(result);
    return {
      lead_id: leadId,
      run_id: input.runId,
      rubric_version: input.rubricVersion,
      scorer: input.scorer,
      score: failed ? null : result.score,
      status: failed ? 'failed' : result.status,
      detail: JSON.stringify(result),
      created_at: input.now,
    };
  });
  const written = await trx
    .insertInto('lead_scores')
    .values(rows)
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
    .returning('lead_id')
    .execute();
  return new Set(written.map((row) => row.lead_id));
}

// Score columns belong to scoring alone, so these updates leave `version` (which guards what a
// person edits) alone: a run never makes a portal edit fail as a conflict.
async function applyScores(trx: Db, floatType: string, scored: [string, ScoreDetail][]) {
  if (scored.length === 0) return;
  // Parameters in a VALUES list have no type of their own on PostgreSQL: the casts give them
  // their columns' types.
  const float = sql.raw(floatType);
  const rows = scored.map(
    ([leadId, detail]) =>
      sql`(${leadId}, cast(${detail.score} as ${float}), ${detail.status}, ${JSON.stringify(detail)}, ${detail.scoredAt}, cast(${detail.rubricVersion} as integer), ${detail.scorer})`,
  );
  await trx
    .with(
      'incoming(id, score, status, detail, scored_at, rubric_version, scorer)',
      () => sql<ScoreColumns>`(values ${sql.join(rows)})`,
    )
    .updateTable('leads')
    .from('incoming')
    .set((eb) => ({
      score: eb.ref('incoming.score'),
      score_status: eb.ref('incoming.status'),
      score_detail: eb.ref('incoming.detail'),
      scored_at: eb.ref('incoming.scored_at'),
      scored_rubric_version: eb.ref('incoming.rubric_version'),
      scorer: eb.ref('incoming.scorer'),
    }))
    .whereRef('leads.id', '=', 'incoming.id')
    .execute();
}

interface ScoreColumns {
  id: string;
  score: number;
  status: string;
  detail: string;
  scored_at: string;
  rubric_version: number;
  scorer: string;
}

async function applyFailures(trx: Db, failed: string[]) {
  if (failed.length === 0) return;
  // The previous score, if any, stays visible; the status makes the lead due again.
  await trx
    .updateTable('leads')
    .set({ score_status: 'failed' })
    .where('id', 'in', failed)
    .execute();
}

function scoreEvent(runId: string, leadId: string, result: Result, at: string) {
  const detail = isScoreFailure(result)
    ? { runId, code: result.code }
    : {
        runId,
        score: result.score,
        status: result.status,
        scorer: result.scorer,
        rubricVersion: result.rubricVersion,
      };
  return {
    lead_id: leadId,
    type: isScoreFailure(result) ? 'score_failed' : 'scored',
    source: 'score-leads',
    detail: JSON.stringify(detail),
    created_at: at,
  };
}

/** Writes one chunk of a batch: score rows, then the score columns and events of those written. */
async function writeChunk(
  trx: Db,
  floatType: string,
  chunk: [string, Result][],
  input: { runId: string; rubricVersion: number; scorer: string; now: string },
): Promise<[string, Result][]> {
  const written = await insertScoreRows(trx, chunk, input);
  const landed = chunk.filter(([leadId]) => written.has(leadId));
  if (landed.length === 0) return landed;

  const scored = landed.filter(
    (entry): entry is [string, ScoreDetail] => !isScoreFailure(entry[1]),
  );
  await applyScores(trx, floatType, scored);
  await applyFailures(
    trx,
    landed.filter(([, result]) => isScoreFailure(result)).map(([leadId]) => leadId),
  );
  const at = nowIso();
  const events = landed.map(([leadId, result]) => scoreEvent(input.runId, leadId, result, at));
  await trx.insertInto('lead_events').values(events).execute();
  return landed;
}

/**
 * Each lead still as the scorer read it, with its result (a missing answer is a failure). A
 * lead named twice in one batch is written once: the second counts as skipped.
 */
function pendingResults(
  input: { leadIds: string[]; results: Map<string, Result> },
  stillThere: Set<string>,
): [string, Result][] {
  const pending = new Map<string, Result>();
  for (const leadId of input.leadIds) {
    if (!stillThere.has(leadId) || pending.has(leadId)) continue;
    const missing = scoreFailure('answer_missing', 'the scorer gave no answer');
    pending.set(leadId, input.results.get(leadId) ?? missing);
  }
  return [...pending];
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

    const entries = pendingResults(input, stillThere);
    const context = { ...input, now };
    for (let start = 0; start < entries.length; start += rowsPerStatement) {
      const chunk = entries.slice(start, start + rowsPerStatement);
      const landed = await writeChunk(trx, store.dialect.floatType, chunk, context);
      for (const [leadId, result] of landed) {
        if (isScoreFailure(result)) {
          recorded.failed.push({ leadId, code: result.code, message: result.message });
        } else {
          recorded.succeeded.push(leadId);
        }
      }
    }
    recorded.skipped = input.leadIds.length - recorded.succeeded.length - recorded.failed.length;
  });
  return recorded;
}
