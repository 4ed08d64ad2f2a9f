import type { LeadPost } from './lead-detail-api.ts';

/**
 * The post a lead's post relevance is: the best scored one, the newest of equals (as the
 * server picks it). `posts` come newest first.
 */
export function bestPost(posts: LeadPost[]): LeadPost | null {
  let best: LeadPost | null = null;
  for (const post of posts) {
    if (post.scoreStatus !== 'scored' || post.score === null) continue;
    if (best === null || post.score > (best.score ?? 0)) best = post;
  }
  return best;
}
