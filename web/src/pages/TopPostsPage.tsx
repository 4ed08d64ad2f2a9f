import { useSearchParams } from 'react-router';
import { useCurrentClient } from '../api/current-client.tsx';
import { ErrorState, errorMessage, Loading } from '../components/ErrorState.tsx';
import { ThresholdForm } from '../components/ThresholdForm.tsx';
import { PostCard } from '../top-posts/PostCard.tsx';
import { topPostsLimit, useMarkActioned, useTopPosts } from '../top-posts/top-posts-api.ts';
import '../styles/top-lists.css';

function useThresholdParam() {
  const [params, setParams] = useSearchParams();
  const text = params.get('threshold');
  const value = text === null || text === '' || Number.isNaN(Number(text)) ? null : Number(text);
  return [value, (threshold: number) => setParams({ threshold: String(threshold) })] as const;
}

/** The best posts to open a conversation with; "mark actioned" takes a lead's posts off. */
export default function TopPostsPage() {
  const client = useCurrentClient();
  const [threshold, applyThreshold] = useThresholdParam();
  const top = useTopPosts(threshold);
  const actioned = useMarkActioned();
  const posts = top.data?.posts ?? [];

  return (
    <section aria-labelledby="page-title" className="top-page">
      <h1 id="page-title">Top posts</h1>
      {client.serviceLevel === 'leads' && (
        <p className="hint">
          Posts are not part of {client.name}'s service: no posts are harvested or scored for it.
        </p>
      )}
      <ThresholdForm
        value={top.data?.threshold}
        onApply={applyThreshold}
        hint="Posts scored at or above it, not yet actioned."
      />
      {actioned.isSuccess && (
        <p role="status" className="outcome">
          {actioned.variables.name} is marked actioned: {actioned.data.posts} post
          {actioned.data.posts === 1 ? '' : 's'} left the list.
        </p>
      )}
      {actioned.isError && (
        <p role="alert" className="error">
          {errorMessage(actioned.error)}
        </p>
      )}
      {top.isPending && <Loading label="Loading the top posts…" />}
      {top.isError && <ErrorState error={top.error} what="The top posts" />}
      {top.data && (
        <>
          <p role="status" className="count">
            {posts.length === 0
              ? `No post scored ${top.data.threshold} or more is waiting.`
              : `${posts.length}${posts.length === topPostsLimit ? '+' : ''} post${posts.length === 1 ? '' : 's'} scored ${top.data.threshold} or more.`}
          </p>
          <ul className="post-list">
            {posts.map((post) => (
              <PostCard
                key={post.postId}
                post={post}
                pending={actioned.isPending}
                onMarkActioned={(lead) => actioned.mutate(lead)}
              />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
