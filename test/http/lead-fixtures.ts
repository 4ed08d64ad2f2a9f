import type { TenantAccess } from '../../src/db/tenancy.ts';
import type { LeadRow } from '../../src/db/tenant-schema.ts';
import type { TestWorld } from '../support/stores.ts';

export interface SeedLead {
  id: string;
  fullName: string;
  headline?: string;
  company?: string;
  about?: string;
  email?: string;
  score?: number;
  tags?: string[];
  slug?: string;
  followUpOn?: string;
}

function leadRow(seed: SeedLead, index: number): LeadRow {
  const at = new Date(Date.UTC(2025, 8, 1, 0, 0, index)).toISOString();
  return {
    id: seed.id,
    full_name: seed.fullName,
    first_name: null,
    last_name: null,
    headline: seed.headline ?? null,
    position: null,
    company: seed.company ?? null,
    location: null,
    industry: null,
    about: seed.about ?? null,
    email: seed.email ?? null,
    phone: null,
    profile_url: seed.slug ? `https://www.linkedin.com/in/${seed.slug}` : null,
    sales_nav_url: null,
    connected_on: null,
    connection_status: 'connected',
    member_distance: 1,
    status: 'new',
    priority: null,
    tags: JSON.stringify(seed.tags ?? []),
    follow_up_on: seed.followUpOn ?? null,
    do_not_contact: 0,
    extra: '{}',
    sources: '["test"]',
    manual_fields: '[]',
    version: 1,
    score: seed.score ?? null,
    score_status: seed.score === undefined ? 'pending' : 'scored',
    score_detail: null,
    scored_at: null,
    scored_rubric_version: null,
    scorer: null,
    staged_at: null,
    invited_on: null,
    created_at: at,
    updated_at: at,
  };
}

/** Puts leads straight into a client's store, each with its `in:` identity when it has a slug. */
export async function seedLeads(
  world: TestWorld,
  access: TenantAccess,
  seeds: SeedLead[],
): Promise<void> {
  await world.stores.withTenant(access, async (store) => {
    const rows = seeds.map(leadRow);
    for (let start = 0; start < rows.length; start += 500) {
      await store.db
        .insertInto('leads')
        .values(rows.slice(start, start + 500))
        .execute();
    }
    const identities = seeds
      .filter((seed) => seed.slug)
      .map((seed) => ({
        key: `in:${seed.slug}`,
        lead_id: seed.id,
        kind: 'in',
        created_at: '2025-09-01T00:00:00.000Z',
      }));
    if (identities.length > 0)
      await store.db.insertInto('lead_identities').values(identities).execute();
  });
}

/** A small rubric: founders score, students are out. */
export const founderRubric = {
  name: 'Founders',
  attributes: [
    {
      id: 'A',
      kind: 'positive',
      label: 'Founder',
      max: 40,
      instructions: 'Founders and co-founders.',
      signals: [{ phrase: 'founder', weight: 40 }],
    },
    {
      id: 'N1',
      kind: 'negative',
      label: 'Student',
      penalty: 10,
      disqualifying: true,
      instructions: 'Students are not buyers.',
      signals: [{ phrase: 'student', weight: 10 }],
    },
  ],
};
