import type { ExpressionBuilder } from 'kysely';
import type { TenantDatabase } from '../db/tenant-schema.ts';

/**
 * Whether a field the scorer reads changed after the lead's score was given: the score is out of
 * date until the next scoring run. The same instant counts as after, since the change may have
 * come after the scorer read the words. The CLI, the portal and the invitation batch share it.
 */
export function profileChangedAfterScore(lead: {
  scoredAt: string | null;
  profileChangedAt: string | null;
}): boolean {
  return (
    lead.scoredAt !== null &&
    lead.profileChangedAt !== null &&
    lead.profileChangedAt >= lead.scoredAt
  );
}

/** `profileChangedAfterScore` as a condition on the leads table. */
export function scoreOutOfDate(eb: ExpressionBuilder<TenantDatabase, 'leads'>) {
  return eb.and([
    eb('profile_changed_at', 'is not', null),
    eb('scored_at', 'is not', null),
    eb('profile_changed_at', '>=', eb.ref('scored_at')),
  ]);
}
