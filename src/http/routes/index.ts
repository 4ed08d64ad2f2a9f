import type { AppInstance } from '../route-kit.ts';
import type { ServerSettings } from '../server-config.ts';
import { clientDeletionRoutes } from './client-deletion.ts';
import { clientsRoutes } from './clients.ts';
import { followUpsRoutes } from './follow-ups.ts';
import { harvestTotalsRoutes } from './harvest-totals.ts';
import { healthRoutes } from './health.ts';
import { importsRoutes } from './imports.ts';
import { inboxRoutes } from './inbox.ts';
import { leadsReadRoutes } from './leads-read.ts';
import { leadsWriteRoutes } from './leads-write.ts';
import { notesRoutes } from './notes.ts';
import { overviewRoutes } from './overview.ts';
import { postsRoutes } from './posts.ts';
import { rubricRoutes } from './rubric.ts';
import { runsRoutes } from './runs.ts';
import { sessionRoutes } from './session.ts';
import { topLeadsRoutes } from './top-leads.ts';
import { webhooksRoutes } from './webhooks.ts';

/** Every route module under /api; each is its own plugin, so its parsers stay its own. */
const apiRoutes = [
  clientsRoutes,
  clientDeletionRoutes,
  leadsReadRoutes,
  leadsWriteRoutes,
  overviewRoutes,
  notesRoutes,
  followUpsRoutes,
  topLeadsRoutes,
  rubricRoutes,
  runsRoutes,
  harvestTotalsRoutes,
  webhooksRoutes,
  inboxRoutes,
];

/** Every route of the server: health at the root, the API under /api. */
export async function registerApiRoutes(app: AppInstance, settings: ServerSettings): Promise<void> {
  await app.register(healthRoutes);
  await app.register(
    async (api) => {
      for (const routes of apiRoutes) await api.register(routes);
      await api.register(importsRoutes(settings));
      await api.register(postsRoutes(settings));
      await api.register(sessionRoutes(settings));
    },
    { prefix: '/api' },
  );
}
