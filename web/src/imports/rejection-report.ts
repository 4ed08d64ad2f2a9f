import type { ImportReport } from './imports-api.ts';

/** A cell as a spreadsheet should read it: quoted when needed, never run as a formula. */
function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The rejected records as CSV (line,record,code,reason), as `leadbase import --report` writes. */
export function rejectionCsv(report: ImportReport): string {
  const rows = report.rejections.map((rejection) =>
    [rejection.line, rejection.record, rejection.code, rejection.reason].map(csvCell).join(','),
  );
  return `${['line,record,code,reason', ...rows].join('\n')}\n`;
}

/** Saves the rejection report of an import as `<file>.rejected.csv`. */
export function downloadRejections(report: ImportReport): void {
  const blob = new Blob([rejectionCsv(report)], { type: 'text/csv;charset=utf-8' });
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
