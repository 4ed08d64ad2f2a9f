import { resolve } from 'node:path';
import type { Command } from 'commander';
import { exportClientArchive } from '../clients/client-archive-export.ts';
import { importClientArchive } from '../clients/client-archive-import.ts';
import {
  type ClientDeletion,
  deleteClient,
  planClientDeletion,
} from '../clients/client-deletion.ts';
import { nowIso } from '../clock.ts';
import { AppError } from '../errors.ts';
import { counted } from '../words.ts';
import type { CliContext } from './context.ts';
import { formatTable } from './table.ts';

/** A timestamp that sorts and is safe in a file name: 20261204T185500Z. */
export function fileStamp(iso = nowIso()): string {
  return `${iso.slice(0, 19).replace(/[-:]/g, '')}Z`;
}

function printCounts(ctx: CliContext, counts: Record<string, number>): void {
  const rows = Object.entries(counts);
  const lines = formatTable<[string, number]>(
    [
      { header: 'TABLE', value: ([table]) => table },
      { header: 'ROWS', value: ([, rows]) => String(rows), align: 'right' },
    ],
    rows,
  );
  for (const line of lines) ctx.print(line);
}

async function exportClient(ctx: CliContext, id: string, options: { out?: string }) {
  const path = resolve(options.out ?? `${id}-${fileStamp()}.jsonl.gz`);
  const summary = await exportClientArchive(await ctx.stores(), id, path);
  ctx.print(`exported client ${id} to ${summary.path}`);
  printCounts(ctx, summary.counts);
  ctx.print(`sha256 ${summary.sha256}`);
}

async function importClient(ctx: CliContext, archive: string, options: { as?: string }) {
  const path = resolve(archive);
  const summary = await importClientArchive(await ctx.stores(), path, options);
  const renamed =
    summary.clientId === summary.archivedClientId
      ? ''
      : ` (archived as ${summary.archivedClientId})`;
  ctx.print(`imported client ${summary.clientId}${renamed} from ${path}`);
  printCounts(ctx, summary.counts);
  printNulRemovals(ctx, summary.nulRemoved);
}

/** Says which values lost a NUL character on the way in, by store, table and column. */
function printNulRemovals(ctx: CliContext, removed: Record<string, number>): void {
  const columns = Object.entries(removed);
  if (columns.length === 0) return;
  const values = columns.reduce((sum, [, count]) => sum + count, 0);
  const where = columns.map(([column, count]) => `${column} ${count}`).join(', ');
  ctx.print(
    `removed NUL characters (\\u0000), which no Leadbase store keeps, from ${counted(values, 'value')}: ${where}`,
  );
}

function describeDeletion(ctx: CliContext, plan: ClientDeletion, done: boolean): void {
  const store = Object.entries(plan.storeRows)
    .filter(([, rows]) => rows > 0)
    .map(([table, rows]) => `${rows} ${table}`);
  const verb = done ? 'deleted' : 'would delete';
  ctx.print(
    `${verb} client ${plan.clientId}${plan.registered ? '' : ' (store only: not registered)'}`,
  );
  ctx.print(`  store: ${store.length > 0 ? store.join(', ') : 'no rows'}`);
  ctx.print(
    `  ledger: ${plan.ledgerRecords} records kept with their counters; ${plan.failureDetails} per-item failures removed; ${plan.queuedRecords} queued records cancelled`,
  );
  ctx.print(
    `  access tokens revoked: ${plan.accessTokens}; inbox deliveries removed: ${plan.inboxDeliveries}`,
  );
}

async function removeClient(ctx: CliContext, id: string, options: { confirm?: boolean }) {
  const stores = await ctx.stores();
  if (!options.confirm) {
    describeDeletion(ctx, await planClientDeletion(stores, id), false);
    throw new AppError(
      'confirmation_required',
      `nothing was deleted: run again with --confirm to delete client "${id}" as listed (export it first with \`leadbase clients export ${id}\` to keep a copy)`,
    );
  }
  describeDeletion(ctx, await deleteClient(stores, id), true);
}

/** `clients export`, `clients import` and `clients delete`, added to the `clients` command. */
export function registerClientDataCommands(clients: Command, ctx: CliContext): void {
  clients
    .command('export <id>')
    .description("write one client's data to a portable archive (gzip'd JSON lines)")
    .option('--out <file>', 'the archive to write (default ./<id>-<UTC time>.jsonl.gz)')
    .action((id: string, options: { out?: string }) => exportClient(ctx, id, options));

  clients
    .command('import <archive>')
    .description('restore a client from its archive, all or nothing, into the configured stores')
    .option('--as <new-id>', 'restore under this client ID instead of the archived one')
    .action((archive: string, options: { as?: string }) => importClient(ctx, archive, options));

  clients
    .command('delete <id>')
    .description("delete a client's store, registry entry and tokens (ledger counters stay)")
    .option('--confirm', 'really delete; without it, only show what would go')
    .action((id: string, options: { confirm?: boolean }) => removeClient(ctx, id, options));
}
