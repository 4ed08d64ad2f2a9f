import { asItem } from './field-pick.ts';
import type { ParsedPosts } from './post-input.ts';
import { readPostItem } from './post-item.ts';

/**
 * Apify's API and the LinkedIn post actors on it state times in UTC (ISO-8601 with `Z`, epoch
 * milliseconds); a wall-clock time without an offset is read in this zone.
 */
export const apifyDocumentedZone = 'UTC';

export interface ApifyPostsOptions {
  now?: Date;
  documentedZone?: string;
}

/** The items of an Apify dataset from a LinkedIn profile-posts actor, as post inputs. */
export function apifyPostInputs(items: unknown[], options: ApifyPostsOptions = {}): ParsedPosts {
  const reading = {
    source: 'apify' as const,
    documentedZone: options.documentedZone ?? apifyDocumentedZone,
    attribution: 'author' as const,
    now: options.now ?? new Date(),
  };
  const parsed: ParsedPosts = {
    source: 'apify',
    items: items.length,
    inputs: [],
    dropped: [],
    rejections: [],
  };

  items.forEach((value, index) => {
    const record = index + 1;
    const item = asItem(value);
    if (!item) {
      parsed.rejections.push({
        record,
        code: 'not_an_object',
        reason: `item ${record} is no object`,
      });
      return;
    }
    if (typeof item.error === 'string') {
      parsed.dropped.push({ record, code: 'tool_row', reason: `item ${record}: ${item.error}` });
      return;
    }
    const result = readPostItem(item, record, reading);
    if (result.ok) parsed.inputs.push(result.input);
    else parsed.rejections.push(result.rejection);
  });
  return parsed;
}
