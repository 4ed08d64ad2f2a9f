import type { Kysely } from 'kysely';
import type { TenantStore } from '../db/tenancy.ts';
import type { TenantDatabase } from '../db/tenant-schema.ts';
import { bestScoredPost, leadKeys } from '../posts/lead-post-state.ts';
import { type Post, postFromRow } from '../posts/post.ts';
import type { Lead } from './lead.ts';
import { getLead } from './lead-query.ts';

/** What a lead's posts are worth: its best scored post's score, and that post. */
export interface LeadPostRelevance {
  score: number;
  /** When the best post got its score. */
  scoredAt: string | null;
  bestPost: Post;
}

/** A lead as its own page shows it: every field, and what its posts are worth. */
export interface LeadDetail extends Lead {
  /** Null until one of the lead's posts is scored. */
  postRelevance: LeadPostRelevance | null;
}

/**
 * What the lead's posts are worth now, read from its posts rather than from the relevance post
 * scoring last stored (lead_post_state): that one lags when a post is re-attributed, re-worded
 * (its score pending again) or the lead re-created after its posts were scored.
 */
async function postRelevanceOf(
  db: Kysely<TenantDatabase>,
  leadId: string,
): Promise<LeadPostRelevance | null> {
  const best = await bestScoredPost(db, await leadKeys(db, leadId));
  if (!best || best.score === null) return null;
  return { score: best.score, scoredAt: best.scored_at, bestPost: postFromRow(best) };
}

/** A lead read (or just written) with its post relevance. */
export async function leadDetailOf(store: TenantStore, lead: Lead): Promise<LeadDetail> {
  return { ...lead, postRelevance: await postRelevanceOf(store.db, lead.id) };
}

/** A lead by its id or any LinkedIn reference to it, as its own page shows it. */
export async function getLeadDetail(
  store: TenantStore,
  idOrReference: string,
): Promise<LeadDetail> {
  return leadDetailOf(store, await getLead(store, idOrReference));
}
