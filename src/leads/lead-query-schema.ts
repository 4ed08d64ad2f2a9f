import { z } from 'zod';
import { AppError } from '../errors.ts';

export const leadSortFields = ['score', 'name', 'created', 'updated', 'follow-up'] as const;
export type LeadSortField = (typeof leadSortFields)[number];
export type SortDirection = 'asc' | 'desc';

/** The direction a sort takes when the caller names none: best, newest or soonest first. */
export const defaultDirections: Record<LeadSortField, SortDirection> = {
  score: 'desc',
  name: 'asc',
  created: 'desc',
  updated: 'desc',
  'follow-up': 'asc',
};

export const maxLeadPageSize = 1000;

const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const dateOrInstant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/, 'must be a date YYYY-MM-DD or an ISO UTC time');
const score = z.number().min(0).max(100);
const oneOrMany = <T extends z.ZodType>(item: T) => z.array(item).min(1);

/** One schema for every caller of searchLeads: the CLI, the HTTP API and the exports. */
export const leadQuerySchema = z
  .strictObject({
    minScore: score.optional(),
    maxScore: score.optional(),
    scoreStatus: oneOrMany(
      z.enum(['pending', 'scored', 'failed', 'disqualified', 'unqualified']),
    ).optional(),
    connectionStatus: oneOrMany(
      z.enum(['connected', 'pending', 'not_connected', 'unknown']),
    ).optional(),
    /** Added to an invitation campaign (a finalized batch) or, when false, not yet. */
    invited: z.boolean().optional(),
    status: oneOrMany(z.string().min(1)).optional(),
    priority: oneOrMany(z.string().min(1)).optional(),
    /** Every one of these tags. */
    tags: oneOrMany(z.string().min(1)).optional(),
    /** Follow-up on or before this date: pass the client's today for "due". */
    followUpDue: calendarDate.optional(),
    /** Words that must all appear in the name, headline, company, position or about. */
    q: z.string().max(200).optional(),
    createdFrom: dateOrInstant.optional(),
    /** Inclusive: a date covers that whole day. */
    createdTo: dateOrInstant.optional(),
    sort: z.enum(leadSortFields).optional(),
    direction: z.enum(['asc', 'desc']).optional(),
    limit: z.number().int().min(1).max(maxLeadPageSize).optional(),
    cursor: z.string().min(1).nullable().optional(),
    /** Also count every lead that matches (one more query). */
    withTotal: z.boolean().optional(),
  })
  .refine(
    (query) =>
      query.minScore === undefined ||
      query.maxScore === undefined ||
      query.minScore <= query.maxScore,
    {
      message: 'must not be above maxScore',
      path: ['minScore'],
    },
  );

export type LeadQuery = z.infer<typeof leadQuerySchema>;

/** Validates a query from outside; the error names every bad field and `where`. */
export function parseLeadQuery(value: unknown, where: string): LeadQuery {
  const result = leadQuerySchema.safeParse(value);
  if (result.success) return result.data;

  const issues = result.error.issues.map((issue) => ({
    path: issue.path.join('.') || '(query)',
    message: issue.message,
  }));
  const summary = issues.map((issue) => `${issue.path} ${issue.message}`).join('; ');
  throw new AppError('validation_failed', `invalid lead query in ${where}: ${summary}`, { issues });
}
