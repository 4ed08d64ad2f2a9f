import type { ImportFormat } from './import-report.ts';
import type { LeadInput, Rejection } from './lead-input.ts';

/** One record of a file: a person to write, or why the record cannot be one. */
export type ImportItem = { input: LeadInput } | { rejection: Rejection };

/** A file opened for import: its format and its records, streamed in order. */
export interface ImportSourceFile {
  format: ImportFormat;
  /** Physical line of the header (1 for files without one): where file-wide notes point. */
  headerLine: number;
  /** What holds for the whole file, for the report (an old layout, a guessed date order). */
  notes: string[];
  items: AsyncIterable<ImportItem> | Iterable<ImportItem>;
  bytesRead(): number;
  totalBytes: number;
}
