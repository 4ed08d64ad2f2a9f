import { profileKey } from '../leads/identity.ts';

/**
 * The key of whoever wrote a post: a person's canonical profile key (src/leads/identity.ts), or
 * `company:<slug>` for a company or school page (an original author of a repost may be one).
 */
export function authorKeyOf(reference: string | null | undefined): string | null {
  const personal = profileKey(reference);
  if (personal) return personal;
  return organisationKey(reference);
}

function organisationKey(reference: string | null | undefined): string | null {
  const text = (reference ?? '').trim();
  const match = /linkedin\.com\/(?:company|school|showcase)\/([^/?#]+)/i.exec(text);
  if (!match) return null;
  let slug = match[1]!;
  try {
    slug = decodeURIComponent(slug);
  } catch {
    // A stray % in a slug: keep the slug as given.
  }
  return `company:${slug.normalize('NFC').toLowerCase()}`;
}

/** The key of a company by its universal name (what actors give instead of a URL). */
export function companyKeyOf(universalName: string | null): string | null {
  const name = universalName?.trim();
  return name ? `company:${name.normalize('NFC').toLowerCase()}` : null;
}

/** The member-ID key a profile URL carries in its `miniProfileUrn` query, if any. */
export function memberKeyInUrl(url: string | null): string | null {
  if (!url) return null;
  let text = url;
  try {
    text = decodeURIComponent(url);
  } catch {
    return null;
  }
  const urn = /urn:li:(?:fsd_profile|fs_miniProfile|member):([A-Za-z0-9_-]+)/.exec(text);
  return urn ? profileKey(`urn:li:fsd_profile:${urn[1]}`) : null;
}
