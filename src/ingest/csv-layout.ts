import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import { AppError } from '../errors.ts';
import { Columns } from './csv-columns.ts';

/** The encodings a CSV file is read in: UTF-8, or Excel's western Windows code page. */
export type CsvEncoding = 'utf-8' | 'windows-1252';

/** Where a CSV file's header sits, how its text is encoded and how its cells are separated. */
export interface CsvLayout {
  path: string;
  totalBytes: number;
  encoding: CsvEncoding;
  /** Byte offset of the header line: after any byte-order mark and preamble. */
  headerOffset: number;
  /** Physical line of the header, 1-based. */
  headerLine: number;
  delimiter: string;
  columns: Columns;
}

/** The start of a file, decoded, with what is known about its bytes. */
export interface FileHead {
  /** The first bytes of the file, as read. */
  bytes: Buffer;
  text: string;
  bomBytes: number;
  totalBytes: number;
  /** False when the file is longer than the head: its last line may be cut. */
  complete: boolean;
  /** The encoding `text` was decoded with. */
  encoding: CsvEncoding;
}

/** A header is looked for in this many bytes and lines at the top of the file. */
const headBytes = 64 * 1024;
const headLines = 50;
const delimiters = [',', ';', '\t'];

export async function readFileHead(path: string): Promise<FileHead> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(size, headBytes));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const bytes = buffer.subarray(0, bytesRead);
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
      // TODO(utf-16 exports): decode UTF-16 files instead of refusing them – when a real
      // export in UTF-16 reaches us; Excel's "Unicode text" is the known producer.
      throw new AppError(
        'bad_file',
        `${basename(path)} is UTF-16 text: save it as CSV UTF-8 and retry`,
      );
    }
    const bomBytes = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    const text = decodeText(bytes.subarray(bomBytes), 'utf-8');
    const complete = bytesRead === size;
    return { bytes, text, bomBytes, totalBytes: size, complete, encoding: 'utf-8' };
  } finally {
    await handle.close();
  }
}

/** Bytes as text; a byte that is not UTF-8 reads as U+FFFD, which no record may store. */
export function decodeText(bytes: Uint8Array, encoding: CsvEncoding): string {
  return new TextDecoder(encoding).decode(bytes);
}

/** The head read again in another encoding, once the whole file has been looked at. */
export function withEncoding(head: FileHead, encoding: CsvEncoding): FileHead {
  if (encoding === head.encoding) return head;
  return { ...head, encoding, text: decodeText(head.bytes.subarray(head.bomBytes), encoding) };
}

/**
 * The lines of `bytes` from `from`, as byte ranges: `end` before the line break (CRLF, LF or a
 * lone CR), `next` after it. Lines are cut in bytes, not text, so that their offsets hold in any
 * encoding and around bytes that do not decode.
 */
function* byteLines(
  bytes: Buffer,
  from: number,
): Generator<{ start: number; end: number; next: number }> {
  let start = from;
  while (start < bytes.length) {
    let end = start;
    while (end < bytes.length && bytes[end] !== 0x0a && bytes[end] !== 0x0d) end += 1;
    const crlf = bytes[end] === 0x0d && bytes[end + 1] === 0x0a;
    const next = end >= bytes.length ? end : end + (crlf ? 2 : 1);
    yield { start, end, next };
    start = next;
  }
}

function splitHeaderCells(line: string, delimiter: string): string[] | null {
  try {
    const rows = parse(line, { delimiter, relax_quotes: true, relax_column_count: true });
    const cells = (rows[0] ?? []) as string[];
    return cells.length > 1 ? cells : null;
  } catch {
    return null;
  }
}

/**
 * Finds the first line near the top that `accepts` takes for a header, in any of the usual
 * delimiters. Lines above it (LinkedIn's "Notes:" preamble) are skipped.
 */
export function findHeader<T>(
  path: string,
  head: FileHead,
  accepts: (columns: Columns) => T | null,
): { layout: CsvLayout; match: T } | null {
  let index = 0;
  for (const { start, end, next } of byteLines(head.bytes, head.bomBytes)) {
    // The head may stop inside its last line: that line is only read when the file ends there.
    const cut = next === head.bytes.length && !head.complete;
    if (index >= headLines || cut) break;
    index += 1;
    const content = decodeText(head.bytes.subarray(start, end), head.encoding);
    for (const delimiter of content.trim() === '' ? [] : delimiters) {
      const cells = splitHeaderCells(content, delimiter);
      if (!cells) continue;
      const columns = new Columns(cells);
      const match = accepts(columns);
      if (match !== null) {
        const layout = {
          path,
          totalBytes: head.totalBytes,
          encoding: head.encoding,
          headerOffset: start,
          headerLine: index,
          delimiter,
          columns,
        };
        return { layout, match };
      }
    }
  }
  return null;
}

/** True when the head holds nothing but blank lines and separators. */
export function isBlankText(text: string): boolean {
  return /^[\s,;]*$/.test(text);
}
