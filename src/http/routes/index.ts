import type { AppInstance } from '../route-kit.ts';
import type { ServerSettings } from '../server-config.ts';
import { clientsRoutes } from './clients.ts';
import { healthRoutes } from './health.ts';
import { leadsReadRoutes } from './leads-read.ts';
import { rubricRoutes } from './rubric.ts';
import { runsRoutes } from './runs.ts';

/** Every route of the server: health at the root, the API under /api. */
export async function registerApiRoutes(
  app: AppInstance,
  _settings: ServerSettings,
): Promise<void> {
  await app.register(healthRoutes);
  await app.register(
    async (api) => {
      await api.register(clientsRoutes);
      await api.register(leadsReadRoutes);
      await api.register(rubricRoutes);
      await api.register(runsRoutes);
    },
    { prefix: '/api' },
  );
}
