import { nowIso } from '../clock.ts';
import type { TenantStore } from '../db/tenancy.ts';
import { AppError } from '../errors.ts';
import { profileKey } from '../leads/identity.ts';
import { leadKeys } from './lead-post-state.ts';

export interface ActionedLead {
  leadId: string;
  /** Posts taken off the list by this call. */
  posts: number;
  actionedAt: string;
}

/** The lead named by its ID or by any LinkedIn reference to it. */
export async function resolveLead(store: TenantStore, idOrRef: string): Promise<string> {
  const byId = await store.db
    .selectFrom('leads')
    .select('id')
    .where('id', '=', idOrRef)
    .executeTakeFirst();
  if (byId) return byId.id;
  const key = profileKey(idOrRef);
  const byKey = key
    ? await store.db
        .selectFrom('lead_identities')
        .select('lead_id')
        .where('key', '=', key)
        .executeTakeFirst()
    : undefined;
  if (byKey) return byKey.lead_id;
  throw new AppError('not_found', `client ${store.clientId} has no lead "${idOrRef}"`, {
    details: { lead: idOrRef },
  });
}

/**
 * Marks a lead as actioned on the posts side (the coach opened the conversation): its posts
 * leave the top list, later posts of it stay off, and the harvest no longer picks it.
 */
export async function markLeadPostsActioned(
  store: TenantStore,
  idOrRef: string,
): Promise<ActionedLead> {
  const leadId = await resolveLead(store, idOrRef);
  const at = nowIso();
  return store.dialect.writeTransaction(store.db, async (trx) => {
    const keys = await leadKeys(trx, leadId);
    const updated = await trx
      .updateTable('posts')
      .set({ actioned_at: at, updated_at: at })
      .where('actioned_at', 'is', null)
      .where((eb) => eb.or([eb('author_key', 'in', keys), eb('author_member_key', 'in', keys)]))
      .executeTakeFirst();
    await trx
      .insertInto('lead_post_state')
      .values({ lead_id: leadId, actioned_at: at, updated_at: at })
      .onConflict((conflict) =>
        conflict.column('lead_id').doUpdateSet({ actioned_at: at, updated_at: at }),
      )
      .execute();
    return { leadId, posts: Number(updated.numUpdatedRows), actionedAt: at };
  });
}
