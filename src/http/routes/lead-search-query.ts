import { z } from 'zod';
import type { Client } from '../../clients/client.ts';
import { calendarDateIn } from '../../clock.ts';
import {
  type LeadQuery,
  leadSortFields,
  maxLeadPageSize,
  parseLeadQuery,
} from '../../leads/lead-query-schema.ts';
import {
  calendarDateText,
  dateOrInstantText,
  decimalText,
  wholeNumberText,
} from './text-values.ts';

/** A list in a query string: repeated (`tag=a&tag=b`) or comma-separated (`tag=a,b`). */
function listOf<T extends z.ZodType<unknown, string>>(item: T) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((value) =>
      (Array.isArray(value) ? value : [value])
        .flatMap((part) => part.split(','))
        .map((part) => part.trim())
        .filter((part) => part !== ''),
    )
    .pipe(z.array(item).min(1));
}

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

/** The filters every lead listing takes (search and export). */
const filterShape = {
  minScore: decimalText(0, 100).optional(),
  maxScore: decimalText(0, 100).optional(),
  scoreStatus: listOf(
    z.enum(['pending', 'scored', 'failed', 'disqualified', 'unqualified']),
  ).optional(),
  connectionStatus: listOf(z.enum(['connected', 'pending', 'not_connected', 'unknown'])).optional(),
  invited: flag
    .optional()
    .describe('true: leads added to an invitation campaign (a finalized batch); false: not yet'),
  status: listOf(z.string().min(1)).optional(),
  priority: listOf(z.string().min(1)).optional(),
  tags: listOf(z.string().min(1)).optional().describe('leads carrying every one of these tags'),
  followUpDue: calendarDateText.optional().describe('follow-up on or before this date'),
  due: flag.optional().describe("follow-up due on or before the client's own today"),
  q: z
    .string()
    .max(200, 'must be at most 200 characters')
    .optional()
    .describe('words to find in name, headline, company, about'),
  createdFrom: dateOrInstantText.optional(),
  createdTo: dateOrInstantText.optional().describe('inclusive: a date covers that whole day'),
  sort: z.enum(leadSortFields).optional(),
  direction: z.enum(['asc', 'desc']).optional(),
};

export const leadSearchQuerySchema = z.strictObject({
  ...filterShape,
  limit: wholeNumberText(1, maxLeadPageSize).optional(),
  cursor: z.string().min(1).optional(),
  withTotal: flag.optional(),
});

export const leadExportQuerySchema = z.strictObject({
  ...filterShape,
  format: z.enum(['csv', 'json']).default('csv'),
});

type HttpLeadQuery = Partial<z.output<typeof leadSearchQuerySchema>>;

/** The query string as a lead query; `due` becomes the client's own calendar day. */
export function leadQueryOf(http: HttpLeadQuery, client: Client): LeadQuery {
  const { due, ...rest } = http;
  const query: Record<string, unknown> = Object.fromEntries(
    Object.entries(rest).filter(([, value]) => value !== undefined),
  );
  if (due) query.followUpDue = calendarDateIn(client.timeZone);
  return parseLeadQuery(query, 'the query string');
}
