import type { Kysely } from 'kysely';
import type { TenantDatabase } from '../db/tenant-schema.ts';

/**
 * The leads that hold these identities, by identity. Posts link to leads only this way, through
 * the author's canonical key, so a lead merge never leaves a post pointing at a deleted lead.
 */
export async function leadIdsByKey(
  db: Kysely<TenantDatabase>,
  keys: Iterable<string | null>,
): Promise<Map<string, string>> {
  const wanted = [...new Set([...keys].filter((key): key is string => key !== null))];
  const found = new Map<string, string>();
  for (let start = 0; start < wanted.length; start += 500) {
    const rows = await db
      .selectFrom('lead_identities')
      .select(['key', 'lead_id'])
      .where('key', 'in', wanted.slice(start, start + 500))
      .execute();
    for (const row of rows) found.set(row.key, row.lead_id);
  }
  return found;
}

/** The lead an author is, by the post's author key or the member ID stated with it. */
export function leadOf(
  links: Map<string, string>,
  post: { authorKey: string; authorMemberKey: string | null },
): string | undefined {
  return (
    links.get(post.authorKey) ??
    (post.authorMemberKey === null ? undefined : links.get(post.authorMemberKey))
  );
}
