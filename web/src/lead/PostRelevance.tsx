import { shortened } from '../../../src/short-text.ts';
import { useCurrentClient } from '../api/current-client.tsx';
import { formatScore } from '../lib/calendar.ts';
import { clientTime } from './client-time.ts';
import type { LeadPost, LeadPostRelevance } from './lead-detail-api.ts';

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
      <p className="post-text">{shortened(text, 600)}</p>
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

/** How relevant the lead's posts are (its best scored post's score), and that post. */
export function PostRelevance(props: { relevance: LeadPostRelevance | null }) {
  const { relevance } = props;
  const { timeZone } = useCurrentClient();

  return (
    <section className="panel" aria-labelledby="posts-title">
      <h2 id="posts-title">Posts</h2>
      <p>
        Post relevance: <strong>{relevance ? formatScore(relevance.score) : '–'}</strong>
        {relevance?.scoredAt ? (
          <span className="hint"> (scored {clientTime(relevance.scoredAt, timeZone)})</span>
        ) : null}
      </p>
      {relevance ? (
        <TopPost post={relevance.bestPost} />
      ) : (
        <p className="hint">No scored post yet.</p>
      )}
    </section>
  );
}
