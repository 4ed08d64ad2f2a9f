import { sql } from 'kysely';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { type AppInstance, noQuerySchema } from '../route-kit.ts';

const statusSchema = z.object({ status: z.literal('ok') });

/** Liveness (the process answers) and readiness (the control store answers). */
export async function healthRoutes(app: AppInstance): Promise<void> {
  app.get(
    '/healthz',
    {
      // Probes from a load balancer or an orchestrator must never be refused for their rate.
      config: { auth: 'public', rateLimit: false },
      schema: {
        tags: ['health'],
        summary: 'The process is alive',
        querystring: noQuerySchema,
        response: { 200: statusSchema },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { auth: 'public', rateLimit: false },
      schema: {
        tags: ['health'],
        summary: 'The control store answers',
        querystring: noQuerySchema,
        response: { 200: statusSchema },
      },
    },
    async () => {
      try {
        await sql`select 1`.execute(app.services.stores.control);
      } catch (error) {
        throw new AppError('store_unavailable', 'the control store does not answer', {
          cause: error,
        });
      }
      return { status: 'ok' as const };
    },
  );
}
