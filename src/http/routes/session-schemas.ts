import { z } from 'zod';
import type { Client } from '../../clients/client.ts';

export const signInSchema = z.strictObject({ token: z.string().min(1).max(200) });

export const sessionClientSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    status: z.enum(['active', 'paused']),
    serviceLevel: z.enum(['leads', 'leads+posts']),
    timeZone: z.string(),
  })
  .meta({ id: 'SessionClient' });

/** Who the session is: a client's portal, or an admin who may act for every client. */
export const sessionSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('client'), client: sessionClientSchema }),
    z.object({ kind: z.literal('admin'), clients: z.array(sessionClientSchema) }),
  ])
  .meta({ id: 'Session' });

export type SessionView = z.infer<typeof sessionSchema>;

export function sessionClientOf(client: Client): z.infer<typeof sessionClientSchema> {
  return {
    id: client.id,
    name: client.name,
    status: client.status,
    serviceLevel: client.serviceLevel,
    timeZone: client.timeZone,
  };
}
