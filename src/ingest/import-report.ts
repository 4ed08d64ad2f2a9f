import { csvCell } from '../csv-cell.ts';
import type { ImportWarning, Rejection } from './lead-input.ts';

export type ImportFormat = 'connections' | 'salesnav' | 'airtable' | 'linkedhelper' | 'mapped';

/** What one import did, record by record accounted for. */
export interface ImportReport {
  fileName: string;
  format: ImportFormat;
  dryRun: boolean;
  /** Data records read; created + updated + repeated + unchanged + merged + rejected add up to it. */
  records: number;
  created: number;
  /** Records that changed a lead stored before this import. */
  updated: number;
  /**
   * Later records of a person an earlier record of this import named, that changed what it
   * made: the later record wins (each has a warning). A first import of a file reports a person
   * listed three times as one created and two repeated.
   */
  repeated: number;
  unchanged: number;
  /** Records that joined two or more existing leads into one. */
  merged: number;
  rejected: number;
  rejections: Rejection[];
  warnings: ImportWarning[];
}

/** The rejected records as CSV (line,record,code,reason), for the person who fixes the file. */
export function rejectionReportCsv(report: ImportReport): string {
  const rows = report.rejections.map((rejection) =>
    [rejection.line, rejection.record, rejection.code, rejection.reason].map(csvCell).join(','),
  );
  return `${['line,record,code,reason', ...rows].join('\n')}\n`;
}
