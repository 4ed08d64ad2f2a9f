// The portal benchmark: the gzipped size of the built JavaScript and CSS (the first page's, and
// all of it), then, in Chromium, the time until the Leads page of a client with 100,000 leads
// shows its first rows, next to the time of the bare /api call that feeds it. The server runs
// in this process on 127.0.0.1. Run alone with `npx tsx bench/portal.ts`.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { BrowserContext } from 'playwright-core';
import { AccessTokens } from '../src/auth/token-store.ts';
import { ClientRegistry } from '../src/clients/client-registry.ts';
import { Stores } from '../src/db/tenancy.ts';
import { startServer } from '../src/http/start-server.ts';
import { logger } from '../src/logger.ts';
import { launchBrowser } from '../test/e2e/support/browser.ts';
import { portalBuild } from '../test/e2e/support/portal-build.ts';
import { seedLeads } from './api.ts';

logger.level = process.env.LOG_LEVEL ?? 'silent';

const sizeTargetKb = 300;
const rounds = Number(process.env.BENCH_PORTAL_ROUNDS ?? 5);
const firstRowSelector = 'tbody tr td[data-column="name"]';

const gzipKb = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length / 1024;
const kb = (value: number) => `${value.toFixed(1)} KB`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The assets index.html names (entry script, its preloads, its styles): the first page. */
function entryAssets(root: string): string[] {
  const html = readFileSync(join(root, 'index.html'), 'utf8');
  return [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
}

function reportSizes(root: string): void {
  const all = readdirSync(join(root, 'assets'))
    .filter((name) => /\.(js|css)$/.test(name))
    .map((name) => `assets/${name}`);
  const sum = (paths: string[], ext: string) =>
    paths
      .filter((path) => path.endsWith(ext))
      .reduce((total, path) => total + gzipKb(join(root, path)), 0);
  const entry = entryAssets(root);
  const first = sum(entry, '.js') + sum(entry, '.css');
  console.log(`built portal, gzipped (level 9):`);
  console.log(
    `  first page (index.html's ${entry.length} assets): JS ${kb(sum(entry, '.js'))}, CSS ${kb(sum(entry, '.css'))}, together ${kb(first)} (target < ${sizeTargetKb} KB: ${first < sizeTargetKb ? 'met' : 'missed'})`,
  );
  console.log(
    `  every chunk (${all.length} files): JS ${kb(sum(all, '.js'))}, CSS ${kb(sum(all, '.css'))}`,
  );
}

/** A fresh context (empty cache) signed in as the client, recording when rows first appear. */
async function signedInContext(
  browser: Awaited<ReturnType<typeof launchBrowser>>,
  url: string,
  token: string,
) {
  const context = await browser.newContext({ baseURL: url });
  const signIn = await context.request.post('/api/session', {
    data: { token },
    headers: { 'x-leadbase-csrf': '1' },
  });
  if (!signIn.ok()) throw new Error(`sign-in answered ${signIn.status()}: ${await signIn.text()}`);
  await context.addInitScript((selector: string) => {
    const observer = new MutationObserver(() => {
      if (document.querySelector(selector)) {
        (window as unknown as { firstRowsAt: number }).firstRowsAt = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document, { childList: true, subtree: true });
  }, firstRowSelector);
  return context;
}

/** When, in ms after navigation start, the rows call went out and came back, and rows showed. */
interface LeadsLoad {
  rowsShown: number;
  callSent: number;
  callAnswered: number;
  assets: string[];
  callUrl: string;
}

/** Loads /leads in a new tab of `context` and times it from the page's own clock. */
async function loadLeads(context: BrowserContext): Promise<LeadsLoad> {
  const page = await context.newPage();
  await page.goto('/leads');
  await page.locator(firstRowSelector).first().waitFor({ timeout: 60_000 });
  const load = await page.evaluate(() => {
    const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const call = entries.find(
      (entry) => entry.name.includes('/api/leads?') && !entry.name.includes('withTotal'),
    );
    return {
      rowsShown: (window as unknown as { firstRowsAt: number }).firstRowsAt,
      callSent: call?.startTime ?? Number.NaN,
      callAnswered: call?.responseEnd ?? Number.NaN,
      assets: entries
        .map((entry) => new URL(entry.name).pathname)
        .filter((path) => path.startsWith('/assets/'))
        .map((path) => path.slice(1)),
      callUrl: call?.name ?? '',
    };
  });
  await page.close();
  return load;
}

/** The median time of an API call made from the page (the Leads page's rows call, say). */
async function bareCallMs(context: BrowserContext, callUrl: string): Promise<number> {
  const page = await context.newPage();
  await page.goto('/api/health');
  const samples = await page.evaluate(async (target: string) => {
    const times: number[] = [];
    for (let round = 0; round < 15; round += 1) {
      const started = performance.now();
      const response = await fetch(target, { credentials: 'same-origin', cache: 'no-store' });
      await response.json();
      times.push(performance.now() - started);
    }
    return times;
  }, callUrl);
  await page.close();
  return median(samples.slice(3));
}

function reportLoads(cold: LeadsLoad[], warm: LeadsLoad[], callMs: number, root: string) {
  const at = (loads: LeadsLoad[], pick: (load: LeadsLoad) => number) =>
    median(loads.map(pick)).toFixed(0).padStart(5);
  const assets = cold[0]!.assets;
  const assetsKb = assets.reduce((total, path) => total + gzipKb(join(root, path)), 0);
  const call = new URL(cold[0]!.callUrl);
  console.log(`Leads page of 100,000 leads in Chromium (median of ${cold.length} loads):`);
  console.log(`  assets it loads: ${assets.length} files, ${kb(assetsKb)} gzipped`);
  for (const [name, loads] of [
    ['empty cache', cold],
    ['warm cache ', warm],
  ] as const) {
    console.log(
      `  ${name}: rows call sent at ${at(loads, (l) => l.callSent)} ms, answered at ${at(loads, (l) => l.callAnswered)} ms, first rows shown at ${at(loads, (l) => l.rowsShown)} ms`,
    );
  }
  console.log(`  bare call ${call.pathname}${call.search}: ${callMs.toFixed(1)} ms (in the page)`);
  const ratio = (loads: LeadsLoad[]) => (median(loads.map((l) => l.rowsShown)) / callMs).toFixed(1);
  console.log(`  ratio first rows / bare call: ${ratio(cold)} cold, ${ratio(warm)} warm`);
}

async function benchBrowser(url: string, token: string, root: string): Promise<void> {
  const browser = await launchBrowser();
  const cold: LeadsLoad[] = [];
  const warm: LeadsLoad[] = [];
  let callMs = Number.NaN;
  let overviewMs = Number.NaN;
  try {
    for (let round = 0; round < rounds; round += 1) {
      const context = await signedInContext(browser, url, token);
      cold.push(await loadLeads(context));
      warm.push(await loadLeads(context));
      if (round === rounds - 1) {
        callMs = await bareCallMs(context, cold[0]!.callUrl);
        overviewMs = await bareCallMs(context, `${url}/api/overview`);
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
  reportLoads(cold, warm, callMs, root);
  console.log(
    `  the Overview's aggregates, GET /api/overview: ${overviewMs.toFixed(1)} ms (in the page)`,
  );
}

export async function main(): Promise<void> {
  const root = await portalBuild();
  const dataDir = mkdtempSync(join(tmpdir(), 'leadbase-bench-portal-'));
  const stores = await Stores.open({ dataDir, maxOpenTenants: 4 });
  try {
    const [load] = loadavg();
    console.log(`load average ${load!.toFixed(1)} on ${cpus().length} CPUs: figures scale with it`);
    reportSizes(root);
    const clients = new ClientRegistry(stores);
    await clients.add({ name: 'Bench client', id: 'bench' });
    const seedStarted = Date.now();
    await stores.withTenant((await clients.operatorAccess('bench')).access, seedLeads);
    console.log(`seeded 100,000 leads in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);
    const { token } = await new AccessTokens(stores.control).create({
      kind: 'client',
      clientId: 'bench',
      scope: 'portal',
    });
    const server = await startServer({
      stores,
      portalRoot: root,
      settings: { port: 0, host: '127.0.0.1', rateLimit: false },
    });
    try {
      await benchBrowser(server.url, token, root);
    } finally {
      await server.close();
    }
  } finally {
    await stores.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main();
}
