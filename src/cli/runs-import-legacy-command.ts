import { mkdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../errors.ts';
import { importLegacyRuns, type LegacyImportReport } from '../runs/legacy-run-import.ts';
import { legacyReportCsv } from '../runs/legacy-run-report.ts';
import type { CliContext } from './context.ts';
import { describeFsCode, readTextFile } from './read-input-file.ts';
import { formatTable } from './table.ts';

interface ImportLegacyOptions {
  createClients?: boolean;
  report?: string;
}

/** Rejections and flags printed; the report file holds them all. */
const linesShown = 50;

function fsReason(error: unknown): string {
  return describeFsCode(error instanceof Error && 'code' in error ? String(error.code) : '');
}

/** Refuses a --report path that cannot take a file, before anything is imported. */
async function checkReportPath(path: string): Promise<void> {
  const existing = await stat(path).catch(() => undefined);
  if (existing && !existing.isFile()) {
    throw new AppError('bad_file', `cannot write the report ${path}: it is not a file`);
  }
}

async function writeReport(path: string, report: LegacyImportReport): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, legacyReportCsv(report), 'utf8');
  } catch (error) {
    throw new AppError('bad_file', `cannot write the report ${path}: ${fsReason(error)}`, {
      cause: error,
    });
  }
}

function clientRunCounts(report: LegacyImportReport): string {
  if (report.created === 0 && report.clientRuns > 0 && report.unchanged === report.clientRuns) {
    return `  nothing new: ${report.clientRuns} client runs already imported`;
  }
  return `  client runs ${report.clientRuns}: created ${report.created}, already imported ${report.unchanged} (${report.ledgerRecordsCreated} ledger records written, one per operation, in ${report.runs.length} runs)`;
}

function printCounts(ctx: CliContext, report: LegacyImportReport): void {
  ctx.print(`imported legacy run history from ${report.fileName}: ${report.rowsRead} rows read`);
  ctx.print(clientRunCounts(report));
  ctx.print(
    `  merged duplicates ${report.mergedRows}, rejected ${report.rejections.length}, flagged ${report.flags.length}`,
  );
  if (report.clientsCreated.length > 0) {
    ctx.print(`  clients created: ${report.clientsCreated.join(', ')}`);
  }
}

function printFindings(ctx: CliContext, report: LegacyImportReport, hasReport: boolean): void {
  const lines = [
    ...report.rejections.map(
      (rejection) =>
        `  rejected line ${rejection.line} (record ${rejection.record}): ${rejection.reason}`,
    ),
    ...report.flags.map(
      (flag) =>
        `  flagged line ${flag.lines.join(', ')} (record ${flag.records.join(', ')}), run ${flag.run} of ${flag.clientId}: ${flag.reason}`,
    ),
  ];
  for (const line of lines.slice(0, linesShown)) ctx.print(line);
  if (lines.length > linesShown) {
    const where = hasReport ? 'in the report' : 'with --report <file> to get them all';
    ctx.print(`  ${lines.length - linesShown} more rejected or flagged rows: ${where}`);
  }
}

function printRuns(ctx: CliContext, report: LegacyImportReport): void {
  if (report.runs.length === 0) return;
  ctx.print('');
  const table = formatTable(
    [
      { header: 'LEGACY RUN', value: (run: LegacyImportReport['runs'][number]) => run.legacyRun },
      { header: 'RUN', value: (run) => run.runId },
    ],
    report.runs,
  );
  for (const line of table) ctx.print(line);
  ctx.print('');
  ctx.print(
    'see one with `leadbase runs show <run>`; imported runs have the trigger legacy-import',
  );
}

async function importLegacyCommand(
  ctx: CliContext,
  path: string,
  options: ImportLegacyOptions,
): Promise<void> {
  const reportPath = options.report === undefined ? undefined : resolve(options.report);
  if (reportPath !== undefined) await checkReportPath(reportPath);
  const text = await readTextFile(path);
  const stores = await ctx.stores();

  const report = await importLegacyRuns(stores, text, basename(path), {
    createClients: options.createClients === true,
  });
  printCounts(ctx, report);
  printFindings(ctx, report, reportPath !== undefined);
  if (reportPath !== undefined) {
    await writeReport(reportPath, report);
    ctx.print(`  rejected and flagged rows: ${reportPath}`);
  }
  printRuns(ctx, report);
}

/** `leadbase runs import-legacy <file>`: the legacy system's run records into the ledger. */
export function registerImportLegacyCommand(runs: Command, ctx: CliContext): void {
  runs
    .command('import-legacy <file>')
    .description(
      'import an export of the legacy per-client run-record table into the ledger: duplicate spellings of one run collapse, conflicts are rejected, importing again changes nothing',
    )
    .option(
      '--create-clients',
      'create the clients the registry lacks (ID made from the Client ID column) instead of rejecting their rows',
    )
    .option('--report <file>', 'write every rejected and flagged row (with line and reason) here')
    .action((path: string, options: ImportLegacyOptions) =>
      importLegacyCommand(ctx, path, options),
    );
}
