// Benchmark of the Connections.csv import. It generates a 100,000-row export (a preamble,
// duplicates under other URL spellings) in a temp folder, imports it into a fresh client, and
// prints rows/s next to a baseline measured in the same run: the same file parsed with
// csv-parse and inserted with plain better-sqlite3 prepared statements in one transaction.
// Then it imports a 1,000,000-row file in a child process and prints that process's peak RSS.
// Targets: import ≥ 0.5 × baseline; peak RSS < 300 MB.
// Run: npx tsx bench/import.ts   (BENCH_IMPORT_ROWS, BENCH_IMPORT_RSS_ROWS change the sizes)

import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse';
import { ClientRegistry } from '../src/clients/client-registry.ts';
import { grantTenantAccess, Stores } from '../src/db/tenancy.ts';
import { type ImportReport, importFile } from '../src/ingest/import-file.ts';
import { newLeadId } from '../src/ingest/lead-id.ts';
import { profileKey } from '../src/leads/identity.ts';
import { logger } from '../src/logger.ts';

// Figures only: the import's own info log would interleave with them.
logger.level = process.env.LOG_LEVEL ?? 'warn';

const rows = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const rssRows = Number(process.env.BENCH_IMPORT_RSS_ROWS ?? 1_000_000);
const targetRatio = 0.5;
const targetRssMb = 300;

const firstNames = [
  'Ada',
  'Bo',
  'Chloé',
  'Dmitri',
  'Eero',
  'Fionnuala',
  'Gökhan',
  'Hana',
  'Ines',
  'Jürgen',
];
const lastNames = [
  'Keller',
  'Łukasiewicz',
  'Moreau',
  'Nakamura',
  'Okafor',
  'Petrov',
  'Quinn',
  'Roux',
];
const companies = ['Kiwi Orbit Ltd', '"Halden & Frost, LLP"', 'Umbra Payments', 'Lumenfall GmbH'];
const positions = ['Head of Procurement', '"VP, Sales"', 'Chief Technology Officer', 'Buyer'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The spellings one person's URL takes when exports of two seats are pasted together. */
const variants = [
  (slug: string) => `https://www.linkedin.com/in/${slug}/`,
  (slug: string) => `http://linkedin.com/in/${slug}`,
  (slug: string) => `https://de.linkedin.com/in/${slug.toUpperCase()}`,
  (slug: string) => `https://www.linkedin.com/in/${slug}?utm_source=share`,
  (slug: string) => `linkedin.com/in/${slug}/details/experience/`,
];

function connectionLine(row: number): string {
  // Every 20th row repeats an earlier person under another spelling of the same URL.
  const duplicate = row % 20 === 19;
  const person = duplicate ? row - 7 * 20 - 19 : row;
  const first = firstNames[Math.abs(person) % firstNames.length]!;
  const last = lastNames[Math.abs(person) % lastNames.length]!;
  const slug = `${first}-${last}-${Math.abs(person).toString(16)}`.toLowerCase();
  const url = duplicate
    ? variants[row % variants.length]!(encodeURIComponent(slug))
    : `https://www.linkedin.com/in/${encodeURIComponent(slug)}`;
  const date = `${String((row % 28) + 1).padStart(2, '0')} ${months[row % 12]} ${2010 + (row % 15)}`;
  const email = row % 10 === 0 ? `${slug}@example.example` : '';
  return `${first},${last},${url},${email},${companies[row % companies.length]},${positions[row % positions.length]},${date}\n`;
}

export async function writeConnectionsCsv(path: string, count: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('Notes:\n"Note: some e-mail addresses may be missing from this export."\n\n');
  out.write('First Name,Last Name,URL,Email Address,Company,Position,Connected On\n');
  for (let start = 0; start < count; start += 10_000) {
    let chunk = '';
    for (let row = start; row < Math.min(count, start + 10_000); row += 1)
      chunk += connectionLine(row);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** Imports `csv` into a new client; the time counts the import, not the store's creation. */
async function importIntoFreshClient(csv: string, dataDir: string) {
  const stores = await Stores.open({ dataDir, maxOpenTenants: 4 });
  try {
    const client = await new ClientRegistry(stores).add({ name: 'Bench' });
    return await stores.withTenant(grantTenantAccess(client.id), async (store) => {
      const started = performance.now();
      const report = await importFile(store, csv);
      return { seconds: (performance.now() - started) / 1000, report };
    });
  } finally {
    await stores.close();
  }
}

/**
 * Times `insertRecord` over every record of `csv`, in one transaction of `db`, and the close
 * that copies the write-ahead log into the database file: the import pays for that copying as
 * it goes (a checkpoint after its batches), so the baselines pay for it too.
 */
async function timeInserts(
  db: Database.Database,
  csv: string,
  insertRecord: (cells: string[]) => void,
) {
  const started = performance.now();
  const parser = createReadStream(csv).pipe(parse({ from_line: 5, relax_column_count: true }));
  db.exec('begin');
  for await (const cells of parser as AsyncIterable<string[]>) insertRecord(cells);
  db.exec('commit');
  db.close();
  return (performance.now() - started) / 1000;
}

/** Baseline A: every record into a bare 7-column table, as fast as SQLite takes rows. */
async function bareTableSeconds(csv: string, folder: string): Promise<number> {
  const db = new Database(join(folder, 'bare.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`create table connections (first_name text, last_name text, url text, email text,
    company text, position text, connected_on text)`);
  const insert = db.prepare('insert into connections values (?, ?, ?, ?, ?, ?, ?)');
  return timeInserts(db, csv, (cells) => insert.run(...cells.slice(0, 7)));
}

/**
 * Baseline B: the rows an import writes (a lead, its identity, a created event per record)
 * into a client store made by the real migrations, with plain prepared statements. Repeats are
 * not matched: it measures the storage, not the identity work.
 */
async function tenantSchemaSeconds(csv: string, folder: string): Promise<number> {
  const stores = await Stores.open({ dataDir: join(folder, 'baseline'), maxOpenTenants: 1 });
  const client = await new ClientRegistry(stores).add({ name: 'Baseline' });
  await stores.withTenant(grantTenantAccess(client.id), async () => {});
  const path = stores.tenantPath(client.id);
  await stores.close();

  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const insertLead = db.prepare(`insert into leads (id, first_name, last_name, full_name, email,
    company, position, profile_url, connected_on, connection_status, member_distance, sources,
    created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'connected', 1, '["connections"]', ?, ?)`);
  const insertIdentity = db.prepare(`insert or ignore into lead_identities (key, lead_id, kind,
    created_at) values (?, ?, 'in', ?)`);
  const insertEvent = db.prepare(`insert into lead_events (lead_id, type, source, detail,
    created_at) values (?, 'created', 'bench', '{}', ?)`);
  const now = new Date().toISOString();
  return timeInserts(db, csv, ([first, last, url, email, company, position, date]) => {
    const id = newLeadId();
    insertLead.run(
      id,
      first,
      last,
      `${first} ${last}`,
      email,
      company,
      position,
      url,
      date,
      now,
      now,
    );
    insertIdentity.run(profileKey(url) ?? id, id, now);
    insertEvent.run(id, now);
  });
}

/** Imports `csv` in a child process and returns its peak resident set size. */
function childPeakRss(csv: string): { maxRssMb: number; seconds: number; records: number } {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--rss-child', csv],
    { encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent' }, maxBuffer: 1 << 20 },
  );
  if (child.status !== 0) throw new Error(`the RSS child failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!);
}

async function rssChild(csv: string): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'leadbase-bench-rss-'));
  try {
    const { seconds, report } = await importIntoFreshClient(csv, dataDir);
    const maxRssMb = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(`${JSON.stringify({ maxRssMb, seconds, records: report.records })}\n`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const rate = (count: number, seconds: number) => Math.round(count / seconds).toLocaleString('en');
const counts = (r: ImportReport) =>
  `created ${r.created}, unchanged ${r.unchanged}, updated ${r.updated}, repeated ${r.repeated}, rejected ${r.rejected}`;

export async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'leadbase-bench-import-'));
  try {
    const csv = join(folder, 'Connections.csv');
    await writeConnectionsCsv(csv, rows);
    const bare = await bareTableSeconds(csv, folder);
    const baseline = await tenantSchemaSeconds(csv, folder);
    const ours = await importIntoFreshClient(csv, join(folder, 'data'));
    const ratio = baseline / ours.seconds;

    console.log(
      `import bench (npx tsx bench/import.ts), ${rows.toLocaleString('en')} rows, 1 in 20 a repeat`,
    );
    console.log(
      `  A. csv-parse + better-sqlite3, bare 7-column table:      ${bare.toFixed(2)} s, ${rate(rows, bare)} rows/s`,
    );
    console.log(
      `  B. csv-parse + better-sqlite3, lead+identity+event rows: ${baseline.toFixed(2)} s, ${rate(rows, baseline)} rows/s`,
    );
    console.log(
      `  leadbase importFile:                                     ${ours.seconds.toFixed(2)} s, ${rate(rows, ours.seconds)} rows/s (${counts(ours.report)})`,
    );
    const verdict = ratio >= targetRatio ? 'met' : `missed by ${(targetRatio - ratio).toFixed(2)}`;
    console.log(
      `  ratio to B ${ratio.toFixed(2)} (target ≥ ${targetRatio}: ${verdict}); ratio to A ${(bare / ours.seconds).toFixed(2)}`,
    );

    const big = join(folder, 'Connections-1m.csv');
    await writeConnectionsCsv(big, rssRows);
    const rss = childPeakRss(big);
    const rssVerdict =
      rss.maxRssMb < targetRssMb
        ? 'met'
        : `missed by ${(rss.maxRssMb - targetRssMb).toFixed(0)} MB`;
    console.log(
      `  peak RSS importing ${rssRows.toLocaleString('en')} rows in a child process: ${rss.maxRssMb.toFixed(0)} MB in ${rss.seconds.toFixed(1)} s, ${rate(rss.records, rss.seconds)} rows/s (target < ${targetRssMb} MB: ${rssVerdict})`,
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--rss-child') {
  await rssChild(process.argv[3]!);
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main();
}
