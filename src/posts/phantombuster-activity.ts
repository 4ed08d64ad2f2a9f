import { type DirtyRow, parseDirtyJsonRows } from './dirty-json.ts';
import { asItem, type Item, pickText } from './field-pick.ts';
import type { ParsedPosts } from './post-input.ts';
import { type ItemReading, readPostItem } from './post-item.ts';

/**
 * PhantomBuster's activity extractors state times in UTC: `postTimestamp` carries a `Z`, and
 * a wall-clock time without an offset is read in this zone, as their result docs say.
 */
export const phantomBusterDocumentedZone = 'UTC';

/** Column titles that leak into results as a row ("Profile URL" under `profileUrl`). */
const headerTitles = new Set(['profile url', 'post url', 'profileurl', 'posturl', 'url']);

export interface PhantomBusterOptions {
  now?: Date;
  documentedZone?: string;
}

/** The rows a result holds, in order: a `resultObject` (a JSON string, often dirty) or an array. */
function resultRows(body: unknown): DirtyRow[] {
  const object = asItem(body);
  const result = object ? (object.resultObject ?? object.result ?? object.data) : body;
  if (typeof result === 'string') return parseDirtyJsonRows(result).rows;
  if (Array.isArray(result)) return result.map((value) => ({ ok: true, value }));
  if (object && !('resultObject' in object)) return [{ ok: true, value: object }];
  return [];
}

/** Why a row is the tool's own header or error line rather than a post, or null. */
function toolRowReason(row: Item): string | null {
  const error = pickText(row, ['error', 'errorMessage', 'error_message']);
  if (error) return `an error row ("${error}")`;
  const profile = (pickText(row, ['profileUrl', 'postUrl']) ?? '').trim().toLowerCase();
  return headerTitles.has(profile) ? 'a header row' : null;
}

/** PhantomBuster activity results (a webhook body, a result file or its `resultObject`). */
export function phantomBusterPostInputs(
  body: unknown,
  options: PhantomBusterOptions = {},
): ParsedPosts {
  const rows = resultRows(body);
  const reading = {
    source: 'phantombuster' as const,
    documentedZone: options.documentedZone ?? phantomBusterDocumentedZone,
    attribution: 'profile' as const,
    now: options.now ?? new Date(),
  };
  const parsed: ParsedPosts = {
    source: 'phantombuster',
    items: rows.length,
    inputs: [],
    dropped: [],
    rejections: [],
  };
  rows.forEach((row, index) => {
    readRow(row, index + 1, reading, parsed);
  });
  return parsed;
}

function readRow(row: DirtyRow, record: number, reading: ItemReading, parsed: ParsedPosts): void {
  if (!row.ok) {
    const reason = `row ${record} of the result cannot be read (${row.reason})`;
    parsed.rejections.push({ record, code: 'unreadable_row', reason, raw: row.raw });
    return;
  }
  const item = asItem(row.value);
  if (!item) {
    parsed.rejections.push({ record, code: 'not_an_object', reason: `row ${record} is no object` });
    return;
  }
  const toolRow = toolRowReason(item);
  if (toolRow) {
    parsed.dropped.push({ record, code: 'tool_row', reason: `row ${record} is ${toolRow}` });
    return;
  }
  const result = readPostItem(item, record, reading);
  if (result.ok) parsed.inputs.push(result.input);
  else parsed.rejections.push(result.rejection);
}
