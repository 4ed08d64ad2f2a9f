import { profileKey } from '../leads/identity.ts';
import { activityIdFrom, canonicalPostUrl, cleanPostUrl } from './activity-id.ts';
import { type Item, pickItem, pickRawText, pickText, pickValue } from './field-pick.ts';
import { authorKeyOf, companyKeyOf, memberKeyInUrl } from './post-author.ts';
import type { PostInput, PostRejection, PostSource } from './post-input.ts';
import { fieldNames, readCounts, readPostedAt, readPostId } from './post-item-fields.ts';

/** How to read one source's items. */
export interface ItemReading {
  source: PostSource;
  /** The IANA zone the source documents for times stated without an offset. */
  documentedZone: string;
  /**
   * Whose post an item is: its `author` (Apify actors: for a repost, the reposter) or the
   * profile the tool harvested (PhantomBuster: for a repost, `author` is the original author).
   */
  attribution: 'author' | 'profile';
  now: Date;
}

export type ItemResult = { ok: true; input: PostInput } | { ok: false; rejection: PostRejection };

interface PersonRef {
  url: string | null;
  key: string | null;
  name: string | null;
}

function nonBlank(text: string | null): string | null {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/** Who an author object (or the item's flat author fields) names. */
function readAuthor(item: Item, nested: Item | null): PersonRef {
  const url = pickText(nested, fieldNames.authorUrl) ?? pickText(item, fieldNames.flatAuthorUrl);
  const slug = pickText(nested, fieldNames.authorSlug) ?? pickText(item, fieldNames.flatAuthorSlug);
  const company = companyKeyOf(pickText(nested, ['universalName', 'universal_name']));
  const first = pickText(nested, ['firstName', 'first_name']);
  const last = pickText(nested, ['lastName', 'last_name']);
  const name =
    pickText(nested, fieldNames.authorName) ??
    (first || last ? [first, last].filter(Boolean).join(' ') : null) ??
    (nested ? null : pickText(item, fieldNames.flatAuthorName));
  const key = authorKeyOf(url) ?? (slug ? profileKey(`in:${slug}`) : null) ?? company;
  return { url, key, name };
}

function isRepostItem(item: Item, repost: Item | null): boolean {
  if (repost) return true;
  const flag = pickValue(item, fieldNames.repostFlag);
  if (flag === true || flag === 'true' || flag === 1) return true;
  if (pickText(item, fieldNames.repostId)) return true;
  return /^re(?:post|share)/i.test(pickText(item, fieldNames.action) ?? '');
}

interface Attribution {
  lead: PersonRef;
  original: PersonRef | null;
  memberKey: string | null;
}

function attribute(item: Item, reading: ItemReading, repost: Item | null, isRepost: boolean) {
  const author = readAuthor(item, pickItem(item, fieldNames.authorObject));
  const harvestedUrl = pickText(item, fieldNames.harvestedProfile);
  const harvested: PersonRef = { url: harvestedUrl, key: profileKey(harvestedUrl), name: null };

  if (reading.attribution === 'author') {
    const lead = author.key?.startsWith('company:') || !author.key ? harvested : author;
    const original = repost ? readAuthor(repost, pickItem(repost, fieldNames.authorObject)) : null;
    return { lead, original, memberKey: memberKeyInUrl(lead.url) } satisfies Attribution;
  }
  const lead = harvested.key ? harvested : author;
  const original = isRepost ? author : null;
  const leadName = isRepost ? null : author.name;
  return {
    lead: { ...lead, name: lead.name ?? leadName },
    original,
    memberKey: memberKeyInUrl(lead.url),
  } satisfies Attribution;
}

function reject(record: number, code: string, reason: string): ItemResult {
  return { ok: false, rejection: { record, code, reason } };
}

/** One source item as a post, or the reason it cannot be one. */
export function readPostItem(item: Item, record: number, reading: ItemReading): ItemResult {
  const postId = readPostId(item);
  if (!postId.ok) {
    const reason =
      postId.code === 'post_id_lost_digits'
        ? `item ${record}: its ID is a number too long to be exact and no URL or URN names the post`
        : `item ${record}: no activity ID in its URL, URN or id`;
    return reject(record, postId.code, reason);
  }

  const repost = pickItem(item, fieldNames.repostObject);
  const isRepost = isRepostItem(item, repost);
  const { lead, original, memberKey } = attribute(item, reading, repost, isRepost);
  if (!lead.key || lead.key.startsWith('company:')) {
    return reject(record, 'no_author', `item ${record}: names no LinkedIn person as its author`);
  }

  const ownText = nonBlank(pickRawText(item, fieldNames.text));
  const repostText = repost ? nonBlank(pickRawText(repost, fieldNames.text)) : null;
  // PhantomBuster states a repost's content as the post's: those are the original's words.
  const profileRepost = isRepost && reading.attribution === 'profile';
  const { postedAt, basis } = readPostedAt(item, postId.id, reading.documentedZone, reading.now);

  const input: PostInput = {
    record,
    id: postId.id,
    authorKey: lead.key,
    authorMemberKey: memberKey && memberKey !== lead.key ? memberKey : null,
    authorName: lead.name,
    isRepost,
    originalAuthorKey: original?.key ?? null,
    originalAuthorName: original?.name ?? null,
    originalPostId: isRepost ? readOriginalPostId(item, repost) : null,
    text: profileRepost ? null : ownText,
    originalText: profileRepost ? ownText : repostText,
    url: cleanPostUrl(postId.fromUrl) ?? canonicalPostUrl(postId.id),
    postedAt,
    postedAtBasis: basis,
    ...readCounts(item),
    source: reading.source,
  };
  return { ok: true, input };
}

function readOriginalPostId(item: Item, repost: Item | null): string | null {
  const fromRepost = repost
    ? (activityIdFrom(pickText(repost, fieldNames.urn)) ??
      activityIdFrom(pickText(repost, fieldNames.id)) ??
      activityIdFrom(pickText(repost, fieldNames.url)))
    : null;
  return fromRepost ?? activityIdFrom(pickText(item, fieldNames.repostId));
}
