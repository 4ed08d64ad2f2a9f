/**
 * U+0000 in imported text. PostgreSQL cannot store it in text, and no profile, post or note
 * means one: it is a stray byte of an export or a scraper. Imports remove it, with a warning
 * naming the field, so the rest of the value is kept and the record is not lost for it.
 */

const nul = /\0/g;

function fieldName(path: string, key: string | number): string {
  return path === '' ? String(key) : `${path}.${key}`;
}

/** The warning for a field whose NUL characters were removed. */
export function nulWarning(field: string): string {
  return `${field}: held a NUL character (\\u0000), which cannot be stored; removed`;
}

/**
 * `value` with every U+0000 removed from its strings (and object keys), however deep; a warning
 * naming each changed field (`path.key.0`) is added. Values without one are returned as they are.
 */
export function withoutNul<T>(value: T, warnings: string[], path = ''): T {
  if (typeof value === 'string') {
    if (!value.includes('\0')) return value;
    warnings.push(nulWarning(path === '' ? 'value' : path));
    return value.replace(nul, '') as T;
  }
  if (Array.isArray(value)) {
    let changed = false;
    const items = value.map((item, index) => {
      const cleaned = withoutNul(item, warnings, fieldName(path, index));
      if (cleaned !== item) changed = true;
      return cleaned;
    });
    return (changed ? items : value) as T;
  }
  if (typeof value !== 'object' || value === null) return value;
  let changed = false;
  const entries = Object.entries(value).map(([key, item]) => {
    const cleanKey = key.includes('\0') ? key.replace(nul, '') : key;
    const cleaned = withoutNul(item, warnings, fieldName(path, cleanKey));
    if (cleanKey !== key) warnings.push(nulWarning(`${fieldName(path, cleanKey)} (its name)`));
    if (cleaned !== item || cleanKey !== key) changed = true;
    return [cleanKey, cleaned] as const;
  });
  return (changed ? Object.fromEntries(entries) : value) as T;
}

/** Removes U+0000 from `cells` in place; a warning per changed cell names its column. */
export function removeNulCells(cells: string[], columns: readonly string[]): string[] {
  const warnings: string[] = [];
  for (let position = 0; position < cells.length; position += 1) {
    const cell = cells[position]!;
    if (!cell.includes('\0')) continue;
    warnings.push(nulWarning(columns[position] ?? `column ${position + 1}`));
    cells[position] = cell.replace(nul, '');
  }
  return warnings;
}
