import type { PostRow } from '../db/tenant-schema.ts';
import type { PostedAtBasis, PostInput, PostSource } from './post-input.ts';

export type PostScoreStatus = 'pending' | 'scored' | 'failed';

/** A lead's post as stored: what its source stated, and Leadbase's own score and times. */
export interface Post extends Omit<PostInput, 'record'> {
  score: number | null;
  scoreStatus: PostScoreStatus;
  scoreDetail: unknown;
  scoredAt: string | null;
  scoredRubricVersion: number | null;
  scorer: string | null;
  actionedAt: string | null;
  firstSeenAt: string;
  updatedAt: string;
}

export function postFromRow(row: PostRow): Post {
  return {
    id: row.id,
    authorKey: row.author_key,
    authorMemberKey: row.author_member_key,
    authorName: row.author_name,
    isRepost: row.is_repost === 1,
    originalAuthorKey: row.original_author_key,
    originalAuthorName: row.original_author_name,
    originalPostId: row.original_post_id,
    text: row.text,
    originalText: row.original_text,
    url: row.url,
    postedAt: row.posted_at,
    postedAtBasis: row.posted_at_basis as PostedAtBasis,
    likes: row.likes,
    comments: row.comments,
    reposts: row.reposts,
    source: row.source as PostSource,
    score: row.score,
    scoreStatus: row.score_status as PostScoreStatus,
    scoreDetail: row.score_detail === null ? null : JSON.parse(row.score_detail),
    scoredAt: row.scored_at,
    scoredRubricVersion: row.scored_rubric_version,
    scorer: row.scorer,
    actionedAt: row.actioned_at,
    firstSeenAt: row.first_seen_at,
    updatedAt: row.updated_at,
  };
}

/** The columns a source owns; the rest (score, actioned, times) are Leadbase's own. */
export const sourceColumnNames = [
  'author_key',
  'author_member_key',
  'author_name',
  'is_repost',
  'original_author_key',
  'original_author_name',
  'original_post_id',
  'text',
  'original_text',
  'url',
  'posted_at',
  'posted_at_basis',
  'likes',
  'comments',
  'reposts',
  'source',
] as const satisfies readonly (keyof PostRow)[];

export type SourceColumns = Pick<PostRow, (typeof sourceColumnNames)[number]>;

export function storedSourceColumns(row: PostRow): SourceColumns {
  return Object.fromEntries(sourceColumnNames.map((name) => [name, row[name]])) as SourceColumns;
}

/** The columns a source owns, as a post input states them. */
export function sourceColumns(input: PostInput): SourceColumns {
  return {
    author_key: input.authorKey,
    author_member_key: input.authorMemberKey,
    author_name: input.authorName,
    is_repost: input.isRepost ? 1 : 0,
    original_author_key: input.originalAuthorKey,
    original_author_name: input.originalAuthorName,
    original_post_id: input.originalPostId,
    text: input.text,
    original_text: input.originalText,
    url: input.url,
    posted_at: input.postedAt,
    posted_at_basis: input.postedAtBasis,
    likes: input.likes,
    comments: input.comments,
    reposts: input.reposts,
    source: input.source,
  };
}
