import { z } from 'zod';
import { harvestTotalsByRun } from '../../posts/harvest-totals.ts';
import { type AppInstance, withTenantStore } from '../route-kit.ts';
import { wholeNumberText } from './text-values.ts';

const totalsSchema = z.object({
  runs: z.array(
    z.object({
      runId: z.string(),
      profiles: z.number().int(),
      posts: z.number().int(),
      newPosts: z.number().int(),
    }),
  ),
});

/** `GET /posts/harvests`: the posts each of the client's last runs harvested (the Runs chart). */
export async function harvestTotalsRoutes(app: AppInstance): Promise<void> {
  app.get(
    '/posts/harvests',
    {
      config: { auth: 'client' },
      schema: {
        tags: ['posts'],
        summary: "Posts harvested per run, over the client's last runs that harvested",
        querystring: z.strictObject({ limit: wholeNumberText(1, 200).optional() }),
        response: { 200: totalsSchema },
      },
    },
    async (request) =>
      withTenantStore(request, async (store) => ({
        runs: await harvestTotalsByRun(store, request.query.limit ?? 50),
      })),
  );
}
