import { createReadStream, type ReadStream } from 'node:fs';
import { type Readable, Transform } from 'node:stream';
import { type CsvError, parse } from 'csv-parse';
import { shapeFault } from './csv-cells.ts';
import type { CsvLayout } from './csv-layout.ts';
import { findLineStart, type LineStart } from './file-lines.ts';

/** One data record of a CSV file, numbered from 1 after the header, or why it is unreadable. */
export type CsvRow =
  | { kind: 'cells'; record: number; line: number; cells: string[] }
  | { kind: 'unreadable'; record: number; line: number; code: string; reason: string };

export interface CsvReadProgress {
  /** Bytes of the file read so far, counting the preamble. */
  bytesRead(): number;
}

/** What one parser pass yields: rows, then possibly the line where a quote never closed. */
type PassItem = CsvRow | { kind: 'unbalanced'; line: number };

/**
 * Streams the records below the header with csv-parse: quoted commas, quotes and line breaks,
 * any line ending. Memory stays flat: one parser chunk at a time. An unbalanced quote does not
 * swallow the rest of the file: its line is rejected and reading starts again on the next line.
 */
export function readCsvRows(layout: CsvLayout): {
  rows: AsyncGenerator<CsvRow>;
  progress: CsvReadProgress;
} {
  const reading: Reading = { reached: layout.headerOffset, file: null, fileStart: 0 };
  const progress = {
    bytesRead: () => Math.max(reading.reached, reading.fileStart + (reading.file?.bytesRead ?? 0)),
  };
  return { rows: recoveringRows(layout, reading), progress };
}

/** How far the passes over the file have read: the progress a person sees. */
interface Reading {
  reached: number;
  file: ReadStream | null;
  fileStart: number;
}

async function* recoveringRows(layout: CsvLayout, reading: Reading): AsyncGenerator<CsvRow> {
  let from: LineStart | null = { offset: layout.headerOffset, line: layout.headerLine };
  let header = true;
  let record = 0;
  while (from) {
    let stop: number | null = null;
    for await (const item of parsePass(layout, from, header, record, reading)) {
      if (item.kind === 'unbalanced') stop = item.line;
      else {
        record = item.record;
        yield item;
      }
    }
    if (stop === null) return;

    record += 1;
    yield {
      kind: 'unreadable',
      record,
      line: stop,
      code: 'unbalanced_quote',
      reason: unbalanced(stop),
    };
    from = await findLineStart(layout.path, from, stop + 1);
    header = false;
  }
}

function unbalanced(line: number): string {
  return `a quote opens a cell on line ${line} and does not close where the record ends (an unbalanced quote): line ${line} was left out and the lines after it were read on their own`;
}

/** Line breaks inside a record's quoted cells: the lines it spans beyond its first. */
function innerLineBreaks(cells: string[]): number {
  let breaks = 0;
  for (const cell of cells) {
    if (cell.includes('\n') || cell.includes('\r')) breaks += cell.match(/\r\n|\n|\r/g)!.length;
  }
  return breaks;
}

/**
 * Whether a record that spans lines holds an unbalanced quote: its shape is wrong, or one of its
 * cells swallowed lines that read as records of their own (a LinkedIn URL and a full row of
 * delimiters). A sound multi-line cell (an address, an about text) has neither.
 */
// TODO(quote heuristics): a swallowing cell that ends with exactly the header's cell count and
// holds no LinkedIn URL (the old Connections layout) still reads as one record – when such a
// file is seen, compare the cell's inner lines with the header's width instead.
function swallowedLines(cells: string[], layout: CsvLayout): boolean {
  const width = layout.columns.names.length;
  if (shapeFault(cells, width)) return true;
  for (const cell of cells) {
    if (!cell.includes('\n') && !cell.includes('\r')) continue;
    for (const inner of cell.split(/\r\n|\n|\r/).slice(1)) {
      const delimiters = inner.split(layout.delimiter).length - 1;
      if (delimiters >= width - 1 && /linkedin\.com\//i.test(inner)) return true;
    }
  }
  return false;
}

/** Bytes of the file from `offset` as UTF-8 for the parser, re-encoding Windows-1252 text. */
function openText(layout: CsvLayout, offset: number): { file: ReadStream; text: Readable } {
  const file = createReadStream(layout.path, { start: offset, highWaterMark: 256 * 1024 });
  if (layout.encoding === 'utf-8') return { file, text: file };
  const decoder = new TextDecoder(layout.encoding);
  const recode = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8'));
    },
  });
  file.on('error', (error) => recode.destroy(error));
  return { file, text: file.pipe(recode) };
}

/**
 * One parser pass from a line start. Physical lines are counted here rather than taken from
 * csv-parse's per-record info, which costs an object per record: a record spans one line plus
 * the breaks inside its cells, and an empty line reads as one empty cell.
 */
async function* parsePass(
  layout: CsvLayout,
  from: LineStart,
  header: boolean,
  firstRecord: number,
  reading: Reading,
): AsyncGenerator<PassItem> {
  const parser = parse({
    delimiter: layout.delimiter,
    relax_column_count: true,
    // A stray quote inside an unquoted cell (`Ada "the" Smith`) is text, as spreadsheets write it.
    relax_quotes: true,
    skip_records_with_error: true,
  });
  const skipped: CsvError[] = [];
  parser.on('skip', (error: CsvError) => skipped.push(error));
  const { file, text } = openText(layout, from.offset);
  text.on('error', (error) => parser.destroy(error));
  text.pipe(parser);
  Object.assign(reading, { file, fileStart: from.offset });

  let line = from.line;
  let record = firstRecord;
  let skipHeader = header;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      const start = line;
      const breaks = innerLineBreaks(cells);
      line += 1 + breaks;
      if (skipHeader) {
        skipHeader = false;
        continue;
      }
      if (cells.length === 1 && cells[0] === '') continue;
      if (breaks > 0 && swallowedLines(cells, layout)) {
        yield { kind: 'unbalanced', line: start };
        return;
      }
      record += 1;
      yield { kind: 'cells', record, line: start, cells };
    }
  } finally {
    reading.reached = Math.max(reading.reached, from.offset + file.bytesRead);
    file.destroy();
    parser.destroy();
  }

  for (const error of skipped) {
    // The parser ends with a quote still open: the record that starts on `line` never closed.
    if (error.code === 'CSV_QUOTE_NOT_CLOSED') yield { kind: 'unbalanced', line };
    else {
      record += 1;
      const reason = `the CSV parser could not read this record (${error.code})`;
      yield { kind: 'unreadable', record, line, code: 'unreadable_row', reason };
    }
  }
}
