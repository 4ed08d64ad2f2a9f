import { mkdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import type { Client } from '../clients/client.ts';
import { calendarDateIn } from '../clock.ts';
import { AppError } from '../errors.ts';
import {
  type ImportFormat,
  type ImportOptions,
  type ImportReport,
  importFile,
  parseColumnMap,
  rejectionReportCsv,
} from '../ingest/import-file.ts';
import type { CliContext } from './context.ts';
import { delayedProgressBar } from './progress-bar.ts';
import { describeFsCode } from './read-input-file.ts';

interface ImportCommandOptions {
  client: string;
  format: ImportFormat | 'auto';
  map?: string;
  dryRun?: boolean;
  report?: string;
}

/** Warnings shown on stderr; the rest are counted. */
const warningsShown = 10;
/** Rejections a dry run prints (it writes no report file). */
const rejectionsShown = 50;

async function checkReadable(path: string): Promise<void> {
  let isFile: boolean;
  try {
    isFile = (await stat(path)).isFile();
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new AppError('bad_file', `cannot read ${path}: ${describeFsCode(code)}`, {
      cause: error,
    });
  }
  if (!isFile) throw new AppError('bad_file', `cannot read ${path}: it is not a file`);
}

/** Where the rejected rows go unless --report says: the data folder's reports/. */
function defaultReportPath(dataDir: string, client: Client, path: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const stem = basename(path, extname(path)).replace(/[^\w.-]+/g, '_');
  return join(dataDir, 'reports', `${client.id}-${stem}-${stamp}.rejected.csv`);
}

/** Refuses a --report path that cannot take a file, before anything is imported. */
async function checkReportPath(requested: string | undefined): Promise<void> {
  if (requested === undefined) return;
  const reportPath = resolve(requested);
  const existing = await stat(reportPath).catch(() => undefined);
  if (existing && !existing.isFile()) {
    throw new AppError('bad_file', `cannot write the report ${reportPath}: it is not a file`);
  }
}

async function writeRejectionReport(
  ctx: CliContext,
  report: ImportReport,
  client: Client,
  path: string,
  requested: string | undefined,
): Promise<string> {
  const dataDir = (await ctx.stores()).dataDir;
  const reportPath = resolve(requested ?? defaultReportPath(dataDir, client, path));
  try {
    await mkdir(dirname(reportPath), { recursive: true });
    await writeFile(reportPath, rejectionReportCsv(report), 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unwritable';
    throw new AppError(
      'bad_file',
      `cannot write the report ${reportPath}: ${describeFsCode(code)}`,
      {
        cause: error,
      },
    );
  }
  return reportPath;
}

async function runImport(
  ctx: CliContext,
  path: string,
  options: ImportCommandOptions,
  client: Client,
) {
  const map = options.map === undefined ? undefined : parseColumnMap(options.map);
  const bar = delayedProgressBar(ctx, 'import |{bar}| {percentage}% · {records} records', 1);
  const importOptions: ImportOptions = {
    format: map && options.format === 'auto' ? 'mapped' : options.format,
    dryRun: options.dryRun === true,
    today: calendarDateIn(client.timeZone),
    onProgress: ({ bytesRead, totalBytes, records }) => {
      bar.setTotal(Math.max(totalBytes, 1));
      bar.update(bytesRead, { records });
    },
    ...(map ? { map } : {}),
  };
  try {
    return await ctx.withClient(client.id, (store) => importFile(store, path, importOptions));
  } finally {
    bar.stop();
  }
}

function printSummary(ctx: CliContext, report: ImportReport, client: Client): void {
  const verb = report.dryRun ? 'would import (dry run, nothing written)' : 'imported';
  ctx.print(
    `${verb} ${report.fileName} into ${client.id} as ${report.format}: ${report.records} records`,
  );
  ctx.print(
    `  created ${report.created}, updated ${report.updated}, repeated in the file ${report.repeated}, unchanged ${report.unchanged}, merged ${report.merged}, rejected ${report.rejected}, warnings ${report.warnings.length}`,
  );
  for (const warning of report.warnings.slice(0, warningsShown)) {
    const where =
      warning.record > 0
        ? `line ${warning.line} (record ${warning.record})`
        : `line ${warning.line}`;
    ctx.note(`warning: ${where}: ${warning.message}`);
  }
  if (report.warnings.length > warningsShown) {
    ctx.note(`warning: ${report.warnings.length - warningsShown} more warnings not shown`);
  }
}

/** A dry run writes no file, the report included: its rejections are printed instead. */
function printRejections(ctx: CliContext, report: ImportReport, requested: string | undefined) {
  if (requested !== undefined) ctx.note(`a dry run writes no report: ${requested} left alone`);
  for (const rejection of report.rejections.slice(0, rejectionsShown)) {
    ctx.print(
      `  rejected line ${rejection.line} (record ${rejection.record}), ${rejection.code}: ${rejection.reason}`,
    );
  }
  const unlisted = report.rejected - Math.min(report.rejections.length, rejectionsShown);
  if (unlisted > 0) {
    ctx.print(
      `  ${unlisted} more rejected rows: import without --dry-run to get them all in a report`,
    );
  }
}

async function importCommand(
  ctx: CliContext,
  path: string,
  options: ImportCommandOptions,
): Promise<void> {
  const client = await (await ctx.registry()).get(options.client);
  await checkReadable(path);
  if (!options.dryRun) await checkReportPath(options.report);

  const report = await runImport(ctx, path, options, client);
  printSummary(ctx, report, client);

  if (report.dryRun) printRejections(ctx, report, options.report);
  else if (report.rejected > 0 || options.report !== undefined) {
    const reportPath = await writeRejectionReport(ctx, report, client, path, options.report);
    ctx.print(`  rejected rows: ${reportPath}`);
  }

  if (report.rejected === report.records) {
    throw new AppError(
      'empty_import',
      `no record of ${report.fileName} was accepted: all ${report.records} were rejected`,
    );
  }
}

export function registerImportCommand(program: Command, ctx: CliContext): void {
  program
    .command('import <file>')
    .description("import leads from an export file into a client's store")
    .requiredOption('--client <id>', 'the client the leads belong to')
    .addOption(
      new Option('--format <format>', 'file format; auto detects it from the header')
        .choices(['auto', 'connections', 'salesnav', 'airtable', 'linkedhelper', 'mapped'])
        .default('auto'),
    )
    .option('--map <fields>', 'columns of any CSV, e.g. "url=Profile,full_name=Name,company=Org"')
    .option('--dry-run', 'check the file and report what would change, writing nothing')
    .option('--report <path>', 'write the rejected rows (line,record,code,reason) here')
    .action((path: string, options: ImportCommandOptions) => importCommand(ctx, path, options));
}
