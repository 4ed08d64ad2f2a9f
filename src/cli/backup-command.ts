import { resolve } from 'node:path';
import type { Command } from 'commander';
import { backupStores } from '../db/backup.ts';
import { fileStamp } from './client-data-command.ts';
import type { CliContext } from './context.ts';
import { formatTable } from './table.ts';

async function backup(ctx: CliContext, options: { out?: string }): Promise<void> {
  const outDir = resolve(options.out ?? `leadbase-backup-${fileStamp()}`);
  const manifest = backupStores(await ctx.stores(), outDir);
  ctx.print(`backed up ${manifest.files.length} stores to ${outDir} (manifest.json lists them)`);
  const lines = formatTable(
    [
      { header: 'FILE', value: (file) => file.file },
      { header: 'BYTES', value: (file) => String(file.bytes), align: 'right' },
      { header: 'SHA256', value: (file) => file.sha256.slice(0, 16) },
    ],
    manifest.files,
  );
  for (const line of lines) ctx.print(line);
  if (manifest.clientsWithoutStore.length > 0) {
    ctx.print(`clients without a store yet: ${manifest.clientsWithoutStore.join(', ')}`);
  }
}

export function registerBackupCommand(program: Command, ctx: CliContext): void {
  program
    .command('backup')
    .description('copy every store (control and each client) while Leadbase keeps running')
    .option('--out <dir>', 'a new or empty folder (default ./leadbase-backup-<UTC time>)')
    .action((options: { out?: string }) => backup(ctx, options));
}
