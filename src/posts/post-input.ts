/** Where a post came from; each source documents its own field names and time zone. */
export type PostSource = 'apify' | 'phantombuster';

/**
 * How `postedAt` was found: decoded from the activity ID (exact), stated by the source, or not
 * known (the source gave only an approximate "2d").
 */
export type PostedAtBasis = 'activity_id' | 'source' | 'unknown';

/** One post as a source states it, already checked and keyed. */
export interface PostInput {
  /** Item number in the source, from 1. */
  record: number;
  /** The activity ID (digits, as a string), or `ugcPost:<id>` / `share:<id>` without one. */
  id: string;
  /** Canonical key of the lead the post belongs to (for a repost: the reposter). */
  authorKey: string;
  /** A member-ID key the source also states for that person (`mid:ACoAA…`), if any. */
  authorMemberKey: string | null;
  authorName: string | null;
  isRepost: boolean;
  /** For a repost: the key of whoever wrote the original (`in:…`, `mid:…` or `company:…`). */
  originalAuthorKey: string | null;
  originalAuthorName: string | null;
  originalPostId: string | null;
  /** The lead's own words (a repost's commentary); null when there are none. */
  text: string | null;
  /** For a repost: the original post's words. */
  originalText: string | null;
  url: string;
  /** ISO-8601 UTC. */
  postedAt: string | null;
  postedAtBasis: PostedAtBasis;
  /** Counts: null is unknown, never 0. */
  likes: number | null;
  comments: number | null;
  reposts: number | null;
  source: PostSource;
}

/** An item that could not become a post, with the reason and (for dirty rows) its raw text. */
export interface PostRejection {
  record: number;
  code: string;
  reason: string;
  raw?: string;
}

export interface ParsedPosts {
  source: PostSource;
  /** Items (rows) the source held, header and error rows included. */
  items: number;
  inputs: PostInput[];
  /** Header and error rows the tool itself mixed into its output: dropped, not rejected. */
  dropped: PostRejection[];
  rejections: PostRejection[];
}
