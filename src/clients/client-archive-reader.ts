import { type ArchiveLine, readArchiveLines } from './client-archive-file.ts';
import {
  type ArchiveHeader,
  type ArchiveRowLine,
  type ArchiveTrailer,
  archiveInvalid,
  countKey,
  isRowLine,
  isTrailer,
  parseHeader,
} from './client-archive-format.ts';
import { controlArchiveTables, tenantArchiveTables } from './client-archive-tables.ts';

const knownTables = new Set([
  ...tenantArchiveTables.map((table) => countKey('tenant', table.name)),
  ...controlArchiveTables.map((table) => countKey('control', table)),
]);

function parseLine(line: ArchiveLine, path: string): unknown {
  try {
    return JSON.parse(line.text);
  } catch {
    throw archiveInvalid(path, `has a line that is not JSON (line ${line.number})`);
  }
}

function checkedRow(value: unknown, line: ArchiveLine, path: string): ArchiveRowLine {
  if (!isRowLine(value)) {
    throw archiveInvalid(
      path,
      `has a line that is neither a row nor the end (line ${line.number})`,
    );
  }
  if (!knownTables.has(countKey(value.store, value.table))) {
    throw archiveInvalid(
      path,
      `names the unknown table ${value.store}.${value.table} (line ${line.number})`,
    );
  }
  return value;
}

function checkedTrailer(value: ArchiveTrailer, line: ArchiveLine, path: string): ArchiveTrailer {
  if (value.sha256 !== line.digestBefore()) {
    throw archiveInvalid(path, 'does not match its checksum: it was altered or damaged');
  }
  return value;
}

/**
 * The archive's rows, read as a stream: `next()` gives one row at a time and, at the end, checks
 * the checksum and answers undefined. Its owner calls `next()` across transactions, so the rows
 * of one store can be written before those of the next without reading the file twice.
 */
export class ArchiveRows {
  private readonly lines: AsyncGenerator<ArchiveLine>;
  private header: ArchiveHeader | undefined;
  private trailer: ArchiveTrailer | undefined;
  /** The line number of the row `next()` gave last. */
  lineNumber = 0;

  constructor(readonly path: string) {
    this.lines = readArchiveLines(path);
  }

  async readHeader(): Promise<ArchiveHeader> {
    const first = await this.lines.next();
    if (first.done) throw archiveInvalid(this.path, 'is empty');
    this.header = parseHeader(parseLine(first.value, this.path), this.path);
    return this.header;
  }

  async next(): Promise<ArchiveRowLine | undefined> {
    if (!this.header) await this.readHeader();
    if (this.trailer) return undefined;
    const next = await this.lines.next();
    if (next.done) {
      throw archiveInvalid(this.path, 'ends before its closing line: it is cut short (truncated)');
    }
    this.lineNumber = next.value.number;
    const value = parseLine(next.value, this.path);
    if (!isTrailer(value)) return checkedRow(value, next.value, this.path);

    this.trailer = checkedTrailer(value, next.value, this.path);
    const after = await this.lines.next();
    if (!after.done) {
      throw archiveInvalid(
        this.path,
        `goes on after its closing line (line ${after.value.number})`,
      );
    }
    return undefined;
  }

  /** The closing line, once `next()` has answered undefined. */
  end(): ArchiveTrailer | undefined {
    return this.trailer;
  }

  async close(): Promise<void> {
    await this.lines.return(undefined);
  }
}

export interface VerifiedArchive {
  header: ArchiveHeader;
  trailer: ArchiveTrailer;
}

/** Reads the whole archive once, checking every line, the checksum and the counts. */
export async function verifyArchive(path: string): Promise<VerifiedArchive> {
  const rows = new ArchiveRows(path);
  try {
    const header = await rows.readHeader();
    const counts = new Map<string, number>();
    for (let row = await rows.next(); row; row = await rows.next()) {
      const key = countKey(row.store, row.table);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const trailer = rows.end()!;
    for (const key of new Set([...counts.keys(), ...Object.keys(trailer.counts)])) {
      if ((counts.get(key) ?? 0) !== (trailer.counts[key] ?? 0)) {
        throw archiveInvalid(
          path,
          `holds ${counts.get(key) ?? 0} rows of ${key} but its closing line counts ${trailer.counts[key] ?? 0}`,
        );
      }
    }
    return { header, trailer };
  } finally {
    await rows.close();
  }
}
