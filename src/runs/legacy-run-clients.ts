import { ClientRegistry, slugify } from '../clients/client-registry.ts';
import type { Stores } from '../db/tenancy.ts';
import { isAppError } from '../errors.ts';
import type { LegacyClientRun } from './legacy-run-merge.ts';

/** The registry's client of each legacy client ID, and why the others have none. */
export interface LegacyClientResolution {
  /** Lower-cased legacy client ID → registry client ID. */
  clientIds: Map<string, string>;
  /** Lower-cased legacy client ID → why its rows cannot be imported. */
  unresolved: Map<string, string>;
  created: string[];
}

/**
 * A legacy client is the registry's client of the same ID, or of the ID the registry would make
 * from it (`Dana-Whitfield` → `dana-whitfield`). One that is in neither place is created when
 * asked (named as the Client Name column names it), and otherwise its rows are rejected.
 */
export async function resolveLegacyClients(
  stores: Stores,
  clientRuns: LegacyClientRun[],
  createClients: boolean,
): Promise<LegacyClientResolution> {
  const registry = new ClientRegistry(stores);
  const resolution: LegacyClientResolution = {
    clientIds: new Map(),
    unresolved: new Map(),
    created: [],
  };

  for (const clientRun of clientRuns) {
    const key = clientRun.clientId.toLowerCase();
    if (resolution.clientIds.has(key) || resolution.unresolved.has(key)) continue;

    const slug = slugify(clientRun.clientId);
    const found = (await registry.find(clientRun.clientId)) ?? (await registry.find(slug));
    if (found) {
      resolution.clientIds.set(key, found.id);
    } else if (!createClients) {
      resolution.unresolved.set(
        key,
        `client ${clientRun.clientId} is not in the registry (no client "${slug}"): add it with \`leadbase clients add\`, or import with --create-clients`,
      );
    } else {
      await createClient(registry, clientRun, slug, resolution);
    }
  }
  return resolution;
}

async function createClient(
  registry: ClientRegistry,
  clientRun: LegacyClientRun,
  slug: string,
  resolution: LegacyClientResolution,
): Promise<void> {
  const key = clientRun.clientId.toLowerCase();
  try {
    const client = await registry.add({
      id: slug,
      name: clientRun.clientName || clientRun.clientId,
    });
    resolution.clientIds.set(key, client.id);
    resolution.created.push(client.id);
  } catch (error) {
    if (!isAppError(error)) throw error;
    resolution.unresolved.set(
      key,
      `client ${clientRun.clientId} could not be created: ${error.message}`,
    );
  }
}
