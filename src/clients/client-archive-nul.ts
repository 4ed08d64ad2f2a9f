import type { ArchiveStore, ArchiveValue } from './client-archive-format.ts';

type Row = Record<string, ArchiveValue>;

const nul = /\0/g;

/** A JSON text's value with U+0000 removed from its strings; undefined when nothing changed. */
function cleanedJsonText(text: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  let changed = false;
  const cleaned = JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item !== 'string' || !item.includes('\0')) return item;
    changed = true;
    return item.replace(nul, '');
  });
  return changed ? cleaned : undefined;
}

/**
 * `text` without U+0000, raw or (with `inJson`) written `\u0000` inside a JSON column, which
 * PostgreSQL refuses when a query reads the column as jsonb (tags); undefined when unchanged.
 */
function cleanedText(text: string, inJson: boolean): string | undefined {
  const raw = text.includes('\0') ? text.replace(nul, '') : text;
  const json = inJson && raw.includes('\\u0000') ? cleanedJsonText(raw) : undefined;
  const result = json ?? raw;
  return result === text ? undefined : result;
}

/**
 * U+0000 in archived text. An SQLite store may hold it (older versions took it from the API and
 * from files); PostgreSQL refuses it in text. An archive moving a client between
 * engines would then fail whole for one stray character, so it is removed on the way in, and
 * every changed value counted by `<store>.<table>.<column>` for the summary.
 */
export class ArchiveNulRemovals {
  /** Values changed, by `<store>.<table>.<column>`. */
  readonly counts: Record<string, number> = {};

  /** `row` with U+0000 removed from its text values; the same object when none held one. */
  clean(store: ArchiveStore, table: string, row: Row): Row {
    let cleaned: Row | undefined;
    for (const [column, value] of Object.entries(row)) {
      if (typeof value !== 'string') continue;
      // A delivery's body stays as received, escapes included: its hash is of those bytes.
      const text = cleanedText(value, store === 'tenant');
      if (text === undefined) continue;
      cleaned ??= { ...row };
      cleaned[column] = text;
      const key = `${store}.${table}.${column}`;
      this.counts[key] = (this.counts[key] ?? 0) + 1;
    }
    return cleaned ?? row;
  }
}
