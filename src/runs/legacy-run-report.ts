import { csvCell } from '../csv-cell.ts';
import type { LegacyImportReport } from './legacy-run-import.ts';

const columns = 'outcome,line,record,code,run_id,client_id,reason';

/**
 * The rows a person has to look at, as CSV: each rejected row with its line, record number and
 * reason, then each flagged client run with the lines and records it was made of.
 */
export function legacyReportCsv(report: LegacyImportReport): string {
  const rejected = report.rejections.map((rejection) =>
    [
      'rejected',
      String(rejection.line),
      String(rejection.record),
      rejection.code,
      rejection.runId,
      rejection.clientId,
      rejection.reason,
    ]
      .map(csvCell)
      .join(','),
  );
  const flagged = report.flags.map((flag) =>
    [
      'flagged',
      flag.lines.join(' '),
      flag.records.join(' '),
      '',
      flag.run,
      flag.clientId,
      flag.reason,
    ]
      .map(csvCell)
      .join(','),
  );
  return `${[columns, ...rejected, ...flagged].join('\n')}\n`;
}
