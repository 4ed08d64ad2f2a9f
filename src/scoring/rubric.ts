import { z } from 'zod';
import { AppError, type FieldIssue } from '../errors.ts';
import { leadTextFields } from './lead-text.ts';
import { checkAttribute, checkAttributeSet } from './rubric-checks.ts';
import { issuesFromZod } from './zod-issues.ts';

const text = (what: string) => z.string().trim().min(1, `${what} must not be empty`);

/**
 * Points are bounded so that sums and the score's denominator stay ordinary numbers: with
 * 1e308 a sum overflows to Infinity and the score is NaN.
 */
const maxPoints = 1000;
const points = () =>
  z.number().positive('must be greater than 0').max(maxPoints, `must be at most ${maxPoints}`);

const fieldsSchema = z
  .array(z.enum(leadTextFields))
  .min(1, `must name at least one of ${leadTextFields.join(', ')}`);

const signalSchema = z.strictObject({
  /** Words to find in the lead's text, matched whole, ignoring case and accents. */
  phrase: text('a phrase'),
  /** Points it earns (positive attribute) or costs (negative attribute). */
  weight: points(),
  /** Where to look; the attribute's `fields` when absent. */
  fields: fieldsSchema.optional(),
});

const exampleSchema = z.strictObject({
  /** A short description of a profile, as a person would summarise it. */
  profile: text('an example profile'),
  points: z.number().min(-maxPoints).max(maxPoints),
  why: z.string().trim().optional(),
});

const commonShape = {
  /** Short stable handle, such as "A" or "N1"; scorers' answers name attributes by it. */
  id: z
    .string()
    .regex(
      /^[A-Za-z][A-Za-z0-9_-]{0,15}$/,
      'must be a letter then up to 15 letters, digits, "-" or "_" (like "A" or "N1")',
    ),
  label: text('a label'),
  /** What a person (or a model) should look for, in plain words. */
  instructions: text('instructions'),
  signals: z.array(signalSchema).min(1, 'must list at least one signal'),
  /** Phrases that cancel a signal they overlap or directly precede: "former" in "former CFO". */
  exclude: z.array(text('an excluded phrase')).default([]),
  /** Where signals look unless a signal says otherwise. */
  fields: fieldsSchema.default([...leadTextFields]),
  examples: z.array(exampleSchema).default([]),
  /** Points below this mark the lead unqualified. */
  minToQualify: z.number().min(-maxPoints).max(maxPoints).optional(),
};

const positiveSchema = z
  .strictObject({
    kind: z.literal('positive'),
    max: points(),
    /** A bonus counts a quarter of its maximum in the score's denominator. */
    bonus: z.boolean().default(false),
    ...commonShape,
  })
  .superRefine(checkAttribute);

const negativeSchema = z
  .strictObject({
    kind: z.literal('negative'),
    /** Points a full hit takes away, as a positive number. */
    penalty: points(),
    /** Any hit disqualifies the lead, whatever its score. */
    disqualifying: z.boolean().default(false),
    ...commonShape,
  })
  .superRefine(checkAttribute);

export const rubricSchema = z
  .strictObject({
    name: text('a name'),
    description: z.string().trim().optional(),
    attributes: z
      .array(z.discriminatedUnion('kind', [positiveSchema, negativeSchema]))
      .min(1, 'must list at least one attribute'),
  })
  .superRefine((rubric, context) => checkAttributeSet(rubric.attributes, context));

/** A rubric as written in a file or a request, before defaults are filled in. */
export type RubricInput = z.input<typeof rubricSchema>;
export type Rubric = z.output<typeof rubricSchema>;
export type RubricAttribute = Rubric['attributes'][number];
export type PositiveAttribute = Extract<RubricAttribute, { kind: 'positive' }>;
export type NegativeAttribute = Extract<RubricAttribute, { kind: 'negative' }>;
export type RubricSignal = RubricAttribute['signals'][number];

/** The points an attribute can take: 0..max, or −penalty..0. */
export function pointRange(attribute: {
  kind: 'positive' | 'negative';
  max?: number;
  penalty?: number;
}): { min: number; max: number } {
  return attribute.kind === 'positive'
    ? { min: 0, max: attribute.max ?? 0 }
    : { min: -(attribute.penalty ?? 0), max: 0 };
}

function requiredMessage(issue: z.core.$ZodRawIssue): string | undefined {
  return issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : undefined;
}

/** Validates a rubric read from `where` (a file, a request); the error names every bad field. */
export function parseRubric(value: unknown, where: string): Rubric {
  const result = rubricSchema.safeParse(value, { error: requiredMessage });
  if (result.success) return result.data;

  const issues: FieldIssue[] = issuesFromZod(result.error.issues);
  const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  throw new AppError('rubric_invalid', `invalid rubric in ${where}: ${summary}`, {
    issues,
    details: { where },
  });
}
