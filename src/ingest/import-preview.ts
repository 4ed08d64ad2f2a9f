import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import { AppError } from '../errors.ts';
import { type ImportOptions, openImportFile } from './import-file.ts';
import type { ImportFormat } from './import-report.ts';
import type { ImportItem } from './import-source.ts';
import { inputKeys } from './input-keys.ts';
import type { LeadInput } from './lead-input.ts';

/** One record of a file as the import would read it: the fields that decide who the lead is. */
export interface PreviewRow {
  record: number;
  line: number;
  fullName: string | null;
  profile: string | null;
  company: string | null;
  position: string | null;
  location: string | null;
  email: string | null;
  /** Why the import would reject the record, when it would. */
  rejection: string | null;
}

/**
 * What a file holds before it is imported: its detected format and its first records read
 * through it, or, when no known layout fits, why not and the columns its header line has (so a
 * person can map them).
 */
export interface ImportPreview {
  fileName: string;
  format: ImportFormat | null;
  rows: PreviewRow[];
  columns: string[];
  problem: { code: string; message: string } | null;
}

const defaultRows = 10;

const nothingRead = {
  fullName: null,
  profile: null,
  company: null,
  position: null,
  location: null,
  email: null,
};

/** The fields a record gives, as far as the reader could map them. */
function fieldsOf(input: LeadInput): Omit<PreviewRow, 'record' | 'line' | 'rejection'> {
  const { profile, refs, memberIds } = input;
  return {
    fullName: profile.fullName ?? null,
    profile: refs[0] ?? memberIds?.[0] ?? null,
    company: profile.company ?? null,
    position: profile.position ?? null,
    location: profile.location ?? null,
    email: profile.email ?? null,
  };
}

/**
 * The record as the import would take it: rejected when the reader or the identity checks
 * (a lower-cased member ID, no LinkedIn person) would reject it, else the fields it gives. A
 * record the identity checks reject still shows what it holds, so a person can find it in the
 * file; one the reader could not read (a broken line) shows its line only.
 */
function rowOf(item: ImportItem): PreviewRow {
  if ('rejection' in item) {
    const { record, line, reason } = item.rejection;
    return { record, line, ...nothingRead, rejection: reason };
  }
  const { record, line } = item.input;
  const identified = inputKeys(item.input);
  const rejection = identified.ok ? null : identified.rejection.reason;
  return { record, line, ...fieldsOf(item.input), rejection };
}

/** The cells of a header line, or none when the line does not read as CSV. */
function cellsOf(line: string): string[] {
  try {
    const [cells] = parse(line, { relax_quotes: true }) as string[][];
    return (cells ?? []).map((cell) => cell.trim()).filter((cell) => cell !== '');
  } catch {
    return [];
  }
}

function columnsOfProblem(error: AppError): string[] {
  const details = (error.details ?? {}) as { columns?: unknown; firstLine?: unknown };
  if (Array.isArray(details.columns)) return details.columns.map(String);
  return typeof details.firstLine === 'string' ? cellsOf(details.firstLine) : [];
}

/** Reads the first `limit` records of a file as an import would, writing nothing. */
export async function previewImportFile(
  path: string,
  options: Pick<ImportOptions, 'format' | 'map' | 'dateOrder'> & { limit?: number } = {},
): Promise<ImportPreview> {
  const fileName = basename(path);
  let source: Awaited<ReturnType<typeof openImportFile>>;
  try {
    source = await openImportFile(path, options);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'unknown_format') throw error;
    const problem = { code: error.code, message: error.message };
    return { fileName, format: null, rows: [], columns: columnsOfProblem(error), problem };
  }

  const rows: PreviewRow[] = [];
  for await (const item of source.items) {
    rows.push(rowOf(item));
    if (rows.length >= (options.limit ?? defaultRows)) break;
  }
  return { fileName, format: source.format, rows, columns: [], problem: null };
}
