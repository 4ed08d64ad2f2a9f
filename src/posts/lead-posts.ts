import type { TenantStore } from '../db/tenancy.ts';
import { leadKeys } from './lead-post-state.ts';
import { type Post, postFromRow } from './post.ts';
import { resolveLead } from './post-actions.ts';

export interface LeadPosts {
  leadId: string;
  /** Newest first; reposts are the lead's too. */
  posts: Post[];
}

/** The posts of a lead (named by its ID or any LinkedIn reference to it), newest first. */
export async function leadPosts(
  store: TenantStore,
  idOrRef: string,
  limit: number,
): Promise<LeadPosts> {
  const leadId = await resolveLead(store, idOrRef);
  const keys = await leadKeys(store.db, leadId);
  if (keys.length === 0) return { leadId, posts: [] };

  const rows = await store.db
    .selectFrom('posts')
    .selectAll()
    .where((eb) => eb.or([eb('author_key', 'in', keys), eb('author_member_key', 'in', keys)]))
    .orderBy('posted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return { leadId, posts: rows.map(postFromRow) };
}
