/**
 * A post's identity is its LinkedIn activity ID, kept as a string of digits: 19-digit IDs lose
 * digits as JavaScript numbers.
 */

const activityInText = /(?:urn:li:activity:|[-_/]activity[-:])(\d{10,20})(?!\d)/i;
const otherPostInText = /(?:urn:li:|[-_/])(ugcPost|share)[-:](\d{10,20})(?!\d)/i;
const digitsOnly = /^\d{10,20}$/;

/** The earliest plausible post time: LinkedIn's IDs carried no time before this. */
const earliestPostMs = Date.UTC(2010, 0, 1);
const clockSlackMs = 2 * 24 * 60 * 60 * 1000;

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The activity ID a URL, URN or bare ID names, or null. */
export function activityIdFrom(reference: string | null | undefined): string | null {
  const text = decoded((reference ?? '').trim());
  if (digitsOnly.test(text)) return text;
  return activityInText.exec(text)?.[1] ?? null;
}

/**
 * A post named only by a ugcPost or share URN has a different number from its activity; it is
 * kept under a prefixed ID so that it can never collide with an activity ID.
 */
export function otherPostIdFrom(reference: string | null | undefined): string | null {
  const match = otherPostInText.exec(decoded((reference ?? '').trim()));
  return match ? `${match[1]}:${match[2]}` : null;
}

/**
 * The time encoded in an activity ID (its top 41 bits are milliseconds since the epoch), or
 * null when the ID carries no plausible time.
 */
export function activityTime(id: string, now: Date = new Date()): Date | null {
  if (!digitsOnly.test(id)) return null;
  const ms = Number(BigInt(id) >> 22n);
  if (ms < earliestPostMs || ms > now.getTime() + clockSlackMs) return null;
  return new Date(ms);
}

/** The post's own address, without the tracking parameters share links carry. */
export function canonicalPostUrl(id: string): string {
  if (digitsOnly.test(id)) return `https://www.linkedin.com/feed/update/urn:li:activity:${id}/`;
  return `https://www.linkedin.com/feed/update/urn:li:${id}/`;
}

/** A LinkedIn post link as given, minus query and fragment (tracking and account IDs). */
export function cleanPostUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url.trim());
    if (!/(^|\.)linkedin\.com$/i.test(parsed.hostname)) return null;
    // URL encodes a non-Latin slug; the link is kept as people read it, as the source gave it.
    return `https://www.linkedin.com${decoded(parsed.pathname)}`;
  } catch {
    return null;
  }
}
