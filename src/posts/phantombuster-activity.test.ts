import { describe, expect, it } from 'vitest';
import { phantomBusterPostInputs } from './phantombuster-activity.ts';

const now = new Date('2025-09-24T12:00:00Z');

// Invented people; the shape of a PhantomBuster activity result with the faults it really has.
const dirty =
  '[{"profileUrl":"Profile URL","postUrl":"Post URL"},' +
  '{"profileUrl":"https://www.linkedin.com/in/tomas-ribeiro-5e6f/","postUrl":"https://www.linkedin.com/posts/tomas-ribeiro-5e6f_x-activity-7370727342736594567-AbCd","postContent":"Why we moved to "dual sourcing"\n\nA thread","postTimestamp":"2025-09-08T07:59:00.000Z","action":"Post","author":"Tomás Ribeiro","likeCount":"2,310","commentCount":"","repostCount":4,},' +
  '{"profileUrl":"https://www.linkedin.com/in/tomas-ribeiro-5e6f/","error":"Rate limited"},' +
  '{"profileUrl":"https://www.linkedin.com/in/ada-moreau","postUrl":"https://www.linkedin.com/feed/update/urn:li:activity:7371935302288594567/","postContent":"Great news from the team","postDate":"1w","action":"Repost","author":"Kestrel Freight","authorUrl":"https://www.linkedin.com/company/kestrel-freight/","likeCount":9,},' +
  '{"profileUrl":"https://www.linkedin.com/in/ada-moreau","postUrl": broken},]';

describe('phantomBusterPostInputs', () => {
  it('repairs a dirty resultObject, drops header and error rows, quarantines a broken row', () => {
    const parsed = phantomBusterPostInputs({ containerId: '1', resultObject: dirty }, { now });

    expect(parsed.items).toBe(5);
    expect(parsed.dropped.map((row) => [row.record, row.reason])).toEqual([
      [1, 'row 1 is a header row'],
      [3, 'row 3 is an error row ("Rate limited")'],
    ]);
    expect(parsed.rejections).toEqual([
      {
        record: 5,
        code: 'unreadable_row',
        reason: 'row 5 of the result cannot be read (unexpected "b")',
        raw: '{"profileUrl":"https://www.linkedin.com/in/ada-moreau","postUrl": broken}',
      },
    ]);
    expect(parsed.inputs).toMatchObject([
      {
        record: 2,
        id: '7370727342736594567',
        authorKey: 'in:tomas-ribeiro-5e6f',
        authorName: 'Tomás Ribeiro',
        isRepost: false,
        text: 'Why we moved to "dual sourcing"\n\nA thread',
        likes: 2310,
        comments: null,
        reposts: 4,
      },
      {
        record: 4,
        id: '7371935302288594567',
        authorKey: 'in:ada-moreau',
        authorName: null,
        isRepost: true,
        originalAuthorKey: 'company:kestrel-freight',
        originalAuthorName: 'Kestrel Freight',
        text: null,
        originalText: 'Great news from the team',
        likes: 9,
        comments: null,
        reposts: null,
      },
    ]);
  });

  it('decodes the time from the ID when the row says only "1w"', () => {
    const parsed = phantomBusterPostInputs({ resultObject: dirty }, { now });
    expect(parsed.inputs.map((input) => [input.postedAt, input.postedAtBasis])).toEqual([
      ['2025-09-08T07:59:00.000Z', 'activity_id'],
      ['2025-09-11T15:59:00.000Z', 'activity_id'],
    ]);
  });

  it('reads rows given as an array (a result file)', () => {
    const rows = [
      {
        profileUrl: 'https://www.linkedin.com/in/ada-moreau',
        postUrl: 'https://www.linkedin.com/feed/update/urn:li:activity:7371935302288594567/',
        postContent: 'Hello',
      },
    ];
    expect(phantomBusterPostInputs(rows, { now }).inputs).toHaveLength(1);
  });
});
