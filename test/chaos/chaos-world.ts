import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClientRegistry } from '../../src/clients/client-registry.ts';
import type { AppConfig } from '../../src/config.ts';
import { ServerEngine } from '../../src/db/postgres-engine.ts';
import { grantTenantAccess, Stores } from '../../src/db/tenancy.ts';
import { addRubricVersion } from '../../src/scoring/rubric-store.ts';
import { insertLeads, loadExampleRubric } from '../../src/scoring/scoring-fixtures.ts';
import { testDatabaseUrl } from '../support/engine.ts';

// The chaos and benchmark worlds: many clients with leads to score, on PostgreSQL unless the
// test engines leave it out (LEADBASE_TEST_ENGINES=sqlite), in which case SQLite files, which
// several processes share just as well.

export type ChaosEngine = 'sqlite' | 'postgres';

export function chaosEngine(env: NodeJS.ProcessEnv = process.env): ChaosEngine {
  const engines = (env.LEADBASE_TEST_ENGINES ?? 'sqlite,postgres').split(',');
  return engines.map((engine) => engine.trim()).includes('postgres') ? 'postgres' : 'sqlite';
}

export interface ChaosWorld {
  engine: ChaosEngine;
  config: AppConfig;
  /** The same for child processes: data folder and, on PostgreSQL, URL and schema prefix. */
  env: NodeJS.ProcessEnv;
  stores: Stores;
  close(): Promise<void>;
}

export async function createChaosWorld(
  engine: ChaosEngine,
  databaseUrl = testDatabaseUrl,
): Promise<ChaosWorld> {
  const dataDir = mkdtempSync(join(tmpdir(), 'leadbase-chaos-'));
  const schemaPrefix = `chaos${process.pid}_`;
  const server = engine === 'postgres' ? { databaseUrl, schemaPrefix } : {};
  const config: AppConfig = { dataDir, maxOpenTenants: 64, ...server };
  const env: NodeJS.ProcessEnv =
    engine === 'postgres'
      ? {
          LEADBASE_DATA_DIR: dataDir,
          DATABASE_URL: databaseUrl,
          LEADBASE_PG_SCHEMA_PREFIX: schemaPrefix,
        }
      : { LEADBASE_DATA_DIR: dataDir, DATABASE_URL: '' };
  const stores = await Stores.open(config);

  return {
    engine,
    config,
    env,
    stores,
    async close() {
      await stores.close();
      if (engine === 'postgres') {
        const dropper = new ServerEngine({ databaseUrl, schemaPrefix, poolSize: 1 });
        await dropper.dropAll().finally(() => dropper.close());
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const rubric = loadExampleRubric('haulwise-freight-operations.json');
const headlines = [
  'Head of Procurement at Nordhafen Freight',
  'Logistics Manager, packaging',
  'COO at Kestrel Trucking',
  'Graphic Designer',
];

/** Adds `counts.length` clients, client i with counts[i] leads and a rubric; returns their IDs. */
export async function seedScoringClients(stores: Stores, counts: number[]): Promise<string[]> {
  const registry = new ClientRegistry(stores);
  const ids: string[] = [];
  for (const [index, count] of counts.entries()) {
    const id = `client-${String(index + 1).padStart(4, '0')}`;
    await registry.add({ id, name: `Client ${index + 1}` });
    await stores.withTenant(grantTenantAccess(id), async (store) => {
      await addRubricVersion(store, rubric);
      const leads = Array.from({ length: count }, (_, n) => ({
        id: `${id}-lead-${n + 1}`,
        headline: headlines[n % headlines.length]!,
      }));
      for (let start = 0; start < leads.length; start += 200) {
        await insertLeads(store, leads.slice(start, start + 200));
      }
    });
    ids.push(id);
  }
  return ids;
}
