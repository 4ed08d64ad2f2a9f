import { aboutLimit, cutText, cutWarning, textLimit } from './text-limits.ts';

/** What a record's cells must be before a format's reader reads them. */

export interface CellFault {
  code: string;
  reason: string;
}

/** Why a record cannot be read cell by cell, or null when its shape is sound. */
export function shapeFault(cells: string[], width: number): CellFault | null {
  let blank = true;
  for (let index = 0; index < cells.length && blank; index += 1) {
    if (cells[index]!.trim() !== '') blank = false;
  }
  if (blank) return { code: 'blank_record', reason: 'the record has no values' };
  // Trailing empty cells (a spreadsheet's stray commas) shift nothing; any other count does.
  let shifted = cells.length < width;
  for (let index = width; index < cells.length && !shifted; index += 1) {
    if (cells[index]!.trim() !== '') shifted = true;
  }
  if (!shifted) return null;
  const reason = `the record has ${cells.length} cells where the header has ${width}: its values would land in the wrong fields`;
  return { code: 'bad_row', reason };
}

/**
 * A record holding U+FFFD: bytes that are not UTF-8 in a UTF-8 file, or text an earlier tool
 * decoded wrongly. Stored, it would overwrite a good name with "M�ller", so the record waits
 * for a fixed file instead.
 */
export function encodingFault(cells: string[], columns: readonly string[]): CellFault | null {
  const position = cells.findIndex((cell) => cell.includes('\uFFFD'));
  if (position < 0) return null;
  const column = columns[position] ?? `column ${position + 1}`;
  return {
    code: 'bad_encoding',
    reason: `the ${column} cell holds bytes that are not UTF-8 (shown as \uFFFD): save the file as CSV UTF-8 and import it again; nothing stored was changed`,
  };
}

/**
 * Cuts overlong cells in place: `longColumns` (about texts) keep up to aboutLimit characters,
 * the rest textLimit. Returns a warning per cut cell, naming its column.
 */
export function cutLongCells(
  cells: string[],
  columns: readonly string[],
  longColumns: ReadonlySet<number>,
): string[] {
  const warnings: string[] = [];
  for (let position = 0; position < cells.length; position += 1) {
    const cell = cells[position]!;
    if (cell.length <= textLimit) continue;
    const limit = longColumns.has(position) ? aboutLimit : textLimit;
    if (cell.length <= limit) continue;
    const column = columns[position] ?? `column ${position + 1}`;
    warnings.push(cutWarning(column, cell.length, limit));
    cells[position] = cutText(cell, limit);
  }
  return warnings;
}
