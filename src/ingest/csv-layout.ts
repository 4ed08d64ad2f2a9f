import { open } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { AppError } from '../errors.ts';
import { Columns } from './csv-columns.ts';

/** Where a CSV file's header sits and how its cells are separated. */
export interface CsvLayout {
  path: string;
  totalBytes: number;
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
      throw new AppError('bad_file', `${path} is UTF-16 text: save it as CSV UTF-8 and retry`);
    }
    const bomBytes = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    const text = new TextDecoder('utf-8').decode(bytes.subarray(bomBytes));
    return { bytes, text, bomBytes, totalBytes: size, complete: bytesRead === size };
  } finally {
    await handle.close();
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
  // Split after each line end, keeping it: CRLF, LF, or a lone CR (never between CR and LF).
  const lines = head.text.split(/(?<=\n|\r(?!\n))/);
  const usable = head.complete ? lines.length : lines.length - 1;
  let offset = head.bomBytes;

  for (let index = 0; index < Math.min(usable, headLines); index += 1) {
    const line = lines[index]!;
    const content = line.replace(/[\r\n]+$/, '');
    for (const delimiter of content.trim() === '' ? [] : delimiters) {
      const cells = splitHeaderCells(content, delimiter);
      if (!cells) continue;
      const columns = new Columns(cells);
      const match = accepts(columns);
      if (match !== null) {
        const layout = {
          path,
          totalBytes: head.totalBytes,
          headerOffset: offset,
          headerLine: index + 1,
          delimiter,
          columns,
        };
        return { layout, match };
      }
    }
    offset += Buffer.byteLength(line, 'utf8');
  }
  return null;
}

/** True when the head holds nothing but blank lines and separators. */
export function isBlankText(text: string): boolean {
  return /^[\s,;]*$/.test(text);
}
