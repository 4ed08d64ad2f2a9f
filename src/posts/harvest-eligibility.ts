import type { TenantStore } from '../db/tenancy.ts';
import { profileKey } from '../leads/identity.ts';

/** A lead whose posts the harvest will ask for. */
export interface HarvestLead {
  id: string;
  /** The profile URL the actor is given. */
  profileUrl: string;
  keys: string[];
}

export interface EligibilityRule {
  /** Leads scored at or above this. */
  threshold: number;
  /** Leads whose posts were checked before this instant (or never) are due again. */
  checkedBefore: string;
  limit: number;
}

/** The address of a profile from one of its keys, for leads stored without a profile URL. */
function urlOfKey(key: string): string | null {
  const [kind, ...rest] = key.split(':');
  const value = rest.join(':');
  if (kind === 'in' || kind === 'mid')
    return `https://www.linkedin.com/in/${encodeURIComponent(value)}/`;
  if (kind === 'pub') return `https://www.linkedin.com/pub/${value}/`;
  return null;
}

function profileUrlOf(storedUrl: string | null, keys: string[]): string | null {
  if (storedUrl && profileKey(storedUrl)) return storedUrl;
  const ordered = [...keys].sort(
    (a, b) => Number(b.startsWith('in:')) - Number(a.startsWith('in:')),
  );
  for (const key of ordered) {
    const url = urlOfKey(key);
    if (url) return url;
  }
  return null;
}

/**
 * Leads due for a post check, newest first: scored at or above the threshold, not do-not-contact,
 * not actioned on the posts side, and not checked since `checkedBefore`.
 */
export async function eligibleLeads(
  store: TenantStore,
  rule: EligibilityRule,
): Promise<HarvestLead[]> {
  const rows = await store.db
    .selectFrom('leads as l')
    .leftJoin('lead_post_state as s', 's.lead_id', 'l.id')
    .select(['l.id', 'l.profile_url'])
    .where('l.score_status', '=', 'scored')
    .where('l.score', '>=', rule.threshold)
    .where('l.do_not_contact', '=', 0)
    .where('s.actioned_at', 'is', null)
    .where((eb) =>
      eb.or([eb('s.checked_at', 'is', null), eb('s.checked_at', '<', rule.checkedBefore)]),
    )
    .orderBy('l.created_at', 'desc')
    .orderBy('l.id')
    .limit(rule.limit)
    .execute();
  if (rows.length === 0) return [];

  const identities = await store.db
    .selectFrom('lead_identities')
    .select(['lead_id', 'key'])
    .where(
      'lead_id',
      'in',
      rows.map((row) => row.id),
    )
    .orderBy('created_at')
    .execute();
  return rows.flatMap((row) => {
    const keys = identities
      .filter((identity) => identity.lead_id === row.id)
      .map((identity) => identity.key);
    const profileUrl = profileUrlOf(row.profile_url, keys);
    return profileUrl ? [{ id: row.id, profileUrl, keys }] : [];
  });
}
