import type { SourceColumns } from './post.ts';
import type { PostInput } from './post-input.ts';

const basisRank = { activity_id: 2, source: 1, unknown: 0 } as const;

/**
 * One post stated twice (a pagination repeat, or a later harvest): what the later statement
 * gives wins, and nothing it leaves blank erases what the earlier one gave.
 */
export function mergePostInputs(earlier: PostInput, later: PostInput): PostInput {
  const laterTime = basisRank[later.postedAtBasis] >= basisRank[earlier.postedAtBasis];
  return {
    ...earlier,
    authorMemberKey: later.authorMemberKey ?? earlier.authorMemberKey,
    authorName: later.authorName ?? earlier.authorName,
    isRepost: earlier.isRepost || later.isRepost,
    originalAuthorKey: later.originalAuthorKey ?? earlier.originalAuthorKey,
    originalAuthorName: later.originalAuthorName ?? earlier.originalAuthorName,
    originalPostId: later.originalPostId ?? earlier.originalPostId,
    text: later.text ?? earlier.text,
    originalText: later.originalText ?? earlier.originalText,
    postedAt: laterTime ? later.postedAt : earlier.postedAt,
    postedAtBasis: laterTime ? later.postedAtBasis : earlier.postedAtBasis,
    likes: later.likes ?? earlier.likes,
    comments: later.comments ?? earlier.comments,
    reposts: later.reposts ?? earlier.reposts,
  };
}

/** Stored columns updated by a new statement: blanks keep what is stored. */
export function mergeIntoStored(stored: SourceColumns, next: SourceColumns): SourceColumns {
  const merged = { ...stored };
  for (const key of Object.keys(next) as (keyof SourceColumns)[]) {
    const value = next[key];
    if (value !== null) Object.assign(merged, { [key]: value });
  }
  if (stored.is_repost === 1) merged.is_repost = 1;
  if (
    basisRank[next.posted_at_basis as keyof typeof basisRank] <
    basisRank[stored.posted_at_basis as keyof typeof basisRank]
  ) {
    merged.posted_at = stored.posted_at;
    merged.posted_at_basis = stored.posted_at_basis;
  }
  return merged;
}
