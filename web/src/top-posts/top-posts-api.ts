import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TopPost } from '../../../src/posts/top-posts.ts';
import { api } from '../api/client.ts';
import { clientKey, useClientQuery, useCurrentClient } from '../api/current-client.tsx';

/** A post worth opening a conversation with: the server's own type, so the two cannot drift. */
export type { TopPost };

export interface TopPosts {
  threshold: number;
  posts: TopPost[];
}

export const topPostsLimit = 50;

const topPostsKey = 'top-posts';

/** Scored posts at or above `threshold` (the client's post threshold when null), best first. */
export function useTopPosts(threshold: number | null) {
  const query = new URLSearchParams({ limit: String(topPostsLimit) });
  if (threshold !== null) query.set('threshold', String(threshold));
  return useClientQuery<TopPosts>([topPostsKey, threshold], `/posts/top?${query}`);
}

export interface ActionedLead {
  leadId: string;
  posts: number;
  actionedAt: string;
}

/**
 * Marks a lead actioned: its posts leave every cached list at once, and the lists are read
 * again so the next best posts move up.
 */
export function useMarkActioned() {
  const queryClient = useQueryClient();
  const client = useCurrentClient();
  const key = clientKey(client.id, topPostsKey);
  return useMutation({
    mutationFn: (lead: { leadId: string; name: string }) =>
      api<ActionedLead>(`/leads/${encodeURIComponent(lead.leadId)}/posts/actioned`, {
        method: 'POST',
      }),
    onSuccess: async (actioned) => {
      queryClient.setQueriesData<TopPosts>(
        { queryKey: key },
        (list) =>
          list && {
            ...list,
            posts: list.posts.filter((post) => post.leadId !== actioned.leadId),
          },
      );
      await queryClient.invalidateQueries({ queryKey: key });
    },
  });
}
