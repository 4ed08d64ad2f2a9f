import { type CsvError, parse } from 'csv-parse/sync';
import { AppError } from '../errors.ts';

/** How a legacy row says its client run ended. */
export type LegacyRowStatus = 'succeeded' | 'failed' | 'skipped' | 'unfinished';

/** The legacy table's counters, by the meaning of their columns. */
export const legacyCounterColumns = {
  profilesExamined: 'Profiles Examined for Scoring',
  profilesScored: 'Profiles Successfully Scored',
  profileTokens: 'Profile Scoring Tokens',
  postsExamined: 'Posts Examined for Scoring',
  postsScored: 'Posts Successfully Scored',
  postTokens: 'Post Scoring Tokens',
  profilesSubmittedForHarvest: 'Profiles Submitted for Post Harvesting',
  postsHarvested: 'Total Posts Harvested',
  apifyCost: 'Apify API Costs',
} as const;

export type LegacyCounter = keyof typeof legacyCounterColumns;
export type LegacyCounters = Partial<Record<LegacyCounter, number>>;

/** Where a row sits in the file: its first physical line and its record number (1 = first). */
export interface LegacyRowPlace {
  line: number;
  record: number;
}

/** One readable row of the export, its cells checked and typed. */
export interface LegacyRow extends LegacyRowPlace {
  runId: string;
  clientId: string;
  clientName: string;
  started: string;
  finished: string | null;
  status: LegacyRowStatus;
  counters: LegacyCounters;
  apifyRunId: string | null;
  notes: string;
}

export interface LegacyRowRejection extends LegacyRowPlace {
  code: string;
  reason: string;
  runId: string;
  clientId: string;
}

export interface LegacyRows {
  rows: LegacyRow[];
  rejections: LegacyRowRejection[];
  /** Data records read below the header, blank lines aside. */
  recordCount: number;
}

const requiredColumns = ['Run ID', 'Client ID', 'Start Time', 'Status'] as const;
const optionalColumns = [
  'Client Name',
  'End Time',
  'Apify Run ID',
  'System Notes',
  ...Object.values(legacyCounterColumns),
] as const;
type Column = (typeof requiredColumns)[number] | (typeof optionalColumns)[number];

const statusWords: Record<string, LegacyRowStatus> = {
  completed: 'succeeded',
  complete: 'succeeded',
  success: 'succeeded',
  succeeded: 'succeeded',
  done: 'succeeded',
  error: 'failed',
  failed: 'failed',
  failure: 'failed',
  skipped: 'skipped',
  running: 'unfinished',
  started: 'unfinished',
  'in progress': 'unfinished',
  queued: 'unfinished',
  pending: 'unfinished',
  '': 'unfinished',
};

const isoTimePattern =
  /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
const wholeNumberPattern = /^(?:\d+|\d{1,3}(?:,\d{3})+)$/;
const decimalPattern = /^\d+(?:\.\d+)?$/;

function headerKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Column name → its index in the header; a missing required column refuses the file. */
function columnIndexes(header: string[], fileName: string): Map<Column, number> {
  const byKey = new Map(header.map((name, index) => [headerKey(name), index]));
  const missing = requiredColumns.filter((column) => !byKey.has(headerKey(column)));
  if (missing.length > 0) {
    throw new AppError(
      'bad_file',
      `${fileName} is not a legacy run-record export: it has no ${missing.join(', ')} column (expected ${[...requiredColumns, ...optionalColumns].join(', ')})`,
    );
  }
  const indexes = new Map<Column, number>();
  for (const column of [...requiredColumns, ...optionalColumns]) {
    const index = byKey.get(headerKey(column));
    if (index !== undefined) indexes.set(column, index);
  }
  return indexes;
}

function parseTime(text: string, column: string, issues: string[]): string | null {
  if (text === '') return null;
  const ms = isoTimePattern.test(text) ? Date.parse(text.replace(' ', 'T')) : Number.NaN;
  if (Number.isNaN(ms)) {
    issues.push(`${column} "${text}" is not a date-time with a time zone (ISO 8601)`);
    return null;
  }
  return new Date(ms).toISOString();
}

function parseCounter(text: string, counter: LegacyCounter, issues: string[]): number | null {
  if (text === '') return null;
  const decimal = counter === 'apifyCost';
  const valid = decimal ? decimalPattern.test(text) : wholeNumberPattern.test(text);
  if (!valid) {
    const kind = decimal ? 'an amount' : 'a whole number';
    issues.push(`${legacyCounterColumns[counter]} "${text}" is not ${kind}`);
    return null;
  }
  return Number(text.replaceAll(',', ''));
}

function readCounters(cell: (column: Column) => string, issues: string[]): LegacyCounters {
  const counters: LegacyCounters = {};
  for (const [counter, column] of Object.entries(legacyCounterColumns)) {
    const value = parseCounter(cell(column), counter as LegacyCounter, issues);
    if (value !== null) counters[counter as LegacyCounter] = value;
  }
  return counters;
}

/** Checks one row's cells; every problem is named, and a row with any is rejected. */
function readRow(
  cells: string[],
  columns: Map<Column, number>,
  place: LegacyRowPlace,
): LegacyRow | LegacyRowRejection {
  const cell = (column: Column) => {
    const index = columns.get(column);
    return index === undefined ? '' : (cells[index] ?? '').trim();
  };
  const issues: string[] = [];
  const runId = cell('Run ID');
  const clientId = cell('Client ID');
  if (runId === '') issues.push('no run ID');
  if (clientId === '') issues.push('no client ID');

  const status = statusWords[cell('Status').toLowerCase()];
  if (status === undefined) issues.push(`Status "${cell('Status')}" is not a known legacy status`);
  const started = parseTime(cell('Start Time'), 'Start Time', issues);
  if (started === null && cell('Start Time') === '') issues.push('no Start Time');
  const finished = parseTime(cell('End Time'), 'End Time', issues);
  const counters = readCounters(cell, issues);

  if (issues.length > 0 || status === undefined || started === null) {
    const code = runId === '' ? 'no_run_id' : 'invalid_row';
    return { ...place, code, reason: issues.join('; '), runId, clientId };
  }
  return {
    ...place,
    runId,
    clientId,
    clientName: cell('Client Name'),
    started,
    finished,
    status,
    counters,
    apifyRunId: cell('Apify Run ID') || null,
    notes: cell('System Notes'),
  };
}

function parseCsv(text: string, fileName: string): string[][] {
  try {
    return parse(text, {
      bom: true,
      relax_column_count: true,
      // A stray quote inside an unquoted cell (`said "no"`) is text, as spreadsheets write it.
      relax_quotes: true,
      skip_empty_lines: false,
    });
  } catch (error) {
    const csv = error as CsvError;
    const where = csv.lines === undefined ? '' : ` at line ${csv.lines}`;
    throw new AppError('bad_file', `${fileName} is not readable CSV${where}: ${csv.message}`, {
      cause: error,
    });
  }
}

/**
 * The physical lines a record spans: one, plus the line breaks inside its cells. Counted here
 * because csv-parse's own line count takes a CRLF inside a quoted cell for two lines.
 */
function linesSpanned(cells: string[]): number {
  return 1 + cells.reduce((sum, cell) => sum + (cell.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
}

/** Reads an export of the legacy per-client run-record table. */
export function readLegacyRows(text: string, fileName: string): LegacyRows {
  const [header, ...records] = parseCsv(text, fileName);
  if (!header) throw new AppError('bad_file', `${fileName} is empty: it has no header row`);
  const columns = columnIndexes(header, fileName);

  const rows: LegacyRow[] = [];
  const rejections: LegacyRowRejection[] = [];
  let record = 0;
  let line = 1 + linesSpanned(header);
  for (const cells of records) {
    const place = { line, record: record + 1 };
    line += linesSpanned(cells);
    // An empty line reads as one empty cell; a row of empty cells is no record either.
    if (cells.every((value) => value.trim() === '')) continue;
    record += 1;
    const row = readRow(cells, columns, place);
    if ('reason' in row) rejections.push(row);
    else rows.push(row);
  }
  return { rows, rejections, recordCount: record };
}
