import { AppError } from '../errors.ts';

/**
 * A client archive is gzip'd JSON lines (UTF-8, one JSON value per line, `\n` after each):
 *
 * 1. the header, {@link ArchiveHeader};
 * 2. one line per row, {@link ArchiveRowLine}: the tenant tables first (in
 *    client-archive-tables.ts order), then the client's control rows;
 * 3. the trailer, {@link ArchiveTrailer}: the row count of every table and the SHA-256 of every
 *    byte before the trailer (header and row lines with their `\n`), so a truncated or altered
 *    archive is refused before anything is written.
 *
 * Values are the stored ones: text stays text (19-digit IDs, JSON columns, any Unicode), numbers
 * are JSON numbers, null is null.
 */
export const archiveFormat = 'leadbase-client-archive';

/** The version this code writes; it reads this one and older ones. */
export const archiveVersion = 1;

export interface ArchiveHeader {
  format: typeof archiveFormat;
  version: number;
  clientId: string;
  exportedAt: string;
  /** Tenant migrations applied to the store the rows come from. */
  tenantMigrations: string[];
  /** Control migrations applied to the control store the rows come from. */
  controlMigrations: string[];
}

export type ArchiveStore = 'tenant' | 'control';

export type ArchiveValue = string | number | boolean | null;

export interface ArchiveRowLine {
  store: ArchiveStore;
  table: string;
  row: Record<string, ArchiveValue>;
}

export interface ArchiveTrailer {
  end: true;
  /** Rows per `<store>.<table>`. */
  counts: Record<string, number>;
  sha256: string;
}

export function countKey(store: ArchiveStore, table: string): string {
  return `${store}.${table}`;
}

export function archiveInvalid(path: string, problem: string): AppError {
  return new AppError('archive_invalid', `the archive ${path} ${problem}`, {
    details: { path },
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** The header, checked: a newer format is refused as such, not as a corrupt file. */
export function parseHeader(value: unknown, path: string): ArchiveHeader {
  if (!isRecord(value) || value.format !== archiveFormat) {
    throw archiveInvalid(path, 'is not a Leadbase client archive (its first line is no header)');
  }
  if (typeof value.version !== 'number' || !Number.isInteger(value.version)) {
    throw archiveInvalid(path, 'has a header without a format version');
  }
  if (value.version > archiveVersion) {
    throw new AppError(
      'archive_unsupported',
      `the archive ${path} has format version ${value.version}; this Leadbase reads up to version ${archiveVersion}: import it with a newer Leadbase`,
      { details: { path, version: value.version } },
    );
  }
  const { clientId, exportedAt, tenantMigrations, controlMigrations } = value;
  if (
    typeof clientId !== 'string' ||
    typeof exportedAt !== 'string' ||
    !stringList(tenantMigrations) ||
    !stringList(controlMigrations)
  ) {
    throw archiveInvalid(path, 'has an incomplete header');
  }
  return {
    format: archiveFormat,
    version: value.version,
    clientId,
    exportedAt,
    tenantMigrations,
    controlMigrations,
  };
}

export function isTrailer(value: unknown): value is ArchiveTrailer {
  return (
    isRecord(value) &&
    value.end === true &&
    typeof value.sha256 === 'string' &&
    isRecord(value.counts) &&
    Object.values(value.counts).every((count) => typeof count === 'number')
  );
}

export function isRowLine(value: unknown): value is ArchiveRowLine {
  return (
    isRecord(value) &&
    (value.store === 'tenant' || value.store === 'control') &&
    typeof value.table === 'string' &&
    isRecord(value.row)
  );
}
