import { sql } from 'kysely';
import type { TenantStore } from '../db/tenancy.ts';
import { type Lead, leadFromRow } from '../leads/lead.ts';

// Which leads a run scores next. A lead is due when it was never scored, failed last time, was
// scored with another rubric version, or the words the scorer reads changed since it was scored
// (its old score stays shown until then), and this run has not settled it yet: a settled row
// (scored, disqualified, unqualified) is what lets a resumed run skip what it already did,
// while a failed row leaves the lead due, so that a retry of the run tries it again.

/** How many leads this run has settled (scored, disqualified or unqualified), across resumes. */
export async function countSettledInRun(store: TenantStore, runId: string): Promise<number> {
  const row = await store.db
    .selectFrom('lead_scores')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('run_id', '=', runId)
    .where('status', '!=', 'failed')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function hasAnyLead(store: TenantStore): Promise<boolean> {
  const row = await store.db.selectFrom('leads').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * Ids of the due leads, at most `limit`: those that failed in this run first (a retry re-attempts
 * them within the run's share of leads), then never-scored ones, failed ones last, oldest first.
 */
export async function dueLeadIds(
  store: TenantStore,
  rubricVersion: number,
  runId: string,
  limit?: number,
): Promise<string[]> {
  if (limit === 0) return [];
  const query = store.db
    .selectFrom('leads')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('score_status', 'in', ['pending', 'failed']),
        eb('scored_rubric_version', 'is', null),
        eb('scored_rubric_version', '!=', rubricVersion),
        // Words the scorer reads changed since the score (the same instant counts: the change
        // may have come after the words were read).
        eb('profile_changed_at', '>=', eb.ref('scored_at')),
      ]),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('lead_scores')
            .select('lead_scores.id')
            .whereRef('lead_scores.lead_id', '=', 'leads.id')
            .where('lead_scores.run_id', '=', runId)
            .where('lead_scores.status', '!=', 'failed'),
        ),
      ),
    )
    .orderBy((eb) =>
      eb
        .case()
        .when(
          eb.exists(
            eb
              .selectFrom('lead_scores as failed_here')
              .select('failed_here.id')
              .whereRef('failed_here.lead_id', '=', 'leads.id')
              .where('failed_here.run_id', '=', runId)
              .where('failed_here.status', '=', 'failed'),
          ),
        )
        .then(0)
        .else(1)
        .end(),
    )
    .orderBy(sql`case score_status when 'pending' then 0 when 'failed' then 2 else 1 end`)
    .orderBy('created_at')
    .orderBy('id');
  const rows = await (limit === undefined ? query : query.limit(limit)).execute();
  return rows.map((row) => row.id);
}

/** The leads with these ids and their identities, in the order of `ids`; gone ones omitted. */
export async function loadLeads(store: TenantStore, ids: string[]): Promise<Lead[]> {
  if (ids.length === 0) return [];
  const rows = await store.db.selectFrom('leads').selectAll().where('id', 'in', ids).execute();
  const identityRows = await store.db
    .selectFrom('lead_identities')
    .select(['lead_id', 'key'])
    .where('lead_id', 'in', ids)
    .orderBy('created_at')
    .orderBy('key')
    .execute();

  const identities = new Map<string, string[]>();
  for (const row of identityRows) {
    const keys = identities.get(row.lead_id) ?? [];
    keys.push(row.key);
    identities.set(row.lead_id, keys);
  }
  const byId = new Map(rows.map((row) => [row.id, leadFromRow(row, identities.get(row.id) ?? [])]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
