/**
 * One CSV cell. Text a spreadsheet would run as a formula (=, +, -, @, tab or carriage return
 * first, e.g. a company called "=Sum Partners") gets a leading apostrophe, so it stays text.
 * Pure, so the portal bundles it too (web/src/imports/rejection-report.ts).
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
