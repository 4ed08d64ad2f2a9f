import { createReadStream } from 'node:fs';
import { type CsvError, parse } from 'csv-parse';
import type { CsvLayout } from './csv-layout.ts';

/** One data record of a CSV file, numbered from 1 after the header, or why it is unreadable. */
export type CsvRow =
  | { kind: 'cells'; record: number; line: number; cells: string[] }
  | { kind: 'unreadable'; record: number; line: number; reason: string };

export interface CsvReadProgress {
  /** Bytes of the file read so far, counting the preamble. */
  bytesRead(): number;
}

/**
 * Streams the records below the header with csv-parse: quoted commas, quotes and line breaks,
 * any line ending. Memory stays flat: one parser chunk at a time.
 */
export function readCsvRows(layout: CsvLayout): {
  rows: AsyncGenerator<CsvRow>;
  progress: CsvReadProgress;
} {
  const file = createReadStream(layout.path, {
    start: layout.headerOffset,
    highWaterMark: 256 * 1024,
  });
  const progress = { bytesRead: () => layout.headerOffset + file.bytesRead };
  return { rows: parseRows(file, layout), progress };
}

/** Line breaks inside a record's quoted cells: the lines it spans beyond its first. */
function innerLineBreaks(cells: string[]): number {
  let breaks = 0;
  for (const cell of cells) {
    if (cell.includes('\n') || cell.includes('\r')) breaks += cell.match(/\r\n|\n|\r/g)!.length;
  }
  return breaks;
}

async function* parseRows(
  file: ReturnType<typeof createReadStream>,
  layout: CsvLayout,
): AsyncGenerator<CsvRow> {
  const parser = parse({
    delimiter: layout.delimiter,
    relax_column_count: true,
    // A stray quote inside an unquoted cell (`Ada "the" Smith`) is text, as spreadsheets write it.
    relax_quotes: true,
    skip_records_with_error: true,
  });
  const skipped: CsvError[] = [];
  parser.on('skip', (error: CsvError) => skipped.push(error));
  file.on('error', (error) => parser.destroy(error));
  file.pipe(parser);

  // Physical lines are counted here rather than taken from csv-parse's per-record info, which
  // costs an object per record: a record spans one line plus the breaks inside its cells, and
  // an empty line reads as one empty cell.
  let line = layout.headerLine;
  let record = 0;
  let header = true;
  for await (const cells of parser as AsyncIterable<string[]>) {
    const start = line;
    line += 1 + innerLineBreaks(cells);
    if (header) {
      header = false;
      continue;
    }
    if (cells.length === 1 && cells[0] === '') continue;
    record += 1;
    yield { kind: 'cells', record, line: start, cells };
  }

  for (const error of skipped) {
    record += 1;
    yield { kind: 'unreadable', record, line, reason: unreadableReason(error, line) };
  }
}

function unreadableReason(error: CsvError, line: number): string {
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    return `a quoted cell that starts on line ${line} is never closed: the rest of the file could not be read`;
  }
  return `the CSV parser could not read this record (${error.code})`;
}
