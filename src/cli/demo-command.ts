import { relative } from 'node:path';
import type { Command } from 'commander';
import type { Client } from '../clients/client.ts';
import { calendarDateIn } from '../clock.ts';
import { loadConfig } from '../config.ts';
import type { TenantStore } from '../db/tenancy.ts';
import { importFile } from '../ingest/import-file.ts';
import { searchLeads } from '../leads/lead-query.ts';
import type { RunDetail } from '../runs/run.ts';
import { RunLedger } from '../runs/run-ledger.ts';
import { parseRubric } from '../scoring/rubric.ts';
import { addRubricVersionIfChanged } from '../scoring/rubric-store.ts';
import type { CliContext } from './context.ts';
import { dataLocation } from './data-location.ts';
import { type DemoClient, demoClients } from './demo-clients.ts';
import { printPortalLogins } from './demo-logins.ts';
import { scoreReasons } from './lead-view.ts';
import { parseJsonFile, readTextFile } from './read-input-file.ts';
import { executeAndReport } from './run-execution.ts';
import { formatScore } from './table.ts';

const topCount = 10;

async function ensureClient(ctx: CliContext, demo: DemoClient): Promise<Client> {
  const registry = await ctx.registry();
  const existing = await registry.find(demo.client.id);
  if (existing) return existing;
  const client = await registry.add(demo.client);
  ctx.print(`created client ${client.id} (${client.name}), time zone ${client.timeZone}`);
  return client;
}

/** Adds the example rubric as a new version only when it differs from the current one. */
async function ensureRubric(ctx: CliContext, store: TenantStore, path: string): Promise<number> {
  const rubric = parseRubric(parseJsonFile(await readTextFile(path), path), path);
  const { version, added } = await addRubricVersionIfChanged(store, rubric, 'the demo rubric');
  ctx.print(
    added
      ? `  rubric v${version.version} added: ${rubric.name}`
      : `  rubric v${version.version} is up to date`,
  );
  return version.version;
}

async function importExamples(
  ctx: CliContext,
  store: TenantStore,
  demo: DemoClient,
  client: Client,
) {
  for (const path of demo.files) {
    const report = await importFile(store, path, { today: calendarDateIn(client.timeZone) });
    ctx.print(
      `  ${relative(process.cwd(), path)}: ${report.records} records as ${report.format} — created ${report.created}, updated ${report.updated}, repeated ${report.repeated}, unchanged ${report.unchanged}, merged ${report.merged}, rejected ${report.rejected}`,
    );
    for (const rejection of report.rejections) {
      ctx.print(`    rejected line ${rejection.line}: ${rejection.reason}`);
    }
  }
}

/** Sets up one demo client and returns the rubric version its leads are to be scored with. */
async function prepareClient(ctx: CliContext, demo: DemoClient): Promise<number> {
  const client = await ensureClient(ctx, demo);
  ctx.print(`client ${client.id} (${client.name})`);
  return ctx.withClient(client.id, async (store) => {
    const version = await ensureRubric(ctx, store, demo.rubric);
    await importExamples(ctx, store, demo, client);
    return version;
  });
}

/**
 * The demo's run over the demo clients only (other clients of the data folder are left alone),
 * keyed by the day and the rubric versions: a second demo the same day finds it and adds no run
 * record, while an edited demo rubric gets a run of its own.
 */
async function scoringRun(ctx: CliContext, rubricVersions: number[]): Promise<RunDetail> {
  const ledger = new RunLedger(await ctx.stores());
  const key = `demo-${calendarDateIn('UTC')}-rubrics-${rubricVersions.join('.')}`;
  const { run, created } = await ledger.createRun({
    clientIds: demoClients.map((demo) => demo.client.id),
    operations: ['score-leads'],
    trigger: 'cli',
    idempotencyKey: key,
  });
  if (!created) ctx.print(`run ${run.id} already holds the key ${key}: showing it`);
  const resumable = run.status === 'failed' || run.status === 'partially_failed';
  const detail = resumable ? await ledger.retry(run.id) : run;
  return executeAndReport(ctx, ledger, detail.id, detail.records.length);
}

async function printTopLeads(ctx: CliContext, demo: DemoClient): Promise<void> {
  const { leads, total } = await ctx.withClient(demo.client.id, (store) =>
    searchLeads(store, {
      scoreStatus: ['scored'],
      sort: 'score',
      limit: topCount,
      withTotal: true,
    }),
  );
  ctx.print('');
  ctx.print(
    `top ${leads.length} of ${total} qualified leads of ${demo.client.id} (${demo.client.name}):`,
  );
  leads.forEach((lead, index) => {
    const role = [lead.position ?? lead.headline, lead.company].filter(Boolean).join(', ');
    ctx.print(
      `${String(index + 1).padStart(2)}. ${formatScore(lead.score).padStart(6)}  ${lead.fullName ?? lead.id} — ${role}`,
    );
    // The reasons: each attribute that earned or cost points, with the words behind them.
    for (const reason of scoreReasons(lead).slice(1)) {
      if (!reason.includes('nothing matched')) ctx.print(`            ${reason}`);
    }
  });
}

async function runDemo(ctx: CliContext): Promise<void> {
  await ctx.stores();
  ctx.print(dataLocation(loadConfig(ctx.env)));
  const rubricVersions: number[] = [];
  for (const demo of demoClients) rubricVersions.push(await prepareClient(ctx, demo));

  ctx.print('');
  await scoringRun(ctx, rubricVersions);
  for (const demo of demoClients) await printTopLeads(ctx, demo);

  ctx.print('');
  ctx.print('next: `npx leadbase leads list --client haulwise --search procurement`,');
  ctx.print('      `npx leadbase leads show <id> --client ledgerline`, `npx leadbase runs list`');
  await printPortalLogins(ctx, demoClients);
}

export function registerDemoCommand(program: Command, ctx: CliContext): void {
  program
    .command('demo')
    .description('set up two demo clients from examples/, score their leads and show the best')
    .action(() => runDemo(ctx));
}
