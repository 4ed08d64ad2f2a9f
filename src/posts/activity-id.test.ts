import { describe, expect, it } from 'vitest';
import {
  activityIdFrom,
  activityTime,
  canonicalPostUrl,
  cleanPostUrl,
  otherPostIdFrom,
} from './activity-id.ts';

describe('activity IDs', () => {
  it('finds the activity ID in post URLs, URNs and bare IDs, as a string', () => {
    const id = '7332121712352128371';
    for (const reference of [
      `https://www.linkedin.com/posts/ana-lima-1a2b3c_some-words-activity-${id}-Aslg`,
      `https://www.linkedin.com/posts/ana_activity-${id}-Aslg?utm_source=share&rcm=ACoAAB`,
      `https://www.linkedin.com/feed/update/urn:li:activity:${id}/`,
      `https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A${id}`,
      `urn:li:activity:${id}`,
      ` ${id} `,
    ]) {
      expect(activityIdFrom(reference)).toBe(id);
    }
  });

  it('names no activity for other URLs and keeps ugcPost/share IDs apart', () => {
    expect(activityIdFrom('https://www.linkedin.com/in/ana-lima')).toBeNull();
    expect(activityIdFrom('https://www.linkedin.com/posts/ana_activity-planning-tips')).toBeNull();
    expect(activityIdFrom('urn:li:ugcPost:7332121712352128371')).toBeNull();
    expect(otherPostIdFrom('urn:li:ugcPost:7332121712352128371')).toBe(
      'ugcPost:7332121712352128371',
    );
    expect(otherPostIdFrom('https://x.linkedin.com/posts/a_b-share-7332121712352128371-x')).toBe(
      'share:7332121712352128371',
    );
  });

  it('decodes the post time from the ID', () => {
    expect(activityTime('7375784428568887061')?.toISOString()).toBe('2025-09-22T06:54:03.218Z');
    expect(activityTime('12345678901')).toBeNull();
    expect(activityTime('7375784428568887061', new Date('2025-01-01T00:00:00Z'))).toBeNull();
  });

  it('cleans links of tracking parameters and builds the canonical one', () => {
    expect(cleanPostUrl('https://de.linkedin.com/posts/a_b-activity-1-x?rcm=ACoAA#c')).toBe(
      'https://www.linkedin.com/posts/a_b-activity-1-x',
    );
    expect(cleanPostUrl('https://www.linkedin.com/posts/maya_物流-activity-1-x?rcm=1')).toBe(
      'https://www.linkedin.com/posts/maya_物流-activity-1-x',
    );
    expect(cleanPostUrl('https://example.com/posts/1')).toBeNull();
    expect(canonicalPostUrl('7375784428568887061')).toBe(
      'https://www.linkedin.com/feed/update/urn:li:activity:7375784428568887061/',
    );
  });
});
