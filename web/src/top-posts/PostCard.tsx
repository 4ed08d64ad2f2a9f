import { Link } from 'react-router';
import type { TopPost } from './top-posts-api.ts';

function postedOn(postedAt: string | null): string {
  if (postedAt === null) return 'date unknown';
  return new Date(postedAt).toLocaleDateString(undefined, { dateStyle: 'medium' });
}

function Author(props: { post: TopPost }) {
  const { post } = props;
  const name = post.leadName ?? post.authorName ?? post.authorKey;
  if (post.leadId === null) return <span>{name}</span>;
  return <Link to={`/leads/${encodeURIComponent(post.leadId)}`}>{name}</Link>;
}

interface PostCardProps {
  post: TopPost;
  onMarkActioned: (lead: { leadId: string; name: string }) => void;
  pending: boolean;
}

/** One post: who wrote it, its score and why, its words, a link to it, and "mark actioned". */
export function PostCard(props: PostCardProps) {
  const { post } = props;
  const titleId = `post-${post.postId}`;
  const who = post.leadName ?? post.authorName ?? 'this author';

  return (
    <li>
      <article className="post-card" aria-labelledby={titleId}>
        <header>
          <h2 id={titleId}>
            <Author post={post} />
          </h2>
          <span className="post-score">Score {post.score}</span>
          <span className="hint">
            {post.isRepost ? `reposted ${post.originalAuthorName ?? 'a post'} · ` : ''}
            {postedOn(post.postedAt)}
          </span>
        </header>
        <p className="post-text">{post.text}</p>
        {post.reasons.length > 0 && (
          <ul className="post-reasons" aria-label="Why it scored">
            {post.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        )}
        <div className="actions">
          <a href={post.url} target="_blank" rel="noopener noreferrer">
            Open post on LinkedIn<span className="visually-hidden"> by {who} (new tab)</span>
          </a>
          {post.leadId === null ? (
            <span className="hint">No lead for this author yet: import the profile to act.</span>
          ) : (
            <button
              type="button"
              className="secondary"
              disabled={props.pending}
              onClick={() => props.onMarkActioned({ leadId: post.leadId as string, name: who })}
            >
              Mark actioned<span className="visually-hidden"> ({who})</span>
            </button>
          )}
        </div>
      </article>
    </li>
  );
}
