import type { TenantStore } from '../../src/db/tenancy.ts';
import type { PostInput } from '../../src/posts/post-input.ts';

export interface TestLead {
  id: string;
  keys: string[];
  score?: number | null;
  scoreStatus?: string;
  createdAt?: string;
  profileUrl?: string | null;
  doNotContact?: boolean;
  fullName?: string;
}

/** Writes leads and their identities straight into a client's store. */
export async function insertLeads(store: TenantStore, leads: TestLead[]): Promise<void> {
  for (const lead of leads) {
    const createdAt = lead.createdAt ?? '2025-09-01T00:00:00.000Z';
    await store.db
      .insertInto('leads')
      .values({
        id: lead.id,
        full_name: lead.fullName ?? lead.id,
        profile_url: lead.profileUrl ?? null,
        connection_status: 'unknown',
        status: 'new',
        tags: '[]',
        do_not_contact: lead.doNotContact ? 1 : 0,
        extra: '{}',
        sources: '[]',
        manual_fields: '[]',
        version: 1,
        score: lead.score ?? null,
        score_status: lead.scoreStatus ?? (lead.score === undefined ? 'pending' : 'scored'),
        created_at: createdAt,
        updated_at: createdAt,
      })
      .execute();
    for (const key of lead.keys) {
      await store.db
        .insertInto('lead_identities')
        .values({ key, lead_id: lead.id, kind: key.split(':')[0]!, created_at: createdAt })
        .execute();
    }
  }
}

let counter = 0;

/** A post input with invented defaults; the ID's top bits encode `postedAt`. */
export function postInput(overrides: Partial<PostInput> = {}): PostInput {
  counter += 1;
  const postedAt = overrides.postedAt ?? '2025-09-01T10:00:00.000Z';
  const id = ((BigInt(Date.parse(postedAt)) << 22n) + BigInt(counter)).toString();
  return {
    record: counter,
    id,
    authorKey: 'in:ada-moreau',
    authorMemberKey: null,
    authorName: 'Ada Moreau',
    isRepost: false,
    originalAuthorKey: null,
    originalAuthorName: null,
    originalPostId: null,
    text: 'A post',
    originalText: null,
    url: `https://www.linkedin.com/feed/update/urn:li:activity:${id}/`,
    postedAt,
    postedAtBasis: 'activity_id',
    likes: 1,
    comments: 0,
    reposts: 0,
    source: 'apify',
    ...overrides,
  };
}
