// `npm run bench`: every benchmark in bench/, each in its own process, then the offline scorer
// and the lead search over 100,000 leads. Figures print as they come; re-run any one benchmark
// with `npx tsx bench/<name>.ts`.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClientRegistry } from '../src/clients/client-registry.ts';
import { Stores, type TenantStore } from '../src/db/tenancy.ts';
import type { Lead } from '../src/leads/lead.ts';
import { exportLeads } from '../src/leads/lead-export.ts';
import { getLead, searchLeads } from '../src/leads/lead-query.ts';
import type { LeadQuery } from '../src/leads/lead-query-schema.ts';
import { logger } from '../src/logger.ts';
import type { OperationProgress } from '../src/runs/operation.ts';
import { offlineScorer } from '../src/scoring/offline-scorer.ts';
import { parseRubric } from '../src/scoring/rubric.ts';
import { addRubricVersion } from '../src/scoring/rubric-store.ts';
import { scoreLeadsOperation } from '../src/scoring/score-leads-operation.ts';
import { leadRow } from '../test/support/lead-rows.ts';

// Figures only: the operations' own info logs would interleave with them.
logger.level = process.env.LOG_LEVEL ?? 'warn';

const benchDir = dirname(fileURLToPath(import.meta.url));
/** Benchmarks that run themselves when executed; a missing one is skipped with a note. */
const childBenches = ['import.ts', 'api.ts', 'llm.ts', 'runs.ts', 'portal.ts', 'client-archive.ts'];
const leadCount = 100_000;

function runChildBenches(): string[] {
  const failed: string[] = [];
  for (const name of childBenches) {
    const path = join(benchDir, name);
    if (!existsSync(path)) {
      console.log(`(bench/${name} is not there yet: skipped)\n`);
      continue;
    }
    const child = spawnSync(process.execPath, ['--import', 'tsx', path], {
      stdio: 'inherit',
      env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
    });
    if (child.status !== 0) failed.push(name);
    console.log('');
  }
  return failed;
}

const titles = [
  'Head of Procurement',
  'Logistics Manager',
  'Software Engineer',
  'COO',
  'Buyer',
  'Key Account Manager',
  'Student',
  'Supply Chain Director',
  'Marketing Manager',
  'Recruiter',
];
const companies = [
  'Elbkai Spedition GmbH',
  'Nordic Road Freight AB',
  'Quantly',
  'Brabant Packaging',
  'Göta Automotive AB',
  'Studio Verde',
  'Scheldt Logistics NV',
  'Alpenbank AG',
];
const places = [
  'Hamburg, Germany',
  'Rotterdam, Netherlands',
  'Dallas, Texas, United States',
  'Zürich, Switzerland',
  'Lyon, France',
];
const abouts = [
  'Running our carrier tender and a TMS roll-out.',
  'Building apps.',
  '',
  'Freight spend, visibility and cost reduction across 40 lanes.',
  'Opinions my own.',
];

/** 100,000 varied leads written straight into the store, with one identity each. */
async function seedLeads(store: TenantStore): Promise<void> {
  for (let start = 0; start < leadCount; start += 500) {
    const batch = Array.from({ length: Math.min(500, leadCount - start) }, (_, offset) => {
      const n = start + offset;
      const pick = <T>(list: T[], salt: number) => list[(n * salt + salt) % list.length]!;
      return leadRow({
        id: `lead-${String(n).padStart(6, '0')}`,
        full_name: `Person ${n} ${pick(['Müller', 'Zoë', 'Smith', 'Ødegaard'], 7)}`,
        headline: `${pick(titles, 3)} at ${pick(companies, 5)}`,
        position: pick(titles, 3),
        company: pick(companies, 5),
        location: pick(places, 11),
        about: pick(abouts, 13),
        tags: n % 10 === 0 ? '["hot"]' : '[]',
        follow_up_on: n % 40 === 0 ? `2025-09-${String(1 + (n % 28)).padStart(2, '0')}` : null,
        created_at: new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString(),
        updated_at: new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString(),
      });
    });
    await store.db.insertInto('leads').values(batch).execute();
    const identities = batch.map((row) => ({
      key: `in:bench-${row.id}`,
      lead_id: row.id,
      kind: 'in',
      created_at: row.created_at,
    }));
    await store.db.insertInto('lead_identities').values(identities).execute();
  }
}

const silentProgress: OperationProgress = {
  examined: async () => {},
  succeeded: async () => {},
  failed: async () => {},
  skipped: async () => {},
  usage: async () => {},
};

async function firstLeads(store: TenantStore, count: number): Promise<Lead[]> {
  const leads: Lead[] = [];
  let cursor: string | null = null;
  while (leads.length < count) {
    const page = await searchLeads(store, { sort: 'created', limit: 1000, cursor });
    leads.push(...page.leads);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return leads.slice(0, count);
}

async function benchScoring(store: TenantStore, clientId: string, stores: Stores): Promise<void> {
  const rubricPath = join(benchDir, '..', 'examples/rubrics/haulwise-freight-operations.json');
  const rubric = parseRubric(JSON.parse(await readFile(rubricPath, 'utf8')), rubricPath);
  const version = await addRubricVersion(store, rubric, 'bench');

  const sample = await firstLeads(store, 10_000);
  let started = performance.now();
  await offlineScorer.scoreBatch(sample, version, new AbortController().signal);
  const scorerRate = sample.length / ((performance.now() - started) / 1000);

  const client = await new ClientRegistry(stores).get(clientId);
  started = performance.now();
  await scoreLeadsOperation().run({
    runId: 'run_bench',
    client,
    store,
    progress: silentProgress,
    signal: new AbortController().signal,
  });
  const seconds = (performance.now() - started) / 1000;

  console.log(
    `  offline scorer alone: ${Math.round(scorerRate).toLocaleString('en')} leads/s (10,000 leads in memory)`,
  );
  console.log(
    `  score-leads operation, ${leadCount.toLocaleString('en')} leads scored and written: ${seconds.toFixed(2)} s, ${Math.round(leadCount / seconds).toLocaleString('en')} leads/s`,
  );
}

async function medianMs(work: () => Promise<unknown>, times = 7): Promise<number> {
  const samples: number[] = [];
  for (let round = 0; round < times; round += 1) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return samples.sort((a, b) => a - b)[Math.floor(times / 2)]!;
}

async function benchSearch(store: TenantStore): Promise<void> {
  const second = (await searchLeads(store, { limit: 50 })).nextCursor;
  const queries: [string, LeadQuery][] = [
    ['best 50 by score', { limit: 50 }],
    ['the page after it', { limit: 50, cursor: second }],
    ['score ≥ 80, by name', { minScore: 80, sort: 'name' }],
    ['tag "hot", newest first', { tags: ['hot'], sort: 'created' }],
    ['follow-ups due', { followUpDue: '2025-09-15', sort: 'follow-up' }],
    ['text "zoe hamburg"', { q: 'zoe hamburg' }],
    ['text "zoe hamburg" with total', { q: 'zoe hamburg', withTotal: true }],
    ['text matching nothing', { q: 'no-such-words' }],
  ];
  for (const [label, query] of queries) {
    const ms = await medianMs(() => searchLeads(store, query));
    console.log(`  search, ${label.padEnd(30)} ${ms.toFixed(1).padStart(7)} ms (median of 7)`);
  }
  const byUrl = await medianMs(() =>
    getLead(store, 'https://www.linkedin.com/in/bench-lead-054321/'),
  );
  console.log(`  getLead by profile URL${' '.repeat(17)}${byUrl.toFixed(1).padStart(7)} ms`);

  const started = performance.now();
  let bytes = 0;
  for await (const chunk of exportLeads(store, {}, 'csv')) bytes += chunk.length;
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `  CSV export of all ${leadCount.toLocaleString('en')} leads: ${seconds.toFixed(2)} s, ${Math.round(leadCount / seconds).toLocaleString('en')} leads/s, ${(bytes / 1e6).toFixed(1)} MB`,
  );
}

async function benchScoringAndSearch(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'leadbase-bench-leads-'));
  const stores = await Stores.open({ dataDir, maxOpenTenants: 4 });
  try {
    const registry = new ClientRegistry(stores);
    await registry.add({ name: 'Bench', id: 'bench' });
    const { access } = await registry.operatorAccess('bench');
    await stores.withTenant(access, async (store) => {
      await seedLeads(store);
      console.log(
        `scoring and search bench (npm run bench), ${leadCount.toLocaleString('en')} leads`,
      );
      await benchScoring(store, 'bench', stores);
      await benchSearch(store);
    });
  } finally {
    await stores.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const failed = runChildBenches();
await benchScoringAndSearch();
if (failed.length > 0) {
  console.log(`\nfailed: ${failed.map((name) => `bench/${name}`).join(', ')}`);
  process.exitCode = 1;
}
