import type { TenantStore } from '../db/tenancy.ts';

/** What a run has recorded in a client's store so far: the leads it settled, and how many failed. */
export interface RecordedWork {
  settledIds: string[];
  failed: number;
}

/**
 * Read on a later attempt at a run's record only: lead_scores has no index by run alone, and
 * every lead may have a row.
 * TODO(scale): add an index on lead_scores (run_id) – when resumes of large runs show up slow.
 */
export async function recordedWork(store: TenantStore, runId: string): Promise<RecordedWork> {
  const rows = await store.db
    .selectFrom('lead_scores')
    .select(['lead_id', 'status'])
    .where('run_id', '=', runId)
    .execute();
  const settled = rows.filter((row) => row.status !== 'failed');
  return {
    settledIds: settled.map((row) => row.lead_id),
    failed: rows.length - settled.length,
  };
}
