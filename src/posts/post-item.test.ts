import { describe, expect, it } from 'vitest';
import { type ItemReading, readPostItem } from './post-item.ts';

const now = new Date('2025-09-24T12:00:00Z');
const byAuthor: ItemReading = {
  source: 'apify',
  documentedZone: 'UTC',
  attribution: 'author',
  now,
};
const id = '7350340258536143656';
const idTime = '2025-07-14T01:48:00.353Z';

function read(item: Record<string, unknown>, reading = byAuthor) {
  const result = readPostItem(item, 1, reading);
  if (!result.ok) throw new Error(result.rejection.reason);
  return result.input;
}

describe('readPostItem: field-name variants of post actors', () => {
  it('reads the nested author / postedAt / engagement shape', () => {
    const post = read({
      id,
      linkedinUrl: `https://www.linkedin.com/posts/lena-brandt-0a1b2c_ops-activity-${id}-Ql?rcm=ACoAAX`,
      content: 'Three things we changed in our freight tendering',
      author: {
        publicIdentifier: 'lena-brandt-0a1b2c',
        name: 'Lena Brandt',
        linkedinUrl:
          'https://www.linkedin.com/in/lena-brandt-0a1b2c?miniProfileUrn=urn%3Ali%3Afsd_profile%3AACoAAB1c2d3e4f5g6h7i8j9k0lmnopq',
      },
      postedAt: { timestamp: 1752457680353, date: idTime },
      engagement: { likes: 63, comments: 22, shares: 0 },
    });
    expect(post).toMatchObject({
      id,
      authorKey: 'in:lena-brandt-0a1b2c',
      authorMemberKey: 'mid:ACoAAB1c2d3e4f5g6h7i8j9k0lmnopq',
      authorName: 'Lena Brandt',
      isRepost: false,
      text: 'Three things we changed in our freight tendering',
      url: `https://www.linkedin.com/posts/lena-brandt-0a1b2c_ops-activity-${id}-Ql`,
      postedAt: idTime,
      postedAtBasis: 'activity_id',
      likes: 63,
      comments: 22,
      reposts: 0,
    });
  });

  it('reads the snake_case shape with stats and a reshared post', () => {
    const post = read({
      urn: id,
      full_urn: `urn:li:activity:${id}`,
      text: 'Worth a read',
      url: `https://www.linkedin.com/feed/update/urn:li:activity:${id}/`,
      posted_at: { date: '2025-07-14 03:48:00', relative: '2mo', timestamp: 1752457680353 },
      author: { first_name: 'Lena', last_name: 'Brandt', username: 'lena-brandt-0a1b2c' },
      stats: { total_reactions: 1204, comments: 3, reposts: 2 },
      reshared_post: {
        urn: 'urn:li:activity:7349000000000000000',
        text: 'Our Q2 freight index',
        author: { universalName: 'kestrel-freight', name: 'Kestrel Freight' },
      },
    });
    expect(post).toMatchObject({
      authorKey: 'in:lena-brandt-0a1b2c',
      authorName: 'Lena Brandt',
      isRepost: true,
      originalAuthorKey: 'company:kestrel-freight',
      originalAuthorName: 'Kestrel Freight',
      originalPostId: '7349000000000000000',
      text: 'Worth a read',
      originalText: 'Our Q2 freight index',
      likes: 1204,
      comments: 3,
      reposts: 2,
    });
  });

  it('reads the flat shape and sums reactions when likes are not stated', () => {
    const post = read({
      postUrl: `https://www.linkedin.com/feed/update/urn:li:activity:${id}`,
      postText: 'A quick poll',
      authorProfileUrl: 'https://de.linkedin.com/in/Lena-Brandt-0a1b2c/',
      authorName: 'Lena Brandt',
      engagement: { reactions: [{ count: 3 }, { count: 4 }] },
      numComments: '',
      repostCount: '1,020',
    });
    expect(post).toMatchObject({
      authorKey: 'in:lena-brandt-0a1b2c',
      authorName: 'Lena Brandt',
      likes: 7,
      comments: null,
      reposts: 1020,
    });
  });

  it('reads a wall-clock time in the documented zone when the ID carries no time', () => {
    const reading = { ...byAuthor, documentedZone: 'Europe/Lisbon' };
    const post = read(
      {
        url: 'https://www.linkedin.com/feed/update/urn:li:ugcPost:7350340258536143656/',
        authorUrl: 'https://www.linkedin.com/in/lena-brandt-0a1b2c',
        postedAt: '2025-07-14 09:30:00',
      },
      reading,
    );
    expect(post.id).toBe('ugcPost:7350340258536143656');
    expect(post.postedAt).toBe('2025-07-14T08:30:00.000Z');
    expect(post.postedAtBasis).toBe('source');
  });

  it('keeps the time unknown when the source states only "2d"', () => {
    const post = read({
      url: 'https://www.linkedin.com/feed/update/urn:li:share:7350340258536143656/',
      authorUrl: 'https://www.linkedin.com/in/lena-brandt-0a1b2c',
      postedAt: '2d',
    });
    expect(post.postedAt).toBeNull();
    expect(post.postedAtBasis).toBe('unknown');
  });
});

describe('readPostItem: what it refuses', () => {
  const reject = (item: Record<string, unknown>) => {
    const result = readPostItem(item, 7, byAuthor);
    return result.ok ? null : result.rejection;
  };

  it('refuses an item without a post ID, or whose ID lost digits as a number', () => {
    expect(reject({ authorUrl: 'https://www.linkedin.com/in/a-b' })).toEqual({
      record: 7,
      code: 'no_post_id',
      reason: 'item 7: no activity ID in its URL, URN or id',
    });
    expect(
      reject({ id: 7350340258536143000, authorUrl: 'https://www.linkedin.com/in/a-b' }),
    ).toMatchObject({ code: 'post_id_lost_digits' });
  });

  it('refuses an item whose author is no person', () => {
    expect(
      reject({ id, author: { linkedinUrl: 'https://www.linkedin.com/company/kestrel-freight/' } }),
    ).toMatchObject({ code: 'no_author' });
  });
});
