/** A CSV header, looked up by column name the way people write them: any case, any spacing. */
export class Columns {
  readonly names: string[];
  private readonly positions = new Map<string, number>();

  constructor(names: string[]) {
    this.names = names.map((name) => name.replace(/^\uFEFF/, '').trim());
    this.names.forEach((name, index) => {
      const key = normaliseColumnName(name);
      if (!this.positions.has(key)) this.positions.set(key, index);
    });
  }

  /** The position of the first of `names` the header has, or -1. */
  find(...names: string[]): number {
    for (const name of names) {
      const position = this.positions.get(normaliseColumnName(name));
      if (position !== undefined) return position;
    }
    return -1;
  }

  has(...names: string[]): boolean {
    return names.every((name) => this.find(name) >= 0);
  }

  /** Positions of every column not in `used`, by column name. */
  others(used: number[]): Array<[string, number]> {
    const taken = new Set(used);
    return this.names
      .map((name, index): [string, number] => [name, index])
      .filter(([name, index]) => !taken.has(index) && name !== '');
  }
}

export function normaliseColumnName(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
}

/** A cell's text as stored: trimmed, line breaks as \n. Missing cells read as ''. */
export function cellText(cells: readonly string[], position: number): string {
  if (position < 0) return '';
  const cell = cells[position];
  if (cell === undefined || cell === '') return '';
  const text = cell.trim();
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/** The cell's text, or undefined when empty: what a LeadInput field wants. */
export function cellValue(cells: readonly string[], position: number): string | undefined {
  const text = cellText(cells, position);
  return text === '' ? undefined : text;
}
