import type { Kysely } from 'kysely';
import type { TenantDatabase } from '../db/tenant-schema.ts';

export type PostCheckResult = 'posts' | 'none';

/** Records that these leads' posts were checked at `at`, and what the check found. */
export async function markPostsChecked(
  db: Kysely<TenantDatabase>,
  leadIds: string[],
  result: PostCheckResult,
  at: string,
): Promise<void> {
  for (const leadId of leadIds) {
    await db
      .insertInto('lead_post_state')
      .values({ lead_id: leadId, checked_at: at, check_result: result, updated_at: at })
      .onConflict((conflict) =>
        conflict
          .column('lead_id')
          .doUpdateSet({ checked_at: at, check_result: result, updated_at: at }),
      )
      .execute();
  }
}

/** The identities of a lead: a post is the lead's when its author key is one of them. */
export async function leadKeys(db: Kysely<TenantDatabase>, leadId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('lead_identities')
    .select('key')
    .where('lead_id', '=', leadId)
    .execute();
  return rows.map((row) => row.key);
}

/**
 * A lead's best post: its highest-scored post among those scored against their current text
 * (newest first on a tie), written by any of its identities (`keys`, from leadKeys). Undefined
 * when none is scored.
 */
export async function bestScoredPost(db: Kysely<TenantDatabase>, keys: string[]) {
  if (keys.length === 0) return undefined;
  return db
    .selectFrom('posts')
    .selectAll()
    .where('score_status', '=', 'scored')
    .where((eb) => eb.or([eb('author_key', 'in', keys), eb('author_member_key', 'in', keys)]))
    .orderBy('score', 'desc')
    .orderBy('posted_at', 'desc')
    .orderBy('id')
    .executeTakeFirst();
}

/**
 * A lead's post relevance is its best post's score: recomputed for each lead given, from all
 * its scored posts.
 */
export async function refreshPostRelevance(
  db: Kysely<TenantDatabase>,
  leadIds: Iterable<string>,
  at: string,
): Promise<void> {
  for (const leadId of new Set(leadIds)) {
    const keys = await leadKeys(db, leadId);
    if (keys.length === 0) continue;
    const best = await bestScoredPost(db, keys);
    const values = { post_relevance: best?.score ?? null, best_post_id: best?.id ?? null };
    await db
      .insertInto('lead_post_state')
      .values({ lead_id: leadId, ...values, updated_at: at })
      .onConflict((conflict) =>
        conflict.column('lead_id').doUpdateSet({ ...values, updated_at: at }),
      )
      .execute();
  }
}
