import type { Client } from '../../src/clients/client.ts';
import type { NewClient } from '../../src/clients/client-registry.ts';
import type { TenantAccess, TenantStore } from '../../src/db/tenancy.ts';
import type { Lead } from '../../src/leads/lead.ts';
import type { LeadEdits } from '../../src/leads/lead-edits.ts';
import { createLead } from '../../src/leads/lead-updates.ts';
import type { TestWorld } from './stores.ts';

export interface SeedLead extends LeadEdits {
  slug: string;
  score?: number | null;
  scoreStatus?: string;
  stagedAt?: string | null;
  invitedOn?: string | null;
  followUpOn?: string | null;
}

/**
 * A lead created the way a person adds one, then given the score and workflow columns a test
 * needs by writing them directly (as a scoring run or an earlier batch would have).
 */
export async function seedLead(store: TenantStore, seed: SeedLead): Promise<Lead> {
  const { slug, score, scoreStatus, stagedAt, invitedOn, followUpOn, ...edits } = seed;
  const lead = await createLead(store, {
    profileUrl: `https://www.linkedin.com/in/${slug}/`,
    fullName: slug,
    ...edits,
  });
  await store.db
    .updateTable('leads')
    .set({
      score: score ?? null,
      score_status: scoreStatus ?? (score === undefined || score === null ? 'pending' : 'scored'),
      staged_at: stagedAt ?? null,
      invited_on: invitedOn ?? null,
      follow_up_on: followUpOn ?? null,
    })
    .where('id', '=', lead.id)
    .execute();
  return lead;
}

export async function eventsOf(store: TenantStore, leadId: string) {
  const rows = await store.db
    .selectFrom('lead_events')
    .selectAll()
    .where('lead_id', '=', leadId)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    type: row.type,
    source: row.source,
    detail: JSON.parse(row.detail),
  }));
}

/**
 * A fresh client with its store held open for the whole test (the world's `close` shuts it),
 * so a test can call domain functions on the store directly.
 */
export async function openClientStore(
  world: TestWorld,
  input: Partial<NewClient> = {},
): Promise<{ client: Client; access: TenantAccess; store: TenantStore }> {
  const { client, access } = await world.addClient(input);
  const store = await new Promise<TenantStore>((resolve) => {
    void world.stores.withTenant(access, (opened) => {
      resolve(opened);
      return new Promise<void>(() => {});
    });
  });
  return { client, access, store };
}
