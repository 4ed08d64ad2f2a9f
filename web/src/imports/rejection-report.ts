import { rejectionReportCsv } from '../../../src/ingest/import-report.ts';
import type { ImportReport } from './imports-api.ts';

/** Saves the rejection report of an import as `<file>.rejected.csv`. */
export function downloadRejections(report: ImportReport): void {
  const blob = new Blob([rejectionReportCsv(report)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `${report.fileName.replace(/\.[^.]+$/, '')}.rejected.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the blob to the download; revoking later frees it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
