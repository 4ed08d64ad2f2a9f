import { createReadStream } from 'node:fs';
import { type CsvError, type Info, parse } from 'csv-parse';
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
export function readCsvRows(
  layout: CsvLayout,
  onChunk?: (chunk: Buffer) => void,
): {
  rows: AsyncGenerator<CsvRow>;
  progress: CsvReadProgress;
} {
  const file = createReadStream(layout.path, {
    start: layout.headerOffset,
    highWaterMark: 256 * 1024,
  });
  if (onChunk) file.on('data', (chunk) => onChunk(chunk as Buffer));
  const progress = { bytesRead: () => layout.headerOffset + file.bytesRead };
  return { rows: parseRows(file, layout), progress };
}

async function* parseRows(
  file: ReturnType<typeof createReadStream>,
  layout: CsvLayout,
): AsyncGenerator<CsvRow> {
  const parser = parse({
    delimiter: layout.delimiter,
    info: true,
    skip_empty_lines: true,
    relax_column_count: true,
    // A stray quote inside an unquoted cell (`Ada "the" Smith`) is text, as spreadsheets write it.
    relax_quotes: true,
    skip_records_with_error: true,
  });
  const skipped: CsvError[] = [];
  parser.on('skip', (error: CsvError) => skipped.push(error));
  file.on('error', (error) => parser.destroy(error));
  file.pipe(parser);

  // Physical line numbers: the parser counts from the header line; a record starts on the line
  // after the previous one ended, past any empty lines it skipped.
  const lineOffset = layout.headerLine - 1;
  let previousEnd = 0;
  let previousEmpty = 0;
  let record = 0;
  let header = true;

  for await (const { record: cells, info } of parser as AsyncIterable<{
    record: string[];
    info: Info;
  }>) {
    const line = previousEnd + 1 + (info.empty_lines - previousEmpty) + lineOffset;
    previousEnd = info.lines;
    previousEmpty = info.empty_lines;
    if (header) {
      header = false;
      continue;
    }
    record += 1;
    yield { kind: 'cells', record, line, cells };
  }

  for (const error of skipped) {
    record += 1;
    yield {
      kind: 'unreadable',
      record,
      line: previousEnd + 1 + lineOffset,
      reason: unreadableReason(error, previousEnd + 1 + lineOffset),
    };
  }
}

function unreadableReason(error: CsvError, line: number): string {
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    return `a quoted cell that starts on line ${line} is never closed: the rest of the file could not be read`;
  }
  return `the CSV parser could not read this record (${error.code})`;
}
