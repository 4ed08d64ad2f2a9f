import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { AppError } from '../errors.ts';
import { airtableCsv } from './airtable-csv.ts';
import { connectionsCsv } from './connections-csv.ts';
import { cutLongCells, encodingFault, shapeFault } from './csv-cells.ts';
import { chooseCsvEncoding } from './csv-encoding.ts';
import type { CsvFormat, CsvRecordReader } from './csv-format.ts';
import {
  type CsvLayout,
  type FileHead,
  findHeader,
  isBlankText,
  withEncoding,
} from './csv-layout.ts';
import { type CsvRow, readCsvRows } from './csv-records.ts';
import { type DateOrder, DateOrderEvidence } from './dates.ts';
import type { ImportFormat } from './import-report.ts';
import type { ImportItem, ImportSourceFile } from './import-source.ts';
import { mappedCsv } from './mapped-csv.ts';
import { removeNulCells } from './nul-characters.ts';
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

async function* csvItems(
  rows: AsyncGenerator<CsvRow>,
  reader: CsvRecordReader,
  columns: readonly string[],
  order: DateOrder,
): AsyncGenerator<ImportItem> {
  const longColumns = new Set(reader.longTextColumns ?? []);
  for await (const row of rows) {
    const at = { record: row.record, line: row.line };
    if (row.kind === 'unreadable') {
      yield { rejection: { ...at, code: row.code, reason: row.reason } };
      continue;
    }
    const fault = shapeFault(row.cells, columns.length) ?? encodingFault(row.cells, columns);
    if (fault) {
      yield { rejection: { ...at, ...fault } };
      continue;
    }
    const cut = [
      ...removeNulCells(row.cells, columns),
      ...cutLongCells(row.cells, columns, longColumns),
    ];
    const input = reader.read(row.cells, at, order);
    if (cut.length > 0) input.warnings = [...cut, ...(input.warnings ?? [])];
    yield { input };
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
  rawHead: FileHead,
  options: CsvImportOptions,
): Promise<ImportSourceFile> {
  const fileName = basename(path);
  if (rawHead.complete && isBlankText(rawHead.text)) {
    throw new AppError('empty_import', `${fileName} is empty: it has no header and no records`);
  }
  const encoding = await chooseCsvEncoding(path, rawHead);
  const head = withEncoding(rawHead, encoding.encoding);
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
  const notes = [encoding.note, ...reader.fileNotes, decided.note].filter(
    (note): note is string => note !== null,
  );

  const { rows, progress } = readCsvRows(layout);
  return {
    format: format.name,
    headerLine: layout.headerLine,
    notes,
    items: csvItems(rows, reader, layout.columns.names, decided.order),
    bytesRead: progress.bytesRead,
    totalBytes: layout.totalBytes,
  };
}
