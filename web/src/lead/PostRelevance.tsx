import type { ReactNode } from 'react';
import { ErrorState, Loading } from '../components/ErrorState.tsx';
import { formatScore } from '../lib/calendar.ts';
import { bestPost } from './best-post.ts';
import { useLeadPosts } from './lead-cache.ts';
import type { LeadPost } from './lead-detail-api.ts';

function TopPost(props: { post: LeadPost }) {
  const { post } = props;
  const text = post.text ?? post.originalText ?? '';
  return (
    <article className="top-post" aria-label="Top post">
      <p className="hint">
        {post.isRepost ? `Repost of ${post.originalAuthorName ?? 'someone'} · ` : ''}
        {post.postedAt ? `posted ${post.postedAt.slice(0, 10)} · ` : ''}score{' '}
        {formatScore(post.score)}
      </p>
      <p className="post-text">{text.length > 600 ? `${text.slice(0, 599)}…` : text}</p>
      {post.reasons.length > 0 && (
        <ul className="score-reasons" aria-label="Why this post scored">
          {post.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
      <a href={post.url} target="_blank" rel="noopener noreferrer">
        Open the post on LinkedIn
      </a>
    </article>
  );
}

/** How relevant the lead's recent posts are (its best post's score), and that post. */
export function PostRelevance(props: { leadId: string }) {
  const posts = useLeadPosts(props.leadId);

  let body: ReactNode;
  if (posts.isPending) body = <Loading label="Loading posts…" />;
  else if (posts.isError) body = <ErrorState error={posts.error} what="These posts" />;
  else {
    const best = bestPost(posts.data);
    const scored = posts.data.filter((post) => post.scoreStatus === 'scored').length;
    body = (
      <>
        <p>
          Post relevance: <strong>{best ? formatScore(best.score) : '–'}</strong>{' '}
          <span className="hint">
            ({posts.data.length} posts, {scored} scored)
          </span>
        </p>
        {best ? <TopPost post={best} /> : <p className="hint">No scored post yet.</p>}
      </>
    );
  }

  return (
    <section className="panel" aria-labelledby="posts-title">
      <h2 id="posts-title">Posts</h2>
      {body}
    </section>
  );
}
