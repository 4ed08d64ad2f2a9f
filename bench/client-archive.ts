// A client of 100,000 leads exported to an archive and imported again under another ID, on the
// engine DATABASE_URL names (the embedded files without it): time of each step, the archive's
// size, and the process's peak memory above what it held before, which stays flat whatever
// the client's size because both steps read and write page by page.

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportClientArchive } from '../src/clients/client-archive-export.ts';
import { importClientArchive } from '../src/clients/client-archive-import.ts';
import { ClientRegistry } from '../src/clients/client-registry.ts';
import { loadConfig } from '../src/config.ts';
import { ServerEngine } from '../src/db/postgres-engine.ts';
import { grantTenantAccess, Stores } from '../src/db/tenancy.ts';
import { leadRow } from '../test/support/lead-rows.ts';

const leadCount = Number(process.env.BENCH_LEADS ?? 100_000);

async function fill(stores: Stores, clientId: string): Promise<void> {
  const about = 'Runs procurement for a regional freight carrier. '.repeat(8);
  await stores.withTenant(grantTenantAccess(clientId), async (store) => {
    for (let start = 0; start < leadCount; start += 500) {
      const rows = [];
      for (let i = start; i < Math.min(leadCount, start + 500); i += 1) {
        rows.push(
          leadRow({ id: `lead-${i}`, full_name: `Lead ${i}`, headline: 'Head of ops', about }),
        );
      }
      await store.db.insertInto('leads').values(rows).execute();
    }
  });
}

function peakSampler(): { stop: () => number } {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      return peak - base;
    },
  };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'leadbase-bench-archive-'));
  const schemaPrefix = `bench${process.pid}_`;
  const config = { ...loadConfig(process.env), dataDir, schemaPrefix };
  const stores = await Stores.open(config);
  const suffix = Date.now().toString(36);
  const source = `bench-${suffix}`;
  const copy = `bench-copy-${suffix}`;
  try {
    await new ClientRegistry(stores).add({ name: 'Bench', id: source });
    await fill(stores, source);
    const path = join(dataDir, 'bench.jsonl.gz');
    const sampler = peakSampler();

    let started = performance.now();
    await exportClientArchive(stores, source, path);
    const exportMs = performance.now() - started;
    started = performance.now();
    await importClientArchive(stores, path, { as: copy });
    const importMs = performance.now() - started;
    const peakMb = sampler.stop() / 1e6;

    console.log(`client archive, ${leadCount.toLocaleString('en')} leads (${stores.engineKind})`);
    console.log(`  export ${Math.round(exportMs)} ms, import ${Math.round(importMs)} ms`);
    console.log(`  archive ${(statSync(path).size / 1e6).toFixed(1)} MB`);
    console.log(`  peak memory above the start: ${peakMb.toFixed(0)} MB\n`);
  } finally {
    await stores.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (config.databaseUrl) {
      const engine = new ServerEngine({
        databaseUrl: config.databaseUrl,
        schemaPrefix,
        poolSize: 1,
      });
      await engine.dropAll().finally(() => engine.close());
    }
  }
}

await main();
