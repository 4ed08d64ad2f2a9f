import type { Kysely } from 'kysely';
import type { TenantStore } from '../db/tenancy.ts';
import type { TenantDatabase } from '../db/tenant-schema.ts';
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

/** The post relevance that post scoring stored for a lead (lead_post_state), with its post. */
export async function postRelevanceOf(
  db: Kysely<TenantDatabase>,
  leadId: string,
): Promise<LeadPostRelevance | null> {
  const row = await db
    .selectFrom('lead_post_state as state')
    .innerJoin('posts', 'posts.id', 'state.best_post_id')
    .selectAll('posts')
    .select('state.post_relevance as relevance')
    .where('state.lead_id', '=', leadId)
    .executeTakeFirst();
  if (!row || row.relevance === null) return null;

  const { relevance, ...post } = row;
  return { score: relevance, scoredAt: post.scored_at, bestPost: postFromRow(post) };
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
