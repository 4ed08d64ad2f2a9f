import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { calendarDateIn, nowIso } from '../clock.ts';
import type { TenantStore } from '../db/tenancy.ts';
import { AppError } from '../errors.ts';
import {
  applyLeadInputs,
  emptyCounts,
  type ImportSession,
  newImportSession,
  type WriteCounts,
  writeLeadInputs,
} from '../leads/lead-writer.ts';
import { logger } from '../logger.ts';
import { openCsvImport } from './csv-import.ts';
import { readFileHead } from './csv-layout.ts';
import type { DateOrder } from './dates.ts';
import type { ImportFormat, ImportReport } from './import-report.ts';
import type { ImportSourceFile } from './import-source.ts';
import type { LeadInput } from './lead-input.ts';
import { looksLikeJson, openLinkedHelperFile } from './linkedhelper-file.ts';

export type { ImportFormat, ImportReport } from './import-report.ts';
export { rejectionReportCsv } from './import-report.ts';
export type { ImportWarning, Rejection } from './lead-input.ts';
export { parseColumnMap } from './mapped-csv.ts';

export interface ImportOptions {
  format?: ImportFormat | 'auto';
  /** Lead field → column name, for a CSV no known format matches (see parseColumnMap). */
  map?: Record<string, string>;
  /** Check the file and report what it would do, writing nothing. */
  dryRun?: boolean;
  /** YYYY-MM-DD; dates after it are reported. Default: today in UTC. */
  today?: string;
  /** Day/month order of slash dates, when the file cannot prove it. */
  dateOrder?: DateOrder;
  /** Records per write transaction. */
  batchSize?: number;
  onProgress?: (progress: { bytesRead: number; totalBytes: number; records: number }) => void;
}

const defaultBatchSize = 1_000;
/** Hex digits of a file's sha256 that mark its records on the leads: 64 bits tell files apart. */
const fileMarkLength = 16;
/** Rejections and warnings listed in a report; beyond these only the counts grow. */
const listLimit = 10_000;

type Write = (inputs: LeadInput[]) => Promise<WriteCounts>;

async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new AppError('bad_file', `cannot read ${basename(path)}: ${code}`, { cause: error });
  }
  return hash.digest('hex');
}

/** Thrown to roll a dry run back once its report is made. */
class DryRunRollback extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

/** Opens a file for reading its records: the format detected (or given), the records streamed. */
export async function openImportFile(
  path: string,
  options: Pick<ImportOptions, 'format' | 'map' | 'dateOrder'> = {},
): Promise<ImportSourceFile> {
  const head = await readFileHead(path);
  const json =
    options.format === 'linkedhelper' ||
    ((options.format ?? 'auto') === 'auto' && !options.map && looksLikeJson(head.text));
  return json ? openLinkedHelperFile(path) : openCsvImport(path, head, options);
}

function newReport(fileName: string, source: ImportSourceFile, dryRun: boolean): ImportReport {
  return {
    fileName,
    format: source.format,
    dryRun,
    records: 0,
    created: 0,
    updated: 0,
    repeated: 0,
    unchanged: 0,
    merged: 0,
    rejected: 0,
    rejections: [],
    warnings: source.notes.map((message) => ({ record: 0, line: source.headerLine, message })),
  };
}

function addCounts(report: ImportReport, counts: WriteCounts): void {
  report.created += counts.created;
  report.updated += counts.updated;
  report.repeated += counts.repeated;
  report.unchanged += counts.unchanged;
  report.merged += counts.merged;
  report.rejected += counts.rejected;
  report.rejections.push(...counts.rejections.slice(0, listLimit - report.rejections.length));
  report.warnings.push(...counts.warnings.slice(0, listLimit - report.warnings.length));
}

function addWarning(report: ImportReport, input: LeadInput, message: string): void {
  if (report.warnings.length >= listLimit) return;
  report.warnings.push({ record: input.record, line: input.line, message });
}

function noteInput(report: ImportReport, input: LeadInput, today: string): void {
  if (input.warnings) for (const message of input.warnings) addWarning(report, input, message);
  const connectedOn = input.profile.connectedOn;
  if (connectedOn && connectedOn > today) {
    addWarning(
      report,
      input,
      `connected on ${connectedOn}, later than today (${today}): kept, but check it`,
    );
  }
}

/** Reads every record and writes them in batches, each batch one write transaction. */
async function runImport(
  source: ImportSourceFile,
  report: ImportReport,
  write: Write,
  options: ImportOptions,
): Promise<ImportReport> {
  const today = options.today ?? calendarDateIn('UTC');
  const batchSize = options.batchSize ?? defaultBatchSize;
  let batch: LeadInput[] = [];
  const flush = async () => {
    if (batch.length > 0) addCounts(report, await write(batch));
    batch = [];
    options.onProgress?.({
      bytesRead: source.bytesRead(),
      totalBytes: source.totalBytes,
      records: report.records,
    });
  };

  for await (const item of source.items) {
    report.records += 1;
    if ('rejection' in item) {
      addCounts(report, { ...emptyCounts(), rejected: 1, rejections: [item.rejection] });
      continue;
    }
    noteInput(report, item.input, today);
    batch.push(item.input);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  report.rejections.sort((a, b) => a.record - b.record);
  report.warnings.sort((a, b) => a.record - b.record);
  if (report.rejected > report.rejections.length) {
    const unlisted = report.rejected - report.rejections.length;
    report.warnings.push({
      record: 0,
      line: 0,
      message: `${unlisted} more rejections are counted but not listed`,
    });
  }
  if (report.records === 0) throw emptyImport(report, source);
  return report;
}

/** BR-18: a file that yields no record is an error, never a successful empty import. */
function emptyImport(report: ImportReport, source: ImportSourceFile): AppError {
  const message =
    source.format === 'linkedhelper'
      ? `${report.fileName} holds no person`
      : `${report.fileName}: the header is there but no record follows it`;
  return new AppError('empty_import', message, {
    details: { fileName: report.fileName, format: report.format, headerLine: source.headerLine },
  });
}

/** Runs the whole import in one transaction and rolls it back: the report of what it would do. */
async function dryRun(
  store: TenantStore,
  source: ImportSourceFile,
  report: ImportReport,
  options: ImportOptions,
  session: ImportSession,
): Promise<ImportReport> {
  try {
    await store.dialect.writeTransaction(store.db, async (trx) => {
      const write: Write = (inputs) => applyLeadInputs(trx, inputs, channelOf(report), session);
      throw new DryRunRollback(await runImport(source, report, write, options));
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.report;
    throw error;
  }
  throw new Error('unreachable: a dry run always rolls back');
}

/** The source named on the lead events of an import. */
const channelOf = (report: ImportReport) => `import:${report.fileName}`;

/** Keeps a record of the import, its file's hash and its counts, in the client's store. */
async function recordImport(store: TenantStore, report: ImportReport, fileHash: string) {
  const { rejections, warnings, ...counts } = report;
  await store.db
    .insertInto('imports')
    .values({
      file_name: report.fileName,
      format: report.format,
      file_hash: fileHash,
      counts: JSON.stringify({ ...counts, warnings: warnings.length }),
      created_at: nowIso(),
    })
    .execute();
}

/**
 * Imports one file into a client's store: detects its format from its header (or reads it
 * through a column map), streams its records and writes them in batches. A re-import of the same
 * file changes nothing. A dry run does all of it in one transaction that it rolls back.
 */
export async function importFile(
  store: TenantStore,
  path: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const started = Date.now();
  // The file's hash comes first: each lead is marked with the file record that wrote it, so
  // that a re-import of the file can tell what it already applied.
  const fileHash = await sha256OfFile(path);
  const session = newImportSession(fileHash.slice(0, fileMarkLength));
  const source = await openImportFile(path, options);
  const report = newReport(basename(path), source, options.dryRun === true);
  if (options.dryRun) return dryRun(store, source, report, options, session);

  const write: Write = (inputs) => writeLeadInputs(store, inputs, channelOf(report), { session });
  await runImport(source, report, write, options);
  await recordImport(store, report, fileHash);
  const { format, records, created, updated, repeated, merged, rejected } = report;
  logger.info(
    {
      clientId: store.clientId,
      format,
      records,
      created,
      updated,
      repeated,
      merged,
      rejected,
      durationMs: Date.now() - started,
    },
    'import finished',
  );
  return report;
}
