import { activityIdFrom, activityTime, otherPostIdFrom } from './activity-id.ts';
import { parseCount } from './counts.ts';
import { asItem, type Item, pickItem, pickText, pickValue } from './field-pick.ts';
import type { PostedAtBasis } from './post-input.ts';
import { parseSourceTime } from './source-time.ts';

/**
 * The field names LinkedIn post actors use for the same facts (Apify's harvestapi, apimaestro
 * and curious_coder actors, PhantomBuster's activity extractor), most specific first.
 */
export const fieldNames = {
  urn: ['urn', 'activityUrn', 'activity_urn', 'entityUrn', 'full_urn', 'shareUrn', 'share_urn'],
  id: ['id', 'activityId', 'activity_id', 'postId', 'post_id'],
  url: ['linkedinUrl', 'url', 'postUrl', 'post_url', 'postLink', 'link', 'shareUrl', 'share_url'],
  text: ['content', 'text', 'postText', 'post_text', 'postContent', 'commentary', 'textContent'],
  authorObject: ['author', 'authorProfile', 'author_profile', 'actor'],
  authorUrl: ['linkedinUrl', 'url', 'profileUrl', 'profile_url', 'link'],
  authorSlug: ['publicIdentifier', 'public_identifier', 'username'],
  flatAuthorUrl: ['authorUrl', 'authorProfileUrl', 'author_profile_url', 'authorLinkedinUrl'],
  flatAuthorSlug: ['authorPublicIdentifier', 'author_public_identifier', 'authorUsername'],
  authorName: ['name', 'fullName', 'full_name'],
  flatAuthorName: ['authorName', 'author_name', 'authorFullName', 'author'],
  /** The profile the tool was asked to harvest. */
  harvestedProfile: ['profileUrl', 'profile_url', 'inputUrl', 'input_url', 'targetUrl', 'query'],
  repostObject: ['repost', 'resharedPost', 'reshared_post', 'originalPost', 'sharedPost'],
  repostFlag: ['isRepost', 'is_repost', 'reposted', 'isReshare'],
  repostId: ['repostId', 'repost_id', 'resharedPostId'],
  action: ['action', 'activityType', 'activity_type', 'postType', 'type'],
  time: [
    'postedAt',
    'posted_at',
    'postedAtISO',
    'postedAtTimestamp',
    'postTimestamp',
    'publishedAt',
    'postedDate',
    'postDate',
    'date',
    'time',
  ],
  engagement: ['engagement', 'stats', 'socialCounts', 'counts'],
  likes: ['likes', 'total_reactions', 'totalReactions', 'numLikes', 'likesCount', 'likeCount'],
  comments: ['comments', 'numComments', 'commentsCount', 'commentCount', 'comment_count'],
  reposts: ['shares', 'reposts', 'numShares', 'repostsCount', 'repostCount', 'sharesCount'],
  flatLikes: ['numLikes', 'likesCount', 'likeCount', 'likes', 'reactionsCount', 'reactionCount'],
  flatComments: ['numComments', 'commentsCount', 'commentCount', 'comments'],
  flatReposts: ['numShares', 'repostsCount', 'repostCount', 'sharesCount', 'shares', 'reposts'],
} as const;

export type PostIdReading =
  | { ok: true; id: string; fromUrl: string | null }
  | { ok: false; code: 'no_post_id' | 'post_id_lost_digits' };

/** The post's ID: an activity URN or URL first, then a bare ID field, then other URNs. */
export function readPostId(item: Item): PostIdReading {
  const urn = pickText(item, fieldNames.urn);
  const url = pickText(item, fieldNames.url);
  const bare = pickValue(item, fieldNames.id);

  const activity = activityIdFrom(urn) ?? activityIdFrom(url);
  if (activity) return { ok: true, id: activity, fromUrl: url };
  if (typeof bare === 'string' && activityIdFrom(bare)) {
    return { ok: true, id: activityIdFrom(bare)!, fromUrl: url };
  }
  const other = otherPostIdFrom(urn) ?? otherPostIdFrom(url) ?? otherPostIdFrom(String(bare));
  if (other) return { ok: true, id: other, fromUrl: url };
  if (typeof bare === 'number' && !Number.isSafeInteger(bare)) {
    return { ok: false, code: 'post_id_lost_digits' };
  }
  return { ok: false, code: 'no_post_id' };
}

/** When the post was made: decoded from the activity ID when it can be, else as stated. */
export function readPostedAt(
  item: Item,
  id: string,
  documentedZone: string,
  now: Date,
): { postedAt: string | null; basis: PostedAtBasis } {
  const fromId = activityTime(id, now);
  if (fromId) return { postedAt: fromId.toISOString(), basis: 'activity_id' };

  for (const name of fieldNames.time) {
    const value = item[name];
    const nested = asItem(value);
    const candidates = nested ? [nested.timestamp, nested.date, nested.iso] : [value];
    for (const candidate of candidates) {
      const instant = parseSourceTime(candidate, documentedZone);
      if (instant) return { postedAt: instant.toISOString(), basis: 'source' };
    }
  }
  return { postedAt: null, basis: 'unknown' };
}

function sumOfReactions(value: unknown): number | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const counts = value.map((entry) => parseCount(asItem(entry)?.count));
  if (counts.some((count) => count === null)) return null;
  return counts.reduce<number>((sum, count) => sum + count!, 0);
}

function firstCount(item: Item | null, names: readonly string[]): number | null {
  if (!item) return null;
  for (const name of names) {
    if (item[name] === undefined || item[name] === null) continue;
    return parseCount(item[name]);
  }
  return null;
}

/** Likes, comments and reposts; a count the source leaves blank stays unknown (null). */
export function readCounts(item: Item): {
  likes: number | null;
  comments: number | null;
  reposts: number | null;
} {
  const engagement = pickItem(item, fieldNames.engagement);
  const likes =
    firstCount(engagement, fieldNames.likes) ??
    sumOfReactions(engagement?.reactions) ??
    firstCount(item, fieldNames.flatLikes);
  return {
    likes,
    comments:
      firstCount(engagement, fieldNames.comments) ?? firstCount(item, fieldNames.flatComments),
    reposts: firstCount(engagement, fieldNames.reposts) ?? firstCount(item, fieldNames.flatReposts),
  };
}
