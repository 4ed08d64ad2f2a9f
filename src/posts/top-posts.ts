import type { TenantStore } from '../db/tenancy.ts';
import { leadIdsByKey, leadOf } from './lead-links.ts';
import { postFromRow } from './post.ts';
import type { PostScoreDetail } from './post-scorer.ts';

/** A post worth opening a conversation with: what it says, where it is, why it scored. */
export interface TopPost {
  postId: string;
  leadId: string | null;
  leadName: string | null;
  /** The author's canonical key: who wrote it when no lead (or name) is known yet. */
  authorKey: string;
  authorName: string | null;
  isRepost: boolean;
  originalAuthorName: string | null;
  /** The lead's own words, or the original's for a repost without commentary. */
  text: string;
  url: string;
  postedAt: string | null;
  score: number;
  reasons: string[];
}

export interface TopPostsQuery {
  /** Posts scored at or above this; the client's `postScoreThreshold` by default. */
  threshold: number;
  limit?: number;
}

/**
 * Scored posts at or above the threshold, best first, without those already actioned — by the
 * post or by its lead.
 */
export async function topPosts(store: TenantStore, query: TopPostsQuery): Promise<TopPost[]> {
  const rows = await store.db
    .selectFrom('posts as p')
    .selectAll('p')
    .where('p.score_status', '=', 'scored')
    .where('p.score', '>=', query.threshold)
    .where('p.actioned_at', 'is', null)
    .where(({ exists, not, selectFrom }) =>
      not(
        exists(
          selectFrom('lead_identities as li')
            .innerJoin('lead_post_state as s', 's.lead_id', 'li.lead_id')
            .select('li.key')
            .where('s.actioned_at', 'is not', null)
            .where(({ eb, or, ref }) =>
              or([
                eb('li.key', '=', ref('p.author_key')),
                eb('li.key', '=', ref('p.author_member_key')),
              ]),
            ),
        ),
      ),
    )
    .orderBy('p.score', 'desc')
    .orderBy('p.posted_at', 'desc')
    .orderBy('p.id')
    .limit(query.limit ?? 20)
    .execute();

  const posts = rows.map(postFromRow);
  const links = await leadIdsByKey(
    store.db,
    posts.flatMap((post) => [post.authorKey, post.authorMemberKey]),
  );
  const names = await leadNames(store, [...links.values()]);
  return posts.map((post) => {
    const leadId = leadOf(links, post) ?? null;
    const detail = post.scoreDetail as PostScoreDetail;
    return {
      postId: post.id,
      leadId,
      leadName: leadId === null ? null : (names.get(leadId) ?? null),
      authorKey: post.authorKey,
      authorName: post.authorName,
      isRepost: post.isRepost,
      originalAuthorName: post.originalAuthorName,
      text: post.text ?? post.originalText ?? '',
      url: post.url,
      postedAt: post.postedAt,
      score: post.score!,
      reasons: detail.reasons,
    };
  });
}

async function leadNames(store: TenantStore, ids: string[]): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  const rows = await store.db
    .selectFrom('leads')
    .select(['id', 'full_name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row.full_name]));
}
