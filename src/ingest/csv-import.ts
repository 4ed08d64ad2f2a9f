import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { AppError } from '../errors.ts';
import { airtableCsv } from './airtable-csv.ts';
import { connectionsCsv } from './connections-csv.ts';
import type { CsvFormat, CsvRecordReader } from './csv-format.ts';
import { type CsvLayout, type FileHead, findHeader, isBlankText } from './csv-layout.ts';
import { type CsvRow, readCsvRows } from './csv-records.ts';
import { type DateOrder, DateOrderEvidence } from './dates.ts';
import type { ImportFormat } from './import-report.ts';
import type { ImportItem, ImportSourceFile } from './import-source.ts';
import { mappedCsv } from './mapped-csv.ts';
import { phantomBusterCsv } from './phantombuster-csv.ts';

/** The layouts recognised from their header, in the order they are tried. */
export const csvFormats: CsvFormat[] = [connectionsCsv, phantomBusterCsv, airtableCsv];

export interface CsvImportOptions {
  format?: ImportFormat | 'auto';
  map?: Record<string, string>;
  dateOrder?: DateOrder;
}

function candidateFormats(options: CsvImportOptions): CsvFormat[] {
  const format = options.format ?? 'auto';
  if (options.map) {
    if (format !== 'auto' && format !== 'mapped') {
      throw new AppError(
        'validation_failed',
        `a column map reads the file as the mapped format, not as ${format}: give one or the other`,
      );
    }
    return [mappedCsv(options.map)];
  }
  if (format === 'mapped') {
    throw new AppError(
      'validation_failed',
      'the mapped format needs a column map, such as "url=Profile,company=Organisation"',
    );
  }
  return format === 'auto' ? csvFormats : csvFormats.filter((csv) => csv.name === format);
}

function unknownFormat(fileName: string, head: FileHead, formats: CsvFormat[]): AppError {
  const firstLine = head.text.split(/\r\n|\n|\r/).find((line) => line.trim() !== '') ?? '';
  const expected = Object.fromEntries(formats.map((csv) => [csv.name, csv.expects]));
  const list = formats.map((csv) => `${csv.name} (${csv.expects})`).join('; ');
  return new AppError(
    'unknown_format',
    `${fileName}: no header line in the first lines matches a known export; expected the columns of ${list}. The first line reads "${firstLine.slice(0, 200)}"; for another layout give a column map`,
    { details: { fileName, expected, firstLine: firstLine.slice(0, 200) } },
  );
}

/** True when any cell of the file looks like a slash date; cheaper than parsing it twice. */
async function hasSlashDates(path: string, from: number): Promise<boolean> {
  let carry = '';
  for await (const chunk of createReadStream(path, { start: from, encoding: 'utf8' })) {
    const text = carry + (chunk as string);
    if (/\d\/\d{1,2}\/\d{2}/.test(text)) return true;
    carry = text.slice(-8);
  }
  return false;
}

/**
 * The order of the file's slash dates, from every date cell of the whole file (BR-06): a file
 * is read once more only when it holds slash dates at all.
 */
async function decideDateOrder(
  layout: CsvLayout,
  reader: CsvRecordReader,
  fallback: DateOrder,
): Promise<{ order: DateOrder; note: string | null }> {
  const evidence = new DateOrderEvidence();
  const positions = reader.dateColumns.filter((position) => position >= 0);
  if (positions.length > 0 && (await hasSlashDates(layout.path, layout.headerOffset))) {
    for await (const row of readCsvRows(layout).rows) {
      if (row.kind !== 'cells') continue;
      for (const position of positions) evidence.observe(row.cells[position] ?? '');
    }
  }
  return evidence.decide(fallback);
}

/** Why a record cannot be read cell by cell, or null when its shape is sound. */
function shapeFault(cells: string[], width: number): { code: string; reason: string } | null {
  let blank = true;
  for (let index = 0; index < cells.length && blank; index += 1) {
    if (cells[index]!.trim() !== '') blank = false;
  }
  if (blank) return { code: 'blank_record', reason: 'the record has no values' };
  // Trailing empty cells (a spreadsheet's stray commas) shift nothing; any other count does.
  let shifted = cells.length < width;
  for (let index = width; index < cells.length && !shifted; index += 1) {
    if (cells[index]!.trim() !== '') shifted = true;
  }
  if (!shifted) return null;
  const reason = `the record has ${cells.length} cells where the header has ${width}: its values would land in the wrong fields`;
  return { code: 'bad_row', reason };
}

async function* csvItems(
  rows: AsyncGenerator<CsvRow>,
  reader: CsvRecordReader,
  width: number,
  order: DateOrder,
): AsyncGenerator<ImportItem> {
  for await (const row of rows) {
    const at = { record: row.record, line: row.line };
    const fault =
      row.kind === 'unreadable'
        ? { code: 'unreadable_row', reason: row.reason }
        : shapeFault(row.cells, width);
    if (fault) yield { rejection: { ...at, ...fault } };
    else if (row.kind === 'cells') yield { input: reader.read(row.cells, at, order) };
  }
}

/**
 * Why a column map fits no header line: the mapped columns the likeliest header lacks (the line
 * near the top that has most of them), and the columns that line has.
 */
function mapMismatch(path: string, head: FileHead, map: Record<string, string>): AppError {
  const fileName = basename(path);
  const lines: Array<{ names: string[]; missing: Array<[string, string]> }> = [];
  findHeader(path, head, (columns) => {
    const missing = Object.entries(map).filter(([, column]) => !columns.has(column));
    lines.push({ names: columns.names, missing });
    return null;
  });
  const best = lines.reduce<(typeof lines)[number] | undefined>(
    (chosen, line) => (chosen && chosen.missing.length <= line.missing.length ? chosen : line),
    undefined,
  );
  if (!best) {
    return new AppError('unknown_format', `${fileName}: no line near the top reads as a header`);
  }
  const absent = best.missing.map(([field, column]) => `"${column}" (for ${field})`).join(', ');
  return new AppError(
    'unknown_format',
    `${fileName}: the column map names ${absent}, which its header does not have; the file's columns are ${best.names.join(', ')}`,
    { details: { fileName, missing: Object.fromEntries(best.missing), columns: best.names } },
  );
}

/** Opens a CSV export for import: finds its header and format, then streams its records. */
export async function openCsvImport(
  path: string,
  head: FileHead,
  options: CsvImportOptions,
): Promise<ImportSourceFile> {
  const fileName = basename(path);
  if (head.complete && isBlankText(head.text)) {
    throw new AppError('empty_import', `${fileName} is empty: it has no header and no records`);
  }
  const formats = candidateFormats(options);
  const found = findHeader(
    path,
    head,
    (columns) => formats.find((csv) => csv.matches(columns)) ?? null,
  );
  if (!found) {
    throw options.map
      ? mapMismatch(path, head, options.map)
      : unknownFormat(fileName, head, formats);
  }

  const { layout, match: format } = found;
  const reader = format.reader(layout.columns);
  const decided = options.dateOrder
    ? { order: options.dateOrder, note: null }
    : await decideDateOrder(layout, reader, format.defaultDateOrder);
  const notes = [...reader.fileNotes, ...(decided.note ? [decided.note] : [])];

  const { rows, progress } = readCsvRows(layout);
  return {
    format: format.name,
    headerLine: layout.headerLine,
    notes,
    items: csvItems(rows, reader, layout.columns.names.length, decided.order),
    bytesRead: progress.bytesRead,
    totalBytes: layout.totalBytes,
  };
}
