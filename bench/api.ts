// The API benchmark: autocannon against an authenticated lead search on a client with 100,000
// leads, and in the same run against a bare Fastify route that answers a body of the same size.
// Both servers run in this process on 127.0.0.1. Run alone with `npx tsx bench/api.ts`.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pino from 'pino';
import { AccessTokens } from '../src/auth/token-store.ts';
import { ClientRegistry } from '../src/clients/client-registry.ts';
import { Stores, type TenantStore } from '../src/db/tenancy.ts';
import { buildServer } from '../src/http/server.ts';
import { leadRow } from '../test/support/lead-rows.ts';

const leadCount = 100_000;
const durationSeconds = Number(process.env.BENCH_API_SECONDS ?? 4);
const connections = 10;
const searchPath = '/api/leads?minScore=40&limit=50';
const target = 0.3;

const titles = ['Head of Procurement', 'Logistics Manager', 'CFO', 'Founder', 'Student', 'Buyer'];
const companies = ['Elbkai Spedition', 'Nordic Road Freight', 'Quantly', 'Brabant Packaging'];

/** 100,000 leads with scores, written straight into the store in one transaction. */
export async function seedLeads(store: TenantStore): Promise<void> {
  await store.dialect.writeTransaction(store.db, async (trx) => {
    for (let start = 0; start < leadCount; start += 500) {
      const rows = Array.from({ length: 500 }, (_, offset) => {
        const n = start + offset;
        const at = new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString();
        return leadRow({
          id: `lead-${String(n).padStart(6, '0')}`,
          full_name: `Person ${n} Ødegaard`,
          headline: `${titles[n % titles.length]} at ${companies[n % companies.length]}`,
          company: companies[n % companies.length]!,
          profile_url: `https://www.linkedin.com/in/bench-${n}`,
          score: (n * 37) % 101,
          score_status: 'scored',
          created_at: at,
          updated_at: at,
        });
      });
      await trx.insertInto('leads').values(rows).execute();
      await trx
        .insertInto('lead_identities')
        .values(
          rows.map((row) => ({
            key: `in:bench-${row.id}`,
            lead_id: row.id,
            kind: 'in',
            created_at: row.created_at,
          })),
        )
        .execute();
    }
  });
}

interface Figures {
  requestsPerSecond: number;
  p99Ms: number;
  non2xx: number;
}

async function hammer(url: string, headers: Record<string, string>): Promise<Figures> {
  const result = await autocannon({ url, connections, duration: durationSeconds, headers });
  return {
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx + result.errors,
  };
}

/** A Fastify app with one route answering a fixed body: the ceiling for the same answer size. */
async function startBareServer(body: string) {
  const bare = Fastify({ logger: false });
  bare.get('/bare', async (_request, reply) =>
    reply.type('application/json; charset=utf-8').send(body),
  );
  const url = await bare.listen({ port: 0, host: '127.0.0.1' });
  return { app: bare, url: `${url}/bare` };
}

function line(name: string, figures: Figures): string {
  const rate = figures.requestsPerSecond.toFixed(0).padStart(7);
  return `${name.padEnd(34)} ${rate} req/s   p99 ${String(figures.p99Ms).padStart(4)} ms   non-2xx ${figures.non2xx}`;
}

export async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'leadbase-bench-api-'));
  const stores = await Stores.open({ dataDir, maxOpenTenants: 4 });
  try {
    const clients = new ClientRegistry(stores);
    await clients.add({ name: 'Bench client', id: 'bench' });
    const seedStarted = Date.now();
    await stores.withTenant((await clients.operatorAccess('bench')).access, seedLeads);
    console.log(`seeded ${leadCount} leads in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);

    const { token } = await new AccessTokens(stores.control).create({
      kind: 'client',
      clientId: 'bench',
      scope: 'portal',
    });
    const app = await buildServer({
      stores,
      logger: pino({ level: 'silent' }),
      settings: { rateLimit: false },
    });
    const apiUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    const headers = { authorization: `Bearer ${token}` };

    const sample = await fetch(`${apiUrl}${searchPath}`, { headers });
    const body = await sample.text();
    if (sample.status !== 200) throw new Error(`search answered ${sample.status}: ${body}`);
    const bare = await startBareServer(body);

    console.log(
      `autocannon: ${connections} connections, ${durationSeconds} s each, answer of ${body.length} bytes`,
    );
    const bareFigures = await hammer(bare.url, {});
    const searchFigures = await hammer(`${apiUrl}${searchPath}`, headers);
    const ratio = searchFigures.requestsPerSecond / bareFigures.requestsPerSecond;

    console.log(line('bare Fastify route, same body', bareFigures));
    console.log(line(`lead search ${searchPath}`, searchFigures));
    console.log(
      `ratio ${ratio.toFixed(2)} of the bare route's rate (target ≥ ${target}): ${ratio >= target ? 'met' : `missed by ${(target - ratio).toFixed(2)}`}`,
    );

    await bare.app.close();
    await app.close();
  } finally {
    await stores.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main();
}
