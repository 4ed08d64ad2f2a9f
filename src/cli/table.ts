/** A plain-text table for people: a header row, then one row per item, columns padded. */
export interface Column<T> {
  header: string;
  value: (item: T) => string;
  /** Numbers read best right-aligned. */
  align?: 'left' | 'right';
  /** Longer cells are cut with an ellipsis. */
  maxWidth?: number;
}

function fitCell(text: string, maxWidth: number | undefined): string {
  const flat = text.replace(/\s+/g, ' ');
  if (maxWidth === undefined || flat.length <= maxWidth) return flat;
  return `${flat.slice(0, Math.max(0, maxWidth - 1))}…`;
}

export function formatTable<T>(columns: Column<T>[], items: T[]): string[] {
  const cells = items.map((item) =>
    columns.map((column) => fitCell(column.value(item), column.maxWidth)),
  );
  const widths = columns.map((column, index) =>
    Math.max(column.header.length, ...cells.map((row) => row[index]!.length)),
  );

  const render = (row: string[]) =>
    row
      .map((cell, index) => {
        const width = widths[index]!;
        return columns[index]!.align === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();

  return [render(columns.map((column) => column.header)), ...cells.map(render)];
}

/** A score for display: two decimals, or a dash when there is none. */
export function formatScore(score: number | null): string {
  return score === null ? '–' : score.toFixed(2);
}
