import type { Client } from '../clients/client.ts';

/** Whether a client's service level includes the posts side (harvest and score). */
export function includesPosts(client: Pick<Client, 'serviceLevel'>): boolean {
  return client.serviceLevel === 'leads+posts';
}

/**
 * The warning for posts (or a post rubric) loaded into a client whose service level leaves
 * posts out: `stored` is kept (a client may load it before an upgrade), but no run harvests or
 * scores posts yet.
 */
export function postsOutsideServiceWarning(
  client: Pick<Client, 'id' | 'serviceLevel'>,
  stored = 'the posts are stored',
): string | null {
  if (includesPosts(client)) return null;
  return `client ${client.id} has service level ${client.serviceLevel}: ${stored}, but its runs will not harvest or score posts until its service level includes posts (leads+posts)`;
}
