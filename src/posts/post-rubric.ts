import { z } from 'zod';
import { AppError, type FieldIssue } from '../errors.ts';
import { phraseWords } from '../scoring/text-match.ts';
import { issuesFromZod } from '../scoring/zod-issues.ts';

const text = (what: string) => z.string().trim().min(1, `${what} must not be empty`);

const keywordSchema = text('a keyword').refine((keyword) => phraseWords(keyword).length > 0, {
  message: 'must hold a letter or a digit',
});

const criterionSchema = z.strictObject({
  /** Short stable handle ("P1", "N1"); scorers' answers name criteria by it. */
  id: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_-]{0,15}$/, 'must be a letter then up to 15 letters or digits'),
  label: text('a label'),
  /** A positive criterion makes a post a good opener; a negative one makes it a poor one. */
  kind: z.enum(['positive', 'negative']),
  /** Points a matching post earns (positive) or loses (negative), as a positive number. */
  points: z.number().positive('must be greater than 0').max(100, 'must be at most 100'),
  /** Words or phrases that show the criterion, matched whole, ignoring case and accents. */
  keywords: z.array(keywordSchema).min(1, 'must list at least one keyword'),
  /** What a person (or a model) should look for, in plain words. */
  instructions: z.string().trim().optional(),
  /** Posts (or summaries of posts) that meet the criterion. */
  examples: z.array(text('an example')).default([]),
});

export const postRubricSchema = z
  .strictObject({
    name: text('a name'),
    description: z.string().trim().optional(),
    criteria: z.array(criterionSchema).min(1, 'must list at least one criterion'),
  })
  .superRefine((rubric, context) => {
    const seen = new Set<string>();
    rubric.criteria.forEach((criterion, index) => {
      if (seen.has(criterion.id)) {
        context.addIssue({
          code: 'custom',
          path: ['criteria', index, 'id'],
          message: `"${criterion.id}" is used by an earlier criterion`,
        });
      }
      seen.add(criterion.id);
    });
    if (!rubric.criteria.some((criterion) => criterion.kind === 'positive')) {
      context.addIssue({
        code: 'custom',
        path: ['criteria'],
        message: 'must hold at least one positive criterion',
      });
    }
  });

export type PostRubric = z.output<typeof postRubricSchema>;
export type PostCriterion = PostRubric['criteria'][number];

/** Validates a post rubric read from `where`; the error names every bad field. */
export function parsePostRubric(value: unknown, where: string): PostRubric {
  const result = postRubricSchema.safeParse(value);
  if (result.success) return result.data;

  const issues: FieldIssue[] = issuesFromZod(result.error.issues);
  const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  throw new AppError('rubric_invalid', `invalid post rubric in ${where}: ${summary}`, {
    issues,
    details: { where },
  });
}
