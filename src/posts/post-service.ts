import type { Client } from '../clients/client.ts';

/** Whether a client's service level includes the posts side (harvest and score). */
export function includesPosts(client: Client): boolean {
  return client.serviceLevel === 'leads+posts';
}
