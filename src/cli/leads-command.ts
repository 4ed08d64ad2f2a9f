import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { AppError } from '../errors.ts';
import { exportLeads, type LeadExportFormat } from '../leads/lead-export.ts';
import { getLead, searchLeads } from '../leads/lead-query.ts';
import type { CliContext } from './context.ts';
import {
  addLeadFilterOptions,
  type LeadFilterOptions,
  leadQueryFromOptions,
} from './lead-filter-options.ts';
import { leadColumns, leadDetailLines } from './lead-view.ts';
import { positiveIntegerOption } from './option-parsers.ts';
import { formatTable } from './table.ts';

interface ListOptions extends LeadFilterOptions {
  client: string;
  limit: number;
  cursor?: string;
  json?: boolean;
}

interface ExportOptions extends LeadFilterOptions {
  client: string;
  format: LeadExportFormat;
  out?: string;
}

async function listLeads(ctx: CliContext, options: ListOptions): Promise<void> {
  const page = await ctx.withClient(options.client, (store, client) => {
    const extra = { limit: options.limit, cursor: options.cursor ?? null, withTotal: true };
    return searchLeads(store, leadQueryFromOptions(options, client, extra));
  });

  if (options.json) {
    ctx.print(JSON.stringify(page, null, 2));
    return;
  }
  if (page.leads.length === 0) {
    ctx.print(`no leads of client ${options.client} match`);
    return;
  }
  for (const line of formatTable(leadColumns, page.leads)) ctx.print(line);
  ctx.print('');
  ctx.print(`${page.leads.length} of ${page.total} matching leads`);
  if (page.nextCursor) ctx.print(`next page: --cursor ${page.nextCursor}`);
}

async function showLead(
  ctx: CliContext,
  reference: string,
  options: { client: string; json?: boolean },
): Promise<void> {
  const { lead, timeZone } = await ctx.withClient(options.client, async (store, client) => ({
    lead: await getLead(store, reference),
    timeZone: client.timeZone,
  }));
  if (options.json) {
    ctx.print(JSON.stringify(lead, null, 2));
    return;
  }
  for (const line of leadDetailLines(lead, timeZone)) ctx.print(line);
}

async function writeAll(chunks: AsyncIterable<string>, out: NodeJS.WritableStream): Promise<void> {
  for await (const chunk of chunks) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
}

async function exportToFile(chunks: AsyncIterable<string>, path: string): Promise<void> {
  await mkdir(dirname(resolve(path)), { recursive: true });
  const file = createWriteStream(path, { encoding: 'utf8' });
  try {
    await writeAll(chunks, file);
    file.end();
    await once(file, 'finish');
  } catch (error) {
    // A half-written export is worse than none: someone would import it as complete.
    file.destroy();
    await rm(path, { force: true });
    if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
      throw new AppError('bad_file', `cannot write ${path}: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

/** Writes the leads to --out or stdout; how many it wrote goes wherever the leads do not. */
async function exportLeadFile(ctx: CliContext, options: ExportOptions): Promise<void> {
  await ctx.withClient(options.client, async (store, client) => {
    const written = { leads: 0 };
    const query = leadQueryFromOptions(options, client);
    const chunks = exportLeads(store, query, options.format, written);
    const what = () => `${written.leads} ${written.leads === 1 ? 'lead' : 'leads'}`;
    if (options.out === undefined) {
      await writeAll(chunks, ctx.streams.stdout);
      ctx.note(`exported ${what()} of client ${client.id} as ${options.format}`);
      return;
    }
    await exportToFile(chunks, options.out);
    ctx.print(`exported ${what()} of client ${client.id} as ${options.format} to ${options.out}`);
  });
}

export function registerLeadsCommand(program: Command, ctx: CliContext): void {
  const leads = program.command('leads').description("search, show and export a client's leads");

  addLeadFilterOptions(
    leads
      .command('list')
      .description('a table of leads, best first unless --sort says otherwise')
      .requiredOption('--client <id>', 'the client whose leads to list'),
  )
    .option('--limit <n>', 'leads per page', positiveIntegerOption, 20)
    .option('--cursor <cursor>', 'the next page, as printed under the previous one')
    .option('--json', 'print JSON instead of a table')
    .action((options: ListOptions) => listLeads(ctx, options));

  leads
    .command('show <id-or-url>')
    .description('one lead: profile, identities, score with the reasons for each point')
    .requiredOption('--client <id>', 'the client the lead belongs to')
    .option('--json', 'print JSON')
    .action((reference: string, options: { client: string; json?: boolean }) =>
      showLead(ctx, reference, options),
    );

  addLeadFilterOptions(
    leads
      .command('export')
      .description('every matching lead as CSV or JSON, on stdout or into --out')
      .requiredOption('--client <id>', 'the client whose leads to export'),
  )
    .addOption(
      new Option('--format <format>', 'file format').choices(['csv', 'json']).default('csv'),
    )
    .option('--out <file>', 'write to this file instead of stdout')
    .action((options: ExportOptions) => exportLeadFile(ctx, options));
}
