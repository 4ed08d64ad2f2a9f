import { AppError } from '../errors.ts';
import { parseJsonLosslessly } from './lossless-json.ts';

/**
 * A tolerant reader for the JSON-ish strings automation tools emit (PhantomBuster's
 * `resultObject`): an array of objects with trailing commas, raw line breaks inside strings
 * and unescaped quotes. What is unambiguous is repaired; an object that still cannot be read is
 * quarantined with its raw text, and the rows around it are kept.
 */

/** One row in order: read (repaired if need be), or quarantined with its raw text. */
export type DirtyRow = { ok: true; value: unknown } | { ok: false; raw: string; reason: string };

export interface DirtyRows {
  rows: DirtyRow[];
  /** True when the text was strict JSON and needed no repair. */
  strict: boolean;
}

class Unreadable extends Error {}

const escapes: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** A quote ends a string only where JSON could go on: before `:`, `}`, `]`, the end, or a
 * comma that is followed by a key, another object or a closing bracket. */
const objectStringEnd = /^\s*(?:[:}\]]|$|,\s*(?:"[^"\n]*"\s*:|[{}\]]|$))/;
const arrayStringEnd = /^\s*(?:[\]}]|$|,\s*(?:["{\]]|$))/;

class Reader {
  index = 0;
  constructor(readonly text: string) {}

  skipSpace(): void {
    while (/\s/.test(this.text[this.index] ?? '')) this.index += 1;
  }

  expect(char: string): void {
    this.skipSpace();
    if (this.text[this.index] !== char) {
      throw new Unreadable(`expected "${char}" at character ${this.index + 1}`);
    }
    this.index += 1;
  }

  string(ending: RegExp): string {
    this.expect('"');
    let value = '';
    while (this.index < this.text.length) {
      const char = this.text[this.index]!;
      if (char === '\\') {
        value += this.escape();
        continue;
      }
      this.index += 1;
      if (char === '"' && ending.test(this.text.slice(this.index, this.index + 200))) return value;
      value += char;
    }
    throw new Unreadable('a string never ends');
  }

  escape(): string {
    const next = this.text[this.index + 1] ?? '';
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.index + 2, this.index + 6))) {
      this.index += 6;
      return String.fromCharCode(Number.parseInt(this.text.slice(this.index - 4, this.index), 16));
    }
    this.index += 2;
    return escapes[next] ?? next;
  }

  scalar(): unknown {
    const match = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
      this.text.slice(this.index, this.index + 40),
    );
    if (!match) throw new Unreadable(`unexpected "${this.text[this.index] ?? 'end'}"`);
    this.index += match[0].length;
    return parseJsonLosslessly(match[0]);
  }

  value(ending: RegExp): unknown {
    this.skipSpace();
    const char = this.text[this.index];
    if (char === '"') return this.string(ending);
    if (char === '{') return this.object();
    if (char === '[') return this.array();
    return this.scalar();
  }

  object(): Record<string, unknown> {
    this.expect('{');
    const object: Record<string, unknown> = {};
    for (;;) {
      this.skipSpace();
      const char = this.text[this.index];
      if (char === '}') {
        this.index += 1;
        return object;
      }
      if (char === ',') {
        this.index += 1;
        continue;
      }
      const key = this.string(/^\s*:/);
      this.expect(':');
      object[key] = this.value(objectStringEnd);
    }
  }

  array(): unknown[] {
    this.expect('[');
    const items: unknown[] = [];
    for (;;) {
      this.skipSpace();
      const char = this.text[this.index];
      if (char === undefined) throw new Unreadable('an array never ends');
      if (char === ']') {
        this.index += 1;
        return items;
      }
      if (char === ',') this.index += 1;
      else items.push(this.value(arrayStringEnd));
    }
  }
}

/** Where the object starting at `start` most plausibly ends: before the next row or the end. */
function endOfRow(text: string, start: number): number {
  const next = /\}\s*,?\s*(?=\{|\]\s*$)/g;
  next.lastIndex = start + 1;
  const match = next.exec(text);
  return match ? match.index + match[0].length : text.length;
}

function readRows(text: string): DirtyRows {
  const reader = new Reader(text);
  const rows: DirtyRow[] = [];
  if (!text.startsWith('[')) {
    throw new AppError('bad_file', 'the text is not a JSON array or object of rows');
  }
  reader.index = 1;
  for (;;) {
    reader.skipSpace();
    const char = text[reader.index];
    if (char === undefined || char === ']') break;
    if (char === ',') {
      reader.index += 1;
      continue;
    }
    const start = reader.index;
    try {
      rows.push({ ok: true, value: reader.value(arrayStringEnd) });
    } catch (error) {
      reader.index = endOfRow(text, start);
      const raw = text.slice(start, reader.index).replace(/\s*,?\s*$/, '');
      const reason = error instanceof Error ? error.message : String(error);
      rows.push({ ok: false, raw, reason });
    }
  }
  return { rows, strict: false };
}

/**
 * The rows of a JSON array that may be dirty; strict JSON is read as it is. Text that is no
 * array or object at all is a `bad_file` error: nothing in it can be told apart as a row.
 */
export function parseDirtyJsonRows(text: string): DirtyRows {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  try {
    const value = parseJsonLosslessly(trimmed);
    const values: unknown[] = Array.isArray(value) ? value : [value];
    return { rows: values.map((entry) => ({ ok: true, value: entry })), strict: true };
  } catch {
    if (trimmed.startsWith('{')) return readRows(`[${trimmed}]`);
    return readRows(trimmed);
  }
}
