import { z } from 'zod';
import { leadOverview } from '../../leads/lead-overview.ts';
import { type AppInstance, withTenantStore } from '../route-kit.ts';
import { wholeNumberText } from './text-values.ts';

const count = z.number().int();

const overviewSchema = z
  .object({
    leads: count,
    scoreStatus: z.object({
      pending: count,
      scored: count,
      failed: count,
      disqualified: count,
      unqualified: count,
    }),
    scoreBands: z.array(z.object({ from: z.number(), to: z.number(), leads: count })),
    threshold: z.number(),
    pipeline: z.object({ candidates: count, staged: count, invited: count, connected: count }),
    scoredPerDay: z.array(z.object({ day: z.string(), leads: count })),
  })
  .meta({ id: 'Overview' });

/** The portal's overview: the client's leads counted by score, pipeline stage and scoring day. */
export async function overviewRoutes(app: AppInstance): Promise<void> {
  app.get(
    '/overview',
    {
      config: { auth: 'client' },
      schema: {
        tags: ['leads'],
        summary: 'Score distribution, pipeline counts and leads scored per UTC day',
        querystring: z.strictObject({ days: wholeNumberText(1, 366).optional() }),
        response: { 200: overviewSchema },
      },
    },
    async (request) =>
      withTenantStore(request, (store, client) =>
        leadOverview(store, {
          threshold: client.settings.scoreThreshold,
          days: request.query.days ?? 30,
        }),
      ),
  );
}
